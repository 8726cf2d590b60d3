// Copyright sstrack authors.
#include "cli/demo_command.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "astro/frames/frames.h"
#include "astro/frames/topocentric.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "cli/astro_io.h"
#include "cli/cli_common.h"

namespace sstrack::cli {

absl::Status RunDemo(const DemoOptions& o, std::FILE* out, std::FILE* err) {
  constexpr double kDeg = M_PI / 180.0;
  const std::string dir = o.config_dir.empty() ? "config" : o.config_dir;
  absl::StatusOr<astro::EopTable> eop_table = astro::EopTable::FromFiles(
      {dir + "/eop/bulletinb-337.txt", dir + "/eop/bulletinb-338.txt"});
  if (!eop_table.ok()) return eop_table.status();
  absl::StatusOr<astro::Epoch> t = astro::ParseIsoUtc("2016-02-13T16:00:00Z");
  if (!t.ok()) return t.status();
  absl::StatusOr<astro::EopSample> eop = eop_table->At(*t);
  if (!eop.ok()) return eop.status();

  // The LAGEOS-2 reference solution (../shared/data/lageos2/README.md).
  astro::CartesianState eme;
  eme.position_m = Eigen::Vector3d(7526994.072, -9646309.832, 1464110.239);
  eme.velocity_m_s = Eigen::Vector3d(3033.794, 1715.265, -4447.659);

  absl::StatusOr<astro::GroundSite> site = astro::MakeGroundSite(
      "Matera (7941)", {40.6486 * kDeg, 16.7046 * kDeg, 535.9});
  if (!site.ok()) return site.status();

  if (!o.json) {
    std::fprintf(out, "sstrack demo — LAGEOS-2 (NORAD 22195) at its OD reference epoch\n");
    std::fprintf(out, "EOP (IERS Bulletin B): x_p %.6f\" y_p %.6f\" UT1-UTC %.7f s LOD %.7f s\n\n",
                 eop->x_p_rad / kDeg * 3600, eop->y_p_rad / kDeg * 3600,
                 eop->ut1_minus_utc_s, eop->lod_s);
  } else {
    std::fprintf(out, "{\"object\":22195,\"states\":[\n");
  }
  astro::CartesianState itrf;
  const astro::Frame frames[] = {astro::Frame::kEme2000, astro::Frame::kGcrf,
                                 astro::Frame::kTeme, astro::Frame::kItrf};
  for (int i = 0; i < 4; ++i) {
    absl::StatusOr<astro::CartesianState> s =
        astro::ConvertState(eme, astro::Frame::kEme2000, frames[i], *t, *eop);
    if (!s.ok()) return s.status();
    if (frames[i] == astro::Frame::kItrf) itrf = *s;
    if (o.json && i > 0) std::fprintf(out, ",");
    PrintState(out, astro::FrameName(frames[i]), *t, *s, o.json);
  }
  const astro::LookAngles look = astro::ComputeLookAngles(*site, itrf);
  const astro::RaDec rd = astro::ComputeTopocentricRaDec(
      *site, astro::GcrfToEme2000Matrix().transpose() * eme.position_m, *t, *eop);
  if (o.json) {
    std::fprintf(out,
                 "],\"site\":%s,\"azimuth_deg\":%s,\"elevation_deg\":%s,"
                 "\"range_km\":%s,\"range_rate_km_s\":%s,\"ra_deg\":%s,"
                 "\"dec_deg\":%s}\n",
                 JsonString(site->name).c_str(),
                 JsonNumber(look.azimuth_rad / kDeg).c_str(),
                 JsonNumber(look.elevation_rad / kDeg).c_str(),
                 JsonNumber(look.range_m / 1e3).c_str(),
                 JsonNumber(look.range_rate_m_s / 1e3).c_str(),
                 JsonNumber(rd.right_ascension_rad / kDeg).c_str(),
                 JsonNumber(rd.declination_rad / kDeg).c_str());
  } else {
    std::fprintf(out,
                 "\nseen from %s: azimuth %.4f deg, elevation %.4f deg, range "
                 "%.3f km, range-rate %.6f km/s, RA %.5f deg, Dec %.5f deg (%s)\n",
                 site->name.c_str(), look.azimuth_rad / kDeg,
                 look.elevation_rad / kDeg, look.range_m / 1e3,
                 look.range_rate_m_s / 1e3, rd.right_ascension_rad / kDeg,
                 rd.declination_rad / kDeg,
                 look.elevation_rad > 0 ? "above the horizon" : "below the horizon");
  }
  (void)err;
  return absl::OkStatus();
}

}  // namespace sstrack::cli
