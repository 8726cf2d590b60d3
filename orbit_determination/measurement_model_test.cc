// Copyright sstrack authors.
#include "orbit_determination/measurement_model.h"

#include <cmath>
#include <functional>

#include "astro/elements/keplerian.h"
#include "astro/frames/frames.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "orbit_determination/refraction.h"
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
  struct Case {
    MeasurementType type;
    Atmosphere atmosphere = Atmosphere::kNone;
    RaDecAberration aberration = {};
  };
  const Case cases[] = {
      {MeasurementType::kRange},
      {MeasurementType::kRangeRate},
      {MeasurementType::kAzimuth},
      {MeasurementType::kElevation},
      {MeasurementType::kRightAscension},
      {MeasurementType::kDeclination},
      // With the corrections: their derivatives ride in the same AD.
      {MeasurementType::kElevation, Atmosphere::kOptical},
      {MeasurementType::kElevation, Atmosphere::kRadio},
      {MeasurementType::kRange, Atmosphere::kRadio},
      {MeasurementType::kRangeRate, Atmosphere::kRadio},
      {MeasurementType::kRightAscension, Atmosphere::kNone, {true, true}},
      {MeasurementType::kDeclination, Atmosphere::kNone, {true, false}},
  };
  for (const Case& c : cases) {
    const MeasurementType type = c.type;
    Measurement m;
    m.epoch = tr;
    m.type = type;
    m.atmosphere = c.atmosphere;
    m.aberration = c.aberration;
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
    EXPECT_LT((mv.partials - fd).norm(), 1e-6 * fd.norm())
        << MeasurementTypeName(type) << " atmosphere " << static_cast<int>(c.atmosphere);
  }
}

// A satellite low over the station: the corrections are largest there.
astro::Epoch LowTime(const Scenario& s, double max_elevation_rad) {
  for (double dt = 0; dt < 86400; dt += 10) {
    const astro::Epoch t = s.t0 + dt;
    const Eigen::Matrix3d m = astro::GcrfToItrfMatrix(t, astro::ZeroEop(t));
    const Eigen::Vector3d rho = m * s.Truth(t).head<3>() - s.site.position_itrf_m;
    const double sin_e = (s.site.itrf_to_enu * rho).z() / rho.norm();
    if (sin_e > std::sin(5 * kDeg) && sin_e < std::sin(max_elevation_rad)) return t;
  }
  ADD_FAILURE() << "no low pass";
  return s.t0;
}

// The corrections enter where they should and nowhere else, with the sizes
// of refraction.h / radio_troposphere.h / aberration.h.
TEST(MeasurementModelTest, CorrectionsApplyToTheirTypesOnly) {
  const Scenario s;
  const astro::Epoch tr = LowTime(s, 15 * kDeg);
  const StationState st = MakeStationState(s.site, tr, astro::ZeroEop(tr));
  const Vector6d x = s.Truth(tr);
  auto model = [&](MeasurementType type, Atmosphere a, RaDecAberration ab = {}) {
    Measurement m;
    m.epoch = tr;
    m.type = type;
    m.atmosphere = a;
    m.aberration = ab;
    return ComputeModel(m, st, x.head<3>(), x.tail<3>()).value;
  };
  const double e = model(MeasurementType::kElevation, Atmosphere::kNone);
  const SurfaceWeather w = StandardWeather(s.site.geodetic.height_m);
  EXPECT_DOUBLE_EQ(model(MeasurementType::kElevation, Atmosphere::kOptical) - e,
                   OpticalRefraction(e, w));
  EXPECT_NEAR(model(MeasurementType::kElevation, Atmosphere::kRadio) - e,
              RadioRefraction(e, w, s.site.position_itrf_m.norm()), 1e-15);
  const double r = model(MeasurementType::kRange, Atmosphere::kNone);
  const double delay = model(MeasurementType::kRange, Atmosphere::kRadio) - r;
  EXPECT_GT(delay, 2.3);
  EXPECT_LT(delay, 2.3 / std::sin(e) * 1.1);
  // Laser ranges get their troposphere through model_correction: none here.
  EXPECT_EQ(model(MeasurementType::kRange, Atmosphere::kOptical), r);
  for (MeasurementType t : {MeasurementType::kAzimuth, MeasurementType::kRightAscension,
                            MeasurementType::kDeclination}) {
    EXPECT_EQ(model(t, Atmosphere::kRadio), model(t, Atmosphere::kNone)) << MeasurementTypeName(t);
  }
  // Aberration: the direction moves by |V_E|⊥/c ≤ 21″, the diurnal part ≤ 0.32″.
  auto direction = [&](RaDecAberration ab) {
    const double ra = model(MeasurementType::kRightAscension, Atmosphere::kNone, ab);
    const double dec = model(MeasurementType::kDeclination, Atmosphere::kNone, ab);
    return Eigen::Vector3d(std::cos(dec) * std::cos(ra), std::cos(dec) * std::sin(ra),
                           std::sin(dec));
  };
  const Eigen::Vector3d u0 = direction({});
  const double annual = std::acos(std::min(1.0, u0.dot(direction({true, false}))));
  const double diurnal = std::acos(std::min(1.0, u0.dot(direction({false, true}))));
  EXPECT_GT(annual, 1.0 / 3600 * kDeg);
  EXPECT_LT(annual, 21.2 / 3600 * kDeg);
  EXPECT_LT(diurnal, 0.33 / 3600 * kDeg);
  // Annual is −V_E (aberration.h): the direction moves away from the apex.
  const Eigen::Vector3d shift = direction({true, false}) - u0;
  EXPECT_LT(shift.dot(st.earth_velocity_m_s), 0.0);
}

// The range-rate troposphere term is the time derivative of the range
// delay: compared with a central difference in time of the one-way range
// delay along the true (Kepler) orbit.
TEST(MeasurementModelTest, RangeRateDelayIsTheRateOfTheRangeDelay) {
  const Scenario s;
  const astro::Epoch tr = LowTime(s, 12 * kDeg);
  auto correction = [&](const astro::Epoch& t, MeasurementType type) {
    const StationState st = MakeStationState(s.site, t, astro::ZeroEop(t));
    const Vector6d x = s.Truth(t);
    Measurement m;
    m.epoch = t;
    m.type = type;
    m.two_way = false;
    m.atmosphere = Atmosphere::kRadio;
    const double with = ComputeModel(m, st, x.head<3>(), x.tail<3>()).value;
    m.atmosphere = Atmosphere::kNone;
    return with - ComputeModel(m, st, x.head<3>(), x.tail<3>()).value;
  };
  const double h = 0.5;
  const double fd = (correction(tr + h, MeasurementType::kRange) -
                     correction(tr + (-h), MeasurementType::kRange)) / (2 * h);
  const double rate = correction(tr, MeasurementType::kRangeRate);
  EXPECT_GT(std::abs(fd), 0.01);  // m/s: far above Doppler noise at this elevation
  EXPECT_NEAR(rate, fd, 1e-3 * std::abs(fd) + 1e-5);
}

}  // namespace
}  // namespace sstrack::od
