// Copyright sstrack authors.
//
// ServiceCore and the SensorGateway handler.
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "astro/time/utc.h"
#include "service/handlers.h"
#include "service/ingest.h"

namespace sstrack::service {

grpc::Status ToGrpc(const absl::Status& s) {
  if (s.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(static_cast<int>(s.code())),
                      std::string(s.message()));
}

absl::StatusOr<std::unique_ptr<ServiceCore>> ServiceCore::Create(ServiceConfig config) {
  auto cat = catalog::Catalog::Open(config.db_path);
  if (!cat.ok()) return cat.status();
  std::vector<catalog::SensorRecord> srec;
  for (const sensors::Sensor& s : config.network) {
    srec.push_back({s.name(), std::string(sensors::SensorTypeName(s.type())),
                    s.spec().geodetic.latitude_rad, s.spec().geodetic.longitude_rad,
                    s.spec().geodetic.height_m, absl::StrCat("{\"name\":\"", s.name(), "\"}")});
  }
  if (absl::Status st = (*cat)->UpsertSensors(srec); !st.ok()) return st;
  std::unique_ptr<ServiceCore> core(new ServiceCore(std::move(config), *std::move(cat)));
  const CycleServiceConfig& cc = core->config_.cycle;
  operations::SimulatedClock* simulated = nullptr;
  if (cc.simulated_clock) {
    // A restarted server resumes from the time it had reached.
    auto stored = operations::StoredSimulatedTime(*core->catalog_);
    if (!stored.ok()) return stored.status();
    std::optional<astro::Epoch> start = stored->has_value() ? *stored : cc.simulated_start;
    if (!start) {
      return absl::InvalidArgumentError(
          "cycle: a simulated clock needs its start time (the database holds none)");
    }
    auto clock = std::make_unique<operations::SimulatedClock>(*start);
    simulated = clock.get();
    core->clock_ = std::move(clock);
  } else {
    core->clock_ = std::make_unique<operations::RealClock>();
  }
  if (cc.enabled) {
    operations::CycleContext ctx;
    ctx.mu = &core->mu;
    ctx.catalog = core->catalog_.get();
    ctx.network = core->config_.network;
    ctx.fit = core->config_.fit;
    ctx.clock = core->clock_.get();
    ctx.simulated = simulated;
    core->cycle_ = std::make_unique<operations::Cycle>(std::move(ctx), cc.options);
  }
  return core;
}

absl::StatusOr<Principal> ServiceCore::Authenticate(const grpc::ServerContext* ctx,
                                                     absl::string_view claimed) {
  // The claimed name is the caller's string: at most 128 characters of it.
  const std::string key = absl::StrCat(PeerAddress(ctx->peer()), "|", claimed.substr(0, 128));
  const absl::Time now = absl::Now();
  if (absl::Status s = throttle_.Admit(key, now); !s.ok()) return s;
  std::shared_ptr<const TokenStore> tokens;
  {
    absl::ReaderMutexLock l(&tokens_mu_);
    tokens = tokens_;
  }
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  absl::StatusOr<Principal> who =
      tokens->Authenticate(it == md.end() ? absl::string_view()
                                          : absl::string_view(it->second.data(), it->second.size()));
  if (who.ok()) {
    throttle_.Succeeded(key);
  } else {
    throttle_.Failed(key, now);
  }
  return who;
}

void ServiceCore::ReplaceTokens(TokenStore tokens) {
  auto fresh = std::make_shared<const TokenStore>(std::move(tokens));
  absl::MutexLock l(&tokens_mu_);
  tokens_ = std::move(fresh);
}

size_t ServiceCore::token_count() const {
  absl::ReaderMutexLock l(&tokens_mu_);
  return tokens_->size();
}

absl::Status ServiceCore::AuthorizeOperator(const grpc::ServerContext* ctx) {
  auto who = Authenticate(ctx);
  if (!who.ok()) return who.status();
  return CheckOperator(*who);
}

const sensors::Sensor* ServiceCore::FindSensor(const std::string& name) const {
  for (const sensors::Sensor& s : config_.network) {
    if (s.name() == name) return &s;
  }
  return nullptr;
}

void ToProto(const catalog::TaskRecord& t, sstrack::v1::Task* out) {
  out->set_task_id(t.id);
  out->set_plan_id(t.plan_id);
  out->set_sensor(t.sensor);
  out->set_catalog_number(t.catalog_number);
  out->set_start_utc(astro::FormatIsoUtc(astro::Epoch::FromTaiSeconds(0, t.start_tai_s), 3));
  out->set_end_utc(astro::FormatIsoUtc(astro::Epoch::FromTaiSeconds(0, t.end_tai_s), 3));
  out->set_azimuth_deg(t.azimuth_rad * 180 / M_PI);
  out->set_elevation_deg(t.elevation_rad * 180 / M_PI);
  out->set_expected_observations(t.expected_observations);
  out->set_status(catalog::TaskStatusName(t.status));
  out->set_pointing_utc(
      astro::FormatIsoUtc(astro::Epoch::FromTaiSeconds(0, t.start_tai_s + t.pointing_lead_s), 3));
}

grpc::Status SensorGatewayHandler::GetTasks(grpc::ServerContext* ctx,
                                            const sstrack::v1::GetTasksRequest* req,
                                            sstrack::v1::GetTasksResponse* resp) {
  auto who = core_->Authenticate(ctx, req->sensor());
  if (!who.ok()) return ToGrpc(who.status());
  if (absl::Status s = CheckSensorAccess(*who, req->sensor(), true); !s.ok()) return ToGrpc(s);
  if (!core_->FindSensor(req->sensor())) {
    return ToGrpc(absl::NotFoundError(absl::StrCat("sensor '", req->sensor(), "' is not in the network")));
  }
  absl::MutexLock lock(&core_->mu);
  auto plan = core_->catalog().LatestPlan(req->night());
  if (!plan.ok()) return ToGrpc(plan.status());
  auto tasks = core_->catalog().ListTasks(plan->id, req->sensor());
  if (!tasks.ok()) return ToGrpc(tasks.status());
  // An operator reading a sensor's list is not that sensor's contact.
  if (who->role == Role::kSensor) core_->NoteContact(req->sensor(), false);
  resp->set_plan_id(plan->id);
  resp->set_night(plan->night);
  resp->set_night_start_utc(
      astro::FormatIsoUtc(astro::Epoch::FromTaiSeconds(plan->night_start_tai_s), 3));
  for (const catalog::TaskRecord& t : *tasks) ToProto(t, resp->add_tasks());
  return grpc::Status::OK;
}

grpc::Status SensorGatewayHandler::ReportTaskStatus(grpc::ServerContext* ctx,
                                                    const sstrack::v1::ReportTaskStatusRequest* req,
                                                    sstrack::v1::ReportTaskStatusResponse* resp) {
  auto who = core_->Authenticate(ctx, req->sensor());
  if (!who.ok()) return ToGrpc(who.status());
  if (absl::Status s = CheckSensorAccess(*who, req->sensor(), false); !s.ok()) return ToGrpc(s);
  auto status = catalog::ParseTaskStatus(req->status());
  if (!status.ok()) return ToGrpc(absl::InvalidArgumentError(absl::StrCat("status: ", status.status().message())));
  if (*status == catalog::TaskStatus::kPlanned || *status == catalog::TaskStatus::kCancelled) {
    return ToGrpc(absl::InvalidArgumentError(absl::StrCat(
        "status: ", req->status(), " is set by the server's planner; a sensor reports SENT, DONE, "
        "FAILED, MISSED or NOT_FOUND")));
  }
  absl::MutexLock lock(&core_->mu);
  auto task = core_->catalog().GetTask(req->task_id());
  if (!task.ok()) return ToGrpc(task.status());
  if (task->sensor != req->sensor()) {
    return ToGrpc(absl::PermissionDeniedError(
        absl::StrCat("task ", req->task_id(), " belongs to sensor ", task->sensor)));
  }
  auto moved = core_->catalog().SetTaskStatus(req->task_id(), *status);
  if (!moved.ok()) return ToGrpc(moved.status());
  core_->NoteContact(req->sensor(), true);
  resp->set_late(moved->late);
  return grpc::Status::OK;
}

grpc::Status SensorGatewayHandler::SubmitObservations(
    grpc::ServerContext* ctx, const sstrack::v1::SubmitObservationsRequest* req,
    sstrack::v1::SubmitObservationsResponse* resp) {
  auto who = core_->Authenticate(ctx, req->sensor());
  if (!who.ok()) return ToGrpc(who.status());
  // Only as itself: an operator does not submit either.
  if (absl::Status s = CheckSensorAccess(*who, req->sensor(), false); !s.ok()) return ToGrpc(s);
  if (!core_->FindSensor(req->sensor())) {
    return ToGrpc(absl::NotFoundError(absl::StrCat("sensor '", req->sensor(), "' is not in the network")));
  }
  absl::MutexLock lock(&core_->mu);
  catalog::Catalog& cat = core_->catalog();
  IngestLookups look;
  look.task_window_margin_s = core_->config().task_window_margin_s;
  look.now = core_->clock().Now();
  look.max_epoch_age_s = core_->config().max_epoch_age_s;
  look.max_epoch_lead_s = core_->config().max_epoch_lead_s;
  // Look-ups memoized over the batch (a track repeats object and task).
  absl::flat_hash_map<int, bool> objects;
  absl::flat_hash_map<int64_t, std::optional<catalog::TaskRecord>> tasks;
  look.object_exists = [&](int n) {
    auto it = objects.find(n);
    if (it == objects.end()) it = objects.emplace(n, cat.GetObject(n).ok()).first;
    return it->second;
  };
  look.task = [&](int64_t id) -> std::optional<catalog::TaskRecord> {
    auto it = tasks.find(id);
    if (it == tasks.end()) {
      auto t = cat.GetTask(id);
      it = tasks.emplace(id, t.ok() ? std::optional<catalog::TaskRecord>(*t) : std::nullopt).first;
    }
    return it->second;
  };
  auto batch = ValidateObservations(req->sensor(), *req, look);
  if (!batch.ok()) return ToGrpc(batch.status());
  // One transaction; the answer goes out only after it has committed.
  auto sum = cat.InsertObservations(batch->records);
  if (!sum.ok()) {
    // A reused id with other data is the client's error; anything else is
    // the server's, and the batch may be sent again.
    if (sum.status().code() == absl::StatusCode::kAlreadyExists) return ToGrpc(sum.status());
    return ToGrpc(absl::UnavailableError(absl::StrCat("not stored: ", sum.status().message())));
  }
  core_->NoteContact(req->sensor(), true);
  resp->set_inserted(sum->inserted);
  resp->set_duplicates(sum->duplicates);
  for (int i : batch->flagged) resp->add_flagged(i);
  return grpc::Status::OK;
}

grpc::Status SensorGatewayHandler::StreamObservations(
    grpc::ServerContext* ctx,
    grpc::ServerReaderWriter<sstrack::v1::SubmitObservationsResponse,
                             sstrack::v1::SubmitObservationsRequest>* stream) {
  sstrack::v1::SubmitObservationsRequest req;
  int batch = 0;
  while (stream->Read(&req)) {
    sstrack::v1::SubmitObservationsResponse resp;
    // Each batch as one SubmitObservations: validated, committed, then
    // acknowledged.
    const grpc::Status st = SubmitObservations(ctx, &req, &resp);
    if (!st.ok()) {
      return grpc::Status(st.error_code(), absl::StrCat("batch ", batch, ": ", st.error_message()));
    }
    if (!stream->Write(resp)) {
      return grpc::Status(grpc::StatusCode::CANCELLED,
                          absl::StrCat("the client went away after batch ", batch));
    }
    ++batch;
  }
  return grpc::Status::OK;
}

}  // namespace sstrack::service
