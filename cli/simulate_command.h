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
// The sensor's side is the class SimulatedSensor, which the demo
// (cli/demo_command.h) drives step by step on the server's simulated clock
// against a truth integrated once (simulation/truth_ephemeris.h).
#ifndef SSTRACK_CLI_SIMULATE_COMMAND_H_
#define SSTRACK_CLI_SIMULATE_COMMAND_H_

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "astro/elements/mean_elements.h"
#include "simulation/truth_ephemeris.h"
#include "simulation/truth_scenario.h"
#include "proto/sstrack/v1/sstrack.grpc.pb.h"
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

using AckCallback = std::function<void(const sstrack::v1::SubmitObservationsRequest&)>;

// One simulated sensor as a gRPC client with its own token.
class SimulatedSensor {
 public:
  SimulatedSensor(const std::shared_ptr<grpc::Channel>& channel, std::string token,
                  sensors::Sensor sensor, uint64_t world_seed);
  ~SimulatedSensor();
  // SensorGateway.GetTasks for `night` (a contact: the cycle's outage rule).
  absl::StatusOr<sstrack::v1::GetTasksResponse> FetchTasks(const std::string& night);
  // Runs every PLANNED or SENT task of `tasks` that has ended by `until`
  // (all of them without `until`) against `truth`: detection at the
  // task's start, the track, SubmitObservations, ReportTaskStatus.
  absl::Status Execute(const sstrack::v1::GetTasksResponse& tasks,
                       const simulation::TruthEphemeris& truth, std::optional<astro::Epoch> until,
                       SimulateSummary* summary, const AckCallback& on_ack = nullptr);
  const sensors::Sensor& sensor() const { return sensor_; }

 private:
  std::unique_ptr<sstrack::v1::SensorGateway::Stub> stub_;
  std::string token_;
  sensors::Sensor sensor_;
  simulation::SensorBiases bias_;
};

// The sensor side of one night against a running server: the truth
// reference epoch is the plan's night start.
absl::StatusOr<SimulateSummary> SimulateSensorNight(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
    const sensors::Sensor& sensor, const std::map<int, astro::MeanElements>& truth_elements,
    const std::string& night, const simulation::World& world, const AckCallback& on_ack = nullptr);

absl::Status RunSimulate(const SimulateOptions& options, std::FILE* out, std::FILE* err);

// Element sets by catalog number (the latest of each).
absl::StatusOr<std::map<int, astro::MeanElements>> ReadElementsByNumber(const std::string& path);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_SIMULATE_COMMAND_H_
