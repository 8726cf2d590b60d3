// Copyright sstrack authors.
//
// Orbit-determination accuracy benchmark (issue 5): Monte Carlo fits of
// simulated scenarios; is the estimator's error what its covariance says?
//
//   bazel run //tests/benchmarks:od_accuracy_benchmark -- [runs]
// (SCENARIO="LEO radar" in the environment runs that scenario only;
// PARTIALS_DEGREE=-1 fits with the full model's variational equations;
// EMPIRICAL=R,T,N adds those constant empirical accelerations to every
// fit's unknowns, e.g. to time a fit with 3 more parameters)
//
// Scenarios (truth and fit use the same force model, so the fit should
// reach its Cramér–Rao bound):
//   LEO radar    700 km sun-synchronous, two radars, three passes spread
//                over 24 h (first, middle, last), range 10 m + az/el 0.02°;
//                20×20, Sun, Moon, drag (Cd·A/m estimated)
//   GEO optical  two telescopes, three nights of RA/Dec every 10 min, 1″;
//                8×8, Sun, Moon, SRP (Cr·A/m estimated)
//   MEO mixed    GNSS-like orbit, three stations, range 2 m + RA/Dec 2″
//                every 5 min over 24 h; 8×8, Sun, Moon
// Per scenario: position error RMS and 95th percentile (RIC), actual error
// over formal 1σ, mean NEES (squared Mahalanobis distance of the 6-state
// error) with its χ² 95% interval, and the wall time per fit.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>

#include <Eigen/Cholesky>
#include <Eigen/Geometry>

#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "astro/elements/keplerian.h"
#include "astro/frames/frames.h"
#include "astro/time/utc.h"
#include "orbit_determination/batch_least_squares.h"
#include "orbit_determination/simulator.h"

