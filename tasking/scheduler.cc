// Copyright sstrack authors.
#include "tasking/scheduler.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>
#include <queue>

namespace sstrack::tasking {
namespace {

using Clock = std::chrono::steady_clock;

class State {
 public:
  explicit State(const Problem& p) : p_(p) {
    const size_t n = p.candidates.size();
    chosen_.assign(n, false);
    locked_.assign(n, false);
    allowed_.assign(n, true);
    values_.resize(p.requested_tracks.size());
    by_sensor_.resize(p.sensors.size());
    count_.assign(p.sensors.size(), 0);
    int max_window = 0;
    for (const Candidate& c : p.candidates) max_window = std::max(max_window, c.window);
    window_.assign(static_cast<size_t>(max_window) + 1, -1);
    reach_.assign(p.sensors.size(), 0.0);
    for (const Candidate& c : p.candidates) {
      const double d = c.end_s - c.start_s + p.sensors[static_cast<size_t>(c.sensor)].MaxSlewTime();
      reach_[static_cast<size_t>(c.sensor)] = std::max(reach_[static_cast<size_t>(c.sensor)], d);
    }
  }

  const Candidate& C(int i) const { return p_.candidates[static_cast<size_t>(i)]; }
  bool chosen(int i) const { return chosen_[static_cast<size_t>(i)]; }
  bool locked(int i) const { return locked_[static_cast<size_t>(i)]; }
  bool allowed(int i) const { return allowed_[static_cast<size_t>(i)]; }
  void Disallow(int i) { allowed_[static_cast<size_t>(i)] = false; }
  void Lock(int i) { locked_[static_cast<size_t>(i)] = true; }
  double objective() const { return objective_; }

