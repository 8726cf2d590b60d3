// Copyright sstrack authors.
//
// The hand-written pass (testdata/pass.tdm, pass.xml) read into SI units:
// every expected number is worked out by hand below from the file's text.
#include "astro/formats/tdm.h"

#include <cmath>
#include <string>

#include "astro/formats/tdm_testing.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr char kKvn[] = "astro/formats/testdata/pass.tdm";
constexpr char kXml[] = "astro/formats/testdata/pass.xml";
constexpr double kC = 299792458.0;

TdmFile Read(const std::string& path) {
  absl::StatusOr<TdmFile> f = ReadTdmFile(path);
  EXPECT_TRUE(f.ok()) << f.status();
  return f.value_or(TdmFile());
}

// 2021-06-03 is MJD 59368 (2021-01-01 = MJD 59215, + 151 days of January to
// May, + 2), 7824 days after 2000-01-01 (MJD 51544); J2000.0 is noon of that
// day and TAI − UTC = 37 s in 2021, so 06:00:00 UTC is
// 7824·86400 − 43200 + 6·3600 + 37 = 675972037 TAI seconds after J2000.0.
constexpr int64_t kSixUtcTai = 675972037;

TEST(TdmTest, KvnPassInSiUnits) {
  const TdmFile f = Read(kKvn);
  // The one data type not read: TRANSMIT_FREQ_1, line 34; all else kept.
  ASSERT_EQ(f.rejections.size(), 1u);
  EXPECT_EQ(f.rejections[0].line, 34);
  EXPECT_EQ(f.rejections[0].message,
            std::string(kKvn) +
                ":34: TRANSMIT_FREQ_1: data type not supported (read: RANGE, "
                "DOPPLER_INSTANTANEOUS, DOPPLER_INTEGRATED, ANGLE_1, ANGLE_2)");

  EXPECT_EQ(f.header.version, "2.0");
  EXPECT_EQ(f.header.originator, "SSTRACK");
  EXPECT_EQ(f.header.message_id, "SSTRACK-TDM-0001");
  ASSERT_EQ(f.header.comments.size(), 2u);
  // 2021-154 = June 3 (151 + 3), 08:30 UTC = 06:00 UTC + 9000 s.
  EXPECT_EQ(f.header.creation_date, Epoch::FromTaiSeconds(kSixUtcTai + 9000));
  ASSERT_EQ(f.segments.size(), 3u);

  // Segment 0: two-way (1,2,1) range in km, Doppler in km/s, AZEL in deg.
  const TdmSegment& pass = f.segments[0];
  const TdmSegmentMeta& m = pass.meta;
  EXPECT_EQ(m.line, 8);
  EXPECT_EQ(m.time_system, TimeScale::kUtc);
  EXPECT_EQ(m.start_time, Epoch::FromTaiSeconds(kSixUtcTai));
  EXPECT_EQ(m.stop_time, Epoch::FromTaiSeconds(kSixUtcTai + 60));
  EXPECT_EQ(m.participants, (std::vector<std::string>{"DSS-65", "2021-022A"}));
  EXPECT_EQ(m.mode, "SEQUENTIAL");
  EXPECT_EQ(m.path, (std::vector<int>{1, 2, 1}));
  EXPECT_EQ(m.timetag_ref, TdmTimetagRef::kReceive);
  EXPECT_EQ(m.integration_interval_s, 10.0);
  EXPECT_EQ(m.integration_ref, TdmIntegrationRef::kMiddle);
  EXPECT_EQ(m.range_mode, "COHERENT");
  EXPECT_EQ(m.range_units, TdmRangeUnits::kKm);
  EXPECT_EQ(m.angle_type, TdmAngleType::kAzEl);
  EXPECT_EQ(m.transmit_delay_s, (std::map<int, double>{{1, 7.7e-5}}));
  EXPECT_EQ(m.receive_delay_s, (std::map<int, double>{{1, 7.7e-5}}));
  EXPECT_EQ(m.data_quality, "RAW");
  EXPECT_DOUBLE_EQ(*m.correction_range_m, 46.7741);        // 0.0467741 km
  EXPECT_DOUBLE_EQ(*m.correction_doppler_m_per_s, 0.012);  // 1.2e-5 km/s
  // 0.0125° = 0.0125·π/180 = π/14400 rad; −0.0031° = −0.0031·π/180 rad.
  EXPECT_DOUBLE_EQ(*m.correction_angle_1_rad, M_PI / 14400.0);
  EXPECT_NEAR(*m.correction_angle_2_rad, -5.41052068118242e-05, 1e-18);
  EXPECT_EQ(m.corrections_applied, false);
  EXPECT_EQ(pass.data_comments, (std::vector<std::string>{"first lock"}));

  struct Want {
    TdmObservable type;
    double dt_s;   // after 06:00:00 UTC
    double value;  // SI
    int line;
  };
  const Want want[] = {
      // 2.4117362156e+03 km = 2411736.2156 m
      {TdmObservable::kRange, 0, 2411736.2156, 35},
      // −1.234567 km/s = −1234.567 m/s, positive would be receding
      {TdmObservable::kRangeRateIntegrated, 0, -1234.567, 36},
      // 123.4567° · π/180 = 2.15472589864688 rad
      {TdmObservable::kAzimuth, 0, 2.15472589864688, 37},
      // 12.5° = 5π/72 rad
      {TdmObservable::kElevation, 0, 5 * M_PI / 72, 38},
      {TdmObservable::kRange, 60, 2341000.0, 40},
      {TdmObservable::kRangeRate, 60, -1180.2, 41},
      // 124.0321° → 2.16476852316286 rad; 14.25° = 19π/240 rad
      {TdmObservable::kAzimuth, 60, 2.16476852316286, 42},
      {TdmObservable::kElevation, 60, 19 * M_PI / 240, 43},
  };
  ASSERT_EQ(pass.observations.size(), std::size(want));
  for (size_t i = 0; i < std::size(want); ++i) {
    const TdmObservation& o = pass.observations[i];
    SCOPED_TRACE(i);
    EXPECT_EQ(o.type, want[i].type);
    EXPECT_EQ(o.epoch, Epoch::FromTaiSeconds(kSixUtcTai) + want[i].dt_s);
    EXPECT_NEAR(o.value, want[i].value, 2e-15 * std::abs(want[i].value));
    EXPECT_EQ(o.segment, 0);
    EXPECT_EQ(o.line, want[i].line);
  }

  // Segment 1: optical RA/Dec in EME2000, tags in TT, day of year.
  // 2021-154T21:15:30.250 TT = 21:14:58.066 TAI (−32.184 s); 06:00:00 UTC =
  // 06:00:37 TAI, so the tag is 15·3600 + 14·60 + 21.066 = 54861.066 s later.
  const TdmSegment& optical = f.segments[1];
  EXPECT_EQ(optical.meta.time_system, TimeScale::kTt);
  EXPECT_EQ(optical.meta.angle_type, TdmAngleType::kRaDec);
  EXPECT_EQ(optical.meta.reference_frame, "EME2000");
  EXPECT_EQ(optical.meta.path, (std::vector<int>{2, 1}));
  ASSERT_EQ(optical.observations.size(), 4u);
  const Epoch six_utc = Epoch::FromTaiSeconds(kSixUtcTai);
  EXPECT_NEAR(optical.observations[0].epoch - six_utc, 54861.066, 1e-9);
  EXPECT_NEAR(optical.observations[2].epoch - six_utc, 54871.066, 1e-9);
  EXPECT_EQ(optical.observations[0].type, TdmObservable::kRightAscension);
  EXPECT_EQ(optical.observations[1].type, TdmObservable::kDeclination);
  EXPECT_EQ(optical.observations[1].segment, 1);
  // 350.123456° → 6.11080709566150 rad, −12.345678° → −0.215472729491028
  EXPECT_NEAR(optical.observations[0].value, 6.11080709566150, 1e-14);
  EXPECT_NEAR(optical.observations[1].value, -0.215472729491028, 1e-15);

  // Segment 2: round-trip light time (PATH 1,2,1) in GPS time: range =
  // c·t/2. 0.016 s → 299792458·0.008 = 2398339.664 m; 0.0160012 s →
  // 299792458·0.0080006 = 2398519.5394748 m; modulus 0.5 s → c/4 m.
  // 06:10:00 GPS = 06:10:19 TAI = 06:00:00 UTC + 582 s.
  const TdmSegment& light = f.segments[2];
  EXPECT_EQ(light.meta.time_system, TimeScale::kGps);
  EXPECT_EQ(light.meta.range_units, TdmRangeUnits::kSeconds);
  EXPECT_DOUBLE_EQ(*light.meta.range_modulus_m, kC / 4);
  ASSERT_EQ(light.observations.size(), 2u);
  EXPECT_EQ(light.observations[0].epoch,
            Epoch::FromTaiSeconds(kSixUtcTai + 582));
  EXPECT_EQ(light.observations[1].epoch,
            Epoch::FromTaiSeconds(kSixUtcTai + 583));
  EXPECT_DOUBLE_EQ(light.observations[0].value, 2398339.664);
  EXPECT_DOUBLE_EQ(light.observations[1].value, 2398519.5394748);
}

