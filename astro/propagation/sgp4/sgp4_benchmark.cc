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

}  // namespace
}  // namespace sstrack::astro

BENCHMARK_MAIN();
