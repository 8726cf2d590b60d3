// Copyright sstrack authors.
//
// SGP4 throughput on the 20,000-object synthetic catalog over −1440…+1440 min
// at 10-min steps (289 times), single thread.
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
      path = std::string(ws ? ws : ".") + "/../shared/data/tle/synthetic-20k.tle";
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
BENCHMARK(BM_Sgp4PropagatePerCall)->Unit(benchmark::kMillisecond)->Iterations(1);

// The same 20,000 × 289 propagations through Sgp4Batch::PropagateSince into
// one result (its 0.3 GB allocated before timing).
void BM_Sgp4Batch(benchmark::State& state) {
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
  const Sgp4Batch batch = Sgp4Batch::Create(props);
  std::vector<double> tsince_min;
  for (int k = -144; k <= 144; ++k) tsince_min.push_back(10.0 * k);
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
BENCHMARK(BM_Sgp4Batch)->Unit(benchmark::kMillisecond)->Iterations(3);

// Where the time goes: each class alone (arg 0 near-earth, 1 deep space),
// per call and batched.
void BM_Split(benchmark::State& state) {
  const auto& cat = Catalog();
  std::vector<Sgp4> props;
  for (const auto& e : cat) {
    auto s = Sgp4::Create(e);
    if (s.ok() && s->deep_space() == (state.range(0) == 1)) props.push_back(*s);
  }
  const Sgp4Batch batch = Sgp4Batch::Create(props);
  std::vector<double> tsince_min;
  for (int k = -144; k <= 144; ++k) tsince_min.push_back(10.0 * k);
  Sgp4BatchResult result;
  batch.PropagateSince(tsince_min, &result);
  int64_t n = 0;
  for (auto _ : state) {
    if (state.range(1) == 1) {
      batch.PropagateSince(tsince_min, &result);
      benchmark::DoNotOptimize(result.x_m.data());
    } else {
      for (const Sgp4& p : props) {
        for (double t : tsince_min) {
          Sgp4State s = p.Propagate(t);
          benchmark::DoNotOptimize(s);
        }
      }
    }
    n += static_cast<int64_t>(props.size() * tsince_min.size());
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_Split)->Unit(benchmark::kMillisecond)->Iterations(2)->Args({0, 0})->Args({0, 1})->Args({1, 0});

}  // namespace
}  // namespace sstrack::astro

BENCHMARK_MAIN();
