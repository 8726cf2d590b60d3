// Copyright sstrack authors.
//
// The same element sets as TLE, OMM KVN, XML and JSON must give the same
// MeanElements; the KVN writer must round-trip; the detector must tell the
// four formats apart.
#include "astro/formats/omm.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "astro/formats/element_file.h"
#include "astro/formats/omm_time.h"
#include "astro/formats/tle.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr char kData[] = "astro/formats/testdata/";

// Every field: identities exactly, the epoch to the microsecond, angles to
// 1e-12 rad, the rest to a few units in the last place.
void ExpectSameElements(const MeanElements& want, const MeanElements& got,
                        const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(got.catalog_number, want.catalog_number);
  EXPECT_EQ(got.international_designator, want.international_designator);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.classification, want.classification);
  EXPECT_EQ(got.element_set_number, want.element_set_number);
  EXPECT_EQ(got.revolution_number, want.revolution_number);
  EXPECT_NEAR(got.epoch - want.epoch, 0.0, 1e-6);
  EXPECT_EQ(got.epoch_utc_jd1, want.epoch_utc_jd1);
  EXPECT_NEAR(got.epoch_utc_jd2, want.epoch_utc_jd2, 1e-6 / 86400.0);
  EXPECT_NEAR(got.inclination_rad, want.inclination_rad, 1e-12);
  EXPECT_NEAR(got.raan_rad, want.raan_rad, 1e-12);
  EXPECT_NEAR(got.arg_perigee_rad, want.arg_perigee_rad, 1e-12);
  EXPECT_NEAR(got.mean_anomaly_rad, want.mean_anomaly_rad, 1e-12);
  EXPECT_NEAR(got.eccentricity, want.eccentricity, 1e-15);
  auto rel = [](double a, double b) {
    return std::abs(a - b) <= 1e-14 * std::max(std::abs(a), std::abs(b));
  };
  EXPECT_PRED2(rel, got.mean_motion_rad_per_min, want.mean_motion_rad_per_min);
  EXPECT_PRED2(rel, got.bstar_per_earth_radii, want.bstar_per_earth_radii);
  EXPECT_PRED2(rel, got.mean_motion_dot_rad_per_min2,
               want.mean_motion_dot_rad_per_min2);
  EXPECT_PRED2(rel, got.mean_motion_ddot_rad_per_min3,
               want.mean_motion_ddot_rad_per_min3);
}

MeanElements OnlyElementOf(const std::string& file, ElementFormat format) {
  absl::StatusOr<ElementFileResult> r =
      ReadElementFile(absl::StrCat(kData, file));
  EXPECT_TRUE(r.ok()) << r.status();
  if (!r.ok()) return {};
  EXPECT_EQ(r->format, format) << file;
  for (const ElementRejection& x : r->rejections) ADD_FAILURE() << x.message;
  EXPECT_EQ(r->elements.size(), 1u) << file;
  return r->elements.empty() ? MeanElements{} : r->elements[0];
}

TEST(OmmTest, IssAsTleKvnXmlAndJsonGivesIdenticalElements) {
  const MeanElements tle = OnlyElementOf("iss.tle", ElementFormat::kTle);
  // The TLE itself, read by hand: 2018 day 20.89808844 = Jan 20
  // 21:33:14.841216.
  ASSERT_EQ(tle.catalog_number, 25544);
  EXPECT_EQ(FormatIsoUtc(tle.epoch, 6), "2018-01-20T21:33:14.841216Z");
  EXPECT_EQ(tle.epoch_utc_jd1, 2458119.5);  // 2018-01-01T00:00 UTC
  EXPECT_EQ(tle.revolution_number, 9561);
  ExpectSameElements(tle, OnlyElementOf("iss.kvn", ElementFormat::kOmmKvn),
                     "KVN");
  ExpectSameElements(tle, OnlyElementOf("iss.xml", ElementFormat::kOmmXml),
                     "XML");
  ExpectSameElements(tle, OnlyElementOf("iss.json", ElementFormat::kOmmJson),
                     "JSON");
}

