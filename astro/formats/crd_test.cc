// Copyright sstrack authors.
#include "astro/formats/crd.h"

#include <map>

#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr char kNpt[] = "tests/data/lageos2/lageos2_20160214.npt";

Epoch Utc(const char* iso) {
  absl::StatusOr<Epoch> t = ParseIsoUtc(iso);
  EXPECT_TRUE(t.ok()) << t.status();
  return *t;
}

TEST(CrdTest, LageosFileHas95NormalPointsFromFourStations) {
  absl::StatusOr<CrdFile> crd = ReadCrdFile(kNpt);
  ASSERT_TRUE(crd.ok()) << crd.status();
  // The file has 11 H1..H8 sessions (grep -ci '^h1').
  EXPECT_EQ(crd->sessions.size(), 11u);
  std::map<int, int> per_station;
  int total = 0, meteo = 0, calibrations = 0;
  const CrdNormalPoint* first = nullptr;
  const CrdNormalPoint* last = nullptr;
  for (const CrdSession& s : crd->sessions) {
    EXPECT_EQ(s.data_type, 1);    // normal points
    EXPECT_EQ(s.range_type, 2);   // two-way
    EXPECT_EQ(s.epoch_event, 2);  // ground transmit time
    EXPECT_EQ(s.target_name, "lageos2");
    EXPECT_EQ(s.ilrs_id, "9207002");
    EXPECT_EQ(s.sic, 5986);
    per_station[s.station_id] += s.normal_points.size();
    total += s.normal_points.size();
    meteo += s.meteo.size();
    calibrations += s.calibrations.size();
    for (const CrdNormalPoint& np : s.normal_points) {
      if (first == nullptr || np.epoch < first->epoch) first = &np;
      if (last == nullptr || last->epoch < np.epoch) last = &np;
      EXPECT_GE(np.epoch, s.start - 1e-6);
      EXPECT_LE(np.epoch, s.end + 1.0);
    }
  }
  EXPECT_EQ(total, 95);
  EXPECT_EQ(
      (std::map<int, int>{{7090, 37}, {7119, 27}, {7825, 17}, {7941, 14}}),
      per_station);
  // Line counts of record types 20 and 40 (cut -c1-2 | sort | uniq -c).
  EXPECT_EQ(meteo, 160);
  EXPECT_EQ(calibrations, 12);

  // First normal point: Mt Stromlo, line 256, H4 date 2016-02-11,
  // "11 48576.695142010998 0.048208768002 IDAA  2   120.0      7  80.20 ...".
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->line, 256);
  EXPECT_NEAR(first->epoch - Utc("2016-02-11T13:29:36.695142011"), 0.0, 1e-9);
  EXPECT_DOUBLE_EQ(first->two_way_time_of_flight_s, 0.048208768002);
  EXPECT_EQ(first->system_configuration_id, "IDAA");
  EXPECT_EQ(first->num_ranges, 7);
  EXPECT_DOUBLE_EQ(first->window_length_s, 120.0);
  EXPECT_NEAR(first->bin_rms_s, 80.20e-12, 1e-24);
  EXPECT_DOUBLE_EQ(first->return_rate_percent, 1.64);
  // Last: Yarragadee, line 108, 2016-02-14, sod 27403.800561399999.
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->line, 108);
  EXPECT_NEAR(last->epoch - Utc("2016-02-14T07:36:43.800561400"), 0.0, 1e-9);
  EXPECT_DOUBLE_EQ(last->two_way_time_of_flight_s, 0.042980915799);
  EXPECT_NEAR(last->bin_rms_s, 64.0e-12, 1e-24);
}

