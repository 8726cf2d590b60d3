// Copyright sstrack authors.
#include "astro/formats/sinex.h"

#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr char kSlrf[] =
    "tests/data/lageos2/SLRF2014_POS+VEL_2030.0_200428.snx";
constexpr char kEcc[] = "tests/data/lageos2/ecc_une.snx";

Epoch Utc(const char* iso) {
  absl::StatusOr<Epoch> t = ParseIsoUtc(iso);
  EXPECT_TRUE(t.ok()) << t.status();
  return *t;
}

TEST(SinexTest, EpochsAreYearDayAndSecond) {
  auto t = ParseSinexEpoch("10:001:00000");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(**t, Utc("2010-01-01T00:00:00"));
  EXPECT_EQ(**ParseSinexEpoch("16:044:43200"), Utc("2016-02-13T12:00:00"));
  EXPECT_EQ(**ParseSinexEpoch("83:207:86399"), Utc("1983-07-26T23:59:59"));
  EXPECT_FALSE(ParseSinexEpoch("00:000:00000")->has_value());
  // Before 1972 (old eccentricity intervals): TAI−UTC taken as 10 s.
  EXPECT_EQ(
      **ParseSinexEpoch("71:001:00000"),
      Epoch::FromTai(2400000.5, 40952.0) + 10.0);  // 1971-01-01 = MJD 40952
  EXPECT_FALSE(ParseSinexEpoch("10:1:00000").ok());
  EXPECT_FALSE(ParseSinexEpoch("10:001:9000x").ok());
}

TEST(SinexTest, StationPositionsAt2016FebruaryThirteenth) {
  absl::StatusOr<SinexFile> snx = ReadSinexFile(kSlrf);
  ASSERT_TRUE(snx.ok()) << snx.status();
  // "The archive contains positions and velocities for 179 stations"; the
  // ESTIMATE block has 223 STAX rows (sites with several solutions).
  EXPECT_EQ(snx->solutions.size(), 223u);
  const Epoch t = Utc("2016-02-13T00:00:00");
  // By hand from the STAX..VELZ rows (reference epoch 10:001:00000):
  // t − t_ref = 2234 days (2191 to 2016-01-01, +31 +12; the 2 leap seconds
  // move nothing by 1e-8 m) = 6.116359 Julian years;
  // position = value + velocity (m/y) × 6.116359.
  struct Case {
    const char* code;
    double x, y, z;
  };
  const Case cases[] = {
      // 7090: -2389007.53398 - 0.04684 × 6.116359,  5043329.44750 + 0.00839 ×
      // ..,
      //       -3078524.22323 + 0.05095 × 6.116359
      {"7090", -2389007.8205, 5043329.4988, -3078523.9116},
      // 7119: -5466065.55340 - 0.01365 ×, -2404338.02404 + 0.06211 ×,
      //        2242108.39031 + 0.03243 ×
      {"7119", -5466065.6369, -2404337.6441, 2242108.5887},
      // 7825: -4467064.77777 - 0.03630 ×, 2683034.88652 + 0.00067 ×,
      //       -3667007.31862 + 0.04550 ×
      {"7825", -4467064.9998, 2683034.8906, -3667007.0403},
      // 7941: 4641978.61714 - 0.01881 ×, 1393067.72310 + 0.01904 ×,
      //       4133249.62267 + 0.01449 ×
      {"7941", 4641978.5021, 1393067.8396, 4133249.7113},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    absl::StatusOr<Eigen::Vector3d> r = snx->StationPositionAt(c.code, t);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_NEAR((*r)[0], c.x, 1e-4);
    EXPECT_NEAR((*r)[1], c.y, 1e-4);
    EXPECT_NEAR((*r)[2], c.z, 1e-4);
  }
  // 7090's sigmas and velocity in SI: VELX -.468389138240797E-01 m/y.
  absl::StatusOr<const SinexStationSolution*> s = snx->SolutionAt("7090", t);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->line, 1028);
  EXPECT_NEAR((*s)->velocity_itrf_m_per_s[0] * 365.25 * 86400,
              -0.0468389138240797, 1e-16);
  EXPECT_NEAR((*s)->position_sigma_m[0], 0.51901e-3, 1e-12);
  EXPECT_EQ((*s)->validity.start, Utc("1983-01-11T16:21:16"));  // 83:011:58876
}