TEST(OmmTest, CcsdsGoes9ExampleMatchesItsTle) {
  const MeanElements tle = OnlyElementOf("goes9.tle", ElementFormat::kTle);
  const MeanElements omm = OnlyElementOf("goes9.kvn", ElementFormat::kOmmKvn);
  ExpectSameElements(tle, omm, "GOES 9");
  EXPECT_EQ(omm.name, "GOES 9");
  EXPECT_EQ(omm.international_designator, "1995-025A");
  EXPECT_EQ(omm.element_set_number, 925);  // "0925"
  EXPECT_NEAR(omm.mean_motion_rad_per_min, 1.00273272 * 2 * M_PI / 1440.0,
              1e-15);
  EXPECT_NEAR(omm.mean_motion_dot_rad_per_min2,
              -0.00000113 * 2 * M_PI / (1440.0 * 1440.0), 1e-22);
}

TEST(OmmTest, SpaceTrackJsonWithStringsNullsAndExtraKeys) {
  // Space-Track's GP class: every value a string, extra keys, nulls.
  const std::string json = R"json({
    "CCSDS_OMM_VERS": "2.0", "COMMENT": "GENERATED VIA SPACE-TRACK.ORG API",
    "CREATION_DATE": "2018-01-21T04:06:52", "ORIGINATOR": "18 SPCS",
    "OBJECT_NAME": "ISS (ZARYA)", "OBJECT_ID": "1998-067A", "CENTER_NAME": "EARTH",
    "REF_FRAME": "TEME", "TIME_SYSTEM": "UTC", "MEAN_ELEMENT_THEORY": "SGP4",
    "EPOCH": "2018-01-20T21:33:14.841216", "MEAN_MOTION": "15.54190080",
    "ECCENTRICITY": "0.00036460", "INCLINATION": "51.6424", "RA_OF_ASC_NODE": "32.9776",
    "ARG_OF_PERICENTER": "28.7227", "MEAN_ANOMALY": "39.5332", "EPHEMERIS_TYPE": "0",
    "CLASSIFICATION_TYPE": "U", "NORAD_CAT_ID": "25544", "ELEMENT_SET_NO": "999",
    "REV_AT_EPOCH": "9561", "BSTAR": "0.00003855", "MEAN_MOTION_DOT": "0.00002078",
    "MEAN_MOTION_DDOT": "0.0000000000000", "SEMIMAJOR_AXIS": "6782.896",
    "PERIOD": "92.653", "DECAY_DATE": null, "GP_ID": "123456789",
    "TLE_LINE1": "1 25544U 98067A   18020.89808844  .00002078  00000-0  38550-4 0  9992"
  })json";
  absl::StatusOr<MeanElements> got = ParseOmm(json);
  ASSERT_TRUE(got.ok()) << got.status();
  ExpectSameElements(OnlyElementOf("iss.tle", ElementFormat::kTle), *got,
                     "Space-Track");
}

TEST(OmmTest, DayOfYearTimesAndTheTleJulianDateSplit) {
  // 2007 day 64 = March 5 (31 + 28 + 5); the same instant as TLE
  // 07064.44075725.
  absl::StatusOr<OmmTime> t = ParseOmmTime("2007-064T10:34:41.4264");
  ASSERT_TRUE(t.ok()) << t.status();
  absl::StatusOr<TleEpoch> tle = ParseTleEpoch("07064.44075725");
  ASSERT_TRUE(tle.ok());
  EXPECT_EQ(FormatIsoUtc(t->epoch, 4), "2007-03-05T10:34:41.4264Z");
  EXPECT_NEAR(t->epoch - tle->epoch, 0.0, 1e-6);
  EXPECT_EQ(t->utc_jd1, tle->utc_jd.jd1);
  EXPECT_EQ(t->utc_jd1, 2454101.5);  // 2007-01-01T00:00
  EXPECT_NEAR(t->utc_jd2, 63.44075725, 1e-12);
  // Leap year: day 366 is December 31, day 60 is February 29.
  EXPECT_EQ(FormatIsoUtc(ParseOmmTime("2016-366T12:00:00Z")->epoch, 0),
            "2016-12-31T12:00:00Z");
  EXPECT_EQ(FormatIsoUtc(ParseOmmTime("2016-060T00:00:00")->epoch, 0),
            "2016-02-29T00:00:00Z");
  EXPECT_NEAR(ParseOmmTime("2016-12-31T12:00:00")->utc_jd2, 365.5, 1e-15);
  // An inserted leap second is a valid epoch.
  EXPECT_TRUE(ParseOmmTime("2016-12-31T23:59:60.5").ok());
  EXPECT_FALSE(ParseOmmTime("2017-366T00:00:00").ok());  // 2017 has 365 days
  EXPECT_FALSE(ParseOmmTime("2017-02-29T00:00:00").ok());
  EXPECT_FALSE(ParseOmmTime("2017-02-28").ok());  // the time is required
  EXPECT_FALSE(ParseOmmTime("2017-02-28T25:00:00").ok());
  // A file's epochs lie from 1957 to 2100 (astro/time/utc.h).
  EXPECT_EQ(ParseOmmTime("9999-12-31T00:00:00").status().message(),
            "time '9999-12-31T00:00:00': year 9999 not in 1957-2100");
  EXPECT_TRUE(ParseOmmTime("2100-12-31T00:00:00").ok());
}

