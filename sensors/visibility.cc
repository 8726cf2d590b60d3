// Copyright sstrack authors.
#include "sensors/visibility.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <thread>

#include "absl/strings/str_cat.h"
#include "astro/bodies/ephemeris.h"
#include "astro/frames/frames.h"
#include "astro/propagation/sgp4/sgp4_batch.h"
#include "astro/time/eop.h"

namespace sstrack::sensors {
namespace {

constexpr double kGolden = 0.6180339887498949;

struct Sample {
  bool observable = false;
  double margin = -1.0;  // sin(el) − sin(lowest) below it, else Evaluation::margin
  double elevation_rad = -M_PI / 2;
};

// One (object, sensor) pair: evaluates at any instant through the grid.
class PairEvaluator {
 public:
  PairEvaluator(const VisibilityGrid& grid, const VisibilityObject& obj, const Sensor& sensor)
      : grid_(grid), obj_(obj), sensor_(sensor) {}
  Evaluation At(const astro::Epoch& t) const {
    Geometry g;
    if (!grid_.GeometryAt(obj_.sgp4, t, &g)) {
      Evaluation e;
      e.failing = Constraint::kPropagation;
      e.elevation_margin_rad = -M_PI;
      return e;
    }
    return Evaluate(sensor_, obj_.signature, g);
  }
  // Bisection on the verdict; returns the observable end of the final bracket
  // and the constraint failing at the other end.
  std::pair<astro::Epoch, Constraint> Edge(astro::Epoch a, astro::Epoch b, bool a_observable,
                                           Constraint failing_hint, double tol) const {
    Constraint failing = failing_hint;  // at the unobservable end
    while (b - a > tol) {
      const astro::Epoch mid = a + 0.5 * (b - a);
      const Evaluation e = At(mid);
      (e.observable() == a_observable ? a : b) = mid;
      if (!e.observable()) failing = e.failing;
    }
    return {a_observable ? a : b, failing};
  }
  // Golden-section search for the largest value of f on [a, b].
  template <typename F>
  std::pair<astro::Epoch, double> Maximize(astro::Epoch a, astro::Epoch b, F f, double tol) const {
    double len = b - a;
    astro::Epoch x1 = a + (1 - kGolden) * len, x2 = a + kGolden * len;
    double f1 = f(At(x1)), f2 = f(At(x2));
    while (len > tol) {
      if (f1 < f2) {
        a = x1;
        x1 = x2;
        f1 = f2;
        len = b - a;
        x2 = a + kGolden * len;
        f2 = f(At(x2));
      } else {
        b = x2;
        x2 = x1;
        f2 = f1;
        len = b - a;
        x1 = a + (1 - kGolden) * len;
        f1 = f(At(x1));
      }
    }
    return f1 > f2 ? std::pair{x1, f1} : std::pair{x2, f2};
  }

