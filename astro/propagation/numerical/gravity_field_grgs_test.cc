// Copyright sstrack authors.
//
// The GRGS-format reader: GRIM4-S4 as printed in its file, against EIGEN-6S
// (an independent, ICGEM-format field of the same Earth), and malformed
// input.
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "astro/propagation/numerical/gravity_field.h"
#include "astro/propagation/numerical/gravity_test_util.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr char kGrim4s4[] = "tests/data/gravity/grim4s4_gr";
constexpr char kEigen6s[] = "tests/data/gravity/eigen-6s-truncated.gfc";
constexpr double kJulianYearS = 365.25 * 86400.0;
// 1984-01-01 12:00 TT (JD 2445700.5 is 1984 January 1.0): GRIM4-S4's t_ref.
const Epoch kGrimReference = Epoch::FromTt(2445701.0, 0.0);

::testing::AssertionResult HasMessage(const absl::Status& status, const std::string& part) {
  if (status.ok()) return ::testing::AssertionFailure() << "ok, expected an error with " << part;
  if (std::string(status.message()).find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << status << " lacks '" << part << "'";
  }
  return ::testing::AssertionSuccess();
}

TEST(GrgsTest, ReadsGrim4s4HeaderAsPrinted) {
  auto f = GravityField::ReadGrgs(kGrim4s4);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->model_name(), "GRIM4-S4 definitive version!");
  EXPECT_EQ(f->tide_system(), "unknown");
  EXPECT_EQ(f->degree(), 69);
  EXPECT_EQ(f->order(), 69);
  // Line 3: " .63781360000000E+07 .29825781000000E+03 .39860043770442E+15 ...".
  EXPECT_EQ(f->radius_m(), 6378136.0);
  EXPECT_EQ(f->gm_m3_s2(), 0.39860043770442e15);
}

TEST(GrgsTest, ReadsGrim4s4CoefficientsAsPrinted) {
  auto f = GravityField::ReadGrgs(kGrim4s4);
  ASSERT_TRUE(f.ok()) << f.status();
  // File lines 8, 143, 211, 2413, 892 and the last, 2488.
  EXPECT_EQ(f->C(2, 0), -.48416562369644E-03);
  EXPECT_EQ(f->S(2, 0), 0.0);
  EXPECT_EQ(f->C(2, 2), .24393155440483E-05);
  EXPECT_EQ(f->S(2, 2), -.14000407080630E-05);
  EXPECT_EQ(f->C(3, 3), .72127730715391E-06);
  EXPECT_EQ(f->S(3, 3), .14142636281449E-05);
  EXPECT_EQ(f->C(60, 58), -.11005279163381E-08);
  EXPECT_EQ(f->S(60, 58), -.24119847338909E-09);
  EXPECT_EQ(f->C(69, 13), .10361061359670E-11);
  EXPECT_EQ(f->S(69, 13), .81463499569157E-12);
  EXPECT_EQ(f->C(69, 69), 0.0);
  EXPECT_EQ(f->S(69, 69), 0.0);
  // Not in the file: fixed by the definition of the frame.
  EXPECT_EQ(f->C(0, 0), 1.0);
  EXPECT_EQ(f->C(1, 0), 0.0);
  EXPECT_EQ(f->C(1, 1), 0.0);
  EXPECT_EQ(f->C(2, 1), 0.0);
  EXPECT_EQ(f->S(2, 1), 0.0);
}

// Line 7: "  2  0DOT  .28769071902609E-10 ..." per year from REFERENCE DATE 1984.00.
TEST(GrgsTest, DotTermIsADriftFromTheReferenceDate) {
  auto f = GravityField::ReadGrgs(kGrim4s4);
  ASSERT_TRUE(f.ok()) << f.status();
  const double c20 = -.48416562369644E-03, c20_dot = .28769071902609E-10;
  EXPECT_DOUBLE_EQ(f->AtEpoch(kGrimReference).C(2, 0), c20);
  const GravityField later = f->AtEpoch(kGrimReference + 21.5 * kJulianYearS);
  EXPECT_NEAR(later.C(2, 0), c20 + 21.5 * c20_dot, 1e-18);
  EXPECT_EQ(later.C(2, 2), f->C(2, 2));  // no drift there
  // Truncation keeps the drift.
  auto low = GravityField::ReadGrgs(kGrim4s4, 4);
  ASSERT_TRUE(low.ok()) << low.status();
  EXPECT_NEAR(low->AtEpoch(kGrimReference + 21.5 * kJulianYearS).C(2, 0), c20 + 21.5 * c20_dot,
              1e-18);
}

