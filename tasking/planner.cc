// Copyright sstrack authors.
#include "tasking/planner.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace sstrack::tasking {

Problem BuildProblem(const std::vector<PlanObject>& objects,
                     std::span<const sensors::VisibilityObject> vis,
                     const std::vector<sensors::Sensor>& sensor_list,
                     const std::vector<std::pair<astro::Epoch, astro::Epoch>>& spans,
                     const std::vector<sensors::VisibilityWindow>& windows,
                     const sensors::VisibilityGrid& grid, const PlannerOptions& o) {
  Problem p;
  p.origin = grid.start();
  p.sensors = sensor_list;
  for (const PlanObject& obj : objects) p.requested_tracks.push_back(RequestedTracks(obj.category));
  int window_id = 0;
  for (const sensors::VisibilityWindow& w : windows) {
    const sensors::Sensor& sensor = sensor_list[static_cast<size_t>(w.sensor)];
    const sensors::SensorSpec& spec = sensor.spec();
    const astro::Epoch a = std::max(w.start, spans[static_cast<size_t>(w.sensor)].first);
    const astro::Epoch b = std::min(w.end, spans[static_cast<size_t>(w.sensor)].second);
    const double d = spec.track_duration_s;
    if (b - a < d) continue;
    const PlanObject& obj = objects[static_cast<size_t>(w.object)];
    const sensors::VisibilityObject& vo = vis[static_cast<size_t>(w.object)];
    const int starts = std::max(1, std::min(o.max_starts_per_window,
                                            1 + static_cast<int>((b - a - d) / d)));
    for (int k = 0; k < starts; ++k) {
      const double off = starts == 1 ? 0.0 : (b - a - d) * k / (starts - 1);
      const astro::Epoch t0 = a + off, t1 = t0 + d, tm = t0 + 0.5 * d;
      sensors::Geometry g0, g1, gm;
      if (!grid.GeometryAt(vo.sgp4, t0, &g0) || !grid.GeometryAt(vo.sgp4, t1, &g1) ||
          !grid.GeometryAt(vo.sgp4, tm, &gm)) {
        continue;
      }
      const sensors::Evaluation e0 = sensors::Evaluate(sensor, vo.signature, g0);
      const sensors::Evaluation e1 = sensors::Evaluate(sensor, vo.signature, g1);
      const sensors::Evaluation em = sensors::Evaluate(sensor, vo.signature, gm);
      Candidate c;
      c.object = w.object;
      c.sensor = w.sensor;
      c.window = window_id;
      c.start_s = t0 - p.origin;
      c.end_s = t1 - p.origin;
      c.at_start = e0.pointing;
      c.at_end = e1.pointing;
      c.magnitude = em.magnitude;
      c.snr_db = em.snr_db;
      const double age_s = tm - vo.sgp4.elements().epoch;
      const double n_rad_s = vo.sgp4.elements().mean_motion_rad_per_min / 60.0;
      const double cov_age_s = obj.covariance_epoch ? tm - *obj.covariance_epoch : age_s;
      c.sigma_pred_m = obj.in_track_sigma_m ? *obj.in_track_sigma_m
                       : obj.covariance_ric
                           ? InTrackSigmaFromCovariance(*obj.covariance_ric, n_rad_s, cov_age_s)
                           : InTrackSigmaByAge(age_s, vo.sgp4.deep_space(), o.age_model);
      c.sigma_post_m = PostTrackSigma(spec.noise.angle_rad, spec.noise.range_m,
                                      sensors::IsRadar(spec.type), em.range_m,
                                      spec.observations_per_track);
      c.value = TrackValue({obj.category, obj.days_since_last_track, c.sigma_pred_m,
                            c.sigma_post_m});
      p.candidates.push_back(c);
    }
    ++window_id;
  }
  return p;
}

PlanMetrics ComputeMetrics(const Problem& p, const std::vector<int>& chosen,
                           const std::vector<PlanObject>& objects,
                           const std::vector<std::pair<astro::Epoch, astro::Epoch>>& spans) {
  PlanMetrics m;
  m.tasks = static_cast<int>(chosen.size());
  m.objective = p.Objective(chosen);
  std::set<int> with_candidates;
  for (const Candidate& c : p.candidates) with_candidates.insert(c.object);
  std::map<int, std::vector<const Candidate*>> by_object;
  std::vector<std::vector<const Candidate*>> by_sensor(p.sensors.size());
  for (int i : chosen) {
    const Candidate& c = p.candidates[static_cast<size_t>(i)];
    by_object[c.object].push_back(&c);
    by_sensor[static_cast<size_t>(c.sensor)].push_back(&c);
  }
  m.unique_objects = static_cast<int>(by_object.size());
  for (size_t i = 0; i < objects.size(); ++i) {
    if (objects[i].category > 2) continue;
    ++m.category12_objects;
    m.category12_with_candidates += with_candidates.count(static_cast<int>(i)) > 0;
    m.category12_tasked += by_object.count(static_cast<int>(i)) > 0;
  }
  for (size_t s = 0; s < p.sensors.size(); ++s) {
    auto& v = by_sensor[s];
    std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->start_s < b->start_s; });
    double busy = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      busy += v[i]->end_s - v[i]->start_s;
      if (i > 0) busy += p.sensors[s].SlewTime(v[i - 1]->at_end, v[i]->at_start);
    }
    const double night = spans[s].second - spans[s].first;
    m.utilization.push_back(night > 0 ? busy / night : 0.0);
  }
  for (auto& [obj, v] : by_object) {
    std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->start_s < b->start_s; });
    double sigma = v.front()->sigma_pred_m;
    for (const Candidate* c : v) {
      m.information_bits += InformationGainBits(sigma, c->sigma_post_m);
      sigma = 1.0 / std::sqrt(1.0 / (sigma * sigma) + 1.0 / (c->sigma_post_m * c->sigma_post_m));
    }
    m.sigma_reduction_km += (v.front()->sigma_pred_m - sigma) / 1e3;
  }
  return m;
}

}  // namespace sstrack::tasking
