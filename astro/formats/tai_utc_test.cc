// Copyright sstrack authors.
#include "astro/formats/tai_utc.h"

#include "astro/formats/record_fields.h"
#include "astro/time/utc.h"
#include "erfa.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr char kFile[] = "tests/data/lageos2/tai-utc.dat";

TEST(TaiUtcTest, ReadsEveryRowAndSkipsTheNotes) {
  absl::StatusOr<std::string> text = ReadTextFile(kFile);
  ASSERT_TRUE(text.ok()) << text.status();
  absl::StatusOr<UsnoTaiUtcFile> f = ParseUsnoTaiUtcText(*text, kFile);
  ASSERT_TRUE(f.ok()) << f.status();
  // 13 rows 1961..1968, 28 rows 1972..2017; two blank lines and three lines
  // of notes in the middle.
  ASSERT_EQ(f->rows.size(), 41u);
  EXPECT_EQ(f->skipped_lines, 5);
  // " 1966 JAN  1 =JD 2439126.5  TAI-UTC=   4.3131700 S + (MJD - 39126.) X
  // 0.002592 S"
  const UsnoTaiUtcRow& r = f->rows[11];
  EXPECT_EQ(r.line, 12);
  EXPECT_EQ(r.utc_mjd, 39126);
  EXPECT_DOUBLE_EQ(r.offset_s, 4.3131700);
  EXPECT_DOUBLE_EQ(r.reference_mjd, 39126.0);
  EXPECT_DOUBLE_EQ(r.rate_s_per_day, 0.002592);
  // " 2017 JAN  1 =JD 2457754.5  TAI-UTC=  37.0 ..."
  EXPECT_EQ(f->rows.back().utc_mjd, 57754);
  EXPECT_EQ(f->rows.back().offset_s, 37.0);
}

// The drifting pre-1972 rows against ERFA's own table (eraDat), an
// independent transcription of the same history.
TEST(TaiUtcTest, Pre1972RowsAgreeWithErfa) {
  absl::StatusOr<UsnoTaiUtcFile> f =
      ParseUsnoTaiUtcText(*ReadTextFile(kFile), kFile);
  ASSERT_TRUE(f.ok()) << f.status();
  int checked = 0;
  for (size_t i = 0; i < f->rows.size() && f->rows[i].utc_mjd < 41317; ++i) {
    const UsnoTaiUtcRow& row = f->rows[i];
    const int64_t last =
        i + 1 < f->rows.size() ? f->rows[i + 1].utc_mjd - 1 : row.utc_mjd;
    for (int64_t mjd : {row.utc_mjd, (row.utc_mjd + last) / 2, last}) {
      int y, m, d;
      double fd, dat;
      eraJd2cal(2400000.5, static_cast<double>(mjd), &y, &m, &d, &fd);
      ASSERT_GE(eraDat(y, m, d, 0.5, &dat), 0);
      EXPECT_NEAR(row.TaiMinusUtcAt(mjd + 0.5), dat, 1e-9)
          << "line " << row.line << " MJD " << mjd;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 39);
}

TEST(TaiUtcTest, TableAgreesWithTheBuiltinOneOnEveryDaySince1972) {
  absl::StatusOr<LeapSecondTable> ls = ReadUsnoTaiUtcFile(kFile);
  ASSERT_TRUE(ls.ok()) << ls.status();
  const LeapSecondTable& builtin = LeapSecondTable::Builtin();
  ASSERT_EQ(ls->steps().size(), 28u);
  // Every UTC day from 1972-01-01 to 2025-12-31.
  for (int64_t mjd = 41317; mjd <= 61040; ++mjd) {
    ASSERT_EQ(*ls->TaiMinusUtcAtUtcMjd(mjd), *builtin.TaiMinusUtcAtUtcMjd(mjd))
        << "MJD " << mjd;
  }
  // The leap second of 2016-12-31 read through the file's table.
  absl::StatusOr<Epoch> leap = ParseIsoUtc("2016-12-31T23:59:60.5Z", *ls);
  ASSERT_TRUE(leap.ok()) << leap.status();
  EXPECT_EQ(FormatIsoUtc(*leap + 1.0, 1, *ls), "2017-01-01T00:00:00.5Z");
  EXPECT_EQ(*ls->TaiMinusUtcAtUtcMjd(41316 + 1), 10.0);
  EXPECT_EQ(ls->TaiMinusUtcAtUtcMjd(41316).status().code(),
            absl::StatusCode::kOutOfRange);
}

void ExpectRejected(const std::string& text, const std::string& expected) {
  absl::StatusOr<UsnoTaiUtcFile> f = ParseUsnoTaiUtcText(text, "t.dat");
  absl::Status st = f.status();
  if (f.ok()) st = LeapSecondTableFromUsnoTaiUtc(*f, "t.dat").status();
  ASSERT_FALSE(st.ok()) << "accepted: " << text;
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find(expected), std::string::npos)
      << st.message() << "\n  expected to contain: " << expected;
}

TEST(TaiUtcTest, RejectionsNameFileLineAndPart) {
  const std::string ok72 =
      " 1972 JAN  1 =JD 2441317.5  TAI-UTC=  10.0       S + (MJD - 41317.) X "
      "0.0      S\n";
  ExpectRejected(ok72 +
                     " 1972 JUX  1 =JD 2441499.5  TAI-UTC=  11.0 S + (MJD - "
                     "41317.) X 0.0 S\n",
                 "t.dat:2: date: '1972 JUX  1' is not 'YYYY MON DD'");
  ExpectRejected(
      ok72 +
          " 1972 JUL  1 =JD 2441500.5  TAI-UTC=  11.0 S + (MJD - 41317.) X 0.0 "
          "S\n",
      "t.dat:2: JD: 2441500.5 is not the date's Julian date 2441499.5");
  ExpectRejected(ok72 +
                     " 1972 JUL  1 =JD 2441499.5  TAI-UTC=  1x.0 S + (MJD - "
                     "41317.) X 0.0 S\n",
                 "t.dat:2: TAI-UTC:");
  ExpectRejected(ok72 +
                     " 1972 JUL  1 =JD 2441499.5  TAI-UTC=  11.0 S + (MJD - "
                     "41317.) X 0.0\n",
                 "t.dat:2: rate:");
  ExpectRejected(
      ok72 +
          " 1972 JUL  1 =JD 2441499.5  TAI-UTC=  11.5 S + (MJD - 41317.) X 0.0 "
          "S\n",
      "t.dat:2: TAI-UTC: from 1972 the offset must be whole seconds");
  ExpectRejected(
      ok72 +
          " 1972 JUL  1 =JD 2441499.5  TAI-UTC= 2.44444E23 S + (MJD - 41317.) X 0.0 "
          "S\n",
      "t.dat:2: TAI-UTC: from 1972 the offset must be whole seconds from 0 to 1000");
  ExpectRejected(ok72 + ok72, "t.dat:2: date: not after the row on line 1");
  ExpectRejected("no rows here\n", "t.dat: no TAI-UTC rows");
  ExpectRejected(
      " 1973 JAN  1 =JD 2441683.5  TAI-UTC=  12.0 S + (MJD - 41317.) X 0.0 S\n",
      "t.dat: no leap-second rows starting 1972-01-01");
  EXPECT_EQ(ReadUsnoTaiUtcFile("no/such.dat").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace sstrack::astro
