// Copyright sstrack authors.
//
// cli/plan_command.h — `sstrack plan --night YYYY-MM-DD [--sensors A,B]
// [--json]` and `sstrack tasks --sensor NAME [--night YYYY-MM-DD] [--json]`.
//
// The night of a date, for a sensor, is the 24 h from local mean noon of
// that date at the sensor's longitude (12:00 UTC − longitude/15°·1 h).
// `plan` computes visibility of every catalog object for every selected
// sensor over those nights, builds the candidates (tasking/planner.h),
// schedules them (tasking/scheduler.h), solves the exact MILP as well when
// there are at most --exact-max-candidates candidates to report the gap to
// the bound, writes the plan and its tasks to the catalog and prints the
// plan's figures. `tasks` prints an operator's list from the latest plan of
// the night.
#ifndef SSTRACK_CLI_PLAN_COMMAND_H_
#define SSTRACK_CLI_PLAN_COMMAND_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"

namespace sstrack::cli {

struct PlanOptions {
  std::string night;    // YYYY-MM-DD
  std::string sensors;  // comma-separated names; empty: all
  std::string db = "sstrack.db";
  std::string config;
  int exact_max_candidates = 400;
  double time_limit_s = 10.0;  // local improvement, and the MILP
  bool json = false;
};

absl::Status RunPlan(const PlanOptions& options, std::FILE* out, std::FILE* err);

// `sstrack replan`: the rest of a planned night after failures (see
// operations::ReplanNight).
struct ReplanOptions {
  std::string night;  // YYYY-MM-DD
  std::string now;    // ISO UTC: tasks starting before it are under way
  std::string failed;   // comma-separated task ids
  std::string offline;  // comma-separated sensor names
  std::string db = "sstrack.db";
  std::string config;
  double time_limit_s = 10.0;
  bool json = false;
};

absl::Status RunReplan(const ReplanOptions& options, std::FILE* out, std::FILE* err);

struct TasksOptions {
  std::string sensor;
  std::string night;  // empty: the latest plan
  std::string db = "sstrack.db";
  std::string config;
  bool json = false;
};

absl::Status RunTasks(const TasksOptions& options, std::FILE* out);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_PLAN_COMMAND_H_