TEST(GrgsTest, MaxDegreeTruncatesLikeTruncated) {
  auto full = GravityField::ReadGrgs(kGrim4s4);
  auto low = GravityField::ReadGrgs(kGrim4s4, 20);
  ASSERT_TRUE(full.ok() && low.ok());
  EXPECT_EQ(low->degree(), 20);
  EXPECT_EQ(low->order(), 20);
  const GravityField cut = *full->Truncated(20, 20);
  for (int n = 0; n <= 20; ++n) {
    for (int m = 0; m <= n; ++m) {
      EXPECT_EQ(low->C(n, m), cut.C(n, m)) << n << "," << m;
      EXPECT_EQ(low->S(n, m), cut.S(n, m)) << n << "," << m;
    }
  }
  EXPECT_EQ(GravityField::ReadGrgs(kGrim4s4, 100)->degree(), 69);
}

TEST(GrgsTest, ReadAnyPicksTheFormatByContent) {
  auto grim = GravityField::ReadAny(kGrim4s4, 10);
  ASSERT_TRUE(grim.ok()) << grim.status();
  EXPECT_EQ(grim->model_name(), "GRIM4-S4 definitive version!");
  EXPECT_EQ(grim->degree(), 10);
  auto eigen = GravityField::ReadAny(kEigen6s);
  ASSERT_TRUE(eigen.ok()) << eigen.status();
  EXPECT_EQ(eigen->tide_system(), "tide_free");
  EXPECT_EQ(eigen->degree(), 20);
  EXPECT_EQ(GravityField::ReadAny("no/such/file").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(GravityField::ReadGrgs("no/such/file").status().code(), absl::StatusCode::kNotFound);
  const char* tmp = std::getenv("TEST_TMPDIR");
  ASSERT_NE(tmp, nullptr);
  const std::string other = std::string(tmp) + "/other.txt";
  std::ofstream(other) << "SHM 20 20\nGRCOF2 0 0 1.0 0.0\n";
  EXPECT_TRUE(HasMessage(GravityField::ReadAny(other).status(), "neither a GRGS"));
}

// Two determinations of the same Earth, 20 years and a generation of
// satellite data apart (GRIM4-S4: 1984 reference date, 32 satellites' tracking;
// EIGEN-6S: 2005, GRACE, GOCE and LAGEOS), on different GM and AE.
// Coefficient by coefficient they differ by about GRIM4-S4's own calibrated
// sigmas (degree RMS 2e-10 at degree 2 to 5e-9 at degree 20, at most 4σ,
// 1.8e-8 absolute); a coefficient read with the wrong scale, normalization
// or sign would differ by its whole size (C̄22 2.4e-6, degree-10 terms ~5e-8).
TEST(GrgsTest, Grim4s4AgreesWithEigen6sCoefficients) {
  auto grim = GravityField::ReadGrgs(kGrim4s4, 20);
  auto eigen = GravityField::Read(kEigen6s);
  ASSERT_TRUE(grim.ok() && eigen.ok());
  // C̄20: −4.84165623696e-4 (1984) vs −4.84165299820e-4 (2005), 3.2e-10
  // apart, where a zero-tide field would sit 4.17e-9 below a tide-free one
  // (IERS Conventions 2010, §6.2.2): by its C̄20 GRIM4-S4 is tide-free.
  EXPECT_NEAR(grim->C(2, 0), eigen->C(2, 0), 1e-9);
  for (int n = 2; n <= 20; ++n) {
    const double bound = n <= 4 ? 2e-9 : n <= 8 ? 8e-9 : 3e-8;
    for (int m = 0; m <= n; ++m) {
      EXPECT_NEAR(grim->C(n, m), eigen->C(n, m), bound) << n << "," << m;
      EXPECT_NEAR(grim->S(n, m), eigen->S(n, m), bound) << n << "," << m;
    }
  }
}

// The same in acceleration, LEO (400–530 km) and one MEO point: 8×8 and
// 20×20 differ by up to 5.2e-8 and 7.0e-7 of |a| (GRIM4-S4's errors at
// degrees 10–20; at MEO 9.2e-9, the two GMs' difference), at most 5e-4 of
// J2's part (1.2e-2 m/s² in LEO); C̄22 read with the wrong sign alone would
// make 1e-5 of |a|.
TEST(GrgsTest, Grim4s4AgreesWithEigen6sAcceleration) {
  auto grim = GravityField::ReadGrgs(kGrim4s4);
  auto eigen = GravityField::Read(kEigen6s);
  ASSERT_TRUE(grim.ok() && eigen.ok());
  const double points[][3] = {{6778e3, 0, 0},
                              {1000e3, -2000e3, 6500e3},
                              {-3000e3, 4000e3, -4800e3},
                              {12e3, -5e3, 6900e3},
                              {-4500e3, -4500e3, 2500e3},
                              {2000e3, 6500e3, -1200e3},
                              {15000e3, -18000e3, 9000e3}};
  for (auto [degree, bound] : {std::pair{8, 1e-7}, {20, 1.5e-6}}) {
    const GravityField g = *grim->Truncated(degree, degree);
    const GravityField e = *eigen->Truncated(degree, degree);
    for (const auto& p : points) {
      double ag[3], ae[3];
      g.Acceleration(p, ag);
      e.Acceleration(p, ae);
      const double r = std::hypot(p[0], p[1], p[2]);
      const double a = std::hypot(ae[0], ae[1], ae[2]);
      const double diff = std::hypot(ag[0] - ae[0], ag[1] - ae[1], ag[2] - ae[2]);
      // J2's part: (3/2) J2 GM R²/r⁴.
      const double j2 = -std::sqrt(5.0) * e.C(2, 0);
      const double a_j2 = 1.5 * j2 * e.gm_m3_s2() * std::pow(e.radius_m() / r, 2) / (r * r);
      EXPECT_LT(diff / a, bound) << degree << " at " << p[0] << " " << p[1] << " " << p[2];
      EXPECT_LT(diff, 1e-3 * a_j2);
    }
  }
}

// The full 69×69 field: its acceleration is the gradient of the potential
// evaluated with the C++ library's Legendre functions.
TEST(GrgsTest, FullFieldAccelerationIsTheGradientOfThePotential) {
  auto f = GravityField::ReadGrgs(kGrim4s4);
  ASSERT_TRUE(f.ok()) << f.status();
  const double p[3] = {1000e3, -2000e3, 6500e3};
  double a[3];
  f->Acceleration(p, a);
  const double h = 20.0;
  for (int i = 0; i < 3; ++i) {
    auto at = [&](double d) {
      double q[3] = {p[0], p[1], p[2]};
      q[i] += d;
      return testing::Potential(*f, q);
    };
    const double g = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
    EXPECT_NEAR(a[i], g, 2e-9) << i;
  }
}

// A small field in the layout of GRIM5-C1 (numbers touching on line 3 and
// in (2,2)'s C and S), degree 3, with (1,*) and (2,1) omitted.
constexpr char kHead[] =
    "FIELD - TEST FIELD, VERSION 1\n"
    "         AE                  1/F                 GM                 OMEGA\n"
    "0.63781364600000E+070.29825765000000E+030.39860044150000E+150.72921150000000E-04\n"
    "REFERENCE DATE : 1997.00\n"
    "MAXIMAL DEGREE :   3     Sigmas calibration factor : .5000E+01 (applied)\n"
    " L  M DOT         CBAR                SBAR             SIGMA C      SIGMA S\n";
constexpr char kBody[] =
    "  2  0DOT 0.13637590952454E-10 0.00000000000000E+00  .143968E-11  .000000E+00\n"  // 7
    "  0  0     .99999999988600E+00  .00000000000000E+00  .153900E-09  .000000E+00\n"  // 8
    "  2  0   -0.48416511550920E-03 0.00000000000000E+00  .204904E-10  .000000E+00\n"  // 9
    "  2  2    0.24391435239839E-05-0.14001668365394E-05  .100000E-10  .100000E-10 00\n"
    "  3  0    0.95857491635129E-06 0.00000000000000E+00  .129818E-09  .000000E+00\n"  // 11
    "  3  1    0.20304839024575E-05 0.24813076077509E-06  .100000E-10  .100000E-10\n"
    "  3  2    0.90480810319200E-06-0.61900345482020E-06  .100000E-10  .100000E-10\n"
    "  3  3    0.72128796547900E-06 0.14143578393000E-05  .100000E-10  .100000E-10\n";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(GrgsTest, ParsesTouchingFortranNumbers) {
  auto f = GravityField::ParseGrgs(std::string(kHead) + kBody, "t.gr");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->model_name(), "TEST FIELD, VERSION 1");
  EXPECT_EQ(f->radius_m(), 6378136.46);
  EXPECT_EQ(f->gm_m3_s2(), 3.986004415e14);
  EXPECT_EQ(f->degree(), 3);
  EXPECT_EQ(f->C(0, 0), .999999999886);
  EXPECT_EQ(f->C(2, 2), 0.24391435239839E-05);
  EXPECT_EQ(f->S(2, 2), -0.14001668365394E-05);
  EXPECT_EQ(f->S(3, 2), -0.61900345482020E-06);
  EXPECT_EQ(f->C(2, 1), 0.0);
  // t_ref = 1997-01-01 12:00 TT (JD 2450450.0).
  const Epoch t_ref = Epoch::FromTt(2450450.0, 0.0);
  EXPECT_DOUBLE_EQ(f->AtEpoch(t_ref).C(2, 0), -0.48416511550920E-03);
  EXPECT_NEAR(f->AtEpoch(t_ref + 3 * kJulianYearS).C(2, 0),
              -0.48416511550920E-03 + 3 * 0.13637590952454E-10, 1e-19);
}

