// Copyright sstrack authors.
//
// Sgp4Batch against the per-call propagator Sgp4::Propagate (the second
// method) on every satellite and time of
//  - the 33 verification sets of SGP4-VER.TLE, all of them on the time grid
//    of each (line 2 of a set gives start, stop, step), which takes the decay
//    case 29141 days past its decay, and the near-earth sets against the
//    reference states of tcppver.out directly;
//  - 2,000 objects of the synthetic benchmark catalog (every 10th of
//    synthetic-20k.tle) over −1440…+1440 min at 10-min steps, and all of it
//    when SSTRACK_SHARED_DATA points at the shared data.
// Same error code at the same times, |Δr| ≤ 1e-6 m, |Δv| ≤ 1e-9 m/s.
#include "astro/propagation/sgp4/sgp4_batch.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "astro/formats/tle.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr double kMaxPositionDiffM = 1e-6;
constexpr double kMaxVelocityDiffMS = 1e-9;

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string l;
  while (std::getline(in, l)) out.push_back(l);
  return out;
}

struct Comparison {
  int states = 0;
  int errors = 0;  // states with a non-zero error code
  double worst_r_m = 0.0;
  double worst_v_m_s = 0.0;
};

// Every satellite of `sats` at every time of `tsince_min`: batch vs per call.
void CompareWithPerCall(const std::vector<Sgp4>& sats,
                        const std::vector<double>& tsince_min, Comparison* c) {
  const Sgp4Batch batch = Sgp4Batch::Create(sats);
  Sgp4BatchResult r;
  batch.PropagateSince(tsince_min, &r);
  ASSERT_EQ(r.num_satellites, sats.size());
  ASSERT_EQ(r.num_times, tsince_min.size());
  for (size_t k = 0; k < tsince_min.size(); ++k) {
    for (size_t s = 0; s < sats.size(); ++s) {
      const Sgp4State want = sats[s].Propagate(tsince_min[k]);
      const Sgp4State got = r.State(k, s);
      ASSERT_EQ(got.error, want.error)
          << "object " << sats[s].elements().catalog_number
          << " t=" << tsince_min[k];
      const double dr = (got.position_teme_m - want.position_teme_m).norm();
      const double dv = (got.velocity_teme_m_s - want.velocity_teme_m_s).norm();
      ASSERT_LE(dr, kMaxPositionDiffM)
          << "object " << sats[s].elements().catalog_number
          << " t=" << tsince_min[k];
      ASSERT_LE(dv, kMaxVelocityDiffMS)
          << "object " << sats[s].elements().catalog_number
          << " t=" << tsince_min[k];
      c->worst_r_m = std::max(c->worst_r_m, dr);
      c->worst_v_m_s = std::max(c->worst_v_m_s, dv);
      ++c->states;
      if (want.error != Sgp4Error::kNone) ++c->errors;
    }
  }
}

struct VerificationSet {
  std::vector<Sgp4> sats;
  std::vector<std::vector<double>> grids;  // start..stop by step, per set
};

VerificationSet ReadVerificationSet() {
  VerificationSet v;
  const std::vector<std::string> tle = Lines("tests/data/sgp4/SGP4-VER.TLE");
  TleParseOptions o;
  o.verify_checksum = false;  // the error-code cases carry wrong checksums
  o.allow_trailing_text = true;
  for (size_t i = 0; i + 1 < tle.size(); ++i) {
    if (tle[i].rfind("1 ", 0) != 0) continue;
    auto el = ParseTle(tle[i], tle[i + 1], o);
    if (!el.ok()) continue;
    auto s = Sgp4::Create(*el);
    if (!s.ok()) continue;
    std::vector<std::string> span =
        absl::StrSplit(absl::StripAsciiWhitespace(tle[i + 1].substr(69)), ' ',
                       absl::SkipEmpty());
    double start = 0, stop = 0, step = 0;
    if (span.size() != 3 || !absl::SimpleAtod(span[0], &start) ||
        !absl::SimpleAtod(span[1], &stop) ||
        !absl::SimpleAtod(span[2], &step)) {
      continue;
    }
    std::vector<double> grid;
    for (double t = start; t <= stop + 1e-9; t += step) grid.push_back(t);
    // The reference driver also prints the stop time itself.
    if (grid.back() < stop) grid.push_back(stop);
    v.sats.push_back(*s);
    v.grids.push_back(grid);
  }
  return v;
}

