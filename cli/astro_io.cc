// Copyright sstrack authors.
#include "cli/astro_io.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "cli/cli_common.h"

namespace sstrack::cli {

absl::StatusOr<astro::EopSample> EopAt(const astro::Epoch& t,
                                       const std::vector<std::string>& files,
                                       std::FILE* err) {
  if (files.empty()) {
    std::fprintf(err,
                 "warning: no --eop file: using zero Earth orientation "
                 "(x_p = y_p = UT1-UTC = 0); Earth-fixed positions may be off "
                 "by hundreds of metres (UT1-UTC reaches 0.9 s)\n");
    return astro::ZeroEop(t);
  }
  absl::StatusOr<astro::EopTable> table = astro::EopTable::FromFiles(files);
  if (!table.ok()) return table.status();
  absl::StatusOr<astro::EopSample> s = table->At(t);
  if (!s.ok()) return absl::Status(s.status().code(), absl::StrCat("--eop: ", s.status().message()));
  return s;
}

void PrintState(std::FILE* out, absl::string_view frame, const astro::Epoch& t,
                const astro::CartesianState& s, bool json) {
  const Eigen::Vector3d r = s.position_m / 1e3;
  const Eigen::Vector3d v = s.velocity_m_s / 1e3;
  const std::string epoch = astro::FormatIsoUtc(t, 6);
  if (json) {
    std::fprintf(out,
                 "{\"frame\":%s,\"epoch_utc\":%s,\"x_km\":%s,\"y_km\":%s,"
                 "\"z_km\":%s,\"vx_km_s\":%s,\"vy_km_s\":%s,\"vz_km_s\":%s}\n",
                 JsonString(frame).c_str(), JsonString(epoch).c_str(),
                 JsonNumber(r.x()).c_str(), JsonNumber(r.y()).c_str(),
                 JsonNumber(r.z()).c_str(), JsonNumber(v.x()).c_str(),
                 JsonNumber(v.y()).c_str(), JsonNumber(v.z()).c_str());
    return;
  }
  std::fprintf(out, "%-8s %s  r = %17.9f %17.9f %17.9f km  v = %14.11f %14.11f %14.11f km/s\n",
               std::string(frame).c_str(), epoch.c_str(), r.x(), r.y(), r.z(),
               v.x(), v.y(), v.z());
}

EphemerisPrinter::EphemerisPrinter(std::FILE* out, std::string format, astro::Frame frame,
                                   bool sigmas)
    : out_(out), format_(std::move(format)), frame_(frame), sigmas_(sigmas) {}

void EphemerisPrinter::Begin() {
  if (format_ == "csv") {
    std::fprintf(out_, "norad,epoch_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error%s\n",
                 sigmas_ ? ",sigma_radial_m,sigma_intrack_m,sigma_crosstrack_m" : "");
  } else if (format_ == "json") {
    std::fprintf(out_, "[");
  }
}

void EphemerisPrinter::Row(int norad, const astro::Epoch& t, double tsince,
                           const astro::CartesianState& c, int code, const double* sig) {
  const Eigen::Vector3d r = c.position_m / 1e3, v = c.velocity_m_s / 1e3;
  const std::string iso = astro::FormatIsoUtc(t, 6);
  if (format_ == "csv") {
    std::fprintf(out_, "%d,%s,%.8f,%.8f,%.8f,%.8f,%.9f,%.9f,%.9f,%d", norad, iso.c_str(), tsince,
                 r.x(), r.y(), r.z(), v.x(), v.y(), v.z(), code);
    if (sigmas_ && sig) std::fprintf(out_, ",%.4f,%.4f,%.4f", sig[0], sig[1], sig[2]);
    std::fprintf(out_, "\n");
  } else if (format_ == "table") {
    std::fprintf(out_, "%6d %s %12.4f %15.6f %15.6f %15.6f %12.8f %12.8f %12.8f %d", norad,
                 iso.c_str(), tsince, r.x(), r.y(), r.z(), v.x(), v.y(), v.z(), code);
    if (sigmas_ && sig) std::fprintf(out_, " %10.3f %10.3f %10.3f", sig[0], sig[1], sig[2]);
    std::fprintf(out_, "\n");
  } else {
    std::fprintf(out_,
                 "%s\n{\"norad\":%d,\"epoch_utc\":%s,\"tsince_min\":%s,\"frame\":%s,"
                 "\"x_km\":%s,\"y_km\":%s,\"z_km\":%s,\"vx_km_s\":%s,"
                 "\"vy_km_s\":%s,\"vz_km_s\":%s,\"error\":%d",
                 first_ ? "" : ",", norad, JsonString(iso).c_str(), JsonNumber(tsince).c_str(),
                 JsonString(astro::FrameName(frame_)).c_str(), JsonNumber(r.x()).c_str(),
                 JsonNumber(r.y()).c_str(), JsonNumber(r.z()).c_str(), JsonNumber(v.x()).c_str(),
                 JsonNumber(v.y()).c_str(), JsonNumber(v.z()).c_str(), code);
    if (sigmas_ && sig) {
      std::fprintf(out_, ",\"sigma_radial_m\":%s,\"sigma_intrack_m\":%s,\"sigma_crosstrack_m\":%s",
                   JsonNumber(sig[0]).c_str(), JsonNumber(sig[1]).c_str(), JsonNumber(sig[2]).c_str());
    }
    std::fprintf(out_, "}");
    first_ = false;
  }
}

void EphemerisPrinter::End() {
  if (format_ == "json") std::fprintf(out_, "\n]\n");
}

}  // namespace sstrack::cli
