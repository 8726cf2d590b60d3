// Copyright sstrack authors.
//
// Transfer-orbit campaign benchmark (issue 16, must reach): a GTO (perigee
// 250 km, apogee radius 42,164 km, 28.5°) tracked by four radars (range +
// az/el) over 3 days, its truth with a constant along-track acceleration
// (a leak: 1e-7 and 1e-8 m/s²) and a range (σ 5 m), azimuth and elevation
// (σ 20″) bias per station drawn anew in each run; range 2 m, angles 20″
// every 2 min above 10°. Monte Carlo over noise and bias draws;
// each draw is fitted twice:
//   with     state, Cd·A/m, Cr·A/m, one constant along-track empirical
//            acceleration (a-priori σ 1e-6 m/s²) and the 12 biases with
//            their a-priori σ (the draws' σ, mean 0);
//   without  state, Cd·A/m, Cr·A/m only.
// The truth is one the fit does not share: GRIM4-S4 20×20 (the fit:
// EIGEN-6S 20×20), Harris–Priester drag with exponent 6 (the fit: 4),
// Cd·A/m 0.01 and Cr·A/m 0.015 m²/kg (the fit starts from 0.012 and
// 0.012); Sun, Moon and relativity in both.
//
//   bazel run -c opt //tests/benchmarks:transfer_orbit_benchmark -- [runs]
// Environment, to take the error budget apart:
//   TRUTH_SHARES=field,hp      the truth uses the fit's field (EIGEN-6S)
//                              and/or its Harris–Priester exponent (4)
//   FIT_POSITION_TOLERANCE_M=1e-6  the fit's integration tolerance (default
//                              FitPropagatorOptions: 1e-4 m per step)
//   EMPIRICAL=R,T,N,T:cos  EMPIRICAL_INTERVAL_H=24  the "with" fit's
//                              empirical set (default: one constant T); the
//                              leak estimate is the mean of its T terms
//
// Per leak case: position error at the end of the data and 24 h later
// (RMS and median, with and without, and their ratio), the leak's estimate
// (mean, σ over runs, share within 10 % / 30 %), the state's mean NEES at
// the epoch with its χ² 95 % band, the biases' mean |z| (estimate − draw
// over its formal σ), accepted fits and the time per fit.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include <Eigen/Cholesky>

#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "astro/elements/keplerian.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "astro/time/utc.h"
#include "orbit_determination/batch_least_squares.h"
#include "orbit_determination/simulator.h"