// C1A/S1A/C2A/S2A: cos and sin of 2π and 4π (t − t_ref) in years.
TEST(GrgsTest, PeriodicTerms) {
  const std::string text =
      std::string(kHead) + kBody +
      "  3  0C1A 0.10000000000000E-09 0.00000000000000E+00  .100000E-11  .000000E+00\n"
      "  3  0S2A 0.20000000000000E-09 0.00000000000000E+00  .100000E-11  .000000E+00\n";
  auto f = GravityField::ParseGrgs(text, "t.gr");
  ASSERT_TRUE(f.ok()) << f.status();
  const Epoch t = Epoch::FromTt(2450450.0, 0.0) + (10 + 1.0 / 8) * kJulianYearS;
  EXPECT_NEAR(f->AtEpoch(t).C(3, 0),
              0.95857491635129E-06 + 1e-10 * std::cos(M_PI / 4) + 2e-10 * std::sin(M_PI / 2),
              1e-20);
}

TEST(GrgsTest, RejectsMalformedInputNamingTheLine) {
  const std::string good = std::string(kHead) + kBody;
  auto parse = [](const std::string& text, int max_degree = -1) {
    return GravityField::ParseGrgs(text, "t.gr", max_degree).status();
  };
  // A bad number in C of (2,0), line 9.
  const absl::Status bad = parse(Replace(good, "-0.48416511550920E-03", "-0.4841651155O920E-03"));
  EXPECT_TRUE(HasMessage(bad, "t.gr:9: bad number '-0.4841651155O920E-03' for C of (2,0)"));
  EXPECT_TRUE(HasMessage(parse(Replace(good, "  .204904E-10", "  .204904E-1")), "t.gr:9:"));
  EXPECT_TRUE(HasMessage(parse(Replace(good, "0.39860044150000E+15", "0.3986004415000xE+15")),
                         "t.gr:3: bad number"));
  // Degree beyond MAXIMAL DEGREE, order > degree, bad L/M, unknown code.
  EXPECT_TRUE(HasMessage(parse(Replace(good, "  3  3 ", "  4  3 ")),
                         "t.gr:14: degree 4 out of range: MAXIMAL DEGREE is 3"));
  EXPECT_TRUE(
      HasMessage(parse(Replace(good, "  3  1 ", "  2  3 ")), "t.gr:12: order 3 > degree 2"));
  EXPECT_TRUE(HasMessage(parse(Replace(good, "  3  1 ", "  3  x ")), "t.gr:12: bad degree/order"));
  EXPECT_TRUE(HasMessage(parse(Replace(good, "  2  0DOT", "  2  0SUM")),
                         "t.gr:7: unknown term code 'SUM'"));
  EXPECT_TRUE(HasMessage(parse(good + "  3  1    0.1E-05 0.2E-06  .1E-10  .1E-10\n"),
                         "t.gr:15: duplicate static coefficient (3,1), first at line 12"));
  EXPECT_TRUE(HasMessage(parse(good + "  2  1    0.1E-09 0.2E-09  .1E-10\n"),
                         "t.gr:15: missing sigma S of (2,1)"));
  EXPECT_TRUE(HasMessage(parse(Replace(good, "0.24813076077509E-06", "0.24813076077509")),
                         "t.gr:12: bad number '0.24813076077509' for S of (3,1)"));
  // Missing and malformed header lines.
  EXPECT_TRUE(HasMessage(parse(std::string(kHead).substr(0, std::string(kHead).find("REFERENCE"))),
                         "t.gr:4: missing header line: expected 'REFERENCE DATE : yyyy.yy'"));
  EXPECT_TRUE(HasMessage(parse(Replace(good, "1/F", "1/G")), "t.gr:2: expected column titles"));
  EXPECT_TRUE(HasMessage(parse(Replace(good, "FIELD -", "FIIIELD -")), "t.gr:1: expected 'FIELD"));
  EXPECT_TRUE(HasMessage(parse(Replace(good, "1997.00", "199x")), "t.gr:4: expected"));
  EXPECT_TRUE(HasMessage(parse(Replace(good, ":   3 ", ": three ")), "t.gr:5: expected"));
  EXPECT_TRUE(HasMessage(parse(Replace(good, " L  M DOT", " N  M DOT")), "t.gr:6: expected"));
  // A missing coefficient; not needed when truncated below its degree.
  const std::string no31 = Replace(
      good, "  3  1    0.20304839024575E-05 0.24813076077509E-06  .100000E-10  .100000E-10\n", "");
  EXPECT_TRUE(HasMessage(parse(no31), "t.gr:13: file ends without a coefficient line for (3,1)"));
  EXPECT_TRUE(GravityField::ParseGrgs(no31, "t.gr", 2).ok());
  // Only a drift for (2,0).
  EXPECT_TRUE(
      HasMessage(parse(Replace(good,
                               "  2  0   -0.48416511550920E-03 0.00000000000000E+00  .204904E-10  "
                               ".000000E+00\n",
                               "")),
                 "t.gr:13: file ends without a coefficient line for (2,0)"));
}

TEST(GrgsTest, RejectsATruncatedFile) {
  std::ifstream in(kGrim4s4);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  size_t cut = 0;
  for (int i = 0; i < 1500; ++i) cut = text.find('\n', cut) + 1;
  EXPECT_TRUE(
      HasMessage(GravityField::ParseGrgs(text.substr(0, cut), kGrim4s4).status(),
                 "grim4s4_gr:1500: file ends without a coefficient line for (27,27) and 987 more"));
  // Cut in the middle of a line.
  EXPECT_TRUE(HasMessage(GravityField::ParseGrgs(text.substr(0, cut + 20), kGrim4s4).status(),
                         "grim4s4_gr:1501: bad number"));
}

}  // namespace
}  // namespace sstrack::astro
