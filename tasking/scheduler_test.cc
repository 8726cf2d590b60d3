// Copyright sstrack authors.
#include "tasking/scheduler.h"

#include <cmath>
#include <random>

#include "gtest/gtest.h"
#include "tasking/milp.h"
#include "tasking/value.h"

namespace sstrack::tasking {
namespace {

constexpr double kDeg = M_PI / 180.0;

// Random nights: sensors with real slew limits, windows of random length,
// a few start times per window, random pointings and values.
Problem RandomProblem(unsigned seed, int sensors, int objects, int windows, int starts) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  Problem p;
  for (int s = 0; s < sensors; ++s) {
    sensors::SensorSpec spec;
    spec.name = "S" + std::to_string(s);
    spec.geodetic = {0.6, 2.3 + s, 100};
    spec.azimuth_axis = {(1 + 2 * u(rng)) * kDeg, 0.5 * kDeg};
    spec.elevation_axis = {(1 + 2 * u(rng)) * kDeg, 0.5 * kDeg};
    spec.settle_time_s = 5;
    spec.track_duration_s = 120;
    spec.noise.angle_rad = 1e-5;
    spec.max_tasks_per_night = s == 0 ? 4 : 0;
    p.sensors.push_back(*sensors::Sensor::Create(spec));
  }
  for (int o = 0; o < objects; ++o) p.requested_tracks.push_back(RequestedTracks(1 + o % 5));
  for (int w = 0; w < windows; ++w) {
    const int obj = static_cast<int>(u(rng) * objects);
    const int sen = static_cast<int>(u(rng) * sensors);
    const double t0 = u(rng) * 3600, len = 150 + u(rng) * 600;
    const double base = -std::log(1 - u(rng)) * 10 * CategoryWeight(1 + obj % 5);
    for (int k = 0; k < starts; ++k) {
      Candidate c;
      c.object = obj;
      c.sensor = sen;
      c.window = w;
      c.start_s = t0 + (len - 120) * k / std::max(1, starts - 1);
      c.end_s = c.start_s + 120;
      c.at_start = {u(rng) * 2 * M_PI, (15 + 60 * u(rng)) * kDeg};
      c.at_end = {c.at_start.azimuth_rad + 0.2, c.at_start.elevation_rad + 0.05};
      c.value = base * (0.8 + 0.4 * u(rng));
      p.candidates.push_back(c);
    }
  }
  return p;
}

TEST(MilpTest, MatchesExhaustiveEnumerationOnTinyNights) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const Problem p = RandomProblem(seed, 2, 4, 6, 2);  // 12 candidates
    const int n = static_cast<int>(p.candidates.size());
    double best = 0;
    for (int mask = 0; mask < (1 << n); ++mask) {
      std::vector<int> chosen;
      for (int i = 0; i < n; ++i) {
        if (mask & (1 << i)) chosen.push_back(i);
      }
      if (p.CheckFeasible(chosen).empty()) best = std::max(best, p.Objective(chosen));
    }
    auto exact = SolveExact(p);
    ASSERT_TRUE(exact.ok()) << exact.status();
    EXPECT_TRUE(exact->proven_optimal);
    EXPECT_EQ(p.CheckFeasible(exact->chosen), "");
    EXPECT_NEAR(exact->objective, best, 1e-9 * best) << "seed " << seed;
    const std::vector<int> h = Schedule(p);
    EXPECT_EQ(p.CheckFeasible(h), "");
    EXPECT_LE(p.Objective(h), best + 1e-9);
  }
}

