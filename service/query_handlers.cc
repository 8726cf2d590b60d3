// Copyright sstrack authors.
//
// The operator services: CatalogService, PlanningService and
// OrbitDeterminationService.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "astro/time/utc.h"
#include "service/handlers.h"
#include "operations/night_plan.h"

namespace sstrack::service {
namespace {

// A plan's search runs under the catalog lock: an hour at most.
constexpr double kMaxPlanTimeLimitS = 3600;

#define SSTRACK_REQUIRE_OPERATOR(ctx)                                          \
  do {                                                                         \
    if (absl::Status s_ = core_->AuthorizeOperator(ctx); !s_.ok()) return ToGrpc(s_); \
  } while (0)

absl::Status FillPlan(catalog::Catalog& cat, const catalog::PlanRecord& plan,
                      sstrack::v1::Plan* resp) {
  resp->set_plan_id(plan.id);
  resp->set_night(plan.night);
  resp->set_night_start_utc(astro::FormatIsoUtc(astro::Epoch::FromTaiSeconds(plan.night_start_tai_s), 3));
  resp->set_night_end_utc(astro::FormatIsoUtc(astro::Epoch::FromTaiSeconds(plan.night_end_tai_s), 3));
  resp->set_metrics_json(plan.metrics_json);
  auto tasks = cat.ListTasks(plan.id);
  if (!tasks.ok()) return tasks.status();
  for (const catalog::TaskRecord& t : *tasks) ToProto(t, resp->add_tasks());
  return absl::OkStatus();
}

// With the run's result state (epoch, position, position covariance) when
// it was accepted.
absl::Status FillRun(const catalog::Catalog& cat, const catalog::OdRunRecord& r, sstrack::v1::OdRun* out) {
  out->set_run_id(r.id);
  out->set_catalog_number(r.catalog_number);
  out->set_status(r.status);
  out->set_iterations(r.iterations);
  out->set_weighted_rms(r.weighted_rms);
  out->set_used(r.n_used);
  out->set_rejected(r.n_rejected);
  out->set_message(r.summary_json);
  out->set_cycle_night(r.cycle_night);
  if (!r.result_state_id) return absl::OkStatus();
  auto st = cat.CartesianStateById(*r.result_state_id);
  if (!st.ok()) return st.status();
  out->set_epoch_utc(astro::FormatIsoUtc(st->epoch, 6));
  for (int i = 0; i < 3; ++i) out->add_position_gcrf_m(st->state[i]);
  if (st->covariance) {
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) out->add_position_covariance_gcrf_m2((*st->covariance)[6 * i + j]);
  }
  return absl::OkStatus();
}

}  // namespace

grpc::Status CatalogHandler::GetObject(grpc::ServerContext* ctx,
                                       const sstrack::v1::GetObjectRequest* req,
                                       sstrack::v1::CatalogObject* resp) {
  SSTRACK_REQUIRE_OPERATOR(ctx);
  absl::MutexLock lock(&core_->mu);
  catalog::Catalog& cat = core_->catalog();
  auto o = cat.GetObject(req->catalog_number());
  if (!o.ok()) return ToGrpc(o.status());
  resp->set_catalog_number(o->catalog_number);
  resp->set_name(o->name);
  resp->set_international_designator(o->international_designator);
  resp->set_category(o->category);
  if (auto st = cat.LatestState(o->catalog_number); st.ok()) {
    resp->set_element_epoch_utc(astro::FormatIsoUtc(st->elements.epoch, 3));
  }
  resp->set_has_od_state(cat.LatestCartesianState(o->catalog_number).ok());
  return grpc::Status::OK;
}