TEST(Sgp4BatchTest, VerificationSetMatchesPerCall) {
  const VerificationSet v = ReadVerificationSet();
  ASSERT_EQ(v.sats.size(), 33u);
  const Sgp4Batch batch = Sgp4Batch::Create(v.sats);
  EXPECT_EQ(batch.num_satellites(), 33u);
  EXPECT_EQ(batch.num_vectorized(), 9u);
  EXPECT_EQ(batch.num_deep_space(), 24u);
  Comparison c;
  for (size_t k = 0; k < v.grids.size(); ++k) {
    CompareWithPerCall(v.sats, v.grids[k], &c);
    if (HasFatalFailure()) return;
  }
  std::cout << c.states << " states (" << c.errors
            << " with error codes); worst |dr| " << c.worst_r_m << " m, |dv| "
            << c.worst_v_m_s << " m/s\n";
  EXPECT_GT(c.errors, 0);  // the error paths were exercised
}

TEST(Sgp4BatchTest, NearEarthVerificationCasesMatchReferenceFile) {
  // tcppver.out: "satnum xx" then "tsince x y z vx vy vz ..." in km, km/s.
  const VerificationSet v = ReadVerificationSet();
  ASSERT_EQ(v.sats.size(), 33u);
  const Sgp4Batch batch = Sgp4Batch::Create(v.sats);
  size_t sat = 0;
  bool near = false;
  int compared = 0;
  std::vector<double> t(1);
  Sgp4BatchResult r;
  for (const std::string& line : Lines("tests/data/sgp4/tcppver.out")) {
    std::vector<std::string> f =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (f.size() == 2 && f[1] == "xx") {
      sat = 0;
      while (sat < v.sats.size() &&
             v.sats[sat].elements().catalog_number != std::stoi(f[0])) {
        ++sat;
      }
      ASSERT_LT(sat, v.sats.size()) << f[0];
      near = !v.sats[sat].deep_space();
      continue;
    }
    double ref[7];
    if (!near || f.size() < 7) continue;
    bool ok = true;
    for (int i = 0; i < 7; ++i) ok = ok && absl::SimpleAtod(f[i], &ref[i]);
    if (!ok) continue;
    t[0] = ref[0];
    batch.PropagateSince(t, &r);
    const Sgp4State s = r.State(0, sat);
    ASSERT_EQ(s.error, Sgp4Error::kNone) << f[0];
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(s.position_teme_m[i], ref[1 + i] * 1e3, 5e-4) << line;
      EXPECT_NEAR(s.velocity_teme_m_s[i], ref[4 + i] * 1e3, 1e-5) << line;
    }
    ++compared;
  }
  EXPECT_GT(compared, 100);
}

// Every object of a TLE file over −1440…+1440 min at 10-min steps.
void CheckCatalog(const std::string& path, size_t expected_objects) {
  // Some records of the synthetic catalog have wrong checksums on purpose.
  TleParseOptions o;
  o.verify_checksum = false;
  auto file = ReadTleFile(path, o);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_EQ(file->elements.size(), expected_objects);
  std::vector<Sgp4> sats;
  for (const MeanElements& e : file->elements) {
    auto s = Sgp4::Create(e);
    ASSERT_TRUE(s.ok()) << s.status();
    sats.push_back(*s);
  }
  std::vector<double> grid;
  for (int k = -144; k <= 144; ++k) grid.push_back(10.0 * k);
  Comparison c;
  CompareWithPerCall(sats, grid, &c);
  if (::testing::Test::HasFatalFailure()) return;
  const Sgp4Batch batch = Sgp4Batch::Create(sats);
  std::cout << batch.num_vectorized() << " near-earth + "
            << batch.num_deep_space() << " deep-space objects, " << c.states
            << " states (" << c.errors << " with error codes); worst |dr| "
            << c.worst_r_m << " m, |dv| " << c.worst_v_m_s << " m/s\n";
  EXPECT_EQ(c.states, static_cast<int>(expected_objects * 289));
  EXPECT_GT(batch.num_vectorized(), expected_objects * 3 / 4);
}

TEST(Sgp4BatchTest, CatalogSampleMatchesPerCall) {
  CheckCatalog("tests/data/sgp4/synthetic-2k.tle", 2000);
}

