// Copyright sstrack authors.
//
// Scenario benchmark: visibility and the plan of one night for a whole
// element file with the default sensor network.
//   bazel run -c opt //tests:tasking_benchmark -- FILE.tle YYYY-MM-DD
// Prints the time of each stage (docs/BENCHMARKS.md).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "astro/formats/element_file.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/utc.h"
#include "service/config_loader.h"
#include "tasking/planner.h"
#include "tasking/scheduler.h"

int main(int argc, char** argv) {
  using namespace sstrack;
  using Clock = std::chrono::steady_clock;
  auto secs = [](Clock::time_point a) {
    return std::chrono::duration<double>(Clock::now() - a).count();
  };
  const std::string file = argc > 1 ? argv[1] : "tests/data/catalog-2018-01.3le";
  const std::string night = argc > 2 ? argv[2] : "2018-01-05";
  const std::string config = argc > 3 ? argv[3] : "config/sensors.textproto";
  auto net = service::LoadSensorNetwork(config);
  auto sets = astro::ReadElementFile(file);
  auto noon = astro::ParseIsoUtc(night + "T12:00:00Z");
  if (!net.ok() || !sets.ok() || !noon.ok()) {
    std::fprintf(stderr, "cannot load the network, the file or the night\n");
    return 1;
  }
  std::vector<tasking::PlanObject> objects;
  std::vector<sensors::VisibilityObject> vis;
  for (const astro::MeanElements& e : sets->elements) {
    auto s = astro::Sgp4::Create(e);
    if (!s.ok()) continue;
    objects.push_back({e.catalog_number, 5, INFINITY, {}, {}, {}});
    vis.push_back({*s, {}});
  }
  std::vector<std::pair<astro::Epoch, astro::Epoch>> spans;
  astro::Epoch first = *noon + 1e6, last = *noon - 1e6;
  for (const sensors::Sensor& s : *net) {
    const double lon = std::remainder(s.spec().geodetic.longitude_rad, 2 * M_PI) * 180 / M_PI;
    const astro::Epoch a = *noon - lon / 15 * 3600;
    spans.push_back({a, a + 86400.0});
    first = std::min(first, a);
    last = std::max(last, a + 86400.0);
  }
  const auto t0 = Clock::now();
  auto windows = sensors::ComputeVisibility(vis, *net, first, last);
  const double t_vis = secs(t0);
  auto grid = sensors::VisibilityGrid::Create(first, last, {});
  const auto t1 = Clock::now();
  const tasking::Problem p = tasking::BuildProblem(objects, vis, *net, spans, *windows, *grid);
  const double t_cand = secs(t1);
  const auto t2 = Clock::now();
  tasking::SchedulerOptions so;
  so.time_limit_s = 10;
  tasking::ScheduleSummary sum;
  const std::vector<int> chosen = tasking::Schedule(p, {}, so, &sum);
  const double t_sched = secs(t2);
  std::printf("objects %zu, sensors %zu, span %.1f h, windows %zu, candidates %zu, tasks %zu\n",
              objects.size(), net->size(), (last - first) / 3600, windows->size(),
              p.candidates.size(), chosen.size());
  std::printf("visibility %.2f s, candidates %.2f s, scheduling %.2f s (greedy %.2f -> %.2f), "
              "total %.2f s\n",
              t_vis, t_cand, t_sched, sum.greedy_objective, sum.objective, secs(t0));
  return 0;
}
