// Copyright sstrack authors.
//
// CycleService: the autonomous cycle's status, and the simulated clock.
#include "absl/strings/str_cat.h"
#include "astro/time/utc.h"
#include "service/handlers.h"

namespace sstrack::service {
namespace {

std::string Utc(double tai_s) { return astro::FormatIsoUtc(astro::Epoch::FromTaiSeconds(0, tai_s), 3); }

int Count(const std::map<std::string, int>& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : it->second;
}

void ToProto(const operations::CycleStatus& s, sstrack::v1::CycleStatus* out) {
  out->set_enabled(true);
  out->set_clock(s.simulated_clock ? "SIMULATED" : "REAL");
  out->set_now_utc(astro::FormatIsoUtc(s.now, 3));
  for (const operations::NightStatus& n : s.nights) {
    sstrack::v1::CycleNight* cn = out->add_nights();
    cn->set_night(n.night.night);
    cn->set_plan_id(n.night.plan_id);
    cn->set_phase(n.night.phase);
    cn->set_start_utc(Utc(n.night.start_tai_s));
    cn->set_end_utc(Utc(n.night.end_tai_s));
    for (const operations::SensorNightStatus& sn : n.sensors) {
      sstrack::v1::SensorNight* p = cn->add_sensors();
      p->set_sensor(sn.sensor);
      p->set_out(sn.out);
      if (sn.out_since_tai_s) p->set_out_since_utc(Utc(*sn.out_since_tai_s));
      if (sn.last_contact_tai_s) p->set_last_contact_utc(Utc(*sn.last_contact_tai_s));
      p->set_tasks_planned(Count(sn.tasks, "PLANNED"));
      p->set_tasks_sent(Count(sn.tasks, "SENT"));
      p->set_tasks_done(Count(sn.tasks, "DONE"));
      p->set_tasks_missed(Count(sn.tasks, "MISSED"));
      p->set_tasks_not_found(Count(sn.tasks, "NOT_FOUND"));
      p->set_tasks_failed(Count(sn.tasks, "FAILED"));
      p->set_tasks_cancelled(Count(sn.tasks, "CANCELLED"));
    }
    cn->set_fits_queued(Count(n.fits, "QUEUED"));
    cn->set_fits_converged(Count(n.fits, "CONVERGED"));
    cn->set_fits_rejected(Count(n.fits, "REJECTED"));
    cn->set_fits_diverged(Count(n.fits, "DIVERGED"));
    cn->set_fits_failed(Count(n.fits, "FAILED"));
  }
  for (const operations::CovarianceEntry& w : s.worst) {
    sstrack::v1::ObjectCovariance* o = out->add_worst_covariances();
    o->set_catalog_number(w.catalog_number);
    o->set_position_sigma_m(w.position_sigma_m);
    o->set_epoch_utc(astro::FormatIsoUtc(w.epoch, 3));
  }
  out->set_objects(s.objects);
  out->set_objects_with_od_state(s.objects_with_od_state);
  out->set_last_error(s.last_error);
}

absl::Status Range(const char* field, int v, int hi) {
  if (v < 0 || v > hi) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", v, " must be in [0, ", hi, "]"));
  }
  return absl::OkStatus();
}

grpc::Status Fill(operations::Cycle& cycle, int nights, int worst, sstrack::v1::CycleStatus* resp) {
  auto st = cycle.Status(nights == 0 ? 3 : nights, worst == 0 ? 10 : worst);
  if (!st.ok()) return ToGrpc(st.status());
  ToProto(*st, resp);
  return grpc::Status::OK;
}

}  // namespace

grpc::Status CycleHandler::GetStatus(grpc::ServerContext* ctx,
                                     const sstrack::v1::GetCycleStatusRequest* req,
                                     sstrack::v1::CycleStatus* resp) {
  if (absl::Status s = core_->AuthorizeOperator(ctx); !s.ok()) return ToGrpc(s);
  if (absl::Status s = Range("nights", req->nights(), 1000); !s.ok()) return ToGrpc(s);
  if (absl::Status s = Range("worst_objects", req->worst_objects(), 100000); !s.ok()) return ToGrpc(s);
  operations::Cycle* cycle = core_->cycle();
  if (!cycle) {
    resp->set_enabled(false);
    resp->set_clock("REAL");
    resp->set_now_utc(astro::FormatIsoUtc(core_->clock().Now(), 3));
    return grpc::Status::OK;
  }
  return Fill(*cycle, req->nights(), req->worst_objects(), resp);
}

grpc::Status CycleHandler::AdvanceClock(grpc::ServerContext* ctx,
                                        const sstrack::v1::AdvanceClockRequest* req,
                                        sstrack::v1::CycleStatus* resp) {
  if (absl::Status s = core_->AuthorizeOperator(ctx); !s.ok()) return ToGrpc(s);
  operations::Cycle* cycle = core_->cycle();
  if (!cycle) {
    return ToGrpc(absl::FailedPreconditionError("the cycle is disabled (cycle.enabled in the server config)"));
  }
  auto to = astro::ParseRfc3339(req->to_utc());
  if (!to.ok()) {
    return ToGrpc(absl::InvalidArgumentError(absl::StrCat("to_utc: ", to.status().message())));
  }
  if (!core_->clock().simulated()) {
    return ToGrpc(absl::FailedPreconditionError(
        "the cycle runs on the real clock (cycle.clock in the server config): only a simulated clock is advanced"));
  }
  const astro::Epoch now = core_->clock().Now();
  if (*to - now < 0) {
    return ToGrpc(absl::InvalidArgumentError(absl::StrCat(
        "to_utc: ", req->to_utc(), " is before the simulated clock's ", astro::FormatIsoUtc(now, 3))));
  }
  // The clock has moved once this returns; the pass's own error, if any, is
  // the status's last_error.
  (void)cycle->AdvanceClock(*to);
  return Fill(*cycle, 0, 0, resp);
}

}  // namespace sstrack::service