 private:
  const VisibilityGrid& grid_;
  const VisibilityObject& obj_;
  const Sensor& sensor_;
};

double Elevation(const Evaluation& e) { return e.pointing.elevation_rad; }

// Windows of one pair from its coarse samples at `times`.
void PairWindows(const VisibilityGrid& grid, const VisibilityObject& obj, const Sensor& sensor,
                 int object_index, int sensor_index, const std::vector<astro::Epoch>& times,
                 const std::vector<Sample>& s, const VisibilityOptions& o,
                 std::vector<VisibilityWindow>* out) {
  const PairEvaluator pe(grid, obj, sensor);
  const double tol = o.edge_tolerance_s;
  const size_t n = s.size();
  VisibilityWindow w;
  w.object = object_index;
  w.sensor = sensor_index;
  bool open = false;
  size_t best = 0;
  auto finish = [&]() {
    // Refine the highest elevation around the best sample inside the window.
    astro::Epoch a = best > 0 ? times[best - 1] : times[0];
    astro::Epoch b = best + 1 < n ? times[best + 1] : times[n - 1];
    if (a < w.start) a = w.start;
    if (b > w.end) b = w.end;
    w.max_elevation_time = a;
    w.max_elevation_rad = Elevation(pe.At(a));
    if (const double el = Elevation(pe.At(b)); el > w.max_elevation_rad) {
      w.max_elevation_time = b;
      w.max_elevation_rad = el;
    }
    if (b - a > 0.1) {
      auto [t, el] = pe.Maximize(a, b, Elevation, 0.05);
      if (el > w.max_elevation_rad) {
        w.max_elevation_time = t;
        w.max_elevation_rad = el;
      }
    }
    if (w.end >= w.start) out->push_back(w);
    open = false;
  };
  for (size_t i = 0; i < n; ++i) {
    if (i == 0) {
      if (s[0].observable) {
        open = true;
        best = 0;
        w.start = times[0];
        w.start_reason = Constraint::kSpanStart;
      }
      continue;
    }
    if (s[i].observable && !s[i - 1].observable) {
      const Evaluation before = pe.At(times[i - 1]);
      auto [t, why] = pe.Edge(times[i - 1], times[i], false, before.failing, tol);
      open = true;
      best = i;
      w.start = t;
      w.start_reason = why;
    } else if (!s[i].observable && s[i - 1].observable) {
      const Evaluation after = pe.At(times[i]);
      auto [t, why] = pe.Edge(times[i - 1], times[i], true, after.failing, tol);
      w.end = t;
      w.end_reason = why;
      finish();
    } else if (!s[i].observable && i + 1 < n && !s[i + 1].observable &&
               !s[i - 1].observable) {
      // A pass between samples? The parabola through the three margins.
      const double m0 = s[i - 1].margin, m1 = s[i].margin, m2 = s[i + 1].margin;
      if (m1 >= 0 || m1 < m0 || m1 < m2 || m1 < -0.1) continue;
      const double curv = m0 - 2 * m1 + m2;  // ≤ 0 at a maximum
      const double peak = curv < 0 ? m1 - (m2 - m0) * (m2 - m0) / (8 * curv) : m1;
      if (peak < -0.02) continue;
      auto [tmax, margin] = pe.Maximize(
          times[i - 1], times[i + 1],
          [](const Evaluation& e) {
            return e.failing == Constraint::kPropagation ? -M_PI : e.margin;
          },
          0.1 * tol);
      const Evaluation at_max = pe.At(tmax);
      if (margin < 0 || !at_max.observable()) continue;
      const Evaluation left = pe.At(times[i - 1]);
      auto [t0, why0] = pe.Edge(times[i - 1], tmax, false, left.failing, tol);
      const Evaluation right = pe.At(times[i + 1]);
      auto [t1, why1] = pe.Edge(tmax, times[i + 1], true, right.failing, tol);
      w.start = t0;
      w.start_reason = why0;
      w.end = t1;
      w.end_reason = why1;
      w.max_elevation_time = tmax;
      w.max_elevation_rad = Elevation(at_max);
      if (t1 >= t0) out->push_back(w);
    }
    if (open && s[i].observable && s[i].elevation_rad > s[best].elevation_rad) best = i;
  }
  if (open) {
    w.end = times[n - 1];
    w.end_reason = Constraint::kSpanEnd;
    finish();
  }
}

}  // namespace

absl::Status VisibilityOptions::Validate() const {
  if (!(base_step_s > 0 && base_step_s <= 600)) {
    return absl::InvalidArgumentError(
        absl::StrCat("visibility base_step_s = ", base_step_s, ": must be in (0, 600]"));
  }
  if (!(samples_per_orbit >= 8)) {
    return absl::InvalidArgumentError(
        absl::StrCat("visibility samples_per_orbit = ", samples_per_orbit, ": must be >= 8"));
  }
  if (!(max_step_s >= base_step_s)) {
    return absl::InvalidArgumentError(absl::StrCat("visibility max_step_s = ", max_step_s,
                                                   ": must be >= base_step_s"));
  }
  if (!(edge_tolerance_s > 0 && edge_tolerance_s <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "visibility edge_tolerance_s = ", edge_tolerance_s, ": must be in (0, 1]"));
  }
  if (threads < 1 || block_size < 1) {
    return absl::InvalidArgumentError("visibility threads and block_size must be >= 1");
  }
  return absl::OkStatus();
}