namespace sstrack::od {
namespace {

constexpr double kDeg = M_PI / 180, kArcsec = kDeg / 3600;

struct Scenario {
  const char* name;
  astro::ForceModelOptions model;  // the fit's (and the truth's, unless truth_model)
  std::optional<astro::ForceModelOptions> truth_model;  // a richer truth
  astro::KeplerianElements elements;
  std::map<std::string, Station> stations;
  SimulationOptions sim;
  int max_passes = 0;  // 0 = all
  std::function<bool(const astro::Epoch&)> keep;  // e.g. night hours
  double guess_pos_m, guess_vel_m_s;
};

std::map<std::string, Station> Sites(std::initializer_list<std::tuple<const char*, double, double, double>> s) {
  std::map<std::string, Station> out;
  for (const auto& [n, lat, lon, h] : s) out[n] = *astro::MakeGroundSite(n, {lat * kDeg, lon * kDeg, h});
  return out;
}

// χ² quantile by the Wilson–Hilferty approximation (ample for ν ≥ 100).
double ChiSquareQuantile(double nu, double z) {
  const double a = 2.0 / (9 * nu);
  return nu * std::pow(1 - a + z * std::sqrt(a), 3);
}

void RunScenario(Scenario sc, int runs) {
  const astro::Epoch t0 = *astro::ParseIsoUtc("2016-02-13T00:00:00Z");
  const auto x = *astro::KeplerianToCartesian(sc.elements, sc.model.gravity->gm_m3_s2());
  const astro::CartesianState truth{x.head<3>(), x.tail<3>()};
  std::vector<double> err2, nees, sigma2, wall, props;
  std::vector<Eigen::Vector3d> ric_err;
  int accepted = 0, measurements = 0;
  if (const char* only = std::getenv("SCENARIO"); only && std::string(only) != sc.name) return;
  std::mt19937_64 rng(1234);
  std::normal_distribution<double> gauss;
  for (int run = 0; run < runs; ++run) {
    sc.sim.seed = 1000 + run;
    auto meas = SimulateMeasurements(sc.truth_model.value_or(sc.model), t0, truth, sc.stations, sc.sim);
    if (!meas.ok()) {
      std::fprintf(stderr, "%s: %s\n", sc.name, std::string(meas.status().message()).c_str());
      return;
    }
    // Keep the night hours, and with max_passes = 3 the first, a middle and
    // the last pass (passes split at gaps > 20 min), spread over the span.
    std::vector<std::vector<Measurement>> passes;
    for (const Measurement& m : *meas) {
      if (sc.keep && !sc.keep(m.epoch)) continue;
      if (passes.empty() || m.epoch - passes.back().back().epoch > 1200) passes.emplace_back();
      passes.back().push_back(m);
    }
    std::vector<Measurement> kept;
    for (size_t p = 0; p < passes.size(); ++p) {
      const bool use = sc.max_passes != 3 || p == 0 || p == passes.size() / 2 || p + 1 == passes.size();
      if (use) kept.insert(kept.end(), passes[p].begin(), passes[p].end());
    }
    measurements = static_cast<int>(kept.size());
    astro::CartesianState guess = truth;
    for (int i = 0; i < 3; ++i) {
      guess.position_m[i] += sc.guess_pos_m * gauss(rng);
      guess.velocity_m_s[i] += sc.guess_vel_m_s * gauss(rng);
    }
    BatchOptions bo;
    if (const char* d = std::getenv("PARTIALS_DEGREE")) bo.partials_degree = std::atoi(d);
    astro::ForceModelOptions fit_model = sc.model;
    if (const char* e = std::getenv("EMPIRICAL")) {
      for (absl::string_view item : absl::StrSplit(e, ',', absl::SkipEmpty())) {
        auto term = astro::ParseEmpiricalShape(std::string(item));
        if (!term.ok()) {
          std::fprintf(stderr, "EMPIRICAL: %s\n", std::string(term.status().message()).c_str());
          return;
        }
        fit_model.empirical.push_back(*term);
      }
    }
    const absl::Time w0 = absl::Now();
    auto fit = SolveBatch(bo, fit_model, t0, guess, kept, sc.stations, nullptr);
    wall.push_back(absl::ToDoubleSeconds(absl::Now() - w0));
    if (fit.ok()) props.push_back(static_cast<double>(fit->propagations));
    if (run == 0 && fit.ok()) {
      std::fprintf(stderr, "%s: %d iterations, %ld propagations, %d editing passes, %.3f s, WRMS %.3f, %s\n", sc.name,
                   fit->iterations, fit->propagations, fit->editing_passes, fit->wall_time_s,
                   fit->postfit_wrms, fit->message.c_str());
      for (size_t j = 6; j < fit->parameter_names.size(); ++j)
        std::fprintf(stderr, "  %s = %g +- %g\n", fit->parameter_names[j].c_str(), fit->parameters[j],
                     fit->parameter_sigmas[j]);
    }
    if (!fit.ok() || !fit->accepted) {
      static int printed = 0;
      if (printed++ < 5) {
        std::fprintf(stderr, "%s run %d: %s\n", sc.name, run,
                     fit.ok() ? fit->message.c_str() : std::string(fit.status().message()).c_str());
      }
      continue;
    }
    ++accepted;
    Eigen::Matrix<double, 6, 1> d;
    d << fit->state_gcrf.position_m - truth.position_m, fit->state_gcrf.velocity_m_s - truth.velocity_m_s;
    nees.push_back(d.dot(fit->covariance_gcrf.ldlt().solve(d)));
    err2.push_back(d.head<3>().squaredNorm());
    sigma2.push_back(fit->covariance_gcrf.topLeftCorner<3, 3>().trace());
    ric_err.push_back(astro::RicMatrix(truth.position_m, truth.velocity_m_s) * d.head<3>());
  }
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? NAN : s / v.size();
  };
  std::vector<double> err = err2;
  for (double& e : err) e = std::sqrt(e);
  std::sort(err.begin(), err.end());
  const double p95 = err.empty() ? NAN : err[std::min(err.size() - 1, static_cast<size_t>(0.95 * err.size()))];
  Eigen::Vector3d ric_rms = Eigen::Vector3d::Zero();
  for (const auto& e : ric_err) ric_rms += e.cwiseProduct(e);
  ric_rms = (ric_rms / std::max<size_t>(1, ric_err.size())).cwiseSqrt();
  const double n = static_cast<double>(nees.size());
  const double lo = ChiSquareQuantile(6 * n, -1.959964) / n, hi = ChiSquareQuantile(6 * n, 1.959964) / n;
  std::sort(wall.begin(), wall.end());
  std::sort(props.begin(), props.end());
  std::printf("| %s | %d | %d/%d | %.3f | %.3f | %.3f / %.3f / %.3f | %.3f | %.2f [%.2f, %.2f] | %.0f ms | %.0f |\n",
              sc.name, measurements, accepted, runs, std::sqrt(mean(err2)), p95, ric_rms.x(), ric_rms.y(),
              ric_rms.z(), std::sqrt(mean(err2) / mean(sigma2)), mean(nees), lo, hi,
              1e3 * wall[wall.size() / 2], props.empty() ? NAN : props[props.size() / 2]);
  std::fflush(stdout);
}

Scenario LeoRadar(const astro::GravityField& field) {
  Scenario s;
  s.name = "LEO radar";
  s.model.gravity = field;
  s.model.degree = s.model.order = 20;
  s.model.sun = s.model.moon = true;
  s.model.drag_cd_area_over_mass_m2_kg = 0.01;
  s.model.estimate_drag = true;
  s.elements = {7078e3, 0.001, 98.2 * kDeg, 40 * kDeg, 0, 0};
  s.stations = Sites({{"KAMISAIBARA", 35.31, 133.94, 540}, {"EGLIN", 30.57, -86.21, 30}});
  s.sim.step_s = 20;
  s.sim.end = *astro::ParseIsoUtc("2016-02-14T00:00:00Z");
  s.sim.start = *astro::ParseIsoUtc("2016-02-13T00:00:00Z");
  s.sim.types = {{MeasurementType::kRange, 10.0},
                 {MeasurementType::kAzimuth, 0.02 * kDeg},
                 {MeasurementType::kElevation, 0.02 * kDeg}};
  s.max_passes = 3;
  s.guess_pos_m = 100;
  s.guess_vel_m_s = 0.1;
  return s;
}

Scenario GeoOptical(const astro::GravityField& field) {
  Scenario s;
  s.name = "GEO optical";
  s.model.gravity = field;
  s.model.degree = s.model.order = 8;
  s.model.sun = s.model.moon = true;
  s.model.srp_cr_area_over_mass_m2_kg = 0.02;
  s.model.estimate_srp = true;
  // True longitude 282° at 2016-02-13 0h UTC (GMST ≈ 142°): ≈ 140° E.
  s.elements = {42164e3, 0.0003, 0.05 * kDeg, 0, 0, 282 * kDeg};
  s.stations = Sites({{"BISEI", 34.67, 133.54, 400}, {"SIDING_SPRING", -31.27, 149.06, 1165}});
  s.sim.step_s = 600;
  s.sim.start = *astro::ParseIsoUtc("2016-02-13T00:00:00Z");
  s.sim.end = *astro::ParseIsoUtc("2016-02-16T00:00:00Z");
  s.sim.types = {{MeasurementType::kRightAscension, 1 * kArcsec},
                 {MeasurementType::kDeclination, 1 * kArcsec}};
  s.keep = [](const astro::Epoch& t) {  // 10–18 UTC: night over Japan and eastern Australia
    const double h = std::fmod((t - *astro::ParseIsoUtc("2016-02-13T00:00:00Z")) / 3600.0, 24.0);
    return h >= 10 && h <= 18;
  };
  s.guess_pos_m = 5000;
  s.guess_vel_m_s = 0.5;
  return s;
}

Scenario MeoMixed(const astro::GravityField& field) {
  Scenario s;
  s.name = "MEO mixed";
  s.model.gravity = field;
  s.model.degree = s.model.order = 8;
  s.model.sun = s.model.moon = true;
  s.elements = {26560e3, 0.01, 55 * kDeg, 100 * kDeg, 30 * kDeg, 0};
  s.stations = Sites({{"MATERA", 40.65, 16.70, 536}, {"YARRAGADEE", -29.05, 115.35, 244},
                      {"HALEAKALA", 20.71, -156.26, 3067}});
  s.sim.step_s = 300;
  s.sim.start = *astro::ParseIsoUtc("2016-02-13T00:00:00Z");
  s.sim.end = *astro::ParseIsoUtc("2016-02-14T00:00:00Z");
  s.sim.types = {{MeasurementType::kRange, 2.0},
                 {MeasurementType::kRightAscension, 2 * kArcsec},
                 {MeasurementType::kDeclination, 2 * kArcsec}};
  s.guess_pos_m = 2000;
  s.guess_vel_m_s = 0.2;
  return s;
}

}  // namespace
}  // namespace sstrack::od