// The whole 20,000-object catalog when the shared data is at hand
// (SSTRACK_SHARED_DATA=/path/to/shared/data; 5.8 million states, ~10 s).
TEST(Sgp4BatchTest, FullSyntheticCatalogMatchesPerCall) {
  const char* dir = std::getenv("SSTRACK_SHARED_DATA");
  if (dir == nullptr || *dir == '\0') {
    GTEST_SKIP() << "SSTRACK_SHARED_DATA not set (tools/test sets it when ../shared/data exists)";
  }
  // 20,000 records, one of which repeats a catalog number with other
  // elements (rejected by the reader).
  CheckCatalog(std::string(dir) + "/tle/synthetic-20k.tle", 19999);
}

// Years to millennia away from epoch the angles leave the fast ranges of
// the vector sin/cos and angle reduction (their <cmath> fall-backs run) and
// most drag factors have gone through zero (those lanes are handed to the
// per-call code).
TEST(Sgp4BatchTest, FarFromEpochMatchesPerCall) {
  const VerificationSet v = ReadVerificationSet();
  ASSERT_EQ(v.sats.size(), 33u);
  // The 2,000-object sample has drag-free objects too (B* = 0).
  TleParseOptions o;
  o.verify_checksum = false;
  auto file = ReadTleFile("tests/data/sgp4/synthetic-2k.tle", o);
  ASSERT_TRUE(file.ok()) << file.status();
  // Near-earth only: deep-space objects take the per-call path anyway, and
  // its resonance integration from epoch would take minutes.
  std::vector<Sgp4> sats;
  for (const Sgp4& s : v.sats) {
    if (!s.deep_space()) sats.push_back(s);
  }
  for (size_t k = 0; k < file->elements.size(); k += 5) {
    auto s = Sgp4::Create(file->elements[k]);
    ASSERT_TRUE(s.ok()) << s.status();
    if (!s->deep_space()) sats.push_back(*s);
  }
  Comparison c;
  CompareWithPerCall(sats, {-1e8, -1.3e7, -2e6, 3e5, 2.5e6, 1.2e7, 1e8, 5e9},
                     &c);
  std::cout << c.states << " states (" << c.errors
            << " with error codes); worst |dr| " << c.worst_r_m << " m\n";
  // Drag-free objects still have states there, through the fall-backs.
  int valid_at_5e9 = 0;
  for (const Sgp4& s : sats) {
    valid_at_5e9 += s.Propagate(5e9).error == Sgp4Error::kNone;
  }
  EXPECT_GT(valid_at_5e9, 5);
}

TEST(Sgp4BatchTest, PropagateToMatchesPerCallPropagateTo) {
  const VerificationSet v = ReadVerificationSet();
  ASSERT_EQ(v.sats.size(), 33u);
  const Sgp4Batch batch = Sgp4Batch::Create(v.sats);
  // Instants around the first set's epoch: other sets are years away.
  std::vector<Epoch> times;
  for (int k = 0; k < 5; ++k) {
    times.push_back(v.sats[0].elements().epoch + 3600.0 * k);
  }
  Sgp4BatchResult r;
  batch.PropagateTo(times, &r);
  for (size_t k = 0; k < times.size(); ++k) {
    for (size_t s = 0; s < v.sats.size(); ++s) {
      const Sgp4State want = v.sats[s].PropagateTo(times[k]);
      const Sgp4State got = r.State(k, s);
      ASSERT_EQ(got.error, want.error) << s;
      EXPECT_LE((got.position_teme_m - want.position_teme_m).norm(),
                kMaxPositionDiffM)
          << v.sats[s].elements().catalog_number;
    }
  }
}

TEST(Sgp4BatchTest, FromElementsReportsBadElements) {
  MeanElements e;
  e.catalog_number = 12345;
  e.mean_motion_rad_per_min = 0.06;
  e.eccentricity = 1.2;
  const std::vector<MeanElements> sets = {e};
  EXPECT_FALSE(Sgp4Batch::FromElements(sets).ok());
  const std::vector<MeanElements> none;
  auto empty = Sgp4Batch::FromElements(none);
  ASSERT_TRUE(empty.ok());
  Sgp4BatchResult r;
  empty->PropagateSince(std::vector<double>{0.0, 1.0}, &r);
  EXPECT_EQ(r.x_m.size(), 0u);
}

}  // namespace
}  // namespace sstrack::astro