absl::StatusOr<VisibilityGrid> VisibilityGrid::Create(const astro::Epoch& start,
                                                      const astro::Epoch& end,
                                                      const VisibilityOptions& o) {
  if (absl::Status s = o.Validate(); !s.ok()) return s;
  if (!(end > start)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "empty or inverted span: end is ", end - start, " s after start (must be > 0)"));
  }
  if (end - start > 31 * 86400.0) {
    return absl::InvalidArgumentError("visibility span longer than 31 days");
  }
  VisibilityGrid g;
  g.start_ = start;
  g.end_ = end;
  g.step_s_ = o.base_step_s;
  g.eop_ = o.eop.has_value() ? *o.eop : astro::ZeroEop(start);
  const astro::AnalyticEphemeris eph;
  const int n = static_cast<int>(std::ceil((end - start) / o.base_step_s - 1e-9));
  for (int i = 0; i <= n; ++i) {
    const astro::Epoch t = i == n ? end : start + i * o.base_step_s;
    g.times_.push_back(t);
    g.teme_to_itrf_.push_back(astro::TemeToItrfMatrix(t, g.eop_));
    const Eigen::Matrix3d c2t = astro::GcrfToItrfMatrix(t, g.eop_);
    g.sun_.push_back(c2t * eph.SunGcrf(t));
    g.moon_.push_back(c2t * eph.MoonGcrf(t));
  }
  return g;
}

bool VisibilityGrid::GeometryAt(const astro::Sgp4& sgp4, const astro::Epoch& t,
                                Geometry* g) const {
  const astro::Sgp4State s = sgp4.PropagateTo(t);
  const double x = (t - start_) / step_s_;
  const size_t last = times_.size() - 1;
  size_t i = x <= 0 ? 0 : std::min(static_cast<size_t>(x), last - 1);
  const double f = std::clamp((t - times_[i]) / (times_[i + 1] - times_[i]), 0.0, 1.0);
  g->sun_itrf_m = (1 - f) * sun_[i] + f * sun_[i + 1];
  g->moon_itrf_m = (1 - f) * moon_[i] + f * moon_[i + 1];
  if (s.error != astro::Sgp4Error::kNone) {
    g->object_itrf_m.setZero();
    return false;
  }
  g->object_itrf_m = astro::TemeToItrfMatrix(t, eop_) * s.position_teme_m;
  return true;
}

