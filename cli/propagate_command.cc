// Copyright sstrack authors.
#include "cli/propagate_command.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "astro/formats/tle.h"
#include "astro/frames/frames.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/utc.h"
#include "cli/astro_io.h"
#include "cli/cli_common.h"

namespace sstrack::cli {

absl::Status RunPropagate(const PropagateOptions& o, std::FILE* out,
                          std::FILE* err) {
  absl::StatusOr<astro::Epoch> start = astro::ParseIsoUtc(o.start_iso);
  if (!start.ok()) return absl::InvalidArgumentError(absl::StrCat("--start: ", start.status().message()));
  absl::StatusOr<astro::Epoch> end = astro::ParseIsoUtc(o.end_iso);
  if (!end.ok()) return absl::InvalidArgumentError(absl::StrCat("--end: ", end.status().message()));
  if (*end < *start) {
    return absl::InvalidArgumentError(absl::StrCat("--end ", o.end_iso,
                                                   " is before --start ", o.start_iso));
  }
  if (!(o.step_s > 0.0) || !std::isfinite(o.step_s)) {
    return absl::InvalidArgumentError(absl::StrCat("--step ", o.step_s, " must be > 0 seconds"));
  }
  absl::StatusOr<astro::Frame> frame = astro::ParseFrame(o.frame);
  if (!frame.ok()) return absl::InvalidArgumentError(absl::StrCat("--frame: ", frame.status().message()));
  if (o.format != "csv" && o.format != "table" && o.format != "json") {
    return absl::InvalidArgumentError(absl::StrCat("--format '", o.format,
                                                   "': expected table, csv or json"));
  }
  absl::StatusOr<astro::TleFileResult> tle = astro::ReadTleFile(o.tle_file);
  if (!tle.ok()) return tle.status();
  for (const auto& r : tle->rejections) std::fprintf(err, "rejected: %s\n", r.message.c_str());
  const int64_t steps = static_cast<int64_t>(std::floor((*end - *start) / o.step_s + 1e-9));
  // Earth orientation once for the span's start (frames other than TEME).
  astro::EopSample eop;
  if (*frame != astro::Frame::kTeme) {
    absl::StatusOr<astro::EopSample> e = EopAt(*start, o.eop_files, err);
    if (!e.ok()) return e.status();
    eop = *e;
  }
  if (o.format == "csv") {
    std::fprintf(out, "norad,epoch_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error\n");
  } else if (o.format == "json") {
    std::fprintf(out, "[");
  }
  bool first_json = true;
  int init_failures = 0;
  for (const astro::MeanElements& el : tle->elements) {
    absl::StatusOr<astro::Sgp4> sgp4 = astro::Sgp4::Create(el);
    if (!sgp4.ok()) {
      std::fprintf(err, "object %d: %s\n", el.catalog_number,
                   std::string(sgp4.status().message()).c_str());
      ++init_failures;
      continue;
    }
    for (int64_t k = 0; k <= steps; ++k) {
      const astro::Epoch t = *start + static_cast<double>(k) * o.step_s;
      const double tsince = (t - el.epoch) / 60.0;
      const astro::Sgp4State s = sgp4->Propagate(tsince);
      astro::CartesianState c{s.position_teme_m, s.velocity_teme_m_s};
      if (s.error == astro::Sgp4Error::kNone && *frame != astro::Frame::kTeme) {
        absl::StatusOr<astro::CartesianState> conv =
            astro::ConvertState(c, astro::Frame::kTeme, *frame, t, eop);
        if (!conv.ok()) return conv.status();
        c = *conv;
      }
      const Eigen::Vector3d r = c.position_m / 1e3, v = c.velocity_m_s / 1e3;
      const int code = static_cast<int>(s.error);
      const std::string iso = astro::FormatIsoUtc(t, 6);
      if (o.format == "csv") {
        std::fprintf(out, "%d,%s,%.8f,%.8f,%.8f,%.8f,%.9f,%.9f,%.9f,%d\n",
                     el.catalog_number, iso.c_str(), tsince, r.x(), r.y(), r.z(),
                     v.x(), v.y(), v.z(), code);
      } else if (o.format == "table") {
        std::fprintf(out, "%6d %s %12.4f %15.6f %15.6f %15.6f %12.8f %12.8f %12.8f %d\n",
                     el.catalog_number, iso.c_str(), tsince, r.x(), r.y(), r.z(),
                     v.x(), v.y(), v.z(), code);
      } else {
        std::fprintf(out,
                     "%s\n{\"norad\":%d,\"epoch_utc\":%s,\"tsince_min\":%s,\"frame\":%s,"
                     "\"x_km\":%s,\"y_km\":%s,\"z_km\":%s,\"vx_km_s\":%s,"
                     "\"vy_km_s\":%s,\"vz_km_s\":%s,\"error\":%d}",
                     first_json ? "" : ",", el.catalog_number, JsonString(iso).c_str(),
                     JsonNumber(tsince).c_str(), JsonString(astro::FrameName(*frame)).c_str(),
                     JsonNumber(r.x()).c_str(), JsonNumber(r.y()).c_str(),
                     JsonNumber(r.z()).c_str(), JsonNumber(v.x()).c_str(),
                     JsonNumber(v.y()).c_str(), JsonNumber(v.z()).c_str(), code);
        first_json = false;
      }
      if (code != 0) break;  // the object's rows stop at its first error
    }
  }
  if (o.format == "json") std::fprintf(out, "\n]\n");
  if (!tle->rejections.empty() || init_failures > 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        tle->rejections.size(), " TLE record(s) rejected and ", init_failures,
        " could not be initialized in ", o.tle_file, " (see above)"));
  }
  return absl::OkStatus();
}

}  // namespace sstrack::cli
