// Copyright sstrack authors.
#include "orbit_determination/batch_least_squares.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include "astro/elements/keplerian.h"
#include "astro/time/utc.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "orbit_determination/measurement_model.h"

namespace sstrack::od {
namespace {

constexpr double kDeg = M_PI / 180;
using Vector6d = Eigen::Matrix<double, 6, 1>;

struct Sim {
  astro::Epoch t0 = *astro::ParseIsoUtc("2016-02-13T00:00:00Z");
  astro::ForceModelOptions force;
  astro::CartesianState truth;
  std::map<std::string, Station> stations;
  std::vector<Measurement> meas;

  // `cd_area_over_mass_m2_kg` > 0: the truth has Harris–Priester drag.
  explicit Sim(double hours, unsigned seed, double range_bias_m = 0,
               double cd_area_over_mass_m2_kg = 0) {
    force.gravity = *astro::GravityField::Read("tests/data/gravity/eigen-6s-truncated.gfc");
    force.degree = force.order = 4;
    force.drag_cd_area_over_mass_m2_kg = cd_area_over_mass_m2_kg;
    const Vector6d x = *astro::KeplerianToCartesian(
        {7000e3, 0.002, 70 * kDeg, 30 * kDeg, 10 * kDeg, 0}, 3.986004415e14);
    truth = {x.head<3>(), x.tail<3>()};
    const struct {
      const char* name;
      double lat, lon, h;
    } sites[] = {{"MATERA", 40.6486, 16.7046, 536},
                 {"YARRAGADEE", -29.0464, 115.3467, 244},
                 {"HALEAKALA", 20.7069, -156.2575, 3067},
                 {"GREENBELT", 39.0206, -76.8277, 20}};
    for (const auto& s : sites) {
      stations[s.name] = *astro::MakeGroundSite(s.name, {s.lat * kDeg, s.lon * kDeg, s.h});
    }
    auto fm = astro::ForceModel::Create(force, t0, t0 + hours * 3600);
    std::vector<astro::Epoch> times;
    for (double t = 0; t <= hours * 3600; t += 30) times.push_back(t0 + t);
    auto states = astro::PropagateNumerically(**fm, t0, truth, times, {});
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> gauss;
    int64_t id = 0;
    for (const astro::PropagatedState& s : *states) {
      for (const auto& [name, site] : stations) {
        const StationState st = MakeStationState(site, s.epoch, astro::ZeroEop(s.epoch));
        const Eigen::Vector3d rho = st.gcrf_to_enu * (s.gcrf.position_m - st.position_m);
        if (rho.z() < std::sin(15 * kDeg) * rho.norm()) continue;
        const std::pair<MeasurementType, double> types[] = {
            {MeasurementType::kRange, 5.0},
            {MeasurementType::kRangeRate, 0.01},
            {MeasurementType::kAzimuth, 20.0 / 3600 * kDeg},
            {MeasurementType::kElevation, 20.0 / 3600 * kDeg}};
        for (const auto& [type, sigma] : types) {
          Measurement m;
          m.id = ++id;
          m.epoch = s.epoch;
          m.type = type;
          m.station = name;
          m.sigma = sigma;
          m.value = ComputeModel(m, st, s.gcrf.position_m, s.gcrf.velocity_m_s).value +
                    sigma * gauss(rng) + (type == MeasurementType::kRange ? range_bias_m : 0.0);
          meas.push_back(m);
        }
      }
    }
  }

