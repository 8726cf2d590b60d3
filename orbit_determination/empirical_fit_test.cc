// Copyright sstrack authors.
//
// Empirical accelerations estimated by the batch fit (issue 16 item 1):
// a truth with a constant along-track acceleration (a leak) that the fit's
// force model does not have, unless it estimates one.
#include <cmath>

#include <Eigen/Cholesky>

#include "astro/elements/keplerian.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"
#include "orbit_determination/batch_least_squares.h"
#include "orbit_determination/fit_test_util.h"
#include "orbit_determination/simulator.h"

namespace sstrack::od {
namespace {

constexpr double kDeg = M_PI / 180;
constexpr double kLeak = 1e-7;  // m/s², along track

struct Campaign {
  astro::Epoch t0 = *astro::ParseIsoUtc("2016-02-13T00:00:00Z");
  astro::Epoch t1 = t0 + 86400.0;
  astro::ForceModelOptions model;  // the fit's: no leak
  astro::ForceModelOptions truth_model;
  astro::CartesianState truth;
  std::map<std::string, Station> stations;
  std::vector<Measurement> meas;

  explicit Campaign(uint64_t seed) {
    model.gravity = *astro::GravityField::Read("tests/data/gravity/eigen-6s-truncated.gfc");
    model.degree = model.order = 4;
    truth_model = model;
    astro::EmpiricalAcceleration leak = *astro::ParseEmpiricalShape("T");
    leak.estimate = false;
    leak.value_m_s2 = kLeak;
    truth_model.empirical = {leak};
    truth = testing::LeoTruth(model.gravity->gm_m3_s2());
    stations = testing::FourStations();
    SimulationOptions so;
    so.start = t0;
    so.end = t1;
    so.step_s = 60;
    so.seed = seed;
    so.types = {{MeasurementType::kRange, 5.0},
                {MeasurementType::kAzimuth, 20.0 / 3600 * kDeg},
                {MeasurementType::kElevation, 20.0 / 3600 * kDeg}};
    meas = *SimulateMeasurements(truth_model, t0, truth, stations, so);
  }

  astro::CartesianState Guess() const {
    return {truth.position_m + Eigen::Vector3d(300, -200, 100),
            truth.velocity_m_s + Eigen::Vector3d(-0.2, 0.1, 0.3)};
  }