grpc::Status CatalogHandler::ListObjects(grpc::ServerContext* ctx,
                                         const sstrack::v1::ListObjectsRequest*,
                                         sstrack::v1::ListObjectsResponse* resp) {
  SSTRACK_REQUIRE_OPERATOR(ctx);
  absl::MutexLock lock(&core_->mu);
  auto list = core_->catalog().ListObjects();
  if (!list.ok()) return ToGrpc(list.status());
  for (const catalog::ObjectRecord& o : *list) {
    sstrack::v1::CatalogObject* p = resp->add_objects();
    p->set_catalog_number(o.catalog_number);
    p->set_name(o.name);
    p->set_international_designator(o.international_designator);
    p->set_category(o.category);
  }
  return grpc::Status::OK;
}

grpc::Status CatalogHandler::PropagateObject(grpc::ServerContext* ctx,
                                             const sstrack::v1::PropagateObjectRequest* req,
                                             sstrack::v1::PropagateObjectResponse* resp) {
  SSTRACK_REQUIRE_OPERATOR(ctx);
  if (req->epochs_utc_size() > 10000) {
    return ToGrpc(absl::InvalidArgumentError("epochs_utc: at most 10000 epochs"));
  }
  std::vector<astro::Epoch> ts;
  for (int i = 0; i < req->epochs_utc_size(); ++i) {
    auto t = astro::ParseRfc3339(req->epochs_utc(i));
    if (!t.ok()) {
      return ToGrpc(absl::InvalidArgumentError(absl::StrCat("epochs_utc[", i, "]: ", t.status().message())));
    }
    ts.push_back(*t);
  }
  absl::StatusOr<operations::CatalogKnowledge> known;
  {
    absl::MutexLock lock(&core_->mu);
    catalog::Catalog& cat = core_->catalog();
    if (auto o = cat.GetObject(req->catalog_number()); !o.ok()) return ToGrpc(o.status());
    known = operations::ReadCatalogKnowledge(cat, req->catalog_number());
  }
  if (!known.ok()) return ToGrpc(known.status());
  // Propagated outside the catalog lock.
  for (size_t k = 0; k < ts.size(); ++k) {
    auto s = operations::PredictAt(*known, ts[k], core_->config().fit);
    if (!s.ok()) return ToGrpc(s.status());
    resp->set_source(s->od_state ? "OD_STATE" : "ELEMENTS");
    sstrack::v1::PropagatedState* p = resp->add_states();
    p->set_epoch_utc(req->epochs_utc(static_cast<int>(k)));
    for (int i = 0; i < 3; ++i) p->add_position_gcrf_m(s->state.position_m[i]);
    for (int i = 0; i < 3; ++i) p->add_velocity_gcrf_m_s(s->state.velocity_m_s[i]);
    if (s->covariance) {
      for (int i = 0; i < 36; ++i) p->add_covariance_gcrf((*s->covariance)(i / 6, i % 6));
      p->set_covariance_source(s->covariance_assumed ? "ASSUMED" : "FIT");
    }
  }
  return grpc::Status::OK;
}

grpc::Status PlanningHandler::RunPlan(grpc::ServerContext* ctx,
                                      const sstrack::v1::RunPlanRequest* req,
                                      sstrack::v1::Plan* resp) {
  SSTRACK_REQUIRE_OPERATOR(ctx);
  if (!std::isfinite(req->time_limit_s()) || req->time_limit_s() < 0 ||
      req->time_limit_s() > kMaxPlanTimeLimitS) {
    return ToGrpc(absl::InvalidArgumentError(absl::StrCat(
        "time_limit_s: ", req->time_limit_s(), ": expected 0 (the server's default) to ",
        kMaxPlanTimeLimitS, " s")));
  }
  if (req->max_objects() < 0) {
    return ToGrpc(absl::InvalidArgumentError(absl::StrCat(
        "max_objects: ", req->max_objects(), ": expected 0 (every object) or more")));
  }
  std::vector<sensors::Sensor> sel;
  for (const std::string& name : req->sensors()) {
    const sensors::Sensor* s = core_->FindSensor(name);
    if (!s) return ToGrpc(absl::NotFoundError(absl::StrCat("sensors: '", name, "' is not in the network")));
    sel.push_back(*s);
  }
  if (sel.empty()) sel = core_->config().network;
  operations::NightPlanOptions po;
  po.night = req->night();
  po.time_limit_s = req->time_limit_s() > 0 ? req->time_limit_s() : core_->config().plan_time_limit_s;
  po.max_objects = req->max_objects();
  absl::MutexLock lock(&core_->mu);
  // Tasks point along the catalog's best prediction (an OD state, propagated).
  operations::UseCatalogPredictions(core_->catalog(), core_->config().fit, &po);
  auto plan = operations::PlanNight(core_->catalog(), sel, po);
  if (!plan.ok()) return ToGrpc(plan.status());
  auto rec = core_->catalog().LatestPlan(req->night());
  if (!rec.ok()) return ToGrpc(rec.status());
  return ToGrpc(FillPlan(core_->catalog(), *rec, resp));
}