  astro::CartesianState Guess(double dr_m, double dv_m_s) const {
    return {truth.position_m + Eigen::Vector3d(dr_m, -dr_m, 0.5 * dr_m),
            truth.velocity_m_s + Eigen::Vector3d(-dv_m_s, 0.3 * dv_m_s, dv_m_s)};
  }
};

double Mahalanobis2(const BatchSummary& s, const astro::CartesianState& truth) {
  Vector6d d;
  d << s.state_gcrf.position_m - truth.position_m, s.state_gcrf.velocity_m_s - truth.velocity_m_s;
  return d.dot(s.covariance_gcrf.ldlt().solve(d));
}

// From a guess 1 km / 1 m/s off, the fit converges to the truth within its
// own covariance, and the post-fit residuals are at the noise level.
TEST(BatchLeastSquaresTest, ConvergesToTruthWithinCovariance) {
  Sim sim(12, 1);
  ASSERT_GT(sim.meas.size(), 100u);
  auto s = SolveBatch({}, sim.force, sim.t0, sim.Guess(1000, 1), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(s->accepted) << s->message;
  EXPECT_GT(s->prefit_wrms, 100);
  EXPECT_NEAR(s->postfit_wrms, 1.0, 0.15);
  EXPECT_LT(Mahalanobis2(*s, sim.truth), 22.5);  // χ²(6) at 0.999
  EXPECT_LT((s->state_gcrf.position_m - sim.truth.position_m).norm(), 50.0);
  // Gaussian noise alone: 3σ editing removes ~0.3% (the tails) at most.
  EXPECT_LE(s->edited, 3);
  EXPECT_EQ(static_cast<size_t>(s->used + s->edited), sim.meas.size());
}

// Over independent noise draws the estimation errors follow the covariance:
// the mean of the squared Mahalanobis distances is near 6 (χ², 6 dof).
TEST(BatchLeastSquaresTest, ErrorsMatchCovarianceOverNoiseDraws) {
  double sum = 0;
  const int runs = 8;
  for (int seed = 10; seed < 10 + runs; ++seed) {
    Sim sim(6, seed);
    auto s = SolveBatch({}, sim.force, sim.t0, sim.Guess(200, 0.2), sim.meas, sim.stations, nullptr);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(s->accepted) << s->message;
    sum += Mahalanobis2(*s, sim.truth);
  }
  EXPECT_GT(sum / runs, 2.0);
  EXPECT_LT(sum / runs, 12.0);
}

// The fast path (solve in the middle of the data, reduced-model partials,
// the step-in-σ convergence test, editing before convergence) and the plain
// one (solve at the epoch, full partials, Ceres' tolerances only, editing
// after convergence) reach the same state — within 2 % of its σ — and
// the same covariance, within 0.1 %.
TEST(BatchLeastSquaresTest, FastPathMatchesThePlainSolve) {
  Sim sim(12, 5);
  sim.force.drag_cd_area_over_mass_m2_kg = 0.01;
  sim.force.estimate_drag = true;
  BatchOptions plain;
  plain.solve_at_mid_arc = false;
  plain.partials_degree = -1;
  plain.convergence_step_sigma = 0;
  plain.function_tolerance = plain.parameter_tolerance = 1e-12;
  BatchOptions fast;
  fast.partials_degree = 2;
  auto a = SolveBatch(plain, sim.force, sim.t0, sim.Guess(300, 0.3), sim.meas, sim.stations, nullptr);
  auto b = SolveBatch(fast, sim.force, sim.t0, sim.Guess(300, 0.3), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(a->accepted) << a->message;
  ASSERT_TRUE(b->accepted) << b->message;
  EXPECT_LT(b->propagations, a->propagations);
  const Eigen::VectorXd d = b->parameters - a->parameters;
  EXPECT_LT(std::sqrt(d.dot(a->covariance.ldlt().solve(d))), 0.02);  // measured 0.004
  for (int i = 0; i < a->covariance.rows(); ++i) {
    EXPECT_NEAR(b->parameter_sigmas[i] / a->parameter_sigmas[i], 1.0, 1e-3) << a->parameter_names[i];
  }
  EXPECT_LT((b->position_covariance_ric - a->position_covariance_ric).norm(),
            0.02 * a->position_covariance_ric.norm());
}

TEST(BatchLeastSquaresTest, OutliersAreEditedAndBiasesEstimated) {
  Sim sim(12, 2, /*range_bias_m=*/25.0);
  std::vector<int64_t> outliers;
  for (size_t i = 7; i < sim.meas.size(); i += sim.meas.size() / 4) {
    if (sim.meas[i].type != MeasurementType::kRange) continue;
    sim.meas[i].value += 2000;  // 400 σ
    outliers.push_back(sim.meas[i].id);
  }
  ASSERT_FALSE(outliers.empty());
  BatchOptions o;
  o.estimate_biases = {MeasurementType::kRange};
  auto s = SolveBatch(o, sim.force, sim.t0, sim.Guess(500, 0.5), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(s->accepted) << s->message;
  for (const ResidualRecord& r : s->residuals) {
    const bool is_outlier = std::find(outliers.begin(), outliers.end(), r.id) != outliers.end();
    if (is_outlier) {
      EXPECT_TRUE(r.edited) << r.id;
    }
  }
  EXPECT_LE(s->edited, static_cast<int>(outliers.size()) + 3);  // a few 3σ tails at most
  for (size_t j = 6; j < s->parameter_names.size(); ++j) {
    EXPECT_NEAR(s->parameters[j], 25.0, 4 * s->parameter_sigmas[j]) << s->parameter_names[j];
  }
}

// The editing controls: a looser first threshold takes out the gross
// outliers first and ends on the same edited set; the first editing waits
// for editing_start_iterations; a fit that edits more than
// max_edited_fraction of its data is refused, naming the share; bad values
// are refused naming the option.
TEST(BatchLeastSquaresTest, EditingControls) {
  Sim sim(12, 2);
  std::vector<size_t> ranges;
  for (size_t i = 0; i < sim.meas.size(); ++i)
    if (sim.meas[i].type == MeasurementType::kRange) ranges.push_back(i);
  ASSERT_GE(ranges.size(), 20u);
  std::vector<int64_t> outliers;
  for (size_t k = 3; k < ranges.size(); k += ranges.size() / 5) {
    sim.meas[ranges[k]].value += 2000;  // 400 σ
    outliers.push_back(sim.meas[ranges[k]].id);
  }
  ASSERT_GE(outliers.size(), 4u);
  auto edited_ids = [](const BatchSummary& b) {
    std::vector<int64_t> ids;
    for (const ResidualRecord& r : b.residuals)
      if (r.edited) ids.push_back(r.id);
    return ids;
  };
  BatchOptions plain;
  auto a = SolveBatch(plain, sim.force, sim.t0, sim.Guess(500, 0.5), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(a->accepted) << a->message;
  ASSERT_FALSE(a->edited_per_pass.empty());
  EXPECT_EQ(a->edited_per_pass.back(), a->edited);

  BatchOptions loose = plain;
  loose.initial_editing_threshold = 50;
  auto b = SolveBatch(loose, sim.force, sim.t0, sim.Guess(500, 0.5), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_TRUE(b->accepted) << b->message;
  ASSERT_GE(b->edited_per_pass.size(), 2u);
  EXPECT_EQ(b->edited_per_pass[0], static_cast<int>(outliers.size()));
  EXPECT_EQ(edited_ids(*b), edited_ids(*a));

  BatchOptions wait = plain;
  wait.editing_start_iterations = 4;
  auto c = SolveBatch(wait, sim.force, sim.t0, sim.Guess(500, 0.5), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->accepted) << c->message;
  EXPECT_GE(c->iterations, 4);
  EXPECT_EQ(edited_ids(*c), edited_ids(*a));
  EXPECT_LT((c->state_gcrf.position_m - a->state_gcrf.position_m).norm(),
            0.05 * std::sqrt(a->covariance_gcrf.topLeftCorner<3, 3>().trace()));

  BatchOptions strict = plain;
  strict.max_edited_fraction = 0.5 * a->edited / static_cast<double>(sim.meas.size());
  auto d = SolveBatch(strict, sim.force, sim.t0, sim.Guess(500, 0.5), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_FALSE(d->accepted);
  EXPECT_NE(d->message.find(absl::StrCat("edited ", a->edited, " of ", sim.meas.size())), std::string::npos)
      << d->message;
  EXPECT_NE(d->message.find("max_edited_fraction"), std::string::npos) << d->message;

  for (auto [bad, name] : std::vector<std::pair<BatchOptions, std::string>>{
           {[&] { BatchOptions o = plain; o.initial_editing_threshold = 2; return o; }(),
            "initial_editing_threshold"},
           {[&] { BatchOptions o = plain; o.max_edited_fraction = 0; return o; }(), "max_edited_fraction"},
           {[&] { BatchOptions o = plain; o.editing_start_iterations = -1; return o; }(),
            "editing_start_iterations"}}) {
    auto e = SolveBatch(bad, sim.force, sim.t0, sim.Guess(500, 0.5), sim.meas, sim.stations, nullptr);
    ASSERT_FALSE(e.ok()) << name;
    EXPECT_NE(std::string(e.status().message()).find(name), std::string::npos) << e.status();
  }
}

// Angle biases per station and type: a 60″ azimuth bias at one station is
// recovered within 4σ, the other angle biases are zero within 4σ.
TEST(BatchLeastSquaresTest, AngleBiasesPerStationAndType) {
  Sim sim(12, 4);
  constexpr double kArcsec = kDeg / 3600;
  for (Measurement& m : sim.meas) {
    if (m.station == "MATERA" && m.type == MeasurementType::kAzimuth) m.value += 60 * kArcsec;
  }
  BatchOptions o;
  o.estimate_biases = {MeasurementType::kAzimuth, MeasurementType::kElevation};
  auto s = SolveBatch(o, sim.force, sim.t0, sim.Guess(300, 0.3), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_TRUE(s->accepted) << s->message;
  int found = 0;
  for (size_t j = 6; j < s->parameter_names.size(); ++j) {
    const std::string& name = s->parameter_names[j];
    const double truth = name == "azimuth_bias_rad[MATERA]" ? 60 * kArcsec : 0.0;
    EXPECT_NEAR(s->parameters[j], truth, 4 * s->parameter_sigmas[j]) << name;
    EXPECT_LT(s->parameter_sigmas[j], 10 * kArcsec) << name;
    ++found;
  }
  EXPECT_EQ(found, 2 * static_cast<int>(sim.stations.size()));
}

// Parameter settings: a fixed bias stays at its given value and has no
// variance; a bound holds; an unknown name is an error naming the unknowns.
TEST(BatchLeastSquaresTest, ParameterSpecsFixAndBound) {
  Sim sim(12, 6, /*range_bias_m=*/25.0);
  BatchOptions o;
  o.estimate_biases = {MeasurementType::kRange};
  o.parameters["range_bias_m[MATERA]"] = {.initial = 25.0, .fixed = true};
  o.parameters["range_bias_m[HALEAKALA]"] = {.upper = 10.0};
  auto s = SolveBatch(o, sim.force, sim.t0, sim.Guess(300, 0.3), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_TRUE(s->accepted) << s->message;
  for (size_t j = 6; j < s->parameter_names.size(); ++j) {
    const std::string& name = s->parameter_names[j];
    if (name == "range_bias_m[MATERA]") {
      EXPECT_EQ(s->parameters[j], 25.0);
      EXPECT_EQ(s->parameter_sigmas[j], 0.0);
    } else if (name == "range_bias_m[HALEAKALA]") {
      EXPECT_LE(s->parameters[j], 10.0 + 1e-9);  // the truth (25 m) lies beyond the bound
      EXPECT_GT(s->parameters[j], 9.9);
    } else {
      EXPECT_NEAR(s->parameters[j], 25.0, 4 * s->parameter_sigmas[j]) << name;
    }
  }
  o.parameters["drag_cd_area_over_mass_m2_kg"] = {.fixed = true};
  auto e = SolveBatch(o, sim.force, sim.t0, sim.Guess(300, 0.3), sim.meas, sim.stations, nullptr);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("range_bias_m[YARRAGADEE]"), std::string::npos) << e.status();
}

// A priori information against the closed form of a linear(ized) update:
// the posterior information is the prior's plus the data's,
// C⁻¹ = P₀⁻¹ + C_d⁻¹, and the mean the information-weighted combination
// x = C (P₀⁻¹ x₀ + C_d⁻¹ x_d) of the prior mean and the data-only solution.
// The a priori tests' case: 6 h of ranges and angles (σ of the state ~
// metres, far above the integration noise of ~mm that 1 cm/s range rates
// would make visible), the data-only fit, and a prior as strong as the data
// (P₀ = 2 C_d) whose mean lies 1.5σ off the truth.
struct PriorCase {
  Sim sim{6, 8};
  BatchOptions o;
  absl::StatusOr<BatchSummary> data_only;
  astro::Matrix6d p0;
  astro::CartesianState x0;
  PriorCase() {
    std::vector<Measurement> meas;
    for (const Measurement& m : sim.meas)
      if (m.type != MeasurementType::kRangeRate) meas.push_back(m);
    sim.meas = meas;
    o.convergence_step_sigma = 1e-4;  // fits to 1e-4 σ: the comparisons are at 0.01–0.02 σ
    o.editing_threshold = 0;          // the same measurements in every fit
    data_only = SolveBatch(o, sim.force, sim.t0, sim.Guess(100, 0.1), sim.meas, sim.stations, nullptr);
    p0 = data_only.ok() ? astro::Matrix6d(2.0 * data_only->covariance_gcrf) : astro::Matrix6d::Identity();
    const Vector6d shift = p0.llt().matrixL() * (Vector6d() << 1, -0.5, 0.7, 0.3, 0.2, -0.4).finished();
    x0 = sim.truth;
    x0.position_m += shift.head<3>();
    x0.velocity_m_s += shift.tail<3>();
    o.a_priori_covariance_gcrf = p0;
  }
};

TEST(BatchLeastSquaresTest, APrioriMatchesTheInformationUpdate) {
  PriorCase pc;
  Sim& sim = pc.sim;
  const auto& data_only = pc.data_only;
  ASSERT_TRUE(data_only.ok() && data_only->accepted);
  const astro::Matrix6d c_d = data_only->covariance_gcrf;
  const astro::Matrix6d& p0 = pc.p0;
  const astro::CartesianState& x0 = pc.x0;
  auto s = SolveBatch(pc.o, sim.force, sim.t0, x0, sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_TRUE(s->accepted) << s->message;
  const astro::Matrix6d info = p0.inverse() + c_d.inverse();
  const astro::Matrix6d c = info.inverse();
  Vector6d xd, xp, xs;
  xd << data_only->state_gcrf.position_m, data_only->state_gcrf.velocity_m_s;
  xp << x0.position_m, x0.velocity_m_s;
  xs << s->state_gcrf.position_m, s->state_gcrf.velocity_m_s;
  const Vector6d expected = c * (p0.inverse() * xp + c_d.inverse() * xd);
  const Vector6d d = xs - expected;
  EXPECT_LT(std::sqrt(d.dot(c.ldlt().solve(d))), 0.02);
  for (int i = 0; i < 6; ++i) {
    EXPECT_NEAR(std::sqrt(s->covariance_gcrf(i, i) / c(i, i)), 1.0, 1e-3) << i;
  }
  // The prior moved the solution: not the data-only one.
  const Vector6d moved = xs - xd;
  EXPECT_GT(std::sqrt(moved.dot(c.ldlt().solve(moved))), 0.3);
}

// A prior mean given apart from the initial state (a_priori_mean_gcrf)
// gives the same minimum as starting at the mean: the same cost function,
// only a different starting point.
TEST(BatchLeastSquaresTest, APrioriMeanApartFromTheInitialState) {
  PriorCase pc;
  Sim& sim = pc.sim;
  BatchOptions& o = pc.o;
  const astro::CartesianState& x0 = pc.x0;
  ASSERT_TRUE(pc.data_only.ok() && pc.data_only->accepted);
  auto from_mean = SolveBatch(o, sim.force, sim.t0, x0, sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(from_mean.ok() && from_mean->accepted) << from_mean.status();
  o.a_priori_mean_gcrf = x0;
  auto from_guess = SolveBatch(o, sim.force, sim.t0, sim.Guess(100, 0.1), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(from_guess.ok() && from_guess->accepted) << from_guess.status();
  Vector6d a, b;
  a << from_mean->state_gcrf.position_m, from_mean->state_gcrf.velocity_m_s;
  b << from_guess->state_gcrf.position_m, from_guess->state_gcrf.velocity_m_s;
  const Vector6d d = a - b;
  const astro::Matrix6d& c = from_mean->covariance_gcrf;
  EXPECT_LT(std::sqrt(d.dot(c.ldlt().solve(d))), 0.01);
  for (int i = 0; i < 6; ++i) {
    EXPECT_NEAR(std::sqrt(from_guess->covariance_gcrf(i, i) / c(i, i)), 1.0, 1e-3) << i;
  }
  // Not the solution of a prior centred on the guess.
  o.a_priori_mean_gcrf.reset();
  auto guess_prior = SolveBatch(o, sim.force, sim.t0, sim.Guess(100, 0.1), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(guess_prior.ok());
  Vector6d g;
  g << guess_prior->state_gcrf.position_m, guess_prior->state_gcrf.velocity_m_s;
  EXPECT_GT(std::sqrt((g - a).dot(c.ldlt().solve(g - a))), 0.3);
}

// A priori information on a parameter (ParameterSpec::a_priori_sigma)
// against the closed form of adding the pseudo-measurement b = b₀ ± σ to
// the data-only solution x_d (covariance C_d over every unknown):
// x = x_d − C_d hᵀ (h C_d hᵀ + σ²)⁻¹ (h x_d − b₀), C = C_d − C_d hᵀ (…)⁻¹ h C_d.
TEST(BatchLeastSquaresTest, ParameterAPrioriMatchesTheClosedForm) {
  Sim sim(6, 10, /*range_bias_m=*/12.0);
  std::vector<Measurement> meas;
  for (const Measurement& m : sim.meas)
    if (m.type != MeasurementType::kRangeRate) meas.push_back(m);
  sim.meas = meas;
  BatchOptions o;
  o.convergence_step_sigma = 1e-4;
  o.editing_threshold = 0;
  o.estimate_biases = {MeasurementType::kRange};
  auto data_only = SolveBatch(o, sim.force, sim.t0, sim.Guess(100, 0.1), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(data_only.ok() && data_only->accepted) << data_only.status();
  const std::string name = "range_bias_m[MATERA]";
  const auto at = std::find(data_only->parameter_names.begin(), data_only->parameter_names.end(), name);
  ASSERT_NE(at, data_only->parameter_names.end());
  const int j = static_cast<int>(at - data_only->parameter_names.begin());
  const Eigen::MatrixXd& c_d = data_only->covariance;
  const double sigma_d = std::sqrt(c_d(j, j));
  // A prior as strong as the data, its mean 1.5 of its σ from the truth.
  const double sigma = sigma_d, b0 = 12.0 + 1.5 * sigma;
  o.parameters[name] = {.initial = b0, .a_priori_sigma = sigma};
  auto s = SolveBatch(o, sim.force, sim.t0, sim.Guess(100, 0.1), sim.meas, sim.stations, nullptr);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_TRUE(s->accepted) << s->message;
  const Eigen::VectorXd gain = c_d.col(j) / (c_d(j, j) + sigma * sigma);
  const Eigen::VectorXd expected = data_only->parameters - gain * (data_only->parameters[j] - b0);
  const Eigen::MatrixXd c = c_d - gain * c_d.row(j);
  const Eigen::VectorXd d = s->parameters - expected;
  EXPECT_LT(std::sqrt(d.dot(c.ldlt().solve(d))), 0.02);
  for (int i = 0; i < c.rows(); ++i) {
    EXPECT_NEAR(std::sqrt(s->covariance(i, i) / c(i, i)), 1.0, 1e-3) << s->parameter_names[i];
  }
  // Half-way between prior and data for equal weights: moved by ~0.75 σ_d.
  EXPECT_GT(std::abs(s->parameters[j] - data_only->parameters[j]), 0.3 * sigma_d);
  // A negative σ is refused, naming the parameter.
  o.parameters[name].a_priori_sigma = -1;
  auto bad = SolveBatch(o, sim.force, sim.t0, sim.Guess(100, 0.1), sim.meas, sim.stations, nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(name), std::string::npos);
}

// A chain of two fits under the joint prior (a_priori_joint_covariance:
// the first fit's state and Cd·A/m covariance, mapped by [Φ S; 0 I] to the
// second's epoch) against one batch over both arcs — the sequential
// estimator's defining property (e.g. Tapley, Schutz & Born §4.7): the
// same state and Cd·A/m within a small fraction of their σ, the same σ's.
// With only the 6×6 state prior and an independent σ on Cd·A/m (what the
// cycle's chain had before), the second fit is measurably different.
TEST(BatchLeastSquaresTest, JointPriorChainMatchesOneBatch) {
  Sim sim(24, 21, 0, /*cd=*/0.05);
  BatchOptions o;
  o.convergence_step_sigma = 1e-4;
  o.editing_threshold = 0;
  const char* kCd = "drag_cd_area_over_mass_m2_kg";
  astro::ForceModelOptions fit = sim.force;
  fit.estimate_drag = true;
  fit.drag_cd_area_over_mass_m2_kg = 0.03;  // the nominal: 40 % off
  std::vector<Measurement> arc_a, arc_b;
  for (const Measurement& m : sim.meas) {
    if (m.type == MeasurementType::kRangeRate) continue;
    (m.epoch - sim.t0 < 12 * 3600.0 ? arc_a : arc_b).push_back(m);
  }
  std::vector<Measurement> both = arc_a;
  both.insert(both.end(), arc_b.begin(), arc_b.end());
  const astro::Epoch epoch_a = arc_a.back().epoch, epoch_b = arc_b.back().epoch;
  // The truth at both epochs, for the guesses.
  auto truth_fm = astro::ForceModel::Create(sim.force, sim.t0, epoch_b);
  auto truth = astro::PropagateNumerically(**truth_fm, sim.t0, sim.truth, {epoch_a, epoch_b}, {});
  ASSERT_TRUE(truth.ok());
  auto off = [](const astro::CartesianState& x) {
    return astro::CartesianState{x.position_m + Eigen::Vector3d(50, -30, 20),
                                 x.velocity_m_s + Eigen::Vector3d(0.02, 0.01, -0.03)};
  };
  auto batch = SolveBatch(o, fit, epoch_b, off((*truth)[1].gcrf), both, sim.stations, nullptr);
  ASSERT_TRUE(batch.ok() && batch->accepted) << (batch.ok() ? batch->message : batch.status().ToString());
  auto first = SolveBatch(o, fit, epoch_a, off((*truth)[0].gcrf), arc_a, sim.stations, nullptr);
  ASSERT_TRUE(first.ok() && first->accepted) << (first.ok() ? first->message : first.status().ToString());
  ASSERT_EQ(first->parameter_names[6], kCd);
  // The first fit's state and Cd·A/m carried to epoch_b.
  const double cd_a = first->parameters[6];
  astro::ForceModelOptions carried = fit;
  carried.drag_cd_area_over_mass_m2_kg = cd_a;
  auto fm = astro::ForceModel::Create(carried, epoch_a, epoch_b);
  astro::NumericalPropagatorOptions po;
  po.variational = true;
  auto mapped = astro::PropagateNumerically(**fm, epoch_a, first->state_gcrf, {epoch_b}, po);
  ASSERT_TRUE(mapped.ok());
  Eigen::MatrixXd map = Eigen::MatrixXd::Identity(7, 7);
  map.topLeftCorner<6, 6>() = (*mapped)[0].stm;
  map.topRightCorner<6, 1>() = (*mapped)[0].sensitivity.col(0);
  const Eigen::MatrixXd p_b = map * first->covariance.topLeftCorner<7, 7>() * map.transpose();
  BatchOptions chained = o;
  chained.a_priori_joint_covariance = 0.5 * (p_b + p_b.transpose());
  chained.parameters[kCd].initial = cd_a;
  auto second = SolveBatch(chained, carried, epoch_b, (*mapped)[0].gcrf, arc_b, sim.stations, nullptr);
  ASSERT_TRUE(second.ok() && second->accepted)
      << (second.ok() ? second->message : second.status().ToString());
  const Eigen::MatrixXd c = batch->covariance.topLeftCorner<7, 7>();
  const Eigen::VectorXd d = second->parameters.head<7>() - batch->parameters.head<7>();
  const double chain_apart = std::sqrt(d.dot(c.ldlt().solve(d)));
  EXPECT_LT(chain_apart, 0.1);  // measured 0.054 (7 unknowns)
  for (int i = 0; i < 7; ++i) {
    EXPECT_NEAR(std::sqrt(second->covariance(i, i) / c(i, i)), 1.0, 0.01) << batch->parameter_names[i];
  }
  // Cd·A/m is determined (not left at its nominal) and near the truth.
  EXPECT_NEAR(batch->parameters[6], 0.05, 3 * std::sqrt(c(6, 6)));
  EXPECT_LT(std::sqrt(c(6, 6)), 0.005);
  // The 6×6 prior with an independent σ on Cd·A/m drops their correlation.
  BatchOptions split = o;
  split.a_priori_covariance_gcrf = astro::Matrix6d(p_b.topLeftCorner<6, 6>());
  split.parameters[kCd] = {.initial = cd_a, .a_priori_sigma = std::sqrt(p_b(6, 6))};
  auto apart = SolveBatch(split, carried, epoch_b, (*mapped)[0].gcrf, arc_b, sim.stations, nullptr);
  ASSERT_TRUE(apart.ok() && apart->accepted) << (apart.ok() ? apart->message : apart.status().ToString());
  const Eigen::VectorXd e = apart->parameters.head<7>() - batch->parameters.head<7>();
  double worst_ratio = 0;
  for (int i = 0; i < 7; ++i) {
    worst_ratio = std::max(worst_ratio, std::abs(std::sqrt(apart->covariance(i, i) / c(i, i)) - 1));
  }
  const double split_apart = std::sqrt(e.dot(c.ldlt().solve(e)));
  EXPECT_GT(std::max(split_apart, worst_ratio), 0.1)
      << "chain " << chain_apart << " σ; split " << split_apart << " σ, σ's off by " << worst_ratio;
  std::printf("joint chain %.3f σ from the batch; split prior %.3f σ, σ's off by %.1f %%\n", chain_apart,
              split_apart, 100 * worst_ratio);
  // A joint prior of the wrong size, or with a σ on the same parameter, is refused.
  BatchOptions wrong = chained;
  wrong.a_priori_joint_covariance = Eigen::MatrixXd::Identity(6, 6);
  auto bad = SolveBatch(wrong, carried, epoch_b, (*mapped)[0].gcrf, arc_b, sim.stations, nullptr);
  EXPECT_NE(bad.status().message().find("expected 7×7"), std::string::npos) << bad.status();
  wrong = chained;
  wrong.parameters[kCd].a_priori_sigma = 0.01;
  bad = SolveBatch(wrong, carried, epoch_b, (*mapped)[0].gcrf, arc_b, sim.stations, nullptr);
  EXPECT_NE(bad.status().message().find("give one"), std::string::npos) << bad.status();
}

// One short angles-only track barely determines an orbit: without a prior
// the fit fails its position-σ gate; with the catalog's prior it is
// accepted, its σ below the prior's and its error within it.
TEST(BatchLeastSquaresTest, APrioriLetsAShortTrackUpdateTheOrbit) {
  Sim sim(12, 9);
  std::vector<Measurement> track;
  for (const Measurement& m : sim.meas) {
    if (m.station == "MATERA" && IsAngle(m.type) && m.epoch - sim.meas.front().epoch < 3 * 3600 &&
        (track.empty() || m.epoch - track.front().epoch < 240)) {
      track.push_back(m);
    }
  }
  ASSERT_GE(track.size(), 8u);
  BatchOptions o;
  o.max_position_sigma_m = 1000;
  astro::CartesianState x0 = sim.truth;
  x0.position_m += Eigen::Vector3d(300, -200, 150);
  x0.velocity_m_s += Eigen::Vector3d(-0.2, 0.1, 0.15);
  auto without = SolveBatch(o, sim.force, sim.t0, x0, track, sim.stations, nullptr);
  ASSERT_TRUE(without.ok()) << without.status();
  EXPECT_FALSE(without->accepted);
  astro::Matrix6d p0 = astro::Matrix6d::Zero();
  p0.diagonal() << 500 * 500, 500 * 500, 500 * 500, 0.5 * 0.5, 0.5 * 0.5, 0.5 * 0.5;
  o.a_priori_covariance_gcrf = p0;
  auto with = SolveBatch(o, sim.force, sim.t0, x0, track, sim.stations, nullptr);
  ASSERT_TRUE(with.ok()) << with.status();
  ASSERT_TRUE(with->accepted) << with->message;
  const double posterior_var = with->covariance_gcrf.topLeftCorner<3, 3>().trace();
  const double prior_var = p0.topLeftCorner<3, 3>().trace();
  EXPECT_LT(posterior_var, prior_var);
  EXPECT_LT(Mahalanobis2(*with, sim.truth), 22.5);  // χ²(6) at 0.999
  EXPECT_NEAR(with->postfit_wrms, 1.0, 0.5);
}

TEST(BatchLeastSquaresTest, GatesAndInputErrors) {
  Sim sim(12, 3);
  std::vector<Measurement> few(sim.meas.begin(), sim.meas.begin() + 8);
  auto s = SolveBatch({}, sim.force, sim.t0, sim.Guess(10, 0.01), few, sim.stations, nullptr);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_FALSE(s->accepted);
  EXPECT_FALSE(s->message.empty());
  std::vector<Measurement> bad = sim.meas;
  bad[5].sigma = 0;
  auto e = SolveBatch({}, sim.force, sim.t0, sim.Guess(10, 0.01), bad, sim.stations, nullptr);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("measurement 5"), std::string::npos) << e.status();
  bad = sim.meas;
  bad[2].station = "NOWHERE";
  e = SolveBatch({}, sim.force, sim.t0, sim.Guess(10, 0.01), bad, sim.stations, nullptr);
  EXPECT_NE(e.status().message().find("NOWHERE"), std::string::npos);
}

}  // namespace
}  // namespace sstrack::od
