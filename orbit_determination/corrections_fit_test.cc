// Copyright sstrack authors.
//
// End to end: measurements simulated with refraction (optical az/el) and
// aberration (RA/Dec) are fitted without bias when the model includes them,
// and with a clear bias when it leaves them out.
#include <cmath>

#include <Eigen/Cholesky>

#include "astro/elements/keplerian.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"
#include "orbit_determination/batch_least_squares.h"
#include "orbit_determination/simulator.h"

namespace sstrack::od {
namespace {

constexpr double kDeg = M_PI / 180, kArcsec = kDeg / 3600;
using Vector6d = Eigen::Matrix<double, 6, 1>;

struct Case {
  astro::Epoch t0 = *astro::ParseIsoUtc("2016-02-13T00:00:00Z");
  astro::ForceModelOptions force;
  astro::CartesianState truth;
  std::map<std::string, Station> stations;

  Case() {
    force.gravity = *astro::GravityField::Read("tests/data/gravity/eigen-6s-truncated.gfc");
    force.degree = force.order = 4;
    const Vector6d x = *astro::KeplerianToCartesian(
        {7000e3, 0.002, 70 * kDeg, 30 * kDeg, 10 * kDeg, 0}, 3.986004415e14);
    truth = {x.head<3>(), x.tail<3>()};
    stations["MATERA"] = *astro::MakeGroundSite("MATERA", {40.6486 * kDeg, 16.7046 * kDeg, 536});
    stations["HALEAKALA"] =
        *astro::MakeGroundSite("HALEAKALA", {20.7069 * kDeg, -156.2575 * kDeg, 3067});
    stations["YARRAGADEE"] =
        *astro::MakeGroundSite("YARRAGADEE", {-29.0464 * kDeg, 115.3467 * kDeg, 244});
  }

  std::vector<Measurement> Simulate(std::vector<std::pair<MeasurementType, double>> types) const {
    SimulationOptions o;
    o.start = t0;
    o.end = t0 + 8 * 3600.0;
    o.step_s = 30;
    o.min_elevation_rad = 10 * kDeg;
    o.types = std::move(types);
    o.seed = 3;
    o.atmosphere = Atmosphere::kOptical;
    o.weather = SurfaceWeather{1005.0, 285.0, 60.0};
    o.aberration = {true, true};
    return *SimulateMeasurements(force, t0, truth, stations, o);
  }

  BatchSummary Fit(const std::vector<Measurement>& meas, double editing) const {
    BatchOptions o;
    o.editing_threshold = editing;
    const astro::CartesianState guess{truth.position_m + Eigen::Vector3d(300, -200, 100),
                                      truth.velocity_m_s + Eigen::Vector3d(-0.2, 0.1, 0.3)};
    auto s = SolveBatch(o, force, t0, guess, meas, stations, nullptr);
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *s : BatchSummary{};
  }

