// Copyright sstrack authors.
#include "astro/frames/topocentric.h"

#include <cmath>

#include "astro/time/utc.h"
#include "erfa.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr double kDeg = M_PI / 180.0;

// The closed form on the WGS-84 ellipsoid (a = 6378137 m, f = 1/298.257223563):
// N = a / sqrt(1 − e² sin²φ), r = ((N+h) cosφ cosλ, (N+h) cosφ sinλ,
// (N(1−e²)+h) sinφ).
TEST(TopocentricTest, GeodeticMatchesClosedFormAndRoundTrips) {
  const double lat = 39.007 * kDeg, lon = -104.883 * kDeg, h = 2194.56;
  auto r = GeodeticToItrf({lat, lon, h});
  ASSERT_TRUE(r.ok());
  const double a = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f);
  const double n = a / std::sqrt(1 - e2 * std::sin(lat) * std::sin(lat));
  EXPECT_NEAR(r->x(), (n + h) * std::cos(lat) * std::cos(lon), 1e-6);
  EXPECT_NEAR(r->y(), (n + h) * std::cos(lat) * std::sin(lon), 1e-6);
  EXPECT_NEAR(r->z(), (n * (1 - e2) + h) * std::sin(lat), 1e-6);
  auto g = ItrfToGeodetic(*r);
  ASSERT_TRUE(g.ok());
  EXPECT_NEAR(g->latitude_rad, 39.007 * kDeg, 1e-12);
  EXPECT_NEAR(g->longitude_rad, -104.883 * kDeg, 1e-12);
  EXPECT_NEAR(g->height_m, 2194.56, 1e-6);
}

// Azimuth/elevation against ERFA's hour-angle → az/el (a second method).
TEST(TopocentricTest, LookAnglesMatchHourAngleMethod) {
  auto site = MakeGroundSite("bisei", {34.67 * kDeg, 133.54 * kDeg, 410.0});
  ASSERT_TRUE(site.ok());
  for (const Eigen::Vector3d& obj :
       {Eigen::Vector3d(-3.5e6, 4.0e6, 4.5e6), Eigen::Vector3d(-9e6, 6e6, 5e6),
        Eigen::Vector3d(-2e7, 3e7, 1e7)}) {
    CartesianState s{obj, Eigen::Vector3d(1000, -2000, 3000)};
    const LookAngles a = ComputeLookAngles(*site, s);
    const Eigen::Vector3d rho = obj - site->position_itrf_m;
    const double ha = site->geodetic.longitude_rad - std::atan2(rho.y(), rho.x());
    const double dec = std::asin(rho.z() / rho.norm());
    double az, el;
    eraHd2ae(ha, dec, site->geodetic.latitude_rad, &az, &el);
    EXPECT_NEAR(a.azimuth_rad, az, 1e-12);
    EXPECT_NEAR(a.elevation_rad, el, 1e-12);
    // Range-rate against a finite difference of the range.
    const double h = 1e-3;
    CartesianState p{obj + s.velocity_m_s * h, s.velocity_m_s};
    CartesianState m{obj - s.velocity_m_s * h, s.velocity_m_s};
    const double fd =
        (ComputeLookAngles(*site, p).range_m - ComputeLookAngles(*site, m).range_m) / (2 * h);
    EXPECT_NEAR(a.range_rate_m_s, fd, 1e-6);
  }
}

TEST(TopocentricTest, RaDecOfADistantObjectIsGeocentric) {
  auto site = MakeGroundSite("s", {-30 * kDeg, 20 * kDeg, 0});
  ASSERT_TRUE(site.ok());
  const Epoch t = *ParseIsoUtc("2020-03-01T00:00:00Z");
  const EopSample eop;
  const Eigen::Vector3d far =
      1e15 * Eigen::Vector3d(std::cos(0.3) * std::cos(1.0), std::cos(0.3) * std::sin(1.0),
                             std::sin(0.3));
  const RaDec rd = ComputeTopocentricRaDec(*site, far, t, eop);
  EXPECT_NEAR(rd.right_ascension_rad, 1.0, 1e-8);
  EXPECT_NEAR(rd.declination_rad, 0.3, 1e-8);
  // A nearby object: the parallax is the site's offset, recomputed by hand.
  const Eigen::Vector3d near(7e6, 1e6, -2e6);
  const Eigen::Vector3d site_gcrf =
      GcrfToItrfMatrix(t, eop).transpose() * site->position_itrf_m;
  const Eigen::Vector3d rho = near - site_gcrf;
  const RaDec rn = ComputeTopocentricRaDec(*site, near, t, eop);
  EXPECT_NEAR(std::tan(rn.right_ascension_rad), rho.y() / rho.x(), 1e-12);
}

TEST(TopocentricTest, BadInput) {
  EXPECT_FALSE(GeodeticToItrf({100 * kDeg, 0, 0}).ok());
  EXPECT_FALSE(GeodeticToItrf({NAN, 0, 0}).ok());
  auto s = MakeGroundSite("x", {0, 0, INFINITY});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("site 'x'"), std::string::npos);
}

}  // namespace
}  // namespace sstrack::astro
