// Copyright sstrack authors.
#include "astro/formats/tle.h"

#include <cmath>

#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr double kDeg = M_PI / 180.0;
const char kIss1[] = "1 25544U 98067A   18020.89808844  .00002078  00000-0  38550-4 0  9992";

TEST(TleTest, RealCatalogParsesCompletely) {
  auto r = ReadTleFile("tests/data/catalog-2018-01.3le");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->elements.size(), 979u);
  for (const auto& rej : r->rejections) ADD_FAILURE() << rej.message;
  // The ISS, values read off its lines by hand.
  const MeanElements* iss = nullptr;
  for (const auto& e : r->elements) {
    if (e.catalog_number == 25544) iss = &e;
  }
  ASSERT_NE(iss, nullptr);
  EXPECT_EQ(iss->name, "ISS (ZARYA)");
  EXPECT_EQ(iss->international_designator, "1998-067A");
  EXPECT_EQ(FormatTleEpoch(iss->epoch), "18020.89808844");
  EXPECT_NEAR(iss->bstar_per_earth_radii, 0.38550e-4, 1e-18);
  EXPECT_NEAR(iss->mean_motion_dot_rad_per_min2, 0.00002078 * 2 * M_PI / (1440.0 * 1440.0), 1e-20);
  EXPECT_EQ(iss->element_set_number, 999);
}

TEST(TleTest, FieldsOfALineAreConvertedToSi) {
  auto el = ParseTle("1 00694U 63047A   18020.45477549  .00000192  00000-0  13161-4 0  9993",
                     "2 00694  30.3567  49.3864 0587298 116.6761 249.5182 14.02251561713612");
  ASSERT_TRUE(el.ok()) << el.status();
  EXPECT_EQ(el->catalog_number, 694);
  EXPECT_NEAR(el->inclination_rad, 30.3567 * kDeg, 1e-15);
  EXPECT_NEAR(el->raan_rad, 49.3864 * kDeg, 1e-15);
  EXPECT_NEAR(el->eccentricity, 0.0587298, 1e-15);
  EXPECT_NEAR(el->arg_perigee_rad, 116.6761 * kDeg, 1e-15);
  EXPECT_NEAR(el->mean_anomaly_rad, 249.5182 * kDeg, 1e-15);
  EXPECT_NEAR(el->mean_motion_rad_per_min, 14.02251561 * 2 * M_PI / 1440, 1e-15);
  EXPECT_EQ(el->revolution_number, 71361);
  EXPECT_EQ(el->international_designator, "1963-047A");
  EXPECT_NEAR(el->bstar_per_earth_radii, 0.13161e-4, 1e-18);
}

TEST(TleTest, VerificationFileParsesWithTrailingText) {
  TleParseOptions o;
  o.allow_trailing_text = true;
  auto strict = ReadTleFile("tests/data/sgp4/SGP4-VER.TLE", o);
  ASSERT_TRUE(strict.ok());
  // The file's error-code cases (33333, 33334, 33335) carry wrong checksums.
  EXPECT_EQ(strict->rejections.size(), 3u);
  o.verify_checksum = false;
  auto r = ReadTleFile("tests/data/sgp4/SGP4-VER.TLE", o);
  ASSERT_TRUE(r.ok());
  // 33 sets, 20413 twice with the same elements (two time spans).
  EXPECT_EQ(r->elements.size(), 32u);
  EXPECT_EQ(r->duplicates, 1);
  for (const auto& rej : r->rejections) ADD_FAILURE() << rej.message;
}

TEST(TleTest, Alpha5) {
  EXPECT_EQ(*ParseAlpha5("A0000"), 100000);
  EXPECT_EQ(*ParseAlpha5("H9999"), 179999);
  EXPECT_EQ(*ParseAlpha5("J0000"), 180000);  // I skipped
  EXPECT_EQ(*ParseAlpha5("P0000"), 230000);  // O skipped
  EXPECT_EQ(*ParseAlpha5("Z9999"), 339999);
  EXPECT_EQ(*ParseAlpha5("25544"), 25544);
  EXPECT_FALSE(ParseAlpha5("I0000").ok());
  EXPECT_FALSE(ParseAlpha5("O1234").ok());
  for (int n : {5, 99999, 100000, 179999, 180000, 229999, 230000, 339999}) {
    EXPECT_EQ(*ParseAlpha5(FormatAlpha5(n)), n);
  }
}

TEST(TleTest, EachRejectionNamesLineColumnsAndReason) {
  const std::string l2 = "2 25544  51.6426 311.1226 0003660  21.6599 101.5060 15.54240186 95599";
  struct Case {
    std::string l1, l2, expect;
  } cases[] = {
      {std::string(kIss1).substr(0, 60), l2, "truncated"},
      {std::string(kIss1).substr(0, 68) + "3", l2, "checksum"},
      {"1 25544U 98067A   18020.89808844  .0000x078  00000-0  38550-4 0  9992", l2,
       "columns 34-43"},
      {"1 I5544U 98067A   18020.89808844  .00002078  00000-0  38550-4 0  9992", l2,
       "columns 3-7"},
      {kIss1, "2 25545  51.6426 311.1226 0003660  21.6599 101.5060 15.54240186 95590",
       "differs"},
  };
  for (const Case& c : cases) {
    TleParseOptions o;
    o.verify_checksum = c.expect == "checksum" || c.expect == "truncated";
    auto el = ParseTle(c.l1, c.l2, o);
    ASSERT_FALSE(el.ok()) << c.expect;
    EXPECT_NE(el.status().message().find(c.expect), std::string::npos)
        << el.status().message();
  }
}

TEST(TleTest, FileKeepsGoodRecordsAroundBadOnes) {
  const std::string text =
      "ISS (ZARYA)\n"
      "1 25544U 98067A   18020.89808844  .00002078  00000-0  38550-4 0  9992\n"
      "2 25544  51.6424  32.9776 0003646  28.7227  39.5332 15.54190080 95614\n"
      "BROKEN\n"
      "1 00694U 63047A   18020.45477549  .00000192  00000-0  13161-4 0  9994\n"
      "2 00694  30.3567  49.3864 0587298 116.6761 249.5182 14.02251561713612\n"
      "0 ATLAS CENTAUR 2\n"
      "1 00694U 63047A   18020.45477549  .00000192  00000-0  13161-4 0  9993\n"
      "2 00694  30.3567  49.3864 0587298 116.6761 249.5182 14.02251561713612\n"
      "1 00694U 63047A   18020.45477549  .00000192  00000-0  13161-4 0  9993\n"
      "2 00694  30.3567  49.3864 0587298 116.6761 249.5182 14.02251561713612\n"
      "1 00694U 63047A   18021.45477549  .00000192  00000-0  13161-4 0  9994\n"
      "2 00694  30.3567  49.3864 0587298 116.6761 249.5182 14.02251561713612\n";
  TleFileResult r = ParseTleText(text, "cat.tle");
  ASSERT_EQ(r.elements.size(), 2u);
  EXPECT_EQ(r.elements[1].name, "ATLAS CENTAUR 2");
  EXPECT_EQ(r.duplicates, 1);
  ASSERT_EQ(r.rejections.size(), 2u);
  EXPECT_NE(r.rejections[0].message.find("cat.tle:5: line 1 columns 69-69: checksum"),
            std::string::npos) << r.rejections[0].message;
  EXPECT_NE(r.rejections[1].message.find("different elements at line 8"),
            std::string::npos) << r.rejections[1].message;
}

}  // namespace
}  // namespace sstrack::astro
