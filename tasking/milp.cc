// Copyright sstrack authors.
#include "tasking/milp.h"

#include <Cbc_C_Interface.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "tasking/value.h"

namespace sstrack::tasking {

absl::StatusOr<MilpResult> SolveExact(const Problem& p, const MilpOptions& o) {
  const int n = static_cast<int>(p.candidates.size());
  std::unique_ptr<Cbc_Model, void (*)(Cbc_Model*)> m(Cbc_newModel(), Cbc_deleteModel);
  Cbc_setLogLevel(m.get(), 0);
  Cbc_setObjSense(m.get(), -1.0);  // maximize
  Cbc_setMaximumSeconds(m.get(), o.time_limit_s);
  std::vector<bool> locked(static_cast<size_t>(n), false);
  for (int i : o.locked) locked[static_cast<size_t>(i)] = true;
  // Columns: x_c (0 … n−1), then a_ck.
  for (int c = 0; c < n; ++c) {
    const double lb = locked[static_cast<size_t>(c)] ? 1.0 : 0.0;
    Cbc_addCol(m.get(), absl::StrCat("x", c).c_str(), lb, 1.0, 0.0, 1, 0, nullptr, nullptr);
  }
  std::vector<std::vector<std::pair<int, int>>> rank_cols(p.requested_tracks.size());  // (k, col)
  int col = n;
  for (int c = 0; c < n; ++c) {
    const Candidate& x = p.candidates[static_cast<size_t>(c)];
    const int req = p.requested_tracks[static_cast<size_t>(x.object)];
    std::vector<int> idx = {c};
    std::vector<double> coef = {-1.0};
    for (int k = 1; k <= req; ++k) {
      Cbc_addCol(m.get(), absl::StrCat("a", c, "_", k).c_str(), 0.0, 1.0,
                 RankFactor(k, req) * x.value, 0, 0, nullptr, nullptr);
      rank_cols[static_cast<size_t>(x.object)].push_back({k, col});
      idx.push_back(col++);
      coef.push_back(1.0);
    }
    Cbc_addRow(m.get(), absl::StrCat("rank", c).c_str(), static_cast<int>(idx.size()), idx.data(),
               coef.data(), 'L', 0.0);
  }
  for (size_t obj = 0; obj < rank_cols.size(); ++obj) {
    for (int k = 1; k <= p.requested_tracks[obj]; ++k) {
      std::vector<int> idx;
      for (auto [kk, cc] : rank_cols[obj]) {
        if (kk == k) idx.push_back(cc);
      }
      if (idx.size() < 2) continue;
      std::vector<double> ones(idx.size(), 1.0);
      Cbc_addRow(m.get(), absl::StrCat("obj", obj, "_", k).c_str(), static_cast<int>(idx.size()),
                 idx.data(), ones.data(), 'L', 1.0);
    }
  }
  std::vector<std::vector<int>> of_sensor(p.sensors.size());
  for (int c = 0; c < n; ++c) of_sensor[static_cast<size_t>(p.candidates[static_cast<size_t>(c)].sensor)].push_back(c);
  for (size_t s = 0; s < of_sensor.size(); ++s) {
    const std::vector<int>& v = of_sensor[s];
    for (size_t i = 0; i < v.size(); ++i) {
      for (size_t j = i + 1; j < v.size(); ++j) {
        if (p.Compatible(p.candidates[static_cast<size_t>(v[i])],
                         p.candidates[static_cast<size_t>(v[j])])) {
          continue;
        }
        int idx[2] = {v[i], v[j]};
        double one[2] = {1.0, 1.0};
        Cbc_addRow(m.get(), "c", 2, idx, one, 'L', 1.0);
      }
    }
    const int cap = p.sensors[s].spec().max_tasks_per_night;
    if (cap > 0 && static_cast<int>(v.size()) > cap) {
      std::vector<double> ones(v.size(), 1.0);
      Cbc_addRow(m.get(), absl::StrCat("cap", s).c_str(), static_cast<int>(v.size()), v.data(),
                 ones.data(), 'L', cap);
    }
  }
  const int rc = Cbc_solve(m.get());
  if (Cbc_isProvenInfeasible(m.get())) {
    return absl::FailedPreconditionError("the exact plan is infeasible (conflicting locked tasks)");
  }
  const double* sol = Cbc_getColSolution(m.get());
  if (sol == nullptr) return absl::InternalError(absl::StrCat("CBC returned no solution (", rc, ")"));
  MilpResult r;
  for (int c = 0; c < n; ++c) {
    if (sol[c] > 0.5) r.chosen.push_back(c);
  }
  r.objective = p.Objective(r.chosen);
  r.proven_optimal = Cbc_isProvenOptimal(m.get()) != 0;
  r.best_bound = r.proven_optimal ? r.objective : Cbc_getBestPossibleObjValue(m.get());
  return r;
}

}  // namespace sstrack::tasking