namespace sstrack::od {
namespace {

constexpr double kDeg = M_PI / 180, kArcsec = kDeg / 3600;
constexpr double kRangeBiasSigmaM = 5.0, kAngleBiasSigmaRad = 20 * kArcsec;
constexpr double kDays = 3.0;

// χ² quantile by the Wilson–Hilferty approximation (ample for ν ≥ 100).
double ChiSquareQuantile(double nu, double z) {
  const double a = 2.0 / (9 * nu);
  return nu * std::pow(1 - a + z * std::sqrt(a), 3);
}

double Rms(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x * x;
  return v.empty() ? 0 : std::sqrt(s / v.size());
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

struct World {
  astro::Epoch t0 = *astro::ParseIsoUtc("2016-02-13T00:00:00Z");
  astro::ForceModelOptions truth_model, fit_model;
  astro::CartesianState truth;
  std::map<std::string, Station> stations;
};

// The state the fit's model (with its estimated parameters) predicts at
// `times`, and the truth there: position errors.
std::vector<double> PositionErrors(const World& w, const astro::ForceModelOptions& truth_model,
                                   const BatchSummary& fit, astro::ForceModelOptions model,
                                   const std::vector<astro::Epoch>& times) {
  for (size_t j = 6; j < fit.parameter_names.size(); ++j) {
    const std::string& name = fit.parameter_names[j];
    const double value = fit.parameters[static_cast<Eigen::Index>(j)];
    if (name == "drag_cd_area_over_mass_m2_kg") model.drag_cd_area_over_mass_m2_kg = value;
    if (name == "srp_cr_area_over_mass_m2_kg") model.srp_cr_area_over_mass_m2_kg = value;
    for (astro::EmpiricalAcceleration& e : model.empirical) {
      if (e.Name() == name) e.value_m_s2 = value;
    }
  }
  model.estimate_drag = model.estimate_srp = false;
  for (astro::EmpiricalAcceleration& e : model.empirical) e.estimate = false;
  auto fm = astro::ForceModel::Create(model, w.t0, times.back());
  auto tm = astro::ForceModel::Create(truth_model, w.t0, times.back());
  if (!fm.ok() || !tm.ok()) return {};
  auto predicted = astro::PropagateNumerically(**fm, fit.epoch, fit.state_gcrf, times, {});
  auto truth = astro::PropagateNumerically(**tm, w.t0, w.truth, times, {});
  if (!predicted.ok() || !truth.ok()) return {};
  std::vector<double> out;
  for (size_t k = 0; k < times.size(); ++k) {
    out.push_back(((*predicted)[k].gcrf.position_m - (*truth)[k].gcrf.position_m).norm());
  }
  return out;
}

double Nees(const BatchSummary& fit, const astro::CartesianState& truth) {
  Eigen::Matrix<double, 6, 1> d;
  d << fit.state_gcrf.position_m - truth.position_m, fit.state_gcrf.velocity_m_s - truth.velocity_m_s;
  return d.dot(fit.covariance_gcrf.ldlt().solve(d));
}

void RunCase(const World& w, double leak_m_s2, int runs) {
  astro::ForceModelOptions truth_model = w.truth_model;
  astro::EmpiricalAcceleration leak = *astro::ParseEmpiricalShape("T");
  leak.estimate = false;
  leak.value_m_s2 = leak_m_s2;
  truth_model.empirical = {leak};
  const astro::Epoch t_end = w.t0 + kDays * 86400;
  const std::vector<astro::Epoch> check_times = {t_end, t_end + 86400.0};

  std::mt19937_64 rng(20161213);
  std::normal_distribution<double> gauss;
  std::vector<double> end_with, end_without, later_with, later_without, leak_est, nees, wall;
  double abs_z_sum = 0;
  int abs_z_n = 0, accepted_with = 0, accepted_without = 0, measurements = 0;
  for (int run = 0; run < runs; ++run) {
    SimulationOptions so;
    so.start = w.t0;
    so.end = t_end;
    so.step_s = 120;
    so.seed = 1000 + run;
    so.min_elevation_rad = 10 * kDeg;
    so.types = {{MeasurementType::kRange, 2.0},
                {MeasurementType::kAzimuth, 20 * kArcsec},
                {MeasurementType::kElevation, 20 * kArcsec}};
    std::map<std::string, std::map<MeasurementType, double>> drawn;
    for (const auto& [name, site] : w.stations) {
      drawn[name][MeasurementType::kRange] = kRangeBiasSigmaM * gauss(rng);
      drawn[name][MeasurementType::kAzimuth] = kAngleBiasSigmaRad * gauss(rng);
      drawn[name][MeasurementType::kElevation] = kAngleBiasSigmaRad * gauss(rng);
    }
    so.bias = drawn;
    auto meas = SimulateMeasurements(truth_model, w.t0, w.truth, w.stations, so);
    if (!meas.ok()) {
      std::fprintf(stderr, "simulation: %s\n", std::string(meas.status().message()).c_str());
      return;
    }
    measurements = static_cast<int>(meas->size());
    const astro::CartesianState guess{w.truth.position_m + Eigen::Vector3d(300, -200, 150),
                                      w.truth.velocity_m_s + Eigen::Vector3d(-0.05, 0.1, 0.05)};

    // Without: state, Cd·A/m, Cr·A/m.
    BatchOptions plain;
    if (const char* tol = std::getenv("FIT_POSITION_TOLERANCE_M")) plain.propagator.position_tolerance_m = std::atof(tol);
    const absl::Time a = absl::Now();
    auto fit0 = SolveBatch(plain, w.fit_model, w.t0, guess, *meas, w.stations, nullptr);
    const absl::Time b = absl::Now();
    // With: empirical T and the station biases, with their a-priori σ.
    BatchOptions full;
    if (const char* tol = std::getenv("FIT_POSITION_TOLERANCE_M")) {
      plain.propagator.position_tolerance_m = full.propagator.position_tolerance_m = std::atof(tol);
    }
    full.estimate_biases = {MeasurementType::kRange, MeasurementType::kAzimuth, MeasurementType::kElevation};
    for (const auto& [name, site] : w.stations) {
      full.parameters["range_bias_m[" + name + "]"].a_priori_sigma = kRangeBiasSigmaM;
      full.parameters["azimuth_bias_rad[" + name + "]"].a_priori_sigma = kAngleBiasSigmaRad;
      full.parameters["elevation_bias_rad[" + name + "]"].a_priori_sigma = kAngleBiasSigmaRad;
    }
    astro::ForceModelOptions with_model = w.fit_model;
    std::vector<astro::EmpiricalAcceleration> shapes;
    const char* spec = std::getenv("EMPIRICAL");
    for (absl::string_view part : absl::StrSplit(spec ? spec : "T", ',')) {
      shapes.push_back(*astro::ParseEmpiricalShape(std::string(part)));
    }
    const char* hours = std::getenv("EMPIRICAL_INTERVAL_H");
    with_model.empirical = *astro::PiecewiseEmpirical(shapes, w.t0, t_end, (hours ? std::atof(hours) : 0) * 3600);
    for (const auto& e : with_model.empirical) full.parameters[e.Name()].a_priori_sigma = 1e-6;
    auto fit1 = SolveBatch(full, with_model, w.t0, guess, *meas, w.stations, nullptr);
    const absl::Time c = absl::Now();
    wall.push_back(absl::ToDoubleSeconds(c - b));
    if (!fit0.ok() || !fit1.ok()) {
      std::fprintf(stderr, "run %d: %s\n", run,
                   std::string((fit0.ok() ? fit1.status() : fit0.status()).message()).c_str());
      continue;
    }
    accepted_without += fit0->accepted;
    accepted_with += fit1->accepted;
    if (!fit1->accepted) {
      std::fprintf(stderr, "run %d (with): %s\n", run, fit1->message.c_str());
      continue;
    }
    const std::vector<double> e1 = PositionErrors(w, truth_model, *fit1, with_model, check_times);
    const std::vector<double> e0 = PositionErrors(w, truth_model, *fit0, w.fit_model, check_times);
    if (e0.size() != 2 || e1.size() != 2) continue;
    end_with.push_back(e1[0]);
    later_with.push_back(e1[1]);
    end_without.push_back(e0[0]);
    later_without.push_back(e0[1]);
    nees.push_back(Nees(*fit1, w.truth));
    std::vector<double> t_sum;
    for (size_t j = 6; j < fit1->parameter_names.size(); ++j) {
      const std::string& name = fit1->parameter_names[j];
      const double value = fit1->parameters[static_cast<Eigen::Index>(j)];
      const double sigma = fit1->parameter_sigmas[static_cast<Eigen::Index>(j)];
      if (name.rfind("empirical_T_m_s2", 0) == 0) t_sum.push_back(value);
      for (const auto& [station, by_type] : drawn) {
        for (const auto& [type, truth_bias] : by_type) {
          const std::string unit = type == MeasurementType::kRange ? "_m" : "_rad";
          std::string expected = std::string(MeasurementTypeName(type)) + "_bias" + unit + "[" + station + "]";
          std::transform(expected.begin(), expected.end(), expected.begin(), ::tolower);
          std::string lower = name;
          std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
          if (lower == expected) {
            abs_z_sum += std::abs(value - truth_bias) / sigma;
            ++abs_z_n;
          }
        }
      }
    }
    double mean_t = 0;
    for (double v : t_sum) mean_t += v / t_sum.size();
    leak_est.push_back(mean_t);
    std::fprintf(stderr,
                 "run %d: %zu meas, end %.1f/%.1f m, +24h %.1f/%.1f m, leak %.4g, NEES %.2f, %.1f s / %.1f s\n",
                 run, meas->size(), e1[0], e0[0], e1[1], e0[1], leak_est.empty() ? 0.0 : leak_est.back(),
                 nees.back(), absl::ToDoubleSeconds(c - b), absl::ToDoubleSeconds(b - a));
  }
  const int n = static_cast<int>(nees.size());
  if (n == 0) {
    std::printf("| %.0e | no accepted fit |\n", leak_m_s2);
    return;
  }
  double mean_leak = 0, var_leak = 0, mean_nees = 0;
  int within10 = 0, within30 = 0;
  for (double l : leak_est) {
    mean_leak += l / leak_est.size();
    within10 += std::abs(l - leak_m_s2) <= 0.1 * leak_m_s2;
    within30 += std::abs(l - leak_m_s2) <= 0.3 * leak_m_s2;
  }
  for (double l : leak_est) var_leak += (l - mean_leak) * (l - mean_leak) / std::max<size_t>(1, leak_est.size() - 1);
  for (double x : nees) mean_nees += x / n;
  const double lo = ChiSquareQuantile(6 * n, -1.959964) / n, hi = ChiSquareQuantile(6 * n, 1.959964) / n;
  std::printf(
      "| %.0e | %d | %d / %d of %d | %.1f / %.1f (%.2f) | %.1f / %.1f (%.2f) | %.1f / %.1f (%.2f) | "
      "%.1f / %.1f (%.2f) | %.4g ± %.2g (%d %%, %d %%) | %.2f [%.2f, %.2f] | %.2f | %.1f s |\n",
      leak_m_s2, measurements, accepted_with, accepted_without, runs, Rms(end_with), Rms(end_without),
      Rms(end_with) / Rms(end_without), Median(end_with), Median(end_without),
      Median(end_with) / Median(end_without), Rms(later_with), Rms(later_without),
      Rms(later_with) / Rms(later_without), Median(later_with), Median(later_without),
      Median(later_with) / Median(later_without), mean_leak, std::sqrt(var_leak),
      100 * within10 / static_cast<int>(leak_est.size()), 100 * within30 / static_cast<int>(leak_est.size()),
      mean_nees, lo, hi, abs_z_n ? abs_z_sum / abs_z_n : 0.0, Median(wall));
  std::fflush(stdout);
}

}  // namespace
}  // namespace sstrack::od

int main(int argc, char** argv) {
  using namespace sstrack;
  using namespace sstrack::od;
  const int runs = argc > 1 ? std::atoi(argv[1]) : 50;
  World w;
  auto eigen = astro::GravityField::Read("config/gravity/eigen-6s-truncated.gfc");
  auto grim = astro::GravityField::ReadGrgs("config/gravity/grim4s4_gr", 20);
  if (!eigen.ok() || !grim.ok()) {
    std::fprintf(stderr, "gravity: %s %s\n", std::string(eigen.status().message()).c_str(),
                 std::string(grim.status().message()).c_str());
    return 1;
  }
  w.fit_model.gravity = *eigen;
  w.fit_model.degree = w.fit_model.order = 20;
  w.fit_model.sun = w.fit_model.moon = w.fit_model.relativity = true;
  w.fit_model.drag_cd_area_over_mass_m2_kg = 0.012;
  w.fit_model.srp_cr_area_over_mass_m2_kg = 0.012;
  w.fit_model.estimate_drag = w.fit_model.estimate_srp = true;
  w.truth_model.gravity = *grim;
  w.truth_model.degree = w.truth_model.order = 20;
  w.truth_model.sun = w.truth_model.moon = w.truth_model.relativity = true;
  w.truth_model.drag_cd_area_over_mass_m2_kg = 0.01;
  w.truth_model.harris_priester_exponent = 6;
  w.truth_model.srp_cr_area_over_mass_m2_kg = 0.015;
  if (std::getenv("TRUTH_SHARES")) {
    std::string d = std::getenv("TRUTH_SHARES");
    if (d.find("field") != std::string::npos) w.truth_model.gravity = *eigen;
    if (d.find("hp") != std::string::npos) w.truth_model.harris_priester_exponent = 4;
  }
  constexpr double kRe = 6378137.0;
  const double rp = kRe + 250e3, ra = 42164e3;
  const auto x = *astro::KeplerianToCartesian(
      {(rp + ra) / 2, (ra - rp) / (ra + rp), 28.5 * kDeg, 40 * kDeg, 180 * kDeg, 30 * kDeg},
      eigen->gm_m3_s2());
  w.truth = {x.head<3>(), x.tail<3>()};
  for (const auto& [name, lat, lon, h] :
       std::initializer_list<std::tuple<const char*, double, double, double>>{
           {"MILLSTONE", 42.6233, -71.4882, 131},
           {"ASCENSION", -7.9067, -14.4022, 56},
           {"KWAJALEIN", 9.3952, 167.4793, 20},
           {"DIEGO_GARCIA", -7.2633, 72.3756, 5}}) {
    w.stations[name] = *astro::MakeGroundSite(name, {lat * kDeg, lon * kDeg, h});
  }
  std::printf(
      "| leak (m/s²) | measurements | accepted with / without | end of data: RMS with / without "
      "(ratio) | median | +24 h: RMS with / without (ratio) | median | leak estimate (within 10 %%, 30 %%) "
      "| mean NEES [χ² 95%%] | biases mean |z| | median fit (with) |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::fflush(stdout);
  for (double leak : {1e-7, 1e-8}) RunCase(w, leak, runs);
  return 0;
}