TEST(CrdTest, HeadersOfTheMateraSession) {
  absl::StatusOr<CrdFile> crd = ReadCrdFile(kNpt);
  ASSERT_TRUE(crd.ok()) << crd.status();
  const CrdSession& s = crd->sessions.back();
  // h2       MATM 7941 77  1  4
  EXPECT_EQ(s.station_name, "MATM");
  EXPECT_EQ(s.station_id, 7941);
  EXPECT_EQ(s.system_number, 77);
  EXPECT_EQ(s.occupancy_number, 1);
  EXPECT_EQ(s.station_time_scale, 4);
  // h3 lageos2     9207002 5986 22195    0 1
  EXPECT_EQ(s.norad_id, 22195);
  EXPECT_EQ(s.target_type, 1);
  // h4  1 2016  2 13 21 39 32 2016  2 13 22  4 17  0 0 0 1 1 0 2 0
  EXPECT_EQ(s.start, Utc("2016-02-13T21:39:32"));
  EXPECT_EQ(s.end, Utc("2016-02-13T22:04:17"));
  EXPECT_FALSE(s.troposphere_corrected);
  EXPECT_TRUE(s.amplitude_corrected);
  EXPECT_TRUE(s.station_delay_applied);
  EXPECT_FALSE(s.spacecraft_delay_applied);
  // 20 77972.5040000045696  947.02 282.80  80. 0   → 947.02 hPa = 94702 Pa.
  ASSERT_FALSE(s.meteo.empty());
  EXPECT_DOUBLE_EQ(s.meteo[0].pressure_pa, 94702.0);
  EXPECT_DOUBLE_EQ(s.meteo[0].temperature_k, 282.80);
  EXPECT_DOUBLE_EQ(s.meteo[0].relative_humidity_percent, 80.0);
  // 40 77972.50... 0 std1 -1 -1 -1 235464.2 .0 8.2 ... 2 2 0
  ASSERT_EQ(s.calibrations.size(), 1u);
  EXPECT_NEAR(s.calibrations[0].system_delay_s, 235464.2e-12, 1e-22);
  EXPECT_NEAR(s.calibrations[0].rms_s, 8.2e-12, 1e-24);
  EXPECT_EQ(s.calibrations[0].calibration_type, 2);
  // Haleakala gives NORAD as -1: kept as "absent".
  EXPECT_EQ(crd->sessions[3].station_id, 7119);
  EXPECT_EQ(crd->sessions[3].norad_id, -1);
}

