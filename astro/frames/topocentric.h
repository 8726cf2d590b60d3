// Copyright sstrack authors.
//
// astro/frames/topocentric.h — a ground site and what an observer there sees.
//
// Geodetic coordinates are WGS-84 (latitude φ, east longitude λ, ellipsoidal
// height h). The local frame is East-North-Up:
//   e = (−sin λ, cos λ, 0),  n = (−sin φ cos λ, −sin φ sin λ, cos φ),
//   u = (cos φ cos λ, cos φ sin λ, sin φ).
// For ρ = r_obj,ITRF − r_site,ITRF (geometric, no light time, refraction or
// aberration — measurement models add those):
//   azimuth  = atan2(ρ·e, ρ·n) in [0, 2π) from north through east,
//   elevation = asin(ρ·u / |ρ|), range = |ρ|, range-rate = ρ·v_ITRF / |ρ|.
// Topocentric RA/Dec are the direction of ρ in GCRF.
#ifndef SSTRACK_ASTRO_FRAMES_TOPOCENTRIC_H_
#define SSTRACK_ASTRO_FRAMES_TOPOCENTRIC_H_

#include <Eigen/Core>
#include <string>

#include "absl/status/statusor.h"
#include "astro/frames/frames.h"

namespace sstrack::astro {

struct Geodetic {
  double latitude_rad = 0.0;
  double longitude_rad = 0.0;
  double height_m = 0.0;
};

// WGS-84. INVALID_ARGUMENT for |lat| > 90°, non-finite values.
absl::StatusOr<Eigen::Vector3d> GeodeticToItrf(const Geodetic& g);
absl::StatusOr<Geodetic> ItrfToGeodetic(const Eigen::Vector3d& position_itrf_m);

struct GroundSite {
  std::string name;
  Geodetic geodetic;
  Eigen::Vector3d position_itrf_m = Eigen::Vector3d::Zero();
  Eigen::Matrix3d itrf_to_enu = Eigen::Matrix3d::Identity();  // rows e, n, u
};
absl::StatusOr<GroundSite> MakeGroundSite(const std::string& name,
                                          const Geodetic& g);

struct LookAngles {
  double azimuth_rad = 0.0;
  double elevation_rad = 0.0;
  double range_m = 0.0;
  double range_rate_m_s = 0.0;
};

// From the object's ITRF state.
LookAngles ComputeLookAngles(const GroundSite& site,
                             const CartesianState& object_itrf);

struct RaDec {
  double right_ascension_rad = 0.0;  // [0, 2π)
  double declination_rad = 0.0;
};
// Topocentric right ascension/declination (GCRF axes) of the object seen
// from the site, at instant t with Earth orientation eop.
RaDec ComputeTopocentricRaDec(const GroundSite& site,
                              const Eigen::Vector3d& object_gcrf_m,
                              const Epoch& t, const EopSample& eop);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FRAMES_TOPOCENTRIC_H_
