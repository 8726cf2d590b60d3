// Copyright sstrack authors.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "astro/bodies/ephemeris.h"
#include "astro/bodies/jpl_ephemeris.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr char kDe[] = "tests/data/lageos2/lnxp2016.430";

TEST(JplEphemerisTest, HeaderOfTheDe430Excerpt) {
  auto de = JplEphemeris::Open(kDe);
  ASSERT_TRUE(de.ok()) << de.status();
  EXPECT_EQ(de->de_number(), 430);
  EXPECT_DOUBLE_EQ(de->start_jd_tdb(), 2457392.5);
  EXPECT_DOUBLE_EQ(de->end_jd_tdb(), 2457456.5);
  EXPECT_NEAR(*de->Constant("EMRAT"), 81.30056907419062, 1e-12);
  EXPECT_DOUBLE_EQ(*de->Constant("CLIGHT"), 299792.458);
  // GM_sun in au^3/day^2 (DE430: 0.2959122082855911e-3) agrees with the
  // SI value used by the force models.
  const double au = 149597870700.0, day = 86400.0;
  EXPECT_NEAR(*de->Constant("GMS") * au * au * au / (day * day) / kGmSunM3S2, 1.0, 1e-12);
  const double gm_moon = *de->Constant("GMB") / (1 + *de->Constant("EMRAT"));
  EXPECT_NEAR(gm_moon * au * au * au / (day * day) / kGmMoonM3S2, 1.0, 1e-9);
  EXPECT_FALSE(de->Constant("NOPE").ok());
}

// ERFA's series against DE430: independent theories, which agree to their
// published accuracy (eraEpv00 ≲ 5 km for the Earth, eraMoon98 ≲ 10" ≈ 20 km).
// A wrong coefficient pointer or sub-interval would be off by 1e4–1e8 km.
TEST(JplEphemerisTest, AgreesWithErfaSeries) {
  auto de = JplEphemeris::Open(kDe);
  ASSERT_TRUE(de.ok()) << de.status();
  AnalyticEphemeris erfa;
  const Epoch start = *ParseIsoUtc("2016-01-06T00:00:00Z");
  double worst_sun = 0, worst_moon = 0;
  for (int h = 0; h < 24 * 60; h += 7) {
    const Epoch t = start + 3600.0 * h;
    worst_sun = std::max(worst_sun, (de->SunGcrf(t) - erfa.SunGcrf(t)).norm());
    worst_moon = std::max(worst_moon, (de->MoonGcrf(t) - erfa.MoonGcrf(t)).norm());
  }
  EXPECT_LT(worst_sun, 5e3);
  EXPECT_LT(worst_moon, 20e3);
  EXPECT_GT(worst_moon, 1.0);  // two theories, not one copied twice
}

// Across a record boundary (JD 2457424.5) the two polynomials meet.
TEST(JplEphemerisTest, ContinuousAcrossRecordsAndSubintervals) {
  auto de = JplEphemeris::Open(kDe);
  ASSERT_TRUE(de.ok()) << de.status();
  const Epoch boundary = *Epoch::FromJulianDate(TimeScale::kTdb, 2457424.5, 0.0);
  const Epoch before = boundary + (-1e-6), after = boundary + 1e-6;
  EXPECT_LT((de->MoonGcrf(before) - de->MoonGcrf(after)).norm(), 1e-2);
  EXPECT_LT((de->SunGcrf(before) - de->SunGcrf(after)).norm(), 1e-1);
  // Moon distance stays within its 356,000–407,000 km range.
  for (int d = 0; d < 60; ++d) {
    const double r = de->MoonGcrf(*Epoch::FromJulianDate(TimeScale::kTdb, 2457393.0 + d, 0.0)).norm();
    EXPECT_GT(r, 356e6);
    EXPECT_LT(r, 407e6);
  }
}

TEST(JplEphemerisTest, SpanAndBadFiles) {
  auto de = JplEphemeris::Open(kDe);
  ASSERT_TRUE(de.ok());
  EXPECT_TRUE(de->Covers(*ParseIsoUtc("2016-02-11T00:00:00Z"), *ParseIsoUtc("2016-02-15T00:00:00Z")));
  EXPECT_FALSE(de->Covers(*ParseIsoUtc("2016-02-11T00:00:00Z"), *ParseIsoUtc("2016-04-01T00:00:00Z")));
  auto text = JplEphemeris::Open("tests/data/lageos2/README.md");
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.status().message().find("README.md"), std::string::npos);
  EXPECT_EQ(JplEphemeris::Open("no/such/file.430").status().code(), absl::StatusCode::kNotFound);
}

// Header fields of the DE excerpt altered in a copy: the reader refuses each
// with what was wrong, without reading out of bounds or overflowing (the
// pointer-row overflow was found by tests/fuzz:jpl_de_fuzz).
std::string Altered(const std::string& name, size_t offset, const void* value, size_t size,
                    size_t keep_bytes = std::string::npos) {
  std::ifstream in(kDe, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::memcpy(bytes.data() + offset, value, size);
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes.substr(0, keep_bytes);
  return path;
}

TEST(JplEphemerisTest, RefusesHeadersThatAreNotAnEphemeris) {
  constexpr size_t kStartJd = 252 + 400 * 6, kEndJd = kStartJd + 8, kPointers = kStartJd + 44;
  // Moon row (9): 1,295,004,465 coefficients in 858,861,633 sub-intervals.
  const int32_t moon[3] = {3, 1295004465, 858861633};
  auto huge = JplEphemeris::Open(Altered("huge.430", kPointers + 12 * 9, moon, sizeof moon));
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("pointer row 9 (3, 1295004465, 858861633) out of range"),
            std::string::npos)
      << huge.status();
  // An end a million years on: far more records than the file holds.
  const double end_jd = 2.4e9;
  auto span = JplEphemeris::Open(Altered("span.430", kEndJd, &end_jd, sizeof end_jd));
  ASSERT_FALSE(span.ok());
  EXPECT_NE(span.status().message().find("data records; the file has room for"), std::string::npos)
      << span.status();
  // The end before the start.
  const double start_jd = 2.5e6;
  EXPECT_FALSE(JplEphemeris::Open(Altered("back.430", kStartJd, &start_jd, sizeof start_jd)).ok());
  // The file cut after its header records.
  auto cut = JplEphemeris::Open(Altered("cut.430", 0, "J", 1, 3 * 1018 * 8));
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("cut.430"), std::string::npos) << cut.status();
}

}  // namespace
}  // namespace sstrack::astro
