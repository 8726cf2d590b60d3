// Copyright sstrack authors.
//
// tasking/milp.h — the exact plan of a small night (problem.h) as a
// mixed-integer linear program, solved by COIN-OR CBC; it measures the
// heuristic's optimality gap.
//
//   max  Σ_c Σ_k r(k, n_obj(c)) V_c a_ck
//   s.t. Σ_k a_ck ≤ x_c                          (a candidate takes one rank)
//        Σ_{c of object i} a_ck ≤ 1   ∀ i, k     (one task per rank)
//        x_a + x_b ≤ 1                ∀ incompatible a, b on a sensor
//        Σ_{c of sensor s} x_c ≤ max_tasks(s)
//        x_c ∈ {0, 1}, a_ck ∈ [0, 1];  x_c = 1 for locked candidates.
// With r decreasing in k the optimum gives the largest values the first
// ranks (rearrangement), so the objective equals Problem::Objective; for
// fixed x the a-part is a transportation problem with integral vertices.
// Pairwise conflicts are enumerated: meant for instances of up to a few
// thousand candidates.
#ifndef SSTRACK_TASKING_MILP_H_
#define SSTRACK_TASKING_MILP_H_

#include <vector>

#include "absl/status/statusor.h"
#include "tasking/problem.h"

namespace sstrack::tasking {

struct MilpOptions {
  double time_limit_s = 60.0;
  std::vector<int> locked;
};

struct MilpResult {
  std::vector<int> chosen;
  double objective = 0.0;
  double best_bound = 0.0;  // upper bound on the optimum
  bool proven_optimal = false;
};

absl::StatusOr<MilpResult> SolveExact(const Problem& problem, const MilpOptions& options = {});

}  // namespace sstrack::tasking

#endif  // SSTRACK_TASKING_MILP_H_