  double ObjValue(int object, const std::vector<double>& v) const {
    std::vector<double> copy = v;
    return ObjectValue(copy, p_.requested_tracks[static_cast<size_t>(object)]);
  }
  double Gain(int i) const {
    const Candidate& c = C(i);
    const std::vector<double>& v = values_[static_cast<size_t>(c.object)];
    std::vector<double> more = v;
    more.push_back(c.value);
    return ObjValue(c.object, more) - ObjValue(c.object, v);
  }
  // Chosen tasks that exclude candidate i.
  std::vector<int> Conflicts(int i) const {
    const Candidate& c = C(i);
    std::vector<int> out;
    const auto& m = by_sensor_[static_cast<size_t>(c.sensor)];
    const double r = reach_[static_cast<size_t>(c.sensor)];
    for (auto it = m.lower_bound(c.start_s - r); it != m.end() && it->first <= c.end_s + r; ++it) {
      if (!p_.Compatible(c, C(it->second))) out.push_back(it->second);
    }
    const int w = window_[static_cast<size_t>(c.window)];
    if (w >= 0 && std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
    return out;
  }
  bool AtCapacity(int sensor) const {
    const int cap = p_.sensors[static_cast<size_t>(sensor)].spec().max_tasks_per_night;
    return cap > 0 && count_[static_cast<size_t>(sensor)] >= cap;
  }
  bool Fits(int i) const { return allowed(i) && !AtCapacity(C(i).sensor) && Conflicts(i).empty(); }

  void Add(int i) {
    const Candidate& c = C(i);
    std::vector<double>& v = values_[static_cast<size_t>(c.object)];
    const double before = ObjValue(c.object, v);
    v.push_back(c.value);
    objective_ += ObjValue(c.object, v) - before;
    chosen_[static_cast<size_t>(i)] = true;
    by_sensor_[static_cast<size_t>(c.sensor)].emplace(c.start_s, i);
    ++count_[static_cast<size_t>(c.sensor)];
    window_[static_cast<size_t>(c.window)] = i;
  }
  void Remove(int i) {
    const Candidate& c = C(i);
    std::vector<double>& v = values_[static_cast<size_t>(c.object)];
    const double before = ObjValue(c.object, v);
    v.erase(std::find(v.begin(), v.end(), c.value));
    objective_ += ObjValue(c.object, v) - before;
    chosen_[static_cast<size_t>(i)] = false;
    auto& m = by_sensor_[static_cast<size_t>(c.sensor)];
    for (auto [it, end] = m.equal_range(c.start_s); it != end; ++it) {
      if (it->second == i) {
        m.erase(it);
        break;
      }
    }
    --count_[static_cast<size_t>(c.sensor)];
    window_[static_cast<size_t>(c.window)] = -1;
  }
  // Lazy greedy over `pool`; returns the candidates added.
  std::vector<int> Greedy(const std::vector<int>& pool) {
    std::priority_queue<std::pair<double, int>> q;
    for (int i : pool) {
      if (allowed(i) && !chosen(i) && C(i).value > 0) q.push({Gain(i), i});
    }
    std::vector<int> added;
    while (!q.empty()) {
      auto [g, i] = q.top();
      q.pop();
      if (chosen(i)) continue;
      const double now = Gain(i);
      if (now <= 1e-12) continue;
      if (!q.empty() && now < q.top().first - 1e-12) {
        q.push({now, i});
        continue;
      }
      if (Fits(i)) {
        Add(i);
        added.push_back(i);
      }
    }
    return added;
  }
  std::vector<int> Chosen() const {
    std::vector<int> out;
    for (const auto& m : by_sensor_) {
      for (const auto& [t, i] : m) out.push_back(i);
    }
    return out;
  }
  // Candidates of the same sensor near [a, b], and of the given objects.
  std::vector<int> Neighbourhood(int sensor, double a, double b, const std::vector<int>& objects,
                                 const std::vector<std::vector<int>>& by_object,
                                 const std::vector<std::vector<int>>& by_sensor_sorted) const {
    std::vector<int> out;
    const double r = reach_[static_cast<size_t>(sensor)];
    const auto& v = by_sensor_sorted[static_cast<size_t>(sensor)];
    auto it = std::lower_bound(v.begin(), v.end(), a - r,
                               [&](int i, double t) { return C(i).start_s < t; });
    for (; it != v.end() && C(*it).start_s <= b + r; ++it) out.push_back(*it);
    for (int o : objects) {
      const auto& w = by_object[static_cast<size_t>(o)];
      out.insert(out.end(), w.begin(), w.end());
    }
    return out;
  }

 private:
  const Problem& p_;
  std::vector<bool> chosen_, locked_, allowed_;
  std::vector<std::vector<double>> values_;
  std::vector<std::multimap<double, int>> by_sensor_;
  std::vector<int> count_;
  std::vector<int> window_;
  std::vector<double> reach_;
  double objective_ = 0.0;
};

}  // namespace

std::vector<int> Schedule(const Problem& p, const ScheduleRequest& req,
                          const SchedulerOptions& o, ScheduleSummary* summary) {
  const auto t0 = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
  State s(p);
  const int n = static_cast<int>(p.candidates.size());
  for (int i = 0; i < n; ++i) {
    const Candidate& c = p.candidates[static_cast<size_t>(i)];
    const bool offline = !req.sensor_offline.empty() &&
                         req.sensor_offline[static_cast<size_t>(c.sensor)];
    if (offline || c.start_s < req.not_before_s) s.Disallow(i);
  }
  for (int i : req.excluded) s.Disallow(i);
  for (int i : req.locked) {
    s.Add(i);
    s.Lock(i);
  }
  for (int i : req.initial) {
    if (!s.chosen(i) && s.Fits(i)) s.Add(i);
  }
  std::vector<int> all(static_cast<size_t>(n));
  std::iota(all.begin(), all.end(), 0);
  s.Greedy(all);
  ScheduleSummary sum;
  sum.greedy_objective = s.objective();
  // Indexes for the neighbourhoods of the improvement moves.
  std::vector<std::vector<int>> by_object(p.requested_tracks.size()), by_sensor(p.sensors.size());
  for (int i = 0; i < n; ++i) {
    if (!s.allowed(i)) continue;
    by_object[static_cast<size_t>(p.candidates[static_cast<size_t>(i)].object)].push_back(i);
    by_sensor[static_cast<size_t>(p.candidates[static_cast<size_t>(i)].sensor)].push_back(i);
  }
  for (auto& v : by_sensor) {
    std::sort(v.begin(), v.end(), [&](int a, int b) {
      return p.candidates[static_cast<size_t>(a)].start_s < p.candidates[static_cast<size_t>(b)].start_s;
    });
  }
  std::vector<int> order = all;
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return p.candidates[static_cast<size_t>(a)].value > p.candidates[static_cast<size_t>(b)].value;
  });
  for (int pass = 0; pass < o.improvement_passes && elapsed() < o.time_limit_s; ++pass) {
    int gained = 0;
    for (size_t q = 0; q < order.size(); ++q) {
      if ((q & 1023) == 0 && elapsed() > o.time_limit_s) break;
      const int i = order[q];
      if (s.chosen(i) || !s.allowed(i) || p.candidates[static_cast<size_t>(i)].value <= 0) continue;
      if (s.Gain(i) <= 1e-12) continue;
      const std::vector<int> k = s.Conflicts(i);
      if (k.empty() && !s.AtCapacity(p.candidates[static_cast<size_t>(i)].sensor)) {
        s.Add(i);  // became free after an earlier move
        ++gained;
        continue;
      }
      if (k.empty() || static_cast<int>(k.size()) > o.max_swap_out) continue;
      if (std::any_of(k.begin(), k.end(), [&](int j) { return s.locked(j); })) continue;
      const double before = s.objective();
      for (int j : k) s.Remove(j);
      if (!s.Fits(i)) {
        for (int j : k) s.Add(j);
        continue;
      }
      s.Add(i);
      const Candidate& c = p.candidates[static_cast<size_t>(i)];
      double a = c.start_s, b = c.end_s;
      std::vector<int> objects;
      for (int j : k) {
        a = std::min(a, p.candidates[static_cast<size_t>(j)].start_s);
        b = std::max(b, p.candidates[static_cast<size_t>(j)].end_s);
        objects.push_back(p.candidates[static_cast<size_t>(j)].object);
      }
      const std::vector<int> pool = s.Neighbourhood(c.sensor, a, b, objects, by_object, by_sensor);
      const std::vector<int> refill = s.Greedy(pool);
      if (s.objective() > before + 1e-9) {
        ++gained;
        continue;
      }
      // Undo: back to the plan before the move.
      for (int j : refill) s.Remove(j);
      s.Remove(i);
      for (int j : k) s.Add(j);
    }
    sum.improvements += gained;
    if (gained == 0) break;
  }
  sum.objective = s.objective();
  sum.seconds = elapsed();
  if (summary != nullptr) *summary = sum;
  return s.Chosen();
}

}  // namespace sstrack::tasking
