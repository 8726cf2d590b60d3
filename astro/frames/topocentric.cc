// Copyright sstrack authors.
#include "astro/frames/topocentric.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "erfa.h"
#include "erfam.h"

namespace sstrack::astro {

absl::StatusOr<Eigen::Vector3d> GeodeticToItrf(const Geodetic& g) {
  if (!std::isfinite(g.latitude_rad) || !std::isfinite(g.longitude_rad) ||
      !std::isfinite(g.height_m)) {
    return absl::InvalidArgumentError("geodetic coordinates are not finite");
  }
  if (std::abs(g.latitude_rad) > M_PI / 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "latitude ", g.latitude_rad * 180 / M_PI, " deg not in [-90, 90]"));
  }
  double xyz[3];
  if (eraGd2gc(ERFA_WGS84, g.longitude_rad, g.latitude_rad, g.height_m, xyz) != 0) {
    return absl::InvalidArgumentError("geodetic to ITRF conversion failed");
  }
  return Eigen::Vector3d(xyz[0], xyz[1], xyz[2]);
}

absl::StatusOr<Geodetic> ItrfToGeodetic(const Eigen::Vector3d& p) {
  if (!p.allFinite()) return absl::InvalidArgumentError("ITRF position is not finite");
  double xyz[3] = {p.x(), p.y(), p.z()};
  Geodetic g;
  if (eraGc2gd(ERFA_WGS84, xyz, &g.longitude_rad, &g.latitude_rad, &g.height_m) != 0) {
    return absl::InvalidArgumentError("ITRF to geodetic conversion failed");
  }
  return g;
}

absl::StatusOr<GroundSite> MakeGroundSite(const std::string& name,
                                          const Geodetic& g) {
  absl::StatusOr<Eigen::Vector3d> p = GeodeticToItrf(g);
  if (!p.ok()) {
    return absl::Status(p.status().code(),
                        absl::StrCat("site '", name, "': ", p.status().message()));
  }
  GroundSite s;
  s.name = name;
  s.geodetic = g;
  s.position_itrf_m = *p;
  const double sl = std::sin(g.latitude_rad), cl = std::cos(g.latitude_rad);
  const double so = std::sin(g.longitude_rad), co = std::cos(g.longitude_rad);
  s.itrf_to_enu << -so, co, 0,        //
      -sl * co, -sl * so, cl,          //
      cl * co, cl * so, sl;
  return s;
}

LookAngles ComputeLookAngles(const GroundSite& site,
                             const CartesianState& object_itrf) {
  const Eigen::Vector3d rho = object_itrf.position_m - site.position_itrf_m;
  const Eigen::Vector3d enu = site.itrf_to_enu * rho;
  LookAngles a;
  a.range_m = rho.norm();
  a.azimuth_rad = std::atan2(enu.x(), enu.y());
  if (a.azimuth_rad < 0) a.azimuth_rad += 2 * M_PI;
  a.elevation_rad = std::asin(enu.z() / a.range_m);
  a.range_rate_m_s = rho.dot(object_itrf.velocity_m_s) / a.range_m;
  return a;
}

RaDec ComputeTopocentricRaDec(const GroundSite& site,
                              const Eigen::Vector3d& object_gcrf_m,
                              const Epoch& t, const EopSample& eop) {
  const Eigen::Vector3d site_gcrf =
      GcrfToItrfMatrix(t, eop).transpose() * site.position_itrf_m;
  const Eigen::Vector3d rho = object_gcrf_m - site_gcrf;
  RaDec out;
  out.right_ascension_rad = std::atan2(rho.y(), rho.x());
  if (out.right_ascension_rad < 0) out.right_ascension_rad += 2 * M_PI;
  out.declination_rad = std::asin(rho.z() / rho.norm());
  return out;
}

}  // namespace sstrack::astro
