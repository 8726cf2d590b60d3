// Copyright sstrack authors.
#include "cli/look_command.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "astro/bodies/sun.h"
#include "astro/formats/element_file.h"
#include "astro/frames/frames.h"
#include "astro/frames/topocentric.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "cli/astro_io.h"
#include "cli/cli_common.h"
#include "cli/element_sets.h"

namespace sstrack::cli {
namespace {

constexpr double kDeg = M_PI / 180.0;

}  // namespace

absl::Status RunLook(const LookOptions& o, std::FILE* out, std::FILE* err) {
  auto site_values = ParseNumberList("--site", o.site, 3);
  if (!site_values.ok()) return site_values.status();
  const double lat = (*site_values)[0], lon = (*site_values)[1], alt = (*site_values)[2];
  if (std::abs(lat) > 90 || std::abs(lon) > 360 || alt < -500 || alt > 1e5) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--site ", o.site, ": latitude must be in [-90, 90] deg, longitude in [-360, 360] deg, "
        "altitude in [-500, 100000] m"));
  }
  auto site = astro::MakeGroundSite("site", {lat * kDeg, lon * kDeg, alt});
  if (!site.ok()) return site.status();
  auto at = astro::ParseIsoUtc(o.at_iso);
  if (!at.ok()) return absl::InvalidArgumentError(absl::StrCat("--at: ", at.status().message()));
  auto loaded = LoadElementSets(o.tle_file, o.ids, o.db, err);
  if (!loaded.ok()) return loaded.status();
  const std::vector<astro::MeanElements>& sets = loaded->sets;
  const size_t rejected = loaded->rejected;
  auto eop = EopAt(*at, o.eop_files, err);
  if (!eop.ok()) return eop.status();
  const Eigen::Vector3d sun = astro::SunPositionGcrf(*at);
  if (o.json) std::fprintf(out, "[");
  if (!o.json) {
    std::fprintf(out, "%6s %-24s %9s %8s %12s %11s %9s %8s %6s\n", "norad", "name", "az_deg",
                 "el_deg", "range_km", "rrate_km_s", "ra_deg", "dec_deg", "sunlit");
  }
  int failed = 0;
  bool first = true;
  for (const astro::MeanElements& el : sets) {
    auto sgp4 = astro::Sgp4::Create(el);
    astro::Sgp4State s;
    if (sgp4.ok()) s = sgp4->Propagate((*at - el.epoch) / 60.0);
    if (!sgp4.ok() || s.error != astro::Sgp4Error::kNone) {
      std::fprintf(err, "object %d: SGP4 cannot propagate it to %s (%s)\n", el.catalog_number,
                   o.at_iso.c_str(),
                   sgp4.ok() ? absl::StrCat("error ", static_cast<int>(s.error)).c_str()
                             : std::string(sgp4.status().message()).c_str());
      ++failed;
      continue;
    }
    const astro::CartesianState teme{s.position_teme_m, s.velocity_teme_m_s};
    auto itrf = astro::ConvertState(teme, astro::Frame::kTeme, astro::Frame::kItrf, *at, *eop);
    auto gcrf = astro::ConvertState(teme, astro::Frame::kTeme, astro::Frame::kGcrf, *at, *eop);
    if (!itrf.ok()) return itrf.status();
    if (!gcrf.ok()) return gcrf.status();
    const astro::LookAngles look = astro::ComputeLookAngles(*site, *itrf);
    const astro::RaDec radec = astro::ComputeTopocentricRaDec(*site, gcrf->position_m, *at, *eop);
    const double sunlit = astro::SunlitFraction(gcrf->position_m, sun);
    if (o.json) {
      std::fprintf(out,
                   "%s\n{\"norad\":%d,\"name\":%s,\"epoch_utc\":%s,\"az_deg\":%s,\"el_deg\":%s,"
                   "\"range_km\":%s,\"range_rate_km_s\":%s,\"ra_deg\":%s,\"dec_deg\":%s,"
                   "\"sunlit\":%s}",
                   first ? "" : ",", el.catalog_number, JsonString(el.name).c_str(),
                   JsonString(astro::FormatIsoUtc(*at, 3)).c_str(),
                   JsonNumber(look.azimuth_rad / kDeg).c_str(),
                   JsonNumber(look.elevation_rad / kDeg).c_str(),
                   JsonNumber(look.range_m / 1e3).c_str(),
                   JsonNumber(look.range_rate_m_s / 1e3).c_str(),
                   JsonNumber(radec.right_ascension_rad / kDeg).c_str(),
                   JsonNumber(radec.declination_rad / kDeg).c_str(), JsonNumber(sunlit).c_str());
      first = false;
    } else {
      std::fprintf(out, "%6d %-24.24s %9.4f %8.4f %12.3f %11.6f %9.4f %8.4f %6.3f\n",
                   el.catalog_number, el.name.c_str(), look.azimuth_rad / kDeg,
                   look.elevation_rad / kDeg, look.range_m / 1e3, look.range_rate_m_s / 1e3,
                   radec.right_ascension_rad / kDeg, radec.declination_rad / kDeg, sunlit);
    }
  }
  if (o.json) std::fprintf(out, "\n]\n");
  if (rejected > 0 || failed > 0) {
    return absl::FailedPreconditionError(absl::StrCat(rejected, " record(s) rejected, ", failed,
                                                      " object(s) not propagated (see above)"));
  }
  return absl::OkStatus();
}

}  // namespace sstrack::cli