TEST(TdmTest, XmlGivesTheSameMessageAsKvn) {
  const TdmFile kvn = Read(kKvn);
  const TdmFile xml = Read(kXml);
  ExpectSameTdm(kvn, xml, /*compare_lines=*/false);
  ASSERT_EQ(xml.rejections.size(), 1u);
  EXPECT_EQ(xml.rejections[0].message,
            std::string(kXml) +
                ":38: TRANSMIT_FREQ_1: data type not supported (read: RANGE, "
                "DOPPLER_INSTANTANEOUS, DOPPLER_INTEGRATED, ANGLE_1, ANGLE_2)");
}

TEST(TdmTest, OneInstantInFourTimeSystemsGivesOneEpoch) {
  // 2021-06-03T06:00:00 UTC = 06:00:37 TAI (ΔAT = 37 s) = 06:00:18 GPS
  // (TAI − 19 s) = 06:01:09.184 TT (TAI + 32.184 s), in four segments.
  std::string text =
      "CCSDS_TDM_VERS = 2.0\nCREATION_DATE = 2021-06-03T08:30:00\n"
      "ORIGINATOR = TEST\n";
  for (const char* ts_tag :
       {"UTC 2021-06-03T06:00:00", "TAI 2021-154T06:00:37",
        "GPS 2021-06-03T06:00:18.000", "TT 2021-06-03T06:01:09.184"}) {
    const std::string s = ts_tag;
    const size_t sp = s.find(' ');
    text += "META_START\nTIME_SYSTEM = " + s.substr(0, sp) +
            "\nPARTICIPANT_1 = A\nMETA_STOP\nDATA_START\nRANGE = " +
            s.substr(sp + 1) + " 1000\nDATA_STOP\n";
  }
  const TdmFile f = ParseTdmKvnText(text, "t.tdm");
  EXPECT_TRUE(f.rejections.empty()) << f.rejections[0].message;
  ASSERT_EQ(f.segments.size(), 4u);
  for (const TdmSegment& s : f.segments) {
    ASSERT_EQ(s.observations.size(), 1u);
    EXPECT_EQ(s.observations[0].epoch, Epoch::FromTaiSeconds(kSixUtcTai))
        << TimeScaleName(s.meta.time_system);
    EXPECT_EQ(s.observations[0].value, 1e6);
  }
}

