// Copyright sstrack authors.
//
// tasking/problem.h — the scheduling problem of one night.
//
// A candidate is one possible task: an object, a sensor, a start and end
// inside one visibility window, the pointing at start and end, and its base
// value (value.h, a first track). A plan chooses candidates so that on each
// sensor every two chosen tasks are compatible — the later starts no
// earlier than the earlier ends plus the slew and settle time between them
// (Sensor::SlewTime) — at most one task per window, at most
// max_tasks_per_night per sensor; and it maximizes
//
//   Σ_objects Σ_k RankFactor(k, n_req) · V_(k)
//
// where V_(1) ≥ V_(2) ≥ … are the base values of the object's chosen tasks.
#ifndef SSTRACK_TASKING_PROBLEM_H_
#define SSTRACK_TASKING_PROBLEM_H_

#include <vector>

#include "astro/time/epoch.h"
#include "sensors/sensor.h"

namespace sstrack::tasking {

struct Candidate {
  int object = 0;  // index into Problem::requested_tracks
  int sensor = 0;  // index into Problem::sensors
  int window = 0;  // tasks of one window exclude each other
  double start_s = 0.0, end_s = 0.0;  // seconds after Problem::origin
  sensors::Pointing at_start, at_end;
  double value = 0.0;  // base value of a first track
  // For the operator's list and the metrics.
  double sigma_pred_m = 0.0, sigma_post_m = 0.0;
  double magnitude = 0.0, snr_db = 0.0;  // NaN when not applicable
};

struct Problem {
  astro::Epoch origin;
  std::vector<sensors::Sensor> sensors;
  std::vector<int> requested_tracks;  // per object
  std::vector<Candidate> candidates;
  // Whether two candidates of the same sensor can both be in a plan.
  bool Compatible(const Candidate& a, const Candidate& b) const;
  // The objective of a set of chosen candidates (indices).
  double Objective(const std::vector<int>& chosen) const;
  // Every constraint; the first violation as text, empty when feasible.
  std::string CheckFeasible(const std::vector<int>& chosen) const;
};

// Σ_k RankFactor(k, requested) · values sorted in decreasing order (sorts
// `values` in place).
double ObjectValue(std::vector<double>& values, int requested);

}  // namespace sstrack::tasking

#endif  // SSTRACK_TASKING_PROBLEM_H_