TEST(SinexTest, SiteIdColumns) {
  absl::StatusOr<SinexFile> snx = ReadSinexFile(kSlrf);
  ASSERT_TRUE(snx.ok()) << snx.status();
  // " 7090  A 50107M001 L Yarragadee MOBLAS-5    115 20 48.2 -29 -2-47.3 242.0"
  const SinexSite* s = snx->FindSite("7090");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->point, "A");
  EXPECT_EQ(s->domes, "50107M001");
  EXPECT_EQ(s->technique, 'L');
  EXPECT_EQ(s->description, "Yarragadee MOBLAS-5");
  EXPECT_NEAR(s->approx_longitude_deg, 115 + 20 / 60.0 + 48.2 / 3600, 1e-12);
  EXPECT_NEAR(s->approx_latitude_deg, -(29 + 2 / 60.0 + 47.3 / 3600), 1e-12);
  EXPECT_DOUBLE_EQ(s->approx_height_m, 242.0);
  EXPECT_EQ(snx->FindSite("0000"), nullptr);
}

TEST(SinexTest, SolutionValidAtTheEpochIsChosen) {
  absl::StatusOr<SinexFile> snx = ReadSinexFile(kSlrf);
  ASSERT_TRUE(snx.ok()) << snx.status();
  // 7110 (Monument Peak): solution 1 83:057..99:289, 2 99:290..10:092,
  // 3 10:096..open.
  auto s2005 = snx->SolutionAt("7110", Utc("2005-01-01T00:00:00"));
  ASSERT_TRUE(s2005.ok()) << s2005.status();
  EXPECT_EQ((*s2005)->solution, "2");
  auto s2016 = snx->SolutionAt("7110", Utc("2016-02-13T00:00:00"));
  ASSERT_TRUE(s2016.ok());
  EXPECT_EQ((*s2016)->solution, "3");
  // STAX of solution 3: -.238627862667007E+07, VELX -.310081293474158E-01.
  auto r = snx->StationPositionAt("7110", Utc("2016-02-13T00:00:00"));
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR((*r)[0], -2386278.62667007 - 0.0310081293474158 * 2234 / 365.25,
              1e-6);
  // Between solutions 2 and 3 (day 094 of 2010): none.
  EXPECT_EQ(snx->SolutionAt("7110", Utc("2010-04-04T00:00:00")).status().code(),
            absl::StatusCode::kOutOfRange);
  EXPECT_EQ(snx->StationPositionAt("9999", Utc("2016-02-13T00:00:00"))
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

TEST(SinexTest, EccentricitiesOfTheFourStations) {
  absl::StatusOr<SinexFile> ecc = ReadSinexFile(kEcc);
  ASSERT_TRUE(ecc.ok()) << ecc.status();
  EXPECT_TRUE(ecc->solutions.empty());
  const Epoch t = Utc("2016-02-13T00:00:00");
  // Line 905: " 7090  A    1 L 14:080:00000 00:000:00000 UNE   3.1827  -0.0064
  // 0.0194"
  auto e7090 = ecc->EccentricityAt("7090", t);
  ASSERT_TRUE(e7090.ok()) << e7090.status();
  EXPECT_EQ(*e7090, Eigen::Vector3d(3.1827, -0.0064, 0.0194));
  // Line 1004: " 7119  A    1 L 13:135:00000 00:000:00000 UNE   2.6304   0.0029
  // 0.0032"
  EXPECT_EQ(*ecc->EccentricityAt("7119", t),
            Eigen::Vector3d(2.6304, 0.0029, 0.0032));
  EXPECT_EQ(*ecc->EccentricityAt("7825", t), Eigen::Vector3d::Zero());
  EXPECT_EQ(*ecc->EccentricityAt("7941", t), Eigen::Vector3d::Zero());
  // Line 904 runs to 14:079:86399, inclusive of that second.
  auto before = ecc->EccentricityRecordAt("7090", Utc("2014-03-20T23:59:59.5"));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ((*before)->line, 904);
  EXPECT_EQ(
      (*ecc->EccentricityRecordAt("7090", Utc("2014-03-21T00:00:00")))->line,
      905);
  // Offsets written back to back, line 1069:
  // " 7300  A    1 L 89:010:00000 89:083:86399 UNE  -0.6140-516.4230-565.4650"
  auto glued = ecc->EccentricityRecordAt("7300", Utc("1989-02-01T00:00:00"));
  ASSERT_TRUE(glued.ok()) << glued.status();
  EXPECT_EQ((*glued)->line, 1069);
  EXPECT_EQ((*glued)->offset_m, Eigen::Vector3d(-0.6140, -516.4230, -565.4650));
  // 92:008:86399 .. 92:021:00000 is a gap.
  EXPECT_EQ(
      ecc->EccentricityAt("7090", Utc("1992-01-15T00:00:00")).status().code(),
      absl::StatusCode::kOutOfRange);
}

void ExpectRejected(const std::string& text, const std::string& expected) {
  absl::StatusOr<SinexFile> snx = ParseSinexText(text, "bad.snx");
  ASSERT_FALSE(snx.ok()) << "accepted: " << text;
  EXPECT_EQ(snx.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(snx.status().message().find(expected), std::string::npos)
      << snx.status().message() << "\n  expected to contain: " << expected;
}

TEST(SinexTest, ErrorsNameFileLineBlockAndField) {
  const std::string head = "%=SNX 2.01 JCT 20:119:43200\n+SOLUTION/ESTIMATE\n";
  ExpectRejected(
      head +
          "   205 STAX   7090  A    1 10:001:00000 km   2 -.2389E+07 0.5E-03\n",
      "bad.snx:3: SOLUTION/ESTIMATE: field 6 (unit): 'km', expected 'm' for "
      "STAX");
  ExpectRejected(
      head +
          "   205 STAX   7090  A    1 10:01:00000 m    2 -.2389E+07 0.5E-03\n",
      "bad.snx:3: SOLUTION/ESTIMATE: field 5 (reference epoch): '10:01:00000'");
  ExpectRejected(
      head +
          "   205 STAX   7090  A    1 10:001:00000 m    2 -.2389E+0x 0.5E-03\n",
      "field 8 (estimated value)");
  ExpectRejected(
      head +
          "   205 STAX   7090  A    1 10:001:00000 m    2 -.2389E+07 0.5E-03\n"
          "-SOLUTION/ESTIMATE\n",
      "bad.snx:3: SOLUTION/ESTIMATE: site 7090 solution 1 has 1 of STAX..VELZ");
  ExpectRejected(head, "block +SOLUTION/ESTIMATE is not closed");
  ExpectRejected("%=SNX\n-SITE/ID\n",
                 "bad.snx:2: -SITE/ID: closes a block that is not open");
  ExpectRejected("SNX\n", "bad.snx:1: header: not a SINEX file");
  const std::string ecc = "%=SNX\n+SITE/ECCENTRICITY\n";
  ExpectRejected(
      ecc +
          " 7090  A    1 L 14:080:00000 00:000:00000 NEU   3.1827  -0.0064   "
          "0.0194\n",
      "bad.snx:3: SITE/ECCENTRICITY: columns 43-45 (reference system): 'NEU'");
  ExpectRejected(
      ecc +
          " 7090  A    1 L 14:080:00000 00:000:00000 UNE   3.1827  -0.0064   "
          "0.01x4\n",
      "bad.snx:3: SITE/ECCENTRICITY: columns 64-72 (eccentricity 3): '0.01x4'");
  ExpectRejected(ecc +
                     " 7090  A    1 L 14:080:0000  00:000:00000 UNE   3.1827  "
                     "-0.0064   0.0194\n",
                 "bad.snx:3: SITE/ECCENTRICITY: columns 17-28 (start)");
  EXPECT_EQ(ReadSinexFile("no/such.snx").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace sstrack::astro
