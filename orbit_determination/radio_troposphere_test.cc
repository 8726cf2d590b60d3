// Copyright sstrack authors.
#include "orbit_determination/radio_troposphere.h"

#include <cmath>

#include "gtest/gtest.h"
#include "orbit_determination/atmosphere_ray_trace.h"
#include "orbit_determination/refraction.h"

namespace sstrack::od {
namespace {

constexpr double kDeg = M_PI / 180;
constexpr double kR0 = 6371e3;

// Hydrostatic equilibrium, closed form: ∫ N_dry dh = k1 (R_d/g_m) P_s, so
// the zenith delay is 1e-6 · 77.6 · 287.0537/9.784 · P [Pa → hPa in k1]
// ≈ 2.3 m at 1013.25 hPa; Saastamoinen's constant 0.0022768 is this at 45°
// and sea level (its latitude/height factor is 1 there).
TEST(RadioTroposphereTest, SaastamoinenZenithDelayIsTheHydrostaticIntegral) {
  const double closed_form = 1e-6 * 77.6 * 287.0537 / 9.784 * 1013.25;
  EXPECT_NEAR(closed_form, 2.3065, 1e-3);
  EXPECT_NEAR(SaastamoinenHydrostaticZenithDelayM(1013.25, 45 * kDeg, 0.0), closed_form, 1e-3);
  // The same by ray trace (numerical integral of the layered atmosphere).
  testing::LayeredAtmosphere atm;
  const double traced = testing::TraceRay(atm.Dry(), kR0, 90 * kDeg, 120e3).delay_m;
  EXPECT_NEAR(SaastamoinenHydrostaticZenithDelayM(1013.25, 45 * kDeg, 0.0), traced, 2e-3);
  // Gravity is weaker at the equator and aloft: the delay per hPa grows.
  EXPECT_GT(SaastamoinenHydrostaticZenithDelayM(1013.25, 0.0, 2000.0),
            SaastamoinenHydrostaticZenithDelayM(1013.25, 45 * kDeg, 0.0));
}

// The wet zenith delay against the ray trace of the layered atmosphere's
// water vapour (e0 = 15 hPa with a 2 km scale height; the Saastamoinen
// formula assumes its own profile: 5 mm of 15 cm).
TEST(RadioTroposphereTest, SaastamoinenWetDelayAgreesWithRayTrace) {
  testing::LayeredAtmosphere atm;
  atm.e0_hpa = 15.0;
  const double traced = testing::TraceRay(atm.Make(false, true), kR0, 90 * kDeg).delay_m;
  const double model = SaastamoinenWetZenithDelayM(288.15, 15.0);
  EXPECT_NEAR(model, traced, 0.005);  // seen: 1.7 mm
}

// Niell's hydrostatic mapping against the mapping of the ray-traced layered
// atmosphere: slant delay at the end point's geometric elevation / zenith
// (45° N in summer; the layered atmosphere is close to the US standard one).
TEST(RadioTroposphereTest, NiellMappingAgreesWithRayTrace) {
  testing::LayeredAtmosphere atm;
  const TroposphereSite site{45 * kDeg, 0.0, 180.0};
  const double zenith = testing::TraceRay(atm.Dry(), kR0, 90 * kDeg).delay_m;
  for (double ea : {3.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0}) {
    const testing::RayTrace ray = testing::TraceRay(atm.Dry(), kR0, ea * kDeg);
    const double traced = ray.delay_m / zenith;
    const double model = NiellHydrostaticMapping(ray.geometric_elevation_rad, site);
    // Seen: 0.13 % at 10°, 0.4 % at 5°, 0.8 % at 3°.
    const double tol = ea >= 10 ? 0.002 : (ea >= 5 ? 0.005 : 0.01);
    EXPECT_NEAR(model / traced, 1.0, tol) << ea;
  }
  // Magnitude: the total one-way delay at 10° for standard weather is
  // ≈ 2.3 m / sin 10° ≈ 13.3 m plus the wet part.
  const double d10 = RadioTroposphereDelay(10 * kDeg, SurfaceWeather{}, site);
  EXPECT_GT(d10, 13.0);
  EXPECT_LT(d10, 15.0);
}

TEST(RadioTroposphereTest, MappingIsOneAtZenith) {
  for (double lat : {-80.0, -45.0, 10.0, 37.0, 52.5, 80.0}) {
    const TroposphereSite site{lat * kDeg, 0.0, 100.0};
    EXPECT_NEAR(NiellHydrostaticMapping(M_PI / 2, site), 1.0, 1e-12) << lat;
    EXPECT_NEAR(NiellWetMapping(M_PI / 2, site), 1.0, 1e-12) << lat;
  }
}

}  // namespace
}  // namespace sstrack::od