// The heuristic against the exact optimum on 30 random nights of ~150
// candidates: feasible, never above the optimum, and within the gap
// measured here (docs/TASKING.md: worst 1.9 %, mean 0.2 %).
TEST(SchedulerTest, WithinTheMeasuredGapOfTheExactOptimum) {
  double worst = 0, sum = 0;
  int n = 0;
  for (unsigned seed = 100; seed < 130; ++seed) {
    const Problem p = RandomProblem(seed, 3, 25, 50, 3);
    auto exact = SolveExact(p);
    ASSERT_TRUE(exact.ok()) << exact.status();
    ASSERT_TRUE(exact->proven_optimal);
    ScheduleSummary summary;
    const std::vector<int> h = Schedule(p, {}, {}, &summary);
    ASSERT_EQ(p.CheckFeasible(h), "") << "seed " << seed;
    const double v = p.Objective(h);
    EXPECT_NEAR(v, summary.objective, 1e-9 * v);
    EXPECT_GE(summary.objective, summary.greedy_objective - 1e-9);
    EXPECT_LE(v, exact->objective + 1e-9) << "seed " << seed;
    const double gap = 1 - v / exact->objective;
    worst = std::max(worst, gap);
    sum += gap;
    ++n;
  }
  std::printf("heuristic gap: worst %.4f, mean %.4f over %d nights\n", worst, sum / n, n);
  EXPECT_LE(worst, 0.025);
  EXPECT_LE(sum / n, 0.005);
}

TEST(SchedulerTest, ReplanKeepsTasksUnderWayAndDropsOfflineSensor) {
  const Problem p = RandomProblem(7, 3, 25, 60, 3);
  const std::vector<int> first = Schedule(p);
  ASSERT_EQ(p.CheckFeasible(first), "");
  const double now = 1800;
  ScheduleRequest r;
  std::vector<int> failed;
  for (int i : first) {
    const Candidate& c = p.candidates[static_cast<size_t>(i)];
    if (c.start_s < now) {
      // The first task of sensor 2 failed; the rest ran or are under way.
      if (c.sensor == 2 && failed.empty()) {
        failed.push_back(i);
      } else {
        r.locked.push_back(i);
      }
    } else {
      r.initial.push_back(i);
    }
  }
  ASSERT_FALSE(r.locked.empty());
  r.excluded = failed;
  r.sensor_offline = {false, true, false};
  r.not_before_s = now;
  const std::vector<int> second = Schedule(p, r);
  EXPECT_EQ(p.CheckFeasible(second), "");
  for (int i : r.locked) {
    EXPECT_NE(std::find(second.begin(), second.end(), i), second.end()) << "locked task " << i;
  }
  for (int i : second) {
    const Candidate& c = p.candidates[static_cast<size_t>(i)];
    const bool was_locked = std::find(r.locked.begin(), r.locked.end(), i) != r.locked.end();
    if (!was_locked) {
      EXPECT_GE(c.start_s, now);
      EXPECT_NE(c.sensor, 1) << "task on the offline sensor";
    }
    EXPECT_EQ(std::find(failed.begin(), failed.end(), i), failed.end());
  }
  // The exact re-plan with the same tasks locked is never below it.
  Problem rest = p;
  std::vector<int> keep;
  for (size_t i = 0; i < p.candidates.size(); ++i) {
    const Candidate& c = p.candidates[i];
    const bool was_locked =
        std::find(r.locked.begin(), r.locked.end(), static_cast<int>(i)) != r.locked.end();
    if (was_locked || (c.start_s >= now && c.sensor != 1 &&
                       std::find(failed.begin(), failed.end(), static_cast<int>(i)) == failed.end())) {
      keep.push_back(static_cast<int>(i));
    }
  }
  rest.candidates.clear();
  MilpOptions mo;
  std::vector<int> second_in_rest;
  for (size_t j = 0; j < keep.size(); ++j) {
    rest.candidates.push_back(p.candidates[static_cast<size_t>(keep[j])]);
    if (std::find(r.locked.begin(), r.locked.end(), keep[j]) != r.locked.end()) {
      mo.locked.push_back(static_cast<int>(j));
    }
    if (std::find(second.begin(), second.end(), keep[j]) != second.end()) {
      second_in_rest.push_back(static_cast<int>(j));
    }
  }
  auto exact = SolveExact(rest, mo);
  ASSERT_TRUE(exact.ok()) << exact.status();
  EXPECT_LE(rest.Objective(second_in_rest), exact->objective + 1e-9);
  EXPECT_EQ(second_in_rest.size(), second.size());
}

}  // namespace
}  // namespace sstrack::tasking