  // Position error of the fit at t (its own model and parameters) against
  // the truth.
  double PositionErrorAt(const BatchSummary& fit, const astro::ForceModelOptions& fo,
                         const astro::Epoch& t) const {
    auto fit_model = astro::ForceModel::Create(fo, t0, t);
    auto truth_fm = astro::ForceModel::Create(truth_model, t0, t);
    EXPECT_TRUE(fit_model.ok() && truth_fm.ok());
    astro::NumericalPropagatorOptions po;
    po.parameters = fit.parameters.segment(6, (*fit_model)->num_parameters());
    auto a = astro::PropagateNumerically(**fit_model, fit.epoch, fit.state_gcrf, {t}, po);
    auto b = astro::PropagateNumerically(**truth_fm, t0, truth, {t}, {});
    EXPECT_TRUE(a.ok() && b.ok());
    return ((*a)[0].gcrf.position_m - (*b)[0].gcrf.position_m).norm();
  }
};

double StateNees(const BatchSummary& s, const astro::CartesianState& truth) {
  Eigen::Matrix<double, 6, 1> d;
  d << s.state_gcrf.position_m - truth.position_m, s.state_gcrf.velocity_m_s - truth.velocity_m_s;
  return d.dot(s.covariance_gcrf.ldlt().solve(d));
}

// Without the empirical term the leak's ~1 km of along-track drift a day
// shows as residuals and an error the covariance does not know; with one
// constant along-track amplitude estimated the leak is recovered within
// 10 % (and 3σ), the state lies within its covariance, and the errors at
// the end of the data and a day after are a fraction of the unmodelled ones.
TEST(EmpiricalFitTest, ConstantAlongTrackLeakIsRecovered) {
  const Campaign c(3);
  ASSERT_GT(c.meas.size(), 200u);
  BatchOptions bo;
  auto plain = SolveBatch(bo, c.model, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_TRUE(plain.ok()) << plain.status();

  astro::ForceModelOptions with = c.model;
  with.empirical = {*astro::ParseEmpiricalShape("T")};
  auto fit = SolveBatch(bo, with, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_TRUE(fit.ok()) << fit.status();
  ASSERT_TRUE(fit->accepted) << fit->message;
  ASSERT_EQ(fit->parameter_names.size(), 7u);
  EXPECT_EQ(fit->parameter_names[6], "empirical_T_m_s2");
  const double est = fit->parameters[6], sigma = fit->parameter_sigmas[6];
  EXPECT_NEAR(est, kLeak, 0.1 * kLeak);
  EXPECT_LT(std::abs(est - kLeak), 3 * sigma) << est << " ± " << sigma;
  EXPECT_LT(sigma, 0.1 * kLeak);
  EXPECT_LT(StateNees(*fit, c.truth), 22.5);  // χ²(6) 99.9 %
  EXPECT_LT(fit->postfit_wrms, 1.2);
  EXPECT_GT(plain->postfit_wrms, fit->postfit_wrms + 0.2) << plain->message;

  const double end_with = c.PositionErrorAt(*fit, with, c.t1);
  const double end_plain = c.PositionErrorAt(*plain, c.model, c.t1);
  const double day_with = c.PositionErrorAt(*fit, with, c.t1 + 86400.0);
  const double day_plain = c.PositionErrorAt(*plain, c.model, c.t1 + 86400.0);
  EXPECT_LT(end_with, 0.5 * end_plain) << end_with << " vs " << end_plain;
  EXPECT_LT(day_with, 0.2 * day_plain) << day_with << " vs " << day_plain;
  EXPECT_GT(day_plain, 500.0);  // the leak's effect a day on: ~(3/2)·a_T·t²
}

// Piecewise over 12-h intervals with an a-priori σ per amplitude: both
// pieces find the (constant) leak; an a-priori σ of 1e-12 holds an
// amplitude at its a-priori 0; bad settings are errors naming the option.
TEST(EmpiricalFitTest, PiecewiseWithAPrioriSigma) {
  const Campaign c(4);
  astro::ForceModelOptions with = c.model;
  auto terms = astro::PiecewiseEmpirical({*astro::ParseEmpiricalShape("T")}, c.meas.front().epoch,
                                         c.meas.back().epoch, 43200.0);
  ASSERT_TRUE(terms.ok()) << terms.status();
  ASSERT_EQ(terms->size(), 2u);
  with.empirical = *terms;
  BatchOptions bo;
  for (const auto& t : *terms) bo.parameters[t.Name()].a_priori_sigma = 1e-6;
  auto fit = SolveBatch(bo, with, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_TRUE(fit.ok()) << fit.status();
  ASSERT_TRUE(fit->accepted) << fit->message;
  for (int k = 6; k < 8; ++k) {
    EXPECT_NEAR(fit->parameters[k], kLeak, 4 * fit->parameter_sigmas[k]) << fit->parameter_names[k];
    EXPECT_LT(fit->parameter_sigmas[k], 0.3 * kLeak);
  }
  bo.parameters[(*terms)[1].Name()].a_priori_sigma = 1e-12;
  auto held = SolveBatch(bo, with, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_TRUE(held.ok());
  EXPECT_LT(std::abs(held->parameters[7]), 1e-11);
  EXPECT_NEAR(held->parameter_sigmas[7], 1e-12, 1e-13);

  BatchOptions bad;
  bad.parameters["empirical_N_m_s2"].a_priori_sigma = 1e-8;
  auto no_such = SolveBatch(bad, with, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_FALSE(no_such.ok());
  EXPECT_NE(no_such.status().message().find("'empirical_N_m_s2' is not an unknown"), std::string::npos)
      << no_such.status();
  bad.parameters.clear();
  bad.parameters[(*terms)[0].Name()].a_priori_sigma = -1;
  auto negative = SolveBatch(bad, with, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("a_priori_sigma"), std::string::npos);
}

}  // namespace
}  // namespace sstrack::od