  double Mahalanobis2(const BatchSummary& s) const {
    Vector6d d;
    d << s.state_gcrf.position_m - truth.position_m, s.state_gcrf.velocity_m_s - truth.velocity_m_s;
    return d.dot(s.covariance_gcrf.ldlt().solve(d));
  }
};

std::vector<Measurement> WithoutCorrections(std::vector<Measurement> meas) {
  for (Measurement& m : meas) {
    m.atmosphere = Atmosphere::kNone;
    m.aberration = {};
  }
  return meas;
}

TEST(CorrectionsFitTest, OpticalAzElWithRefraction) {
  const Case c;
  const auto meas = c.Simulate({{MeasurementType::kAzimuth, 1 * kArcsec},
                                {MeasurementType::kElevation, 1 * kArcsec}});
  ASSERT_GT(meas.size(), 100u);
  const BatchSummary on = c.Fit(meas, 3.0);
  EXPECT_TRUE(on.accepted) << on.message;
  EXPECT_NEAR(on.postfit_wrms, 1.0, 0.15);
  EXPECT_LT(c.Mahalanobis2(on), 22.5);  // χ²(6) at 0.999: within ~3σ
  // Refraction left out: 10°–90° elevations bent by 5′–0″ against 1″ noise.
  const BatchSummary off = c.Fit(WithoutCorrections(meas), 0.0);
  EXPECT_GT(off.postfit_wrms, 10.0);
  EXPECT_GT(c.Mahalanobis2(off), 100 * 22.5);
}

TEST(CorrectionsFitTest, RaDecWithAberration) {
  const Case c;
  const auto meas = c.Simulate({{MeasurementType::kRightAscension, 0.5 * kArcsec},
                                {MeasurementType::kDeclination, 0.5 * kArcsec}});
  ASSERT_GT(meas.size(), 100u);
  const BatchSummary on = c.Fit(meas, 3.0);
  EXPECT_TRUE(on.accepted) << on.message;
  EXPECT_NEAR(on.postfit_wrms, 1.0, 0.15);
  EXPECT_LT(c.Mahalanobis2(on), 22.5);
  // Aberration left out: a ~20″ near-uniform shift of the direction.
  const BatchSummary off = c.Fit(WithoutCorrections(meas), 0.0);
  EXPECT_GT(off.postfit_wrms, 3.0);
  EXPECT_GT(c.Mahalanobis2(off), 100 * 22.5);
}

// Per-station overrides: the listed station's values contain its
// corrections (and carry its flags); the other stations keep the global
// (here geometric) values, draw for draw.
TEST(SimulatorTest, PerStationCorrectionsOverrideTheGlobalOnes) {
  const Case c;
  SimulationOptions o;
  o.start = c.t0;
  o.end = c.t0 + 8 * 3600.0;
  o.step_s = 60;
  o.types = {{MeasurementType::kRange, 0.0},
             {MeasurementType::kElevation, 0.0},
             {MeasurementType::kRightAscension, 0.0}};
  const std::vector<Measurement> plain = *SimulateMeasurements(c.force, c.t0, c.truth, c.stations, o);
  o.station_corrections["MATERA"] = {Atmosphere::kRadio, SurfaceWeather{1000.0, 290.0, 70.0},
                                     {true, false}};
  const std::vector<Measurement> mixed = *SimulateMeasurements(c.force, c.t0, c.truth, c.stations, o);
  ASSERT_EQ(plain.size(), mixed.size());
  int matera = 0;
  for (size_t i = 0; i < plain.size(); ++i) {
    const Measurement& p = plain[i];
    const Measurement& m = mixed[i];
    if (m.station != "MATERA") {
      EXPECT_EQ(m.atmosphere, Atmosphere::kNone);
      EXPECT_FALSE(m.aberration.any());
      EXPECT_EQ(m.value, p.value);
      continue;
    }
    ++matera;
    EXPECT_EQ(m.atmosphere, Atmosphere::kRadio);
    ASSERT_TRUE(m.weather.has_value());
    EXPECT_EQ(m.weather->pressure_hpa, 1000.0);
    const bool radec = m.type == MeasurementType::kRightAscension;
    EXPECT_EQ(m.aberration.annual, radec);
    EXPECT_FALSE(m.aberration.diurnal);
    if (m.type == MeasurementType::kRange) {
      EXPECT_GT(m.value - p.value, 2.0);  // zenith delay ≈ 2.4 m, more when lower
      EXPECT_LT(m.value - p.value, 30.0);
    } else if (m.type == MeasurementType::kElevation) {
      EXPECT_GT(m.value - p.value, 1 * kArcsec);  // apparent above geometric
      EXPECT_LT(m.value - p.value, 0.2 * kDeg);
    } else {
      EXPECT_GT(std::abs(m.value - p.value), 1 * kArcsec);  // annual aberration ≈ 20"
    }
  }
  EXPECT_GT(matera, 0);
}

TEST(SimulatorTest, CorrectionsForAnUnknownStationAreAnError) {
  const Case c;
  SimulationOptions o;
  o.start = c.t0;
  o.end = c.t0 + 600.0;
  o.types = {{MeasurementType::kRange, 1.0}};
  o.station_corrections["MATRA"] = {};
  auto r = SimulateMeasurements(c.force, c.t0, c.truth, c.stations, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("'MATRA'"), std::string::npos) << r.status();
}

}  // namespace
}  // namespace sstrack::od
