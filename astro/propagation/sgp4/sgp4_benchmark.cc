// Copyright sstrack authors.
//
// SGP4 throughput on the 20,000-object synthetic catalog over −1440…+1440 min
// at 10-min steps (289 times), single thread: initialization, the per-call
// API, and the batch (structure-of-arrays) API.
//   bazel run //astro/propagation/sgp4:sgp4_benchmark
// with SSTRACK_SYNTHETIC_TLE=/path/to/synthetic-20k.tle to override the path
// (default path: ../shared/data/tle/synthetic-20k.tle from the workspace).
#include <cstdlib>
#include <string>
#include <vector>

#include "astro/formats/tle.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/propagation/sgp4/sgp4_batch.h"
#include "benchmark/benchmark.h"

namespace sstrack::astro {
namespace {

const std::vector<MeanElements>& Catalog() {
  static const std::vector<MeanElements>* sets = [] {
    const char* env = std::getenv("SSTRACK_SYNTHETIC_TLE");
    std::string path = env ? env : "";
    if (path.empty()) {
      const char* ws = std::getenv("BUILD_WORKSPACE_DIRECTORY");
      path =
          std::string(ws ? ws : ".") + "/../shared/data/tle/synthetic-20k.tle";
    }
    auto r = ReadTleFile(path);
    auto* out = new std::vector<MeanElements>();
    if (r.ok()) *out = std::move(r->elements);
    return out;
  }();
  return *sets;
}

void BM_Sgp4Init(benchmark::State& state) {
  const auto& cat = Catalog();
  if (cat.empty()) {
    state.SkipWithError("synthetic catalog not found (SSTRACK_SYNTHETIC_TLE)");
    return;
  }
  size_t i = 0;
  for (auto _ : state) {
    auto s = Sgp4::Create(cat[i]);
    benchmark::DoNotOptimize(s);
    if (++i == cat.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Sgp4Init);

void BM_Sgp4PropagatePerCall(benchmark::State& state) {
  const auto& cat = Catalog();
  if (cat.empty()) {
    state.SkipWithError("synthetic catalog not found (SSTRACK_SYNTHETIC_TLE)");
    return;
  }
  std::vector<Sgp4> props;
  for (const auto& e : cat) {
    auto s = Sgp4::Create(e);
    if (s.ok()) props.push_back(*s);
  }
  int64_t n = 0;
  for (auto _ : state) {
    for (const Sgp4& p : props) {
      for (int k = -144; k <= 144; ++k) {
        Sgp4State s = p.Propagate(10.0 * k);
        benchmark::DoNotOptimize(s);
      }
    }
    n += static_cast<int64_t>(props.size()) * 289;
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_Sgp4PropagatePerCall)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// Satellites of the catalog: all, or only the near-earth (period < 225 min)
// or deep-space ones.
enum Subset { kAll = 0, kNearEarth = 1, kDeepSpace = 2 };
std::vector<Sgp4> Satellites(int64_t subset) {
  std::vector<Sgp4> props;
  for (const auto& e : Catalog()) {
    auto s = Sgp4::Create(e);
    if (!s.ok()) continue;
    if (subset == kAll || s->deep_space() == (subset == kDeepSpace)) {
      props.push_back(*s);
    }
  }
  return props;
}

std::vector<double> Grid() {
  std::vector<double> tsince_min;
  for (int k = -144; k <= 144; ++k) tsince_min.push_back(10.0 * k);
  return tsince_min;
}

// The same 20,000 × 289 propagations through Sgp4Batch::PropagateSince into
// one result (its 0.3 GB allocated before timing). Argument: Subset (the
// headline figure is kAll; kNearEarth shows the vector path alone).
void BM_Sgp4Batch(benchmark::State& state) {
  if (Catalog().empty()) {
    state.SkipWithError("synthetic catalog not found (SSTRACK_SYNTHETIC_TLE)");
    return;
  }
  const std::vector<Sgp4> props = Satellites(state.range(0));
  const Sgp4Batch batch = Sgp4Batch::Create(props);
  const std::vector<double> tsince_min = Grid();
  Sgp4BatchResult result;
  batch.PropagateSince(tsince_min, &result);
  int64_t n = 0;
  for (auto _ : state) {
    batch.PropagateSince(tsince_min, &result);
    benchmark::DoNotOptimize(result.x_m.data());
    n += static_cast<int64_t>(props.size() * tsince_min.size());
  }
  state.SetItemsProcessed(n);
  state.counters["near_earth"] = static_cast<double>(batch.num_vectorized());
  state.counters["deep_space"] = static_cast<double>(batch.num_deep_space());
}
BENCHMARK(BM_Sgp4Batch)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->Arg(kAll)
    ->Arg(kNearEarth);

// Sgp4::Propagate on one class of satellites: what the batch's deep-space
// share costs (it stays on this path) and what the vector path replaces.
void BM_Sgp4PerCallSubset(benchmark::State& state) {
  if (Catalog().empty()) {
    state.SkipWithError("synthetic catalog not found (SSTRACK_SYNTHETIC_TLE)");
    return;
  }
  const std::vector<Sgp4> props = Satellites(state.range(0));
  const std::vector<double> tsince_min = Grid();
  int64_t n = 0;
  for (auto _ : state) {
    for (const Sgp4& p : props) {
      for (double t : tsince_min) {
        Sgp4State s = p.Propagate(t);
        benchmark::DoNotOptimize(s);
      }
    }
    n += static_cast<int64_t>(props.size() * tsince_min.size());
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_Sgp4PerCallSubset)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Arg(kNearEarth)
    ->Arg(kDeepSpace);

}  // namespace
}  // namespace sstrack::astro

BENCHMARK_MAIN();
