// Copyright sstrack authors.
#include "orbit_determination/solid_tide.h"

#include <Eigen/Geometry>
#include <cmath>
#include <functional>

#include "gtest/gtest.h"

namespace sstrack::od {
namespace {

// The test case of the IERS software DEHANTTIDEINEL.F and its subroutines
// (IERS Conventions 2010, chapter 7): 2009-04-13 0h UTC.
const Eigen::Vector3d kStation(4075578.385, 931852.890, 4801570.154);
const TideBody kSun{{137859926952.015, 54228127881.4350, 23509422341.6960},
                    kSunEarthMassRatio};
const TideBody kMoon{{-179996231.920342, -312468450.131567, -169288918.592160},
                     kMoonEarthMassRatio};
// T (TT centuries) of 2009-04-13 0h UTC: TAI − UTC = 34 s.
const double kT1 = (2454934.5 - 2451545.0 + (34 + 32.184) / 86400) / 36525;
const Eigen::Vector3d kExpected1(0.7700420357108125891e-01,
                                 0.6304056321824967613e-01,
                                 0.5516568152597246810e-01);

void ExpectNear(const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                double tol) {
  EXPECT_LT((a - b).cwiseAbs().maxCoeff(), tol)
      << a.transpose() << " vs " << b.transpose();
}

TEST(SolidTideTest, ReproducesTheIersDehantTestCases) {
  ExpectNear(SolidEarthTideDisplacement(kStation, kSun, kMoon, kT1, 0.0),
             kExpected1, 1e-12);
  // Second case of the 2013 header: 2012-07-13 0h UTC (TAI − UTC = 35 s).
  const Eigen::Vector3d station(1112189.660, -4842955.026, 3985352.284);
  const TideBody sun{{-54537460436.2357, 130244288385.279, 56463429031.5996},
                     kSunEarthMassRatio};
  const TideBody moon{{300396716.912, 243238281.451, 120548075.939},
                      kMoonEarthMassRatio};
  const double t = (2456121.5 - 2451545.0 + (35 + 32.184) / 86400) / 36525;
  ExpectNear(SolidEarthTideDisplacement(station, sun, moon, t, 0.0),
             {-0.2036831479592075833e-01, 0.5658254776225972449e-01,
              -0.7597679676871742227e-01},
             1e-12);
}

// The subroutines' own test cases. Their printed FAC2SUN/FAC2MON
// (0.163271964478954, 0.321989090026845 m) came from older constants and
// differ from the mass ratios of DEHANTTIDEINEL by 3.5e-7 and 2.8e-7: 1e-10 m.
TEST(SolidTideTest, ReproducesTheIersStepOneSubroutines) {
  EXPECT_NEAR(TideDegree2Factor(kSun), 0.163271964478954, 1e-7);
  EXPECT_NEAR(TideDegree2Factor(kMoon), 0.321989090026845, 1e-7);
  ExpectNear(TideOutOfPhaseDiurnal(kStation, kSun) +
                 TideOutOfPhaseDiurnal(kStation, kMoon),
             {-0.2836337012840008001e-03, 0.1125342324347507444e-03,
              -0.2471186224343683169e-03},
             1e-9);  // ST1IDIU
  ExpectNear(TideOutOfPhaseSemidiurnal(kStation, kSun) +
                 TideOutOfPhaseSemidiurnal(kStation, kMoon),
             {-0.2801334805106874015e-03, 0.2939522229284325029e-04,
              -0.6051677912316721561e-04},
             1e-9);  // ST1ISEM
  ExpectNear(TideLatitudeDependence(kStation, kSun) +
                 TideLatitudeDependence(kStation, kMoon),
             {0.2367189532359759044e-03, 0.5181609907284959182e-03,
              -0.3014881422940427977e-03},
             1e-9);  // ST1L1
}

TEST(SolidTideTest, ReproducesTheIersStepTwoSubroutines) {
  const double t = 0.1059411362080767;
  ExpectNear(TideFrequencyDiurnal(kStation, t, 0.0),
             {0.4193085327321284701e-02, 0.1456681241014607395e-02,
              0.5123366597450316508e-02},
             1e-14);  // STEP2DIU
  ExpectNear(TideFrequencyLongPeriod(kStation, t),
             {-0.9780962849562107762e-04, -0.2236349699932734273e-04,
              0.3561945821351565926e-03},
             1e-14);  // STEP2LON
}

// What the small terms weigh in the IERS case: degree 2 alone is 7.7 mm off,
// and all but 1.5 mm of that is the step-2 diurnal (K1) correction.
TEST(SolidTideTest, DegreeTwoAloneAndWhatTheRestAdds) {
  SolidTideOptions none;
  none.degree3 = none.out_of_phase = none.latitude_dependence =
      none.frequency_dependence = false;
  const Eigen::Vector3d d2 =
      SolidEarthTideDisplacement(kStation, kSun, kMoon, kT1, 0.0, none);
  EXPECT_NEAR((d2 - kExpected1).norm(), 7.7e-3, 0.1e-3);
  const Eigen::Vector3d k1 = TideFrequencyDiurnal(kStation, kT1, 0.0);
  EXPECT_LT((d2 + k1 - kExpected1).norm(), 1.5e-3);
}

// Closed form: the Moon in the zenith of an equatorial station. Then
// c = 1, the displacement is radial, h2 = 0.6078 + 0.0003 on the equator:
//   Δr = q R⁴/d³ (h2 + h3 R/d).
TEST(SolidTideTest, MoonAtZenithClosedForm) {
  const double d = 384400e3, r = kTideEarthRadiusM;
  const Eigen::Vector3d station(r, 0, 0);
  const TideBody moon{{d, 0, 0}, kMoonEarthMassRatio};
  const TideBody no_sun{{0, 1.496e11, 0}, 0.0};
  const double f = kMoonEarthMassRatio * std::pow(r, 4) / std::pow(d, 3);
  SolidTideOptions in_phase;
  in_phase.out_of_phase = in_phase.latitude_dependence =
      in_phase.frequency_dependence = false;
  const Eigen::Vector3d dr =
      SolidEarthTideDisplacement(station, no_sun, moon, 0, 0, in_phase);
  EXPECT_NEAR(dr.x(), f * (0.6081 + 0.292 * r / d), 1e-12);
  EXPECT_NEAR(dr.y(), 0.0, 1e-15);
  EXPECT_NEAR(dr.z(), 0.0, 1e-15);
  // The usual estimate h2 q R⁴/d³ ≈ 0.22 m is good to 1 %.
  EXPECT_NEAR(dr.x() / (0.6078 * f), 1.0, 0.01);
  EXPECT_NEAR(dr.x(), 0.22, 0.01);
  // On the horizon (c = 0) the radial tide is −h2 F/2, with no horizontal
  // part from degree 2 and a −3/2 l3 F R/d one from degree 3.
  const TideBody moon_horizon{{0, d, 0}, kMoonEarthMassRatio};
  const Eigen::Vector3d hz =
      SolidEarthTideDisplacement(station, no_sun, moon_horizon, 0, 0, in_phase);
  EXPECT_NEAR(hz.x(), -0.5 * 0.6081 * f, 1e-12);
  EXPECT_NEAR(hz.y(), -1.5 * 0.015 * f * r / d, 1e-12);
}

// Finite differences: the in-phase displacement of degree n is
// h_n W_n r̂ + l_n ∇_S W_n (∇_S the gradient on the unit sphere), with the
// tidal potential over g W_n = F_n P_n(r̂·R̂), F_2 = q R⁴/d³, F_3 = F_2 R/d.
TEST(SolidTideTest, InPhaseIsTheGradientOfThePotential) {
  const Eigen::Vector3d station = kStation;
  for (const TideBody& body : {kSun, kMoon}) {
    const Eigen::Vector3d u = body.position_itrf_m.normalized();
    const double f2 = TideDegree2Factor(body);
    const double f3 = f2 * kTideEarthRadiusM / body.position_itrf_m.norm();
    auto w2 = [&](const Eigen::Vector3d& r) {
      const double c = u.dot(r);
      return f2 * (1.5 * c * c - 0.5);
    };
    auto w3 = [&](const Eigen::Vector3d& r) {
      const double c = u.dot(r);
      return f3 * (2.5 * c * c * c - 1.5 * c);
    };
    const Eigen::Vector3d r = station.normalized();
    const Eigen::Vector3d east = Eigen::Vector3d::UnitZ().cross(r).normalized();
    const Eigen::Vector3d north = r.cross(east);
    auto gradient =
        [&](const std::function<double(const Eigen::Vector3d&)>& w) {
          const double h = 1e-5;  // rad
          Eigen::Vector3d g = Eigen::Vector3d::Zero();
          for (const Eigen::Vector3d& axis : {east, north}) {
            // Rotate r by ±h towards `axis`.
            const Eigen::Vector3d ax = r.cross(axis).normalized();
            const Eigen::Vector3d rp = Eigen::AngleAxisd(h, ax) * r;
            const Eigen::Vector3d rm = Eigen::AngleAxisd(-h, ax) * r;
            g += (w(rp) - w(rm)) / (2 * h) * axis;
          }
          return g;
        };
    const double sin_lat = r.z();
    const double p2 = (3 * sin_lat * sin_lat - 1) / 2;
    const double h2 = 0.6078 - 0.0006 * p2, l2 = 0.0847 + 0.0002 * p2;
    ExpectNear(TideDegree2InPhase(station, body),
               h2 * w2(r) * r + l2 * gradient(w2), 1e-10);
    ExpectNear(TideDegree3InPhase(station, body),
               0.292 * w3(r) * r + 0.015 * gradient(w3), 1e-10);
  }
}

// The out-of-phase and l¹ terms are horizontal/radial as their equations say
// and vanish where the equations make them vanish: at the poles the diurnal
// radial term (sin 2φ = 0) and for a body in the equator plane the diurnal
// terms (sin 2φ_j = 0).
TEST(SolidTideTest, SmallTermsVanishWhereTheirEquationsDo) {
  const TideBody equatorial{{3.8e8, 1.0e8, 0.0}, kMoonEarthMassRatio};
  EXPECT_LT(TideOutOfPhaseDiurnal(kStation, equatorial).norm(), 1e-15);
  const Eigen::Vector3d l1 = TideLatitudeDependence(kStation, kMoon);
  EXPECT_NEAR(l1.dot(kStation.normalized()), 0.0, 1e-15);
  const Eigen::Vector3d equator(kTideEarthRadiusM, 0, 0);
  EXPECT_LT(TideLatitudeDependence(equator, kMoon).norm(), 1e-15);
  // Step 2, long period: no east component, and the radial part follows
  // (3 sin²φ − 1)/2, which vanishes at sin²φ = 1/3.
  const double lat = std::asin(std::sqrt(1.0 / 3.0));
  const Eigen::Vector3d node(std::cos(lat) * 6.37e6, 0, std::sin(lat) * 6.37e6);
  EXPECT_NEAR(TideFrequencyLongPeriod(node, 0.1).dot(node.normalized()), 0.0,
              1e-15);
}

}  // namespace
}  // namespace sstrack::od
