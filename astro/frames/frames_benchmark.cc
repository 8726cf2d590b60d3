// Copyright sstrack authors.
//
// Cost per epoch of GCRF → ITRF on a dense grid: the full IAU 2006/2000A
// series at every epoch versus the CIP cache.
//   bazel run //astro/frames:frames_benchmark
#include "astro/frames/cip_cache.h"
#include "astro/time/utc.h"
#include "benchmark/benchmark.h"

namespace sstrack::astro {
namespace {

const CartesianState kState{Eigen::Vector3d(7e6, 1e6, 2e6),
                            Eigen::Vector3d(100, 7000, 1000)};

void BM_GcrfToItrfDirect(benchmark::State& state) {
  const Epoch t0 = *ParseIsoUtc("2016-02-13T00:00:00Z");
  EopSample eop;
  double dt = 0;
  for (auto _ : state) {
    auto r = ConvertState(kState, Frame::kGcrf, Frame::kItrf, t0 + dt, eop);
    benchmark::DoNotOptimize(r);
    dt += 0.86;
  }
}
BENCHMARK(BM_GcrfToItrfDirect);

void BM_GcrfToItrfCached(benchmark::State& state) {
  const Epoch t0 = *ParseIsoUtc("2016-02-13T00:00:00Z");
  auto cache = *CipCache::Create(t0, t0 + 86400.0);
  EopSample eop;
  double dt = 0;
  for (auto _ : state) {
    auto r = cache.GcrfToItrf(kState, t0 + dt, eop);
    benchmark::DoNotOptimize(r);
    dt += 0.86;
    if (dt > 86000) dt = 0;
  }
}
BENCHMARK(BM_GcrfToItrfCached);

}  // namespace
}  // namespace sstrack::astro

BENCHMARK_MAIN();
