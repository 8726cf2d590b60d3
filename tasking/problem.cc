// Copyright sstrack authors.
#include "tasking/problem.h"

#include <algorithm>
#include <functional>
#include <map>

#include "absl/strings/str_cat.h"
#include "tasking/value.h"

namespace sstrack::tasking {

bool Problem::Compatible(const Candidate& a, const Candidate& b) const {
  if (a.sensor != b.sensor) return true;
  if (a.window == b.window) return false;
  const Candidate& first = a.start_s <= b.start_s ? a : b;
  const Candidate& second = a.start_s <= b.start_s ? b : a;
  const sensors::Sensor& s = sensors[static_cast<size_t>(a.sensor)];
  return first.end_s + s.SlewTime(first.at_end, second.at_start) <= second.start_s + 1e-9;
}

double ObjectValue(std::vector<double>& values, int requested) {
  std::sort(values.begin(), values.end(), std::greater<double>());
  double sum = 0;
  for (size_t k = 0; k < values.size(); ++k) {
    sum += RankFactor(static_cast<int>(k) + 1, requested) * values[k];
  }
  return sum;
}

double Problem::Objective(const std::vector<int>& chosen) const {
  std::map<int, std::vector<double>> by_object;
  for (int c : chosen) {
    const Candidate& x = candidates[static_cast<size_t>(c)];
    by_object[x.object].push_back(x.value);
  }
  double sum = 0;
  for (auto& [obj, v] : by_object) sum += ObjectValue(v, requested_tracks[static_cast<size_t>(obj)]);
  return sum;
}

std::string Problem::CheckFeasible(const std::vector<int>& chosen) const {
  std::map<int, int> per_sensor;
  for (size_t i = 0; i < chosen.size(); ++i) {
    const Candidate& a = candidates[static_cast<size_t>(chosen[i])];
    const int cap = sensors[static_cast<size_t>(a.sensor)].spec().max_tasks_per_night;
    if (cap > 0 && ++per_sensor[a.sensor] > cap) {
      return absl::StrCat("sensor ", a.sensor, " over its ", cap, " tasks");
    }
    for (size_t j = i + 1; j < chosen.size(); ++j) {
      if (chosen[i] == chosen[j]) return absl::StrCat("candidate ", chosen[i], " twice");
      if (!Compatible(a, candidates[static_cast<size_t>(chosen[j])])) {
        return absl::StrCat("candidates ", chosen[i], " and ", chosen[j], " conflict");
      }
    }
  }
  return "";
}

}  // namespace sstrack::tasking
