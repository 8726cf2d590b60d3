// Copyright sstrack authors.
//
// Numerical propagation speed (issue 4). Run from the workspace:
//   bazel run -c opt //astro/propagation/numerical:numerical_benchmark
// Cases: one day of a 500 km LEO (20×20, Sun, Moon, drag) without the STM,
// with it (full partials) and with the orbit determiner's reduced partials; seven days of a GEO (20×20, Sun, Moon, SRP); 66 hours of
// LAGEOS-2 (20×20, Sun, Moon from DE430, relativity, EOP, STM) — the
// anchor the reference Java library takes ≈ 0.9 s for.
#include <memory>

#include "astro/bodies/jpl_ephemeris.h"
#include "astro/elements/keplerian.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "benchmark/benchmark.h"

namespace sstrack::astro {
namespace {

constexpr double kDeg = M_PI / 180;

GravityField Field() {
  static const GravityField* f =
      new GravityField(*GravityField::Read("tests/data/gravity/eigen-6s-truncated.gfc"));
  return *f;
}

CartesianState Orbit(double a, double e, double i) {
  const auto s = *KeplerianToCartesian({a, e, i, 30 * kDeg, 40 * kDeg, 0}, 3.986004415e14);
  return {s.head<3>(), s.tail<3>()};
}

void Run(benchmark::State& state, const ForceModelOptions& fo, const Epoch& t0,
         const CartesianState& x0, double span_s, bool stm) {
  auto fm = ForceModel::Create(fo, t0, t0 + span_s);
  if (!fm.ok()) {
    state.SkipWithError(std::string(fm.status().message()).c_str());
    return;
  }
  NumericalPropagatorOptions po;
  po.variational = stm;
  long steps = 0;
  for (auto _ : state) {
    NumericalPropagationSummary s;
    auto out = PropagateNumerically(**fm, t0, x0, {t0 + span_s}, po, &s);
    benchmark::DoNotOptimize(out);
    steps = s.accepted_steps;
  }
  state.counters["steps"] = static_cast<double>(steps);
}

void BM_Leo500OneDay(benchmark::State& state) {
  ForceModelOptions fo;
  fo.gravity = Field();
  fo.degree = fo.order = 20;
  fo.sun = fo.moon = true;
  fo.drag_cd_area_over_mass_m2_kg = 0.01;
  // stm: 0 none, 1 full partials, 2 the orbit determiner's reduced ones
  // (partials_degree 4, Cd·A/m estimated).
  if (state.range(0) == 2) {
    fo.partials_degree = 4;
    fo.estimate_drag = true;
  }
  Run(state, fo, *ParseIsoUtc("2016-02-13T16:00:00Z"), Orbit(6878e3, 0.001, 97.4 * kDeg), 86400,
      state.range(0) != 0);
}
BENCHMARK(BM_Leo500OneDay)->Arg(0)->Arg(1)->Arg(2)->ArgName("stm")->Unit(benchmark::kMillisecond);

void BM_GeoSevenDays(benchmark::State& state) {
  ForceModelOptions fo;
  fo.gravity = Field();
  fo.degree = fo.order = 20;
  fo.sun = fo.moon = true;
  fo.srp_cr_area_over_mass_m2_kg = 0.02;
  Run(state, fo, *ParseIsoUtc("2016-02-13T16:00:00Z"), Orbit(42164e3, 0.0002, 0.1 * kDeg),
      7 * 86400, false);
}
BENCHMARK(BM_GeoSevenDays)->Unit(benchmark::kMillisecond);

void BM_Lageos2_66h(benchmark::State& state) {
  ForceModelOptions fo;
  fo.gravity = Field();
  fo.degree = fo.order = 20;
  fo.sun = fo.moon = fo.relativity = true;
  fo.ephemeris = std::make_shared<JplEphemeris>(*JplEphemeris::Open("tests/data/lageos2/lnxp2016.430"));
  fo.eop = std::make_shared<EopTable>(*EopTable::FromFiles(
      {"tests/data/lageos2/bulletinb-337.txt", "tests/data/lageos2/bulletinb-338.txt"}));
  const CartesianState x0{{7526993.271, -9646310.572, 1464110.528}, {3033.794, 1715.265, -4447.659}};
  Run(state, fo, *ParseIsoUtc("2016-02-11T13:00:00Z"), x0, 66 * 3600.0, state.range(0) != 0);
}
BENCHMARK(BM_Lageos2_66h)->Arg(0)->Arg(1)->ArgName("stm")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sstrack::astro

BENCHMARK_MAIN();