grpc::Status PlanningHandler::GetPlan(grpc::ServerContext* ctx,
                                      const sstrack::v1::GetPlanRequest* req,
                                      sstrack::v1::Plan* resp) {
  SSTRACK_REQUIRE_OPERATOR(ctx);
  absl::MutexLock lock(&core_->mu);
  auto rec = core_->catalog().LatestPlan(req->night());
  if (!rec.ok()) return ToGrpc(rec.status());
  return ToGrpc(FillPlan(core_->catalog(), *rec, resp));
}

grpc::Status OrbitDeterminationHandler::FitObject(grpc::ServerContext* ctx,
                                                  const sstrack::v1::FitObjectRequest* req,
                                                  sstrack::v1::OdRun* resp) {
  SSTRACK_REQUIRE_OPERATOR(ctx);
  const operations::FitSettings& settings = core_->config().fit;
  absl::StatusOr<operations::FitInput> in;
  {
    absl::MutexLock lock(&core_->mu);
    in = operations::PrepareFit(core_->catalog(), core_->config().network, req->catalog_number(), settings);
  }
  if (!in.ok()) return ToGrpc(in.status());
  // The solve runs without the catalog lock: fits of different objects
  // proceed in parallel with each other and with ingest.
  const absl::Time wall0 = absl::Now();
  auto solved = operations::SolveFit(*in, settings);
  if (!solved.ok()) return ToGrpc(solved.status());
  absl::MutexLock lock(&core_->mu);
  catalog::Catalog& cat = core_->catalog();
  auto fit = operations::RecordFit(cat, req->catalog_number(), *solved, wall0, absl::Now());
  if (!fit.ok()) return ToGrpc(fit.status());
  auto runs = cat.ListOdRuns(req->catalog_number());
  if (!runs.ok()) return ToGrpc(runs.status());
  for (const catalog::OdRunRecord& r : *runs) {
    if (r.id != fit->run_id) continue;
    if (absl::Status st = FillRun(cat, r, resp); !st.ok()) return ToGrpc(st);
  }
  if (resp->position_gcrf_m_size() == 0) {  // not accepted: the state the fit reached, no covariance
    resp->set_epoch_utc(astro::FormatIsoUtc(fit->summary.epoch, 6));
    for (int i = 0; i < 3; ++i) resp->add_position_gcrf_m(fit->summary.state_gcrf.position_m[i]);
  }
  return grpc::Status::OK;
}

grpc::Status OrbitDeterminationHandler::ListRuns(grpc::ServerContext* ctx,
                                                 const sstrack::v1::ListRunsRequest* req,
                                                 sstrack::v1::ListRunsResponse* resp) {
  SSTRACK_REQUIRE_OPERATOR(ctx);
  absl::MutexLock lock(&core_->mu);
  auto runs = core_->catalog().ListOdRuns(req->catalog_number());
  if (!runs.ok()) return ToGrpc(runs.status());
  for (const catalog::OdRunRecord& r : *runs) {
    if (absl::Status st = FillRun(core_->catalog(), r, resp->add_runs()); !st.ok()) return ToGrpc(st);
  }
  return grpc::Status::OK;
}

}  // namespace sstrack::service