TEST(OmmTest, KvnWriterRoundTripsTheIss) {
  const MeanElements tle = OnlyElementOf("iss.tle", ElementFormat::kTle);
  OmmKvnWriteOptions o;
  o.creation_date = *ParseIsoUtc("2018-01-21T06:00:00Z");
  const std::string kvn = FormatOmmKvn(tle, o);
  // Values as a person reads them off the TLE.
  for (const char* line :
       {"CCSDS_OMM_VERS      = 2.0\n",
        "CREATION_DATE       = 2018-01-21T06:00:00.000000\n",
        "OBJECT_NAME         = ISS (ZARYA)\n",
        "OBJECT_ID           = 1998-067A\n",
        "EPOCH               = 2018-01-20T21:33:14.841216\n",
        "MEAN_MOTION         = 15.5419008 [rev/day]\n",
        "ECCENTRICITY        = 0.0003646\n",
        "INCLINATION         = 51.6424 [deg]\n",
        "RA_OF_ASC_NODE      = 32.9776 [deg]\n",
        "ARG_OF_PERICENTER   = 28.7227 [deg]\n",
        "MEAN_ANOMALY        = 39.5332 [deg]\n",
        "NORAD_CAT_ID        = 25544\n", "ELEMENT_SET_NO      = 999\n",
        "REV_AT_EPOCH        = 9561\n",
        "BSTAR               = 3.855e-05 [1/ER]\n",
        "MEAN_MOTION_DOT     = 2.078e-05 [rev/day**2]\n",
        "MEAN_MOTION_DDOT    = 0 [rev/day**3]\n"}) {
    EXPECT_NE(kvn.find(line), std::string::npos) << line << "in\n" << kvn;
  }
  absl::StatusOr<MeanElements> back = ParseOmm(kvn);
  ASSERT_TRUE(back.ok()) << back.status() << "\n" << kvn;
  ExpectSameElements(tle, *back, "round trip");
}

TEST(OmmTest, KvnWriterRoundTripsAWholeCatalog) {
  absl::StatusOr<ElementFileResult> tle =
      ReadTleFile("tests/data/catalog-2018-01.3le");
  ASSERT_TRUE(tle.ok()) << tle.status();
  ASSERT_EQ(tle->elements.size(), 979u);
  std::string file;
  for (const MeanElements& e : tle->elements)
    absl::StrAppend(&file, FormatOmmKvn(e), "\n");
  const ElementFileResult back = ParseOmmText(file, "catalog.kvn");
  EXPECT_EQ(back.format, ElementFormat::kOmmKvn);
  for (const ElementRejection& x : back.rejections) ADD_FAILURE() << x.message;
  ASSERT_EQ(back.elements.size(), tle->elements.size());
  for (size_t i = 0; i < back.elements.size(); ++i) {
    ExpectSameElements(
        tle->elements[i], back.elements[i],
        absl::StrCat("catalog number ", tle->elements[i].catalog_number));
  }
}

