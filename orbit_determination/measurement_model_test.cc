// Copyright sstrack authors.
#include "orbit_determination/measurement_model.h"

#include <cmath>
#include <functional>

#include "astro/elements/keplerian.h"
#include "astro/frames/frames.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::od {
namespace {

constexpr double kC = 299792458.0, kMu = 3.986004418e14, kDeg = M_PI / 180;
using Vector6d = Eigen::Matrix<double, 6, 1>;

struct Scenario {
  astro::Epoch t0 = *astro::ParseIsoUtc("2016-02-13T16:00:00Z");
  Vector6d x0;
  Station site = *astro::MakeGroundSite("Matera", {40.6486 * kDeg, 16.7046 * kDeg, 535.9});
  Scenario() {
    x0 = *astro::KeplerianToCartesian({7200e3, 0.01, 60 * kDeg, 10 * kDeg, 0, 5 * kDeg}, kMu);
  }
  // Exact two-body truth at any time.
  Vector6d Truth(const astro::Epoch& t) const { return *astro::PropagateKepler(x0, kMu, t - t0); }
  Eigen::Vector3d SiteGcrf(const astro::Epoch& t) const {
    return astro::GcrfToItrfMatrix(t, astro::ZeroEop(t)).transpose() * site.position_itrf_m;
  }
  // Exact down-leg light time by iteration on the true trajectory.
  double DownLeg(const astro::Epoch& tr) const {
    double tau = 0;
    for (int i = 0; i < 8; ++i) tau = (Truth(tr + (-tau)).head<3>() - SiteGcrf(tr)).norm() / kC;
    return tau;
  }
};

// A pass over Matera: find a reception time with the satellite well above
// the horizon.
astro::Epoch VisibleTime(const Scenario& s) {
  for (double dt = 0; dt < 86400; dt += 30) {
    const astro::Epoch t = s.t0 + dt;
    const Eigen::Matrix3d m = astro::GcrfToItrfMatrix(t, astro::ZeroEop(t));
    const Eigen::Vector3d rho = m * s.Truth(t).head<3>() - s.site.position_itrf_m;
    if ((s.site.itrf_to_enu * rho).z() > 0.5 * rho.norm()) return t;
  }
  ADD_FAILURE() << "no pass";
  return s.t0;
}

TEST(MeasurementModelTest, RangesAgainstExactLightTimeOnTheTrueOrbit) {
  const Scenario s;
  const astro::Epoch tr = VisibleTime(s);
  const StationState st = MakeStationState(s.site, tr, astro::ZeroEop(tr));
  const Vector6d x = s.Truth(tr);
  Measurement m;
  m.epoch = tr;
  m.type = MeasurementType::kRange;
  // One-way.
  m.two_way = false;
  const double tau = s.DownLeg(tr);
  EXPECT_NEAR(ComputeModel(m, st, x.head<3>(), x.tail<3>()).value, kC * tau, 1e-4);
  // Two-way: up leg from the station position at the transmit time.
  m.two_way = true;
  const astro::Epoch tb = tr + (-tau);
  const Eigen::Vector3d rb = s.Truth(tb).head<3>();
  double tau_u = tau;
  for (int i = 0; i < 8; ++i) tau_u = (rb - s.SiteGcrf(tb + (-tau_u))).norm() / kC;
  EXPECT_NEAR(ComputeModel(m, st, x.head<3>(), x.tail<3>()).value, 0.5 * kC * (tau + tau_u), 1e-4);
  // The light time matters: ignoring it moves the range by tens of metres.
  EXPECT_GT(std::abs((x.head<3>() - st.position_m).norm() - kC * tau), 10.0);
}

TEST(MeasurementModelTest, RangeRateIsTheDerivativeOfTheDownLegRange) {
  const Scenario s;
  const astro::Epoch tr = VisibleTime(s);
  Measurement m;
  m.epoch = tr;
  m.type = MeasurementType::kRangeRate;
  const Vector6d x = s.Truth(tr);
  const double model =
      ComputeModel(m, MakeStationState(s.site, tr, astro::ZeroEop(tr)), x.head<3>(), x.tail<3>()).value;
  const double h = 0.05;
  const double exact = kC * (s.DownLeg(tr + h) - s.DownLeg(tr + (-h))) / (2 * h);
  EXPECT_NEAR(model, exact, 2e-4);  // m/s
}

TEST(MeasurementModelTest, AnglesAgainstTopocentricFunctions) {
  const Scenario s;
  const astro::Epoch tr = VisibleTime(s);
  const astro::EopSample eop = astro::ZeroEop(tr);
  const StationState st = MakeStationState(s.site, tr, eop);
  const Vector6d x = s.Truth(tr);
  const Eigen::Vector3d rb = s.Truth(tr + (-s.DownLeg(tr))).head<3>();
  const astro::RaDec radec = astro::ComputeTopocentricRaDec(s.site, rb, tr, eop);
  const Eigen::Matrix3d m = astro::GcrfToItrfMatrix(tr, eop);
  const astro::LookAngles look = astro::ComputeLookAngles(s.site, {m * rb, Eigen::Vector3d::Zero()});
  Measurement meas;
  meas.epoch = tr;
  const std::pair<MeasurementType, double> cases[] = {
      {MeasurementType::kRightAscension, radec.right_ascension_rad},
      {MeasurementType::kDeclination, radec.declination_rad},
      {MeasurementType::kAzimuth, look.azimuth_rad},
      {MeasurementType::kElevation, look.elevation_rad}};
  for (const auto& [type, expected] : cases) {
    meas.type = type;
    const double got = ComputeModel(meas, st, x.head<3>(), x.tail<3>()).value;
    EXPECT_NEAR(Residual(type, got, expected), 0.0, 2e-10) << MeasurementTypeName(type);
  }
}

// Every partial against central differences of the model.
TEST(MeasurementModelTest, PartialsMatchFiniteDifferences) {
  const Scenario s;
  const astro::Epoch tr = VisibleTime(s);
  const StationState st = MakeStationState(s.site, tr, astro::ZeroEop(tr));
  const Vector6d x = s.Truth(tr);
  for (MeasurementType type :
       {MeasurementType::kRange, MeasurementType::kRangeRate, MeasurementType::kAzimuth,
        MeasurementType::kElevation, MeasurementType::kRightAscension,
        MeasurementType::kDeclination}) {
    Measurement m;
    m.epoch = tr;
    m.type = type;
    const ModelValue mv = ComputeModel(m, st, x.head<3>(), x.tail<3>());
    Eigen::Matrix<double, 1, 6> fd;
    for (int j = 0; j < 6; ++j) {
      const double h = j < 3 ? 1.0 : 1e-3;
      Vector6d xp = x, xm = x;
      xp[j] += h;
      xm[j] -= h;
      fd[j] = Residual(type, ComputeModel(m, st, xp.head<3>(), xp.tail<3>()).value,
                       ComputeModel(m, st, xm.head<3>(), xm.tail<3>()).value) /
              (2 * h);
    }
    EXPECT_LT((mv.partials - fd).norm(), 1e-6 * fd.norm()) << MeasurementTypeName(type);
  }
}

}  // namespace
}  // namespace sstrack::od
