// Copyright sstrack authors.
#include "sensors/visibility.h"

#include <cmath>
#include <iostream>
#include <map>

#include "astro/formats/tle.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::sensors {
namespace {

constexpr double kDeg = M_PI / 180.0;

std::vector<Sensor> TestSensors() {
  std::vector<Sensor> out;
  SensorSpec opt;
  opt.name = "OPT";
  opt.type = SensorType::kOptical;
  opt.geodetic = {34.672 * kDeg, 133.544 * kDeg, 400};
  opt.min_elevation_rad = 15 * kDeg;
  opt.mask = {{0, 20 * kDeg}, {90 * kDeg, 15 * kDeg}, {200 * kDeg, 30 * kDeg}};
  opt.optical.limiting_magnitude = 14;
  opt.noise.angle_rad = 1e-5;
  SensorSpec radar = opt;
  radar.name = "RAD";
  radar.type = SensorType::kTrackingRadar;
  radar.geodetic = {35.3 * kDeg, 133.9 * kDeg, 500};
  radar.mask.clear();
  radar.min_elevation_rad = 5 * kDeg;
  radar.max_range_m = 3000e3;
  radar.radar = {25, 1000e3, 12};
  SensorSpec pa = radar;
  pa.name = "PA";
  pa.type = SensorType::kPhasedArrayRadar;
  pa.geodetic = {-20 * kDeg, -60 * kDeg, 50};
  pa.max_range_m = 6000e3;
  pa.field_of_regard = {180 * kDeg, 60 * kDeg, 3 * kDeg, 85 * kDeg};
  for (const SensorSpec& s : {opt, radar, pa}) {
    absl::StatusOr<Sensor> r = Sensor::Create(s);
    EXPECT_TRUE(r.ok()) << r.status();
    out.push_back(*r);
  }
  return out;
}

std::vector<VisibilityObject> Sample(size_t every) {
  absl::StatusOr<astro::TleFileResult> f = astro::ReadTleFile("tests/data/catalog-2018-01.3le");
  EXPECT_TRUE(f.ok()) << f.status();
  std::vector<VisibilityObject> out;
  for (size_t i = 0; i < f->elements.size(); i += every) {
    absl::StatusOr<astro::Sgp4> s = astro::Sgp4::Create(f->elements[i]);
    if (s.ok()) out.push_back({*s, {}});
  }
  return out;
}

struct Interval {
  double start, end;  // seconds from span start
  Constraint before, after;
};

TEST(VisibilityTest, RejectsEmptyOrInvertedSpans) {
  const auto t0 = astro::ParseIsoUtc("2018-01-05T06:00:00Z");
  ASSERT_TRUE(t0.ok());
  std::vector<VisibilityObject> none;
  std::vector<Sensor> sensors = TestSensors();
  EXPECT_EQ(ComputeVisibility(none, sensors, *t0, *t0).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto r = ComputeVisibility(none, sensors, *t0, *t0 - 60.0);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("inverted"), std::string::npos);
}

// Every window against a brute-force scan, one evaluation per second, of the
// same constraints: each brute-force window is found, with edges within the
// one-second resolution of the scan plus the 0.5 s tolerance, and the same
// constraint on each side.
TEST(VisibilityTest, MatchesABruteForceOneSecondScan) {
  const std::vector<Sensor> sensors = TestSensors();
  const std::vector<VisibilityObject> objects = Sample(37);  // 27 objects, LEO to GEO
  const auto t0 = astro::ParseIsoUtc("2018-01-05T06:00:00Z");
  ASSERT_TRUE(t0.ok());
  const double span = 12 * 3600.0;
  VisibilityOptions o;
  auto windows = ComputeVisibility(objects, sensors, *t0, *t0 + span, o);
  ASSERT_TRUE(windows.ok()) << windows.status();
  auto grid = VisibilityGrid::Create(*t0, *t0 + span, o);
  ASSERT_TRUE(grid.ok());
  std::map<std::pair<int, int>, std::vector<Interval>> brute, fast;
  for (const VisibilityWindow& w : *windows) {
    fast[{w.object, w.sensor}].push_back(
        {w.start - *t0, w.end - *t0, w.start_reason, w.end_reason});
  }
  int pairs_with_windows = 0;
  for (size_t j = 0; j < objects.size(); ++j) {
    for (size_t k = 0; k < sensors.size(); ++k) {
      std::vector<Interval> v;
      Constraint prev = Constraint::kSpanStart;
      bool open = false;
      for (int s = 0; s <= static_cast<int>(span); ++s) {
        Geometry g;
        Evaluation e;
        if (!grid->GeometryAt(objects[j].sgp4, *t0 + static_cast<double>(s), &g)) {
          e.failing = Constraint::kPropagation;
        } else {
          e = Evaluate(sensors[k], objects[j].signature, g);
        }
        if (e.observable() && !open) {
          v.push_back({static_cast<double>(s), 0, prev, Constraint::kSpanEnd});
          open = true;
        } else if (!e.observable() && open) {
          v.back().end = s - 1;
          v.back().after = e.failing;
          open = false;
        }
        prev = e.failing;
      }
      if (open) v.back().end = span;
      const std::vector<Interval>& f = fast[{static_cast<int>(j), static_cast<int>(k)}];
      if (!v.empty()) ++pairs_with_windows;
      if (f.size() != v.size()) {
        for (const Interval& x : v) std::cerr << "brute " << x.start << " " << x.end << " " << ConstraintName(x.before) << " " << ConstraintName(x.after) << "\n";
        for (const Interval& x : f) std::cerr << "fast " << x.start << " " << x.end << " " << ConstraintName(x.before) << " " << ConstraintName(x.after) << "\n";
      }
      ASSERT_EQ(f.size(), v.size()) << "object " << j << " sensor " << k;
      for (size_t i = 0; i < v.size(); ++i) {
        SCOPED_TRACE(testing::Message() << "object " << j << " sensor " << k << " window " << i
                                        << " brute [" << v[i].start << ", " << v[i].end
                                        << "] fast [" << f[i].start << ", " << f[i].end << "]");
        if (v[i].before == Constraint::kSpanStart) {
          EXPECT_EQ(f[i].start, 0.0);
        } else {
          EXPECT_GT(f[i].start - v[i].start, -1.0);
          EXPECT_LE(f[i].start - v[i].start, 0.5);
        }
        if (v[i].after == Constraint::kSpanEnd) {
          EXPECT_EQ(f[i].end, span);
        } else {
          EXPECT_GE(f[i].end - v[i].end, -0.5);
          EXPECT_LT(f[i].end - v[i].end, 1.0);
        }
        EXPECT_EQ(ConstraintName(f[i].before), ConstraintName(v[i].before));
        EXPECT_EQ(ConstraintName(f[i].after), ConstraintName(v[i].after));
      }
    }
  }
  EXPECT_GT(pairs_with_windows, 20);
  // Every kind of edge the scan meets appears at least once here.
  std::map<std::string, int> reasons;
  for (const VisibilityWindow& w : *windows) {
    ++reasons[std::string(ConstraintName(w.start_reason))];
    ++reasons[std::string(ConstraintName(w.end_reason))];
  }
  EXPECT_GT(reasons["elevation_mask"], 10);
  EXPECT_GT(reasons["earth_shadow"] + reasons["sun_elevation"], 0);
}

TEST(VisibilityTest, MaximumElevationIsTheHighestOfTheWindow) {
  const std::vector<Sensor> sensors = TestSensors();
  const std::vector<VisibilityObject> objects = Sample(97);
  const auto t0 = astro::ParseIsoUtc("2018-01-05T06:00:00Z");
  auto windows = ComputeVisibility(objects, sensors, *t0, *t0 + 6 * 3600.0);
  ASSERT_TRUE(windows.ok());
  auto grid = VisibilityGrid::Create(*t0, *t0 + 6 * 3600.0, {});
  ASSERT_FALSE(windows->empty());
  for (const VisibilityWindow& w : *windows) {
    double best = -M_PI;
    for (double s = 0; s <= w.duration_s(); s += 1.0) {
      Geometry g;
      ASSERT_TRUE(grid->GeometryAt(objects[w.object].sgp4, w.start + s, &g));
      best = std::max(best, Evaluate(sensors[w.sensor], {}, g).pointing.elevation_rad);
    }
    EXPECT_GE(w.max_elevation_rad, best - 1e-6) << w.start - *t0 << " " << w.end - *t0 << " " << w.max_elevation_time - *t0 << " " << objects[w.object].sgp4.elements().mean_motion_rad_per_min;
    EXPECT_LE(w.max_elevation_rad, best + 0.02 * kDeg);
    EXPECT_GE(w.max_elevation_time, w.start);
    EXPECT_LE(w.max_elevation_time, w.end);
  }
}

}  // namespace
}  // namespace sstrack::sensors