TEST(OmmTest, UnknownNamesAndDesignatorsBecomeUnknownAndBack) {
  MeanElements e = OnlyElementOf("iss.tle", ElementFormat::kTle);
  e.name.clear();
  e.international_designator.clear();
  const std::string kvn = FormatOmmKvn(e);
  EXPECT_NE(kvn.find("OBJECT_NAME         = UNKNOWN\n"), std::string::npos);
  EXPECT_NE(kvn.find("OBJECT_ID           = UNKNOWN\n"), std::string::npos);
  absl::StatusOr<MeanElements> back = ParseOmm(kvn);
  ASSERT_TRUE(back.ok()) << back.status();
  ExpectSameElements(e, *back, "unknown");
}

TEST(OmmTest, DetectorTellsTheFourFormatsApart) {
  for (const auto& [file, want] : {std::pair{"iss.tle", ElementFormat::kTle},
                                   {"iss.kvn", ElementFormat::kOmmKvn},
                                   {"iss.xml", ElementFormat::kOmmXml},
                                   {"iss.json", ElementFormat::kOmmJson},
                                   {"goes9.kvn", ElementFormat::kOmmKvn}}) {
    absl::StatusOr<ElementFileResult> r =
        ReadElementFile(absl::StrCat(kData, file));
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->format, want) << file;
  }
  const std::string l1 =
      "1 25544U 98067A   18020.89808844  .00002078  00000-0  38550-4 0  9992";
  const std::string l2 =
      "2 25544  51.6424  32.9776 0003646  28.7227  39.5332 15.54190080 95614";
  EXPECT_EQ(DetectElementFormat(l1 + "\n" + l2 + "\n"), ElementFormat::kTle);
  EXPECT_EQ(DetectElementFormat("\r\n0 ISS\r\n" + l1 + "\r\n" + l2 + "\r\n"),
            ElementFormat::kTle);
  EXPECT_EQ(DetectElementFormat("COMMENT first\nCCSDS_OMM_VERS = 2.0\n"),
            ElementFormat::kOmmKvn);
  EXPECT_EQ(DetectElementFormat("\xEF\xBB\xBF<omm version=\"2.0\"></omm>"),
            ElementFormat::kOmmXml);
  EXPECT_EQ(
      DetectElementFormat("<?xml version=\"1.0\"?>\n<!-- x -->\n<ndm:ndm>"),
      ElementFormat::kOmmXml);
  EXPECT_EQ(DetectElementFormat("  {\"NORAD_CAT_ID\": 5}"),
            ElementFormat::kOmmJson);
  EXPECT_EQ(DetectElementFormat("<?xml version=\"1.0\"?><opm/>"),
            ElementFormat::kUnknown);
  EXPECT_EQ(DetectElementFormat("CCSDS_OPM_VERS = 2.0\n"),
            ElementFormat::kUnknown);
  EXPECT_EQ(DetectElementFormat("ISS\n" + l1 + "\n"), ElementFormat::kUnknown);
  EXPECT_EQ(DetectElementFormat(""), ElementFormat::kUnknown);
  absl::StatusOr<ElementFileResult> bad = ParseElementText("hello\n", "x.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("x.txt: not an element file"),
            std::string::npos);
  EXPECT_EQ(ReadElementFile("/nonexistent/file").status().code(),
            absl::StatusCode::kNotFound);
}

// A value is one line: a line break or tab that XML or JSON can carry is
// refused, since the KVN the catalog writes could not say it (found by
// tests/fuzz:omm_fuzz: the name came back as two lines).
TEST(OmmTest, ControlCharactersInAValueAreRefused) {
  for (const char* file : {"iss.json", "iss.xml"}) {
    SCOPED_TRACE(file);
    std::ifstream in(std::string(kData) + file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string name = "ISS (ZARYA)";
    const size_t at = text.find(name);
    ASSERT_NE(at, std::string::npos);
    std::string broken = text;
    broken.replace(at, name.size(), std::string(file) == "iss.json" ? "ISS\\nX" : "ISS&#10;X");
    const absl::StatusOr<MeanElements> e = ParseOmm(broken);
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.status().message().find("OBJECT_NAME: control character 0x0A in the value"), std::string::npos)
        << e.status();
    EXPECT_TRUE(ParseOmm(text).ok());
  }
}

}  // namespace
}  // namespace sstrack::astro