absl::StatusOr<std::vector<VisibilityWindow>> ComputeVisibility(
    std::span<const VisibilityObject> objects, std::span<const Sensor> sensors,
    const astro::Epoch& start, const astro::Epoch& end, const VisibilityOptions& o) {
  absl::StatusOr<VisibilityGrid> grid_or = VisibilityGrid::Create(start, end, o);
  if (!grid_or.ok()) return grid_or.status();
  const VisibilityGrid& grid = *grid_or;
  const size_t nodes = grid.num_nodes();
  // Per sensor: the Sun's elevation at each node (optical) and the sine of
  // its lowest usable elevation.
  std::vector<std::vector<double>> sun_el(sensors.size());
  std::vector<double> sin_low(sensors.size());
  for (size_t k = 0; k < sensors.size(); ++k) {
    sin_low[k] = std::sin(sensors[k].lowest_elevation_rad());
    for (size_t i = 0; i < nodes; ++i) {
      sun_el[k].push_back(SunElevationAt(sensors[k], grid.sun_itrf(i)));
    }
  }
  // Node stride of each object, then blocks of objects with equal stride.
  std::vector<int> stride(objects.size());
  for (size_t j = 0; j < objects.size(); ++j) {
    const double period_s = 2 * M_PI / objects[j].sgp4.elements().mean_motion_rad_per_min * 60;
    const double step = std::clamp(period_s / o.samples_per_orbit, o.base_step_s, o.max_step_s);
    stride[j] = std::max(1, static_cast<int>(step / o.base_step_s));
  }
  std::vector<size_t> order(objects.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return stride[a] < stride[b]; });
  std::vector<std::pair<size_t, size_t>> blocks;  // [begin, end) in `order`
  for (size_t b = 0; b < order.size();) {
    size_t e = b;
    while (e < order.size() && e - b < static_cast<size_t>(o.block_size) &&
           stride[order[e]] == stride[order[b]]) {
      ++e;
    }
    blocks.push_back({b, e});
    b = e;
  }
  std::atomic<size_t> next{0};
  std::vector<std::vector<VisibilityWindow>> results(static_cast<size_t>(o.threads));
  auto work = [&](int thread) {
    std::vector<VisibilityWindow>& out = results[static_cast<size_t>(thread)];
    astro::Sgp4BatchResult r;
    std::vector<Sample> samples;
    for (size_t bi = next++; bi < blocks.size(); bi = next++) {
      const auto [b, e] = blocks[bi];
      const int k = stride[order[b]];
      std::vector<size_t> node_of;
      for (size_t i = 0; i < nodes; i += static_cast<size_t>(k)) node_of.push_back(i);
      if (node_of.back() != nodes - 1) node_of.push_back(nodes - 1);
      std::vector<astro::Epoch> times;
      for (size_t i : node_of) times.push_back(grid.time(i));
      std::vector<astro::Sgp4> sats;
      for (size_t q = b; q < e; ++q) sats.push_back(objects[order[q]].sgp4);
      astro::Sgp4Batch::Create(sats).PropagateTo(times, &r);
      for (size_t q = b; q < e; ++q) {
        const size_t j = order[q];
        for (size_t sk = 0; sk < sensors.size(); ++sk) {
          const Sensor& sensor = sensors[sk];
          const bool optical = sensor.type() == SensorType::kOptical;
          const astro::GroundSite& site = sensor.site();
          samples.assign(times.size(), Sample{});
          bool any_close = false;
          for (size_t ti = 0; ti < times.size(); ++ti) {
            const size_t idx = r.Index(ti, q - b);
            Sample& smp = samples[ti];
            if (r.error[idx] != astro::Sgp4Error::kNone &&
                r.error[idx] != astro::Sgp4Error::kDecayed) {
              smp.margin = -2.0;
              continue;
            }
            const Eigen::Vector3d teme(r.x_m[idx], r.y_m[idx], r.z_m[idx]);
            const Eigen::Vector3d itrf = grid.teme_to_itrf(node_of[ti]) * teme;
            const Eigen::Vector3d rho = itrf - site.position_itrf_m;
            const double sin_el = site.itrf_to_enu.row(2).dot(rho) / rho.norm();
            smp.margin = sin_el - sin_low[sk];
            if (smp.margin > -0.1) any_close = true;
            if (smp.margin < 0) continue;
            if (optical) {
              const double sun_margin =
                  sensor.spec().optical.max_sun_elevation_rad - sun_el[sk][node_of[ti]];
              if (sun_margin < 0) {
                smp.margin = std::min(smp.margin, sun_margin);
                continue;
              }
            }
            const Geometry g{itrf, grid.sun_itrf(node_of[ti]), grid.moon_itrf(node_of[ti])};
            const Evaluation ev = Evaluate(sensor, objects[j].signature, g, sun_el[sk][node_of[ti]]);
            smp.observable = ev.observable();
            smp.elevation_rad = ev.pointing.elevation_rad;
            smp.margin = ev.margin;
          }
          if (!any_close) continue;
          PairWindows(grid, objects[j], sensor, static_cast<int>(j), static_cast<int>(sk), times,
                      samples, o, &out);
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < o.threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& t : pool) t.join();
  std::vector<VisibilityWindow> all;
  for (auto& v : results) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end(), [](const VisibilityWindow& a, const VisibilityWindow& b) {
    if (a.sensor != b.sensor) return a.sensor < b.sensor;
    if (a.start != b.start) return a.start < b.start;
    return a.object < b.object;
  });
  return all;
}

}  // namespace sstrack::sensors
