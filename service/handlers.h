// Copyright sstrack authors.
//
// service/handlers.h — the gRPC handlers of proto/sstrack/v1/sstrack.proto:
// authentication from the `authorization` metadata, role checks, proto ↔
// domain conversion, validation and absl → gRPC status mapping. The catalog
// is one SQLite connection shared by all handlers under one mutex; each
// write is one transaction, committed before the RPC returns.
#ifndef SSTRACK_SERVICE_HANDLERS_H_
#define SSTRACK_SERVICE_HANDLERS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "catalog/catalog.h"
#include "proto/sstrack/v1/sstrack.grpc.pb.h"
#include "sensors/sensor.h"
#include "auth/auth.h"
#include "operations/clock.h"
#include "operations/cycle.h"
#include "operations/object_fit.h"

namespace sstrack::service {

// The front doors' shared auth library (auth/), by its names here.
using auth::AuthThrottle;
using auth::CheckOperator;
using auth::CheckSensorAccess;
using auth::CheckTlsPair;
using auth::PeerAddress;
using auth::Principal;
using auth::Role;
using auth::TokenStore;

// The autonomous cycle (operations/cycle.h) as the server runs it.
struct CycleServiceConfig {
  bool enabled = false;  // the library's default; sstrackd's config turns it on
  bool simulated_clock = false;
  // A simulated clock's first reading when the database holds none (a
  // restarted server resumes from the stored one).
  std::optional<astro::Epoch> simulated_start;
  double step_interval_s = 10;  // real clock: seconds between passes
  operations::CycleOptions options;
};

struct ServiceConfig {
  std::string db_path;                  // created if missing
  std::vector<sensors::Sensor> network;
  TokenStore tokens;  // at start; ServiceCore::ReplaceTokens swaps them
  AuthThrottle::Options auth_throttle;
  double task_window_margin_s = 300.0;  // observation epochs outside → flagged
  // Observation epochs accepted around the server's clock (clock()).
  double max_epoch_age_s = 30 * 86400.0;
  double max_epoch_lead_s = 3600.0;
  operations::FitSettings fit;
  double plan_time_limit_s = 10.0;
  CycleServiceConfig cycle;
};

grpc::Status ToGrpc(const absl::Status& s);

// State shared by the handlers.
class ServiceCore {
 public:
  static absl::StatusOr<std::unique_ptr<ServiceCore>> Create(ServiceConfig config);
  // The caller's principal from its bearer token, through the failed-auth
  // throttle keyed by its address and `claimed` (the sensor a gateway call
  // names; empty for operator calls).
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContext* context,
                                         absl::string_view claimed = "");
  // A new token file's principals (SIGHUP); calls under way finish with the
  // old ones.
  void ReplaceTokens(TokenStore tokens);
  size_t token_count() const;
  // Authenticate + CheckOperator.
  absl::Status AuthorizeOperator(const grpc::ServerContext* context);
  const ServiceConfig& config() const { return config_; }
  const sensors::Sensor* FindSensor(const std::string& name) const;
  // The server's clock: simulated when cycle.simulated_clock (whether the
  // cycle runs or not), else the real one.
  const operations::Clock& clock() const { return *clock_; }
  // Null when the cycle is disabled.
  operations::Cycle* cycle() { return cycle_.get(); }
  // A call from `sensor` (see operations::Cycle::NoteContact); no-op
  // without a cycle.
  void NoteContact(const std::string& sensor, bool report) {
    if (cycle_) cycle_->NoteContact(sensor, report);
  }

  absl::Mutex mu;
  catalog::Catalog& catalog() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return *catalog_; }

 private:
  ServiceCore(ServiceConfig config, std::unique_ptr<catalog::Catalog> cat)
      : config_(std::move(config)),
        tokens_(std::make_shared<const TokenStore>(config_.tokens)),
        throttle_(config_.auth_throttle),
        catalog_(std::move(cat)) {}
  ServiceConfig config_;
  mutable absl::Mutex tokens_mu_;
  std::shared_ptr<const TokenStore> tokens_ ABSL_GUARDED_BY(tokens_mu_);
  AuthThrottle throttle_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<operations::Clock> clock_;
  std::unique_ptr<operations::Cycle> cycle_;
};

