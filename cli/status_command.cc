// Copyright sstrack authors.
#include "cli/status_command.h"

#include <chrono>

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "astro/time/utc.h"
#include "proto/sstrack/v1/sstrack.grpc.pb.h"

namespace sstrack::cli {
namespace {

absl::Status FromGrpc(const grpc::Status& s, const char* rpc) {
  return absl::Status(static_cast<absl::StatusCode>(static_cast<int>(s.error_code())),
                      absl::StrCat(rpc, ": ", s.error_message()));
}

void Authorize(grpc::ClientContext* ctx, const std::string& token, double deadline_s) {
  ctx->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  ctx->set_deadline(std::chrono::system_clock::now() +
                    std::chrono::milliseconds(static_cast<int64_t>(deadline_s * 1000)));
}

void PrintText(const sstrack::v1::CycleStatus& s, std::FILE* out) {
  if (!s.enabled()) {
    absl::FPrintF(out, "cycle: off (now %s)\n", s.now_utc());
    return;
  }
  absl::FPrintF(out, "cycle: on, %s clock, now %s; %d objects, %d with an OD state\n", s.clock(),
                s.now_utc(), s.objects(), s.objects_with_od_state());
  if (!s.last_error().empty()) absl::FPrintF(out, "last pass failed: %s\n", s.last_error());
  for (const sstrack::v1::CycleNight& n : s.nights()) {
    absl::FPrintF(out, "\nnight %s  %-9s plan %d  %s .. %s\n", n.night(), n.phase(), n.plan_id(),
                  n.start_utc(), n.end_utc());
    absl::FPrintF(out, "  %-14s %7s %5s %5s %6s %9s %6s %9s  %s\n", "sensor", "planned", "sent",
                  "done", "missed", "not_found", "failed", "cancelled", "state");
    for (const sstrack::v1::SensorNight& sn : n.sensors()) {
      absl::FPrintF(out, "  %-14s %7d %5d %5d %6d %9d %6d %9d  %s\n", sn.sensor(), sn.tasks_planned(),
                    sn.tasks_sent(), sn.tasks_done(), sn.tasks_missed(), sn.tasks_not_found(),
                    sn.tasks_failed(), sn.tasks_cancelled(),
                    sn.out() ? absl::StrCat("OUT since ", sn.out_since_utc()) : std::string("in"));
    }
    absl::FPrintF(out, "  fits: %d queued, %d converged, %d rejected, %d diverged, %d failed\n",
                  n.fits_queued(), n.fits_converged(), n.fits_rejected(), n.fits_diverged(),
                  n.fits_failed());
  }
  if (s.worst_covariances_size() > 0) {
    absl::FPrintF(out, "\nlargest position sigma (sqrt trace):\n");
    for (const sstrack::v1::ObjectCovariance& c : s.worst_covariances()) {
      absl::FPrintF(out, "  %6d  %12.1f m  at %s\n", c.catalog_number(), c.position_sigma_m(), c.epoch_utc());
    }
  }
}

}  // namespace

absl::Status RunStatus(const StatusOptions& o, std::FILE* out) {
  if (o.token.empty()) return absl::InvalidArgumentError("status: give --token T (an operator token)");
  if (o.nights < 1 || o.nights > 1000) return absl::InvalidArgumentError("--nights: must be in [1, 1000]");
  if (o.worst < 0) return absl::InvalidArgumentError("--worst: must be >= 0");
  auto channel = grpc::CreateChannel(o.server, grpc::InsecureChannelCredentials());
  auto stub = sstrack::v1::CycleService::NewStub(channel);
  sstrack::v1::CycleStatus st;
  if (!o.advance_to_utc.empty()) {
    grpc::ClientContext ctx;
    Authorize(&ctx, o.token, 600);  // the pass may plan a night and run fits
    sstrack::v1::AdvanceClockRequest req;
    // The CLI takes the forgiving form (a date, no Z); the RPC wants RFC 3339.
    auto to = astro::ParseIsoUtc(o.advance_to_utc);
    if (!to.ok()) return absl::InvalidArgumentError(absl::StrCat("--advance-to: ", to.status().message()));
    req.set_to_utc(astro::FormatIsoUtc(*to, 3));
    if (grpc::Status s = stub->AdvanceClock(&ctx, req, &st); !s.ok()) return FromGrpc(s, "AdvanceClock");
  }
  grpc::ClientContext ctx;
  Authorize(&ctx, o.token, 30);
  sstrack::v1::GetCycleStatusRequest req;
  req.set_nights(o.nights);
  req.set_worst_objects(o.worst);
  if (grpc::Status s = stub->GetStatus(&ctx, req, &st); !s.ok()) return FromGrpc(s, "GetStatus");
  if (o.json) {
    std::string json;
    google::protobuf::util::JsonPrintOptions jo;
    jo.always_print_primitive_fields = true;
    jo.preserve_proto_field_names = true;
    if (auto s = google::protobuf::util::MessageToJsonString(st, &json, jo); !s.ok()) {
      return absl::InternalError(absl::StrCat("status: JSON: ", s.ToString()));
    }
    absl::FPrintF(out, "%s\n", json);
  } else {
    PrintText(st, out);
  }
  return absl::OkStatus();
}

}  // namespace sstrack::cli
