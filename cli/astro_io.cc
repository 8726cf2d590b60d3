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

}  // namespace sstrack::cli
