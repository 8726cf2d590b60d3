// Copyright sstrack authors.
//
// cli/simulate_command.h — `sstrack simulate --sensor NAME --server ADDR
// --token T [--elements FILE] [--config FILE] [--night D]`: a simulated
// sensor acting as a real client over gRPC. It authenticates with its
// bearer token, fetches its tasks (SensorGateway.GetTasks), makes each
// track's observations from the simulated world
// (simulation/truth_scenario.h: the element file's orbit plus a
// deterministic error, reference epoch = the plan's night start, propagated
// under forces the fit does not share) with the sensor's configured noise
// and its drawn biases — RA/Dec for optical sensors; range, range rate and
// az/el for radars — when the object is detected (simulation/detection.h:
// inside the field or beam around the task's pointing, radar SNR), submits
// them one batch per task (SubmitObservations, retried once on
// UNAVAILABLE/DEADLINE_EXCEEDED with the same observation ids) and reports
// each task DONE, NOT_FOUND (not detected) or MISSED (no observation).
#ifndef SSTRACK_CLI_SIMULATE_COMMAND_H_
#define SSTRACK_CLI_SIMULATE_COMMAND_H_

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "astro/elements/mean_elements.h"
#include "simulation/truth_scenario.h"
#include "proto/sstrack/v1/sstrack.pb.h"
#include "sensors/sensor.h"

namespace sstrack::cli {

struct SimulateOptions {
  std::string sensor;
  std::string server = "127.0.0.1:50051";
  std::string token;
  std::string elements;  // truth source; default config/catalog-2018-01.3le
  std::string config;    // sensor network; default config/sensors.textproto
  std::string night;     // empty: the latest plan
  std::string ack_log;   // append each acknowledged observation id (flushed per batch)
  bool json = false;
};

struct SimulateSummary {
  int tasks = 0;
  int tasks_executed = 0;  // with at least one observation
  int observations_sent = 0;
  int inserted = 0, duplicates = 0, flagged = 0;
  int not_found = 0;  // pointed where the task said, saw nothing (reported NOT_FOUND)
};

// The sensor side of one night against a running server.
absl::StatusOr<SimulateSummary> SimulateSensorNight(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
    const sensors::Sensor& sensor, const std::map<int, astro::MeanElements>& truth_elements,
    const std::string& night, const simulation::World& world,
    const std::function<void(const sstrack::v1::SubmitObservationsRequest&)>& on_ack = nullptr);

absl::Status RunSimulate(const SimulateOptions& options, std::FILE* out, std::FILE* err);

// Element sets by catalog number (the latest of each).
absl::StatusOr<std::map<int, astro::MeanElements>> ReadElementsByNumber(const std::string& path);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_SIMULATE_COMMAND_H_