class SensorGatewayHandler final : public sstrack::v1::SensorGateway::Service {
 public:
  explicit SensorGatewayHandler(ServiceCore* core) : core_(core) {}
  grpc::Status GetTasks(grpc::ServerContext* ctx, const sstrack::v1::GetTasksRequest* req,
                        sstrack::v1::GetTasksResponse* resp) override;
  grpc::Status ReportTaskStatus(grpc::ServerContext* ctx,
                                const sstrack::v1::ReportTaskStatusRequest* req,
                                sstrack::v1::ReportTaskStatusResponse* resp) override;
  grpc::Status SubmitObservations(grpc::ServerContext* ctx,
                                  const sstrack::v1::SubmitObservationsRequest* req,
                                  sstrack::v1::SubmitObservationsResponse* resp) override;
  grpc::Status StreamObservations(
      grpc::ServerContext* ctx,
      grpc::ServerReaderWriter<sstrack::v1::SubmitObservationsResponse,
                               sstrack::v1::SubmitObservationsRequest>* stream) override;

 private:
  ServiceCore* core_;
};

class CatalogHandler final : public sstrack::v1::CatalogService::Service {
 public:
  explicit CatalogHandler(ServiceCore* core) : core_(core) {}
  grpc::Status GetObject(grpc::ServerContext* ctx, const sstrack::v1::GetObjectRequest* req,
                         sstrack::v1::CatalogObject* resp) override;
  grpc::Status ListObjects(grpc::ServerContext* ctx, const sstrack::v1::ListObjectsRequest* req,
                           sstrack::v1::ListObjectsResponse* resp) override;
  grpc::Status PropagateObject(grpc::ServerContext* ctx,
                               const sstrack::v1::PropagateObjectRequest* req,
                               sstrack::v1::PropagateObjectResponse* resp) override;

 private:
  ServiceCore* core_;
};

class PlanningHandler final : public sstrack::v1::PlanningService::Service {
 public:
  explicit PlanningHandler(ServiceCore* core) : core_(core) {}
  grpc::Status RunPlan(grpc::ServerContext* ctx, const sstrack::v1::RunPlanRequest* req,
                       sstrack::v1::Plan* resp) override;
  grpc::Status GetPlan(grpc::ServerContext* ctx, const sstrack::v1::GetPlanRequest* req,
                       sstrack::v1::Plan* resp) override;

 private:
  ServiceCore* core_;
};

class OrbitDeterminationHandler final : public sstrack::v1::OrbitDeterminationService::Service {
 public:
  explicit OrbitDeterminationHandler(ServiceCore* core) : core_(core) {}
  grpc::Status FitObject(grpc::ServerContext* ctx, const sstrack::v1::FitObjectRequest* req,
                         sstrack::v1::OdRun* resp) override;
  grpc::Status ListRuns(grpc::ServerContext* ctx, const sstrack::v1::ListRunsRequest* req,
                        sstrack::v1::ListRunsResponse* resp) override;

 private:
  ServiceCore* core_;
};

// CycleService (operator role): the cycle's status; the simulated clock.
class CycleHandler final : public sstrack::v1::CycleService::Service {
 public:
  explicit CycleHandler(ServiceCore* core) : core_(core) {}
  grpc::Status GetStatus(grpc::ServerContext* ctx, const sstrack::v1::GetCycleStatusRequest* req,
                         sstrack::v1::CycleStatus* resp) override;
  grpc::Status AdvanceClock(grpc::ServerContext* ctx, const sstrack::v1::AdvanceClockRequest* req,
                            sstrack::v1::CycleStatus* resp) override;

 private:
  ServiceCore* core_;
};

// Task record → proto.
void ToProto(const catalog::TaskRecord& t, sstrack::v1::Task* out);

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_HANDLERS_H_