TEST(TdmTest, RangeScaleFollowsUnitsAndPath) {
  TdmSegmentMeta m;
  EXPECT_EQ(*TdmRangeScale(m), 1000.0);  // km by default
  m.range_units = TdmRangeUnits::kSeconds;
  EXPECT_FALSE(TdmRangeScale(m).ok());  // light time without a path
  m.path = {2, 1};                      // one-way: c·t
  EXPECT_EQ(*TdmRangeScale(m), kC);
  m.path = {1, 2, 1};  // round trip: c·t/2
  EXPECT_EQ(*TdmRangeScale(m), kC / 2);
  m.path = {1, 2, 3};  // three-way, two legs: c·t/2
  EXPECT_EQ(*TdmRangeScale(m), kC / 2);
}

TEST(TdmTest, OrekitStyleTabsAndBlankLinesAndDispatch) {
  // Tabs around '=' and inside the value, a leading comment, no header
  // comment, version 1.0, XML told from KVN by the first character.
  const std::string kvn =
      "CCSDS_TDM_VERS = 1.0\n"
      "\tCREATION_DATE = 2007-08-30T12:01:44.749\n"
      "\tORIGINATOR = GSOC\n"
      "META_START\n"
      "\tTIME_SYSTEM = UTC\n"
      "\tPARTICIPANT_1 = WHM1\n"
      "\tPARTICIPANT_2 = SAT\n"
      "\tPATH = 1,2,1\n"
      "\tANGLE_TYPE = AZEL\n"
      "META_STOP\n"
      "DATA_START\n"
      "\tANGLE_1 \t\t   = 2007-08-29T06:00:02.000 \t 99.53204250\n"
      "\n"
      "\tANGLE_2 = 2007-08-29T06:00:02.000 1.26724167\n"
      "DATA_STOP\n";
  const TdmFile f = ParseTdmText(kvn, "t.tdm");
  EXPECT_TRUE(f.rejections.empty()) << f.rejections[0].message;
  EXPECT_EQ(f.header.version, "1.0");
  ASSERT_EQ(f.segments.size(), 1u);
  ASSERT_EQ(f.segments[0].observations.size(), 2u);
  EXPECT_NEAR(f.segments[0].observations[0].value, 99.5320425 * M_PI / 180,
              1e-15);
  const TdmFile none = ParseTdmText("  <nothing/>", "x.xml");
  ASSERT_EQ(none.rejections.size(), 1u);
  EXPECT_EQ(none.rejections[0].message,
            "x.xml:1: nothing: expected a <tdm> element");
  EXPECT_FALSE(ReadTdmFile("/nonexistent/pass.tdm").ok());
}

}  // namespace
}  // namespace sstrack::astro