TEST(CrdTest, MeteoAtInterpolatesLinearlyAndHoldsTheEnds) {
  absl::StatusOr<CrdFile> crd = ReadCrdFile(kNpt);
  ASSERT_TRUE(crd.ok()) << crd.status();
  const CrdSession& s = crd->sessions[7];  // Mt Stromlo, 2016-02-11
  ASSERT_EQ(s.station_id, 7825);
  const CrdNormalPoint& np = s.normal_points.front();  // sod 48576.695142011
  // Bracketing records (lines 228, 229):
  //   20 48544.545140000002 927.60 290.45 80.6 0
  //   20 48604.545140000002 927.60 290.45 81.4 0
  // w = (48576.695142011 − 48544.54514) / 60 = 0.535833367; RH = 80.6 + 0.8 w.
  absl::StatusOr<CrdMeteo> m = MeteoAt(s, np.epoch);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_NEAR(m->relative_humidity_percent, 80.6 + 0.8 * 0.535833367, 1e-8);
  EXPECT_NEAR(m->pressure_pa, 92760.0, 1e-8);
  EXPECT_NEAR(m->temperature_k, 290.45, 1e-10);
  EXPECT_EQ(m->origin, 1);
  // Before the first record (48152.09293): the first record's values.
  absl::StatusOr<CrdMeteo> early = MeteoAt(s, s.meteo.front().epoch - 600.0);
  ASSERT_TRUE(early.ok());
  EXPECT_DOUBLE_EQ(early->relative_humidity_percent, 82.8);
  // On a record: that record.
  absl::StatusOr<CrdMeteo> on = MeteoAt(s, s.meteo[1].epoch);
  ASSERT_TRUE(on.ok());
  EXPECT_DOUBLE_EQ(on->relative_humidity_percent, 82.9);
  EXPECT_EQ(on->origin, 0);
  CrdSession dry = s;
  dry.meteo.clear();
  EXPECT_EQ(MeteoAt(dry, np.epoch).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

constexpr char kAcrossMidnight[] =
    "H1 CRD  1 2016 02 14 05\n"
    "H2 STL3       7825 90 01  4\n"
    "H3 lageos2     9207002 5986   022195 0 1\n"
    "H4  1 2016 02 13 23 50 00 2016 02 14 00 10 00  0 0 0 0 1 0 2 0\n"
    "20 85800.0 927.50 290.45 82.8 0\n"
    "11 86000.25 0.048 IDAA 2 120.0 7 80.2 0.0 0.0 0.0 1.0 0\n"
    "11 300.5 0.049 IDAA 2 120.0 7 80.2 0.0 0.0 0.0 1.0 0\n"
    "H8\n"
    "H1 CRD  1 2016 02 14 05\n"
    "H2 STL3       7825 90 01  4\n"
    "H3 lageos2     9207002 5986   022195 0 1\n"
    "H4  1 2016 02 14 00 05 00 2016 02 14 00 20 00  0 0 0 0 1 0 2 0\n"
    "20 86100.0 927.50 290.45 82.8 0\n"
    "11 400.0 0.049 IDAA 0 120.0 7 80.2 0.0 0.0 0.0 1.0 0\n"
    "H8\n"
    "H9\n";

TEST(CrdTest, SecondsOfDayWrapPastMidnight) {
  absl::StatusOr<CrdFile> crd = ParseCrdText(kAcrossMidnight, "mid.crd");
  ASSERT_TRUE(crd.ok()) << crd.status();
  ASSERT_EQ(crd->sessions.size(), 2u);
  const CrdSession& a = crd->sessions[0];
  ASSERT_EQ(a.normal_points.size(), 2u);
  EXPECT_EQ(a.meteo[0].epoch, Utc("2016-02-13T23:50:00"));
  EXPECT_EQ(a.normal_points[0].epoch, Utc("2016-02-13T23:53:20.25"));
  EXPECT_EQ(a.normal_points[1].epoch, Utc("2016-02-14T00:05:00.5"));
  // A met record written just before a pass that starts after midnight
  // belongs to the day before.
  const CrdSession& b = crd->sessions[1];
  EXPECT_EQ(b.meteo[0].epoch, Utc("2016-02-13T23:55:00"));
  EXPECT_EQ(b.normal_points[0].epoch, Utc("2016-02-14T00:06:40"));
  EXPECT_EQ(b.epoch_event, 0);
}

void ExpectRejected(const std::string& text, const std::string& expected) {
  absl::StatusOr<CrdFile> crd = ParseCrdText(text, "bad.crd");
  ASSERT_FALSE(crd.ok()) << "accepted: " << text;
  EXPECT_EQ(crd.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(crd.status().message().find(expected), std::string::npos)
      << crd.status().message() << "\n  expected to contain: " << expected;
}

TEST(CrdTest, ErrorsNameFileLineRecordAndField) {
  const std::string head =
      "H1 CRD  1 2016 02 14 05\n"
      "H2 STL3       7825 90 01  4\n"
      "H3 lageos2     9207002 5986   022195 0 1\n"
      "H4  1 2016 02 13 23 50 00 2016 02 14 00 10 00  0 0 0 0 1 0 2 0\n";
  ExpectRejected(head + "11 86000.25 0.0x48 IDAA 2 120.0 7 80.2\n",
                 "bad.crd:5: record 11: field 2 (time of flight): '0.0x48' is "
                 "not a number");
  ExpectRejected(
      head + "11 86000.25 0.048 IDAA 9 120.0 7 80.2\n",
      "bad.crd:5: record 11: field 4 (epoch event): 9 not in [0, 6]");
  ExpectRejected(
      head + "20 85800.0 927.50\n",
      "bad.crd:5: record 20: field 3 (surface temperature): missing");
  ExpectRejected(head + "11 -5.0 0.048 IDAA 2 120.0 7 80.2\n",
                 "bad.crd:5: record 11: field 1 (seconds of day)");
  ExpectRejected(head + "77 1 2 3\n",
                 "bad.crd:5: record 77: unknown record type");
  ExpectRejected("H1 CPF  1 2016 02 14 05\n",
                 "bad.crd:1: record H1: field 1 (format name)");
  ExpectRejected("H1 CRD  2 2016 02 14 05\n",
                 "field 2 (format version): 2 not in [1, 1]");
  ExpectRejected(
      "H1 CRD  1 2016 02 14 05\n11 86000.25 0.048 IDAA 2 120.0 7 80.2\n",
      "bad.crd:2: record 11: data record before the session's H4");
  ExpectRejected(
      "H1 CRD  1 2016 02 14 05\n"
      "H4  1 2016 02 30 23 50 00 2016 02 14 00 10 00  0 0 0 0 1 0 2 0\n",
      "bad.crd:2: record H4: field 2 (start date-time)");
  EXPECT_EQ(ReadCrdFile("no/such.npt").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace sstrack::astro