int main(int argc, char** argv) {
  using namespace sstrack;
  using namespace sstrack::od;
  const int runs = argc > 1 ? std::atoi(argv[1]) : 100;
  auto field = astro::GravityField::Read("tests/data/gravity/eigen-6s-truncated.gfc");
  if (!field.ok()) {
    std::fprintf(stderr, "%s\n", std::string(field.status().message()).c_str());
    return 1;
  }
  std::printf("| scenario | measurements | accepted | position error RMS (m) | 95th pct (m) | RIC RMS (m) | actual / formal σ | mean NEES [χ² 95%%] | median fit time | median propagations |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
  const Scenario leo = LeoRadar(*field), geo = GeoOptical(*field), meo = MeoMixed(*field);
  for (const Scenario& sc : {leo, geo, meo}) RunScenario(sc, runs);
  // Truth richer than the fit (what real data do to a simpler model): the
  // LEO truth adds solar radiation pressure (Cr·A/m 0.01 m²/kg),
  // relativity and another diurnal-bulge exponent of the atmosphere
  // (Harris–Priester 6 instead of the fit's 4); fitted with the same 20×20
  // field, then with the field cut to 12×12.
  Scenario leo_rich = leo;
  leo_rich.name = "LEO radar, richer truth";
  leo_rich.truth_model = leo.model;
  leo_rich.truth_model->srp_cr_area_over_mass_m2_kg = 0.01;
  leo_rich.truth_model->relativity = true;
  leo_rich.truth_model->harris_priester_exponent = 6;
  RunScenario(leo_rich, runs);
  leo_rich.name = "LEO radar, richer truth, 12×12 fit";
  leo_rich.model.degree = leo_rich.model.order = 12;
  RunScenario(leo_rich, runs);
  return 0;
}
