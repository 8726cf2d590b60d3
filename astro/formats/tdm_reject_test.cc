// Copyright sstrack authors.
//
// Every kind of bad TDM content yields one rejection naming source:line and
// the keyword; a bad data line costs only itself, a bad metadata block only
// its segment, a bad header nothing else — in KVN and in XML.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "astro/formats/tdm.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

// Two segments: A (UTC, AZEL, 4 data lines) and B (TT, RADEC, 2 lines).
constexpr char kGood[] =
    "CCSDS_TDM_VERS = 2.0\n"                           // 1
    "CREATION_DATE = 2021-06-03T08:30:00\n"            // 2
    "ORIGINATOR = TEST\n"                              // 3
    "META_START\n"                                     // 4
    "TIME_SYSTEM = UTC\n"                              // 5
    "PARTICIPANT_1 = DSS-65\n"                         // 6
    "PARTICIPANT_2 = SAT\n"                            // 7
    "MODE = SEQUENTIAL\n"                              // 8
    "PATH = 1,2,1\n"                                   // 9
    "INTEGRATION_INTERVAL = 1.0\n"                     // 10
    "ANGLE_TYPE = AZEL\n"                              // 11
    "META_STOP\n"                                      // 12
    "DATA_START\n"                                     // 13
    "RANGE = 2021-06-03T06:00:00 2411.7\n"             // 14
    "DOPPLER_INTEGRATED = 2021-06-03T06:00:00 -1.2\n"  // 15
    "ANGLE_1 = 2021-06-03T06:00:00 123.4\n"            // 16
    "ANGLE_2 = 2021-06-03T06:00:00 12.5\n"             // 17
    "DATA_STOP\n"                                      // 18
    "META_START\n"                                     // 19
    "TIME_SYSTEM = TT\n"                               // 20
    "PARTICIPANT_1 = ZIMLAT\n"                         // 21
    "PARTICIPANT_2 = SAT\n"                            // 22
    "ANGLE_TYPE = RADEC\n"                             // 23
    "REFERENCE_FRAME = EME2000\n"                      // 24
    "META_STOP\n"                                      // 25
    "DATA_START\n"                                     // 26
    "ANGLE_1 = 2021-154T21:15:30.25 350.1\n"           // 27
    "ANGLE_2 = 2021-154T21:15:30.25 -12.3\n"           // 28
    "DATA_STOP\n";                                     // 29

// kGood with line `line` (1-based) replaced by `to` ("" removes it; `to`
// may hold several lines).
std::string Edit(int line, const std::string& to) {
  std::string s = kGood;
  size_t at = 0;
  for (int i = 1; i < line; ++i) at = s.find('\n', at) + 1;
  const size_t eol = s.find('\n', at);
  s.replace(at, eol + 1 - at, to.empty() ? "" : to + "\n");
  return s;
}

// Observations kept in the segment whose PARTICIPANT_1 is `station`; −1
// when that segment was rejected.
int Observations(const TdmFile& f, const std::string& station) {
  for (const TdmSegment& s : f.segments) {
    if (s.meta.participants[0] == station) {
      return static_cast<int>(s.observations.size());
    }
  }
  return -1;
}

std::string Messages(const TdmFile& f) {
  std::string all;
  for (const TdmRejection& r : f.rejections)
    absl::StrAppend(&all, r.message, "\n");
  return all;
}

struct Case {
  int line;            // the line edited
  std::string to;      // its new text
  int at;              // the line the rejection must name
  std::string expect;  // "KEYWORD: reason" (a prefix of it)
  int a, b;            // observations kept in segments A and B (−1: rejected)
};

void Check(const Case& c) {
  const std::string text = Edit(c.line, c.to);
  SCOPED_TRACE(absl::StrCat("line ", c.line, " -> '", c.to, "'"));
  const TdmFile f = ParseTdmKvnText(text, "t.tdm");
  ASSERT_EQ(f.rejections.size(), 1u) << Messages(f);
  const std::string want = absl::StrCat("t.tdm:", c.at, ": ", c.expect);
  EXPECT_EQ(f.rejections[0].message.substr(0, want.size()), want)
      << f.rejections[0].message;
  EXPECT_EQ(f.rejections[0].line, c.at);
  EXPECT_EQ(Observations(f, "DSS-65"), c.a);
  EXPECT_EQ(Observations(f, "ZIMLAT"), c.b);
}

TEST(TdmRejectTest, TheGoodMessageHasNoRejections) {
  const TdmFile f = ParseTdmKvnText(kGood, "t.tdm");
  EXPECT_TRUE(f.rejections.empty()) << Messages(f);
  EXPECT_EQ(Observations(f, "DSS-65"), 4);
  EXPECT_EQ(Observations(f, "ZIMLAT"), 2);
}

TEST(TdmRejectTest, BadDataLinesCostOnlyThemselves) {
  const std::vector<Case> cases = {
      {14, "RANGEX = 2021-06-03T06:00:00 1", 14,
       "RANGEX: not a TDM data keyword", 3, 2},
      {15, "RECEIVE_FREQ = 2021-06-03T06:00:00 2.2e9", 15,
       "RECEIVE_FREQ: data type not supported (read: RANGE,", 3, 2},
      {14, "RANGE = 2021-06-03T06:00:00 12.3.4", 14,
       "RANGE: '12.3.4' is not a number", 3, 2},
      {14, "RANGE = 2021-06-03T06:00:00 nan", 14,
       "RANGE: 'nan' is not a number", 3, 2},
      {14, "RANGE = 2021-06-31T06:00:00 1", 14,
       "RANGE: time '2021-06-31T06:00:00': day 31 not in 1-30", 3, 2},
      {16, "ANGLE_1 = 2021-06-03 123.4", 16,
       "ANGLE_1: time '2021-06-03': expected YYYY-MM-DDThh", 3, 2},
      {14, "RANGE = 2021-06-03T06:00:00", 14,
       "RANGE: expected 'time-tag value', got '2021-06-03T06:00:00'", 3, 2},
      {14, "RANGE 2021-06-03T06:00:00 1", 14,
       "'RANGE 2021-06-03T06:00:00 1': expected KEYWORD = value", 3, 2},
      {17, "ANGLE_2 = 2021-06-03T06:00:00 95", 17,
       "ANGLE_2: 95 deg not in [-90, 90]", 3, 2},
      {16, "ANGLE_1 = 2021-06-03T06:00:00 360", 16,
       "ANGLE_1: 360 deg not in [-180, 360)", 3, 2},
      {28, "ANGLE_2 = 2021-154T21:15:30.25Z -12.3", 28,
       "ANGLE_2: time '2021-154T21:15:30.25Z': 'Z' marks UTC", 4, 1},
      // A data line after DATA_STOP, and one between META_STOP and DATA_START.
      {18, "DATA_STOP\nRANGE = 2021-06-03T06:00:00 1", 19,
       "RANGE: outside META_START/META_STOP and DATA_START/DATA_STOP", 4, 2},
      {12, "META_STOP\nRANGE = 2021-06-03T06:00:00 1", 13,
       "RANGE: outside META_START/META_STOP and DATA_START/DATA_STOP", 4, 2},
      {18, "DATA_STOP\nDATA_STOP", 19, "DATA_STOP: without DATA_START", 4, 2},
  };
  for (const Case& c : cases) Check(c);
}

TEST(TdmRejectTest, AnglesWithoutAngleTypeAreRejectedOneByOne) {
  const TdmFile f = ParseTdmKvnText(Edit(11, ""), "t.tdm");
  ASSERT_EQ(f.rejections.size(), 2u) << Messages(f);
  EXPECT_EQ(f.rejections[0].message,
            "t.tdm:15: ANGLE_1: no ANGLE_TYPE in the metadata");
  EXPECT_EQ(f.rejections[1].message,
            "t.tdm:16: ANGLE_2: no ANGLE_TYPE in the metadata");
  EXPECT_EQ(Observations(f, "DSS-65"), 2);  // range and Doppler kept
  EXPECT_EQ(Observations(f, "ZIMLAT"), 2);
}

TEST(TdmRejectTest, BadMetadataCostsItsSegmentOnly) {
  const std::vector<Case> cases = {
      {5, "", 4, "TIME_SYSTEM: missing (mandatory)", -1, 2},
      {6, "", 4, "PARTICIPANT_1: missing (mandatory)", -1, 2},
      {5, "TIME_SYSTEM = UT1", 5,
       "TIME_SYSTEM: 'UT1' not supported (UTC, TAI, TT, GPS)", -1, 2},
      {20, "TIME_SYSTEM = TCB", 20, "TIME_SYSTEM: 'TCB' not supported", 4, -1},
      {11, "ANGLE_TYPE = XSYE", 11,
       "ANGLE_TYPE: 'XSYE' not supported (AZEL, RADEC)", -1, 2},
      {11, "RANGE_UNITS = RU", 11,
       "RANGE_UNITS: RU (range units) need the ranging code; not supported", -1,
       2},
      {9, "RANGE_UNITS = s", 9, "RANGE_UNITS: s (light time) needs a PATH", -1,
       2},
      {8, "MODE = SINGLE_DIFF", 8,
       "MODE: SINGLE_DIFF not supported (only SEQUENTIAL)", -1, 2},
      {9, "PATH = 1,3", 9, "PATH: participant 3 not given", -1, 2},
      {9, "PATH = 1;2", 9, "PATH: '1;2': expected participant numbers", -1, 2},
      {9, "PATH = 1, 2,1", 9, "PATH: '1, 2,1': expected participant numbers 1-5 separated by commas without spaces", -1, 2},
      {7, "PARTICIPANT_3 = SAT", 7, "PARTICIPANT_3: PARTICIPANT_2 not given",
       -1, 2},
      {8, "FOO = 1", 8, "FOO: not a TDM metadata keyword", -1, 2},
      {8, "RANGE = 2021-06-03T06:00:00 1", 8,
       "RANGE: data line inside the metadata block", -1, 2},
      {8, "PATH = 1,2", 9, "PATH: given twice (first at line 8)", -1, 2},
      {10, "INTEGRATION_INTERVAL = 1.0.0", 10,
       "INTEGRATION_INTERVAL: '1.0.0' is not a number", -1, 2},
      {10, "INTEGRATION_INTERVAL = 1.0 [min]", 10,
       "INTEGRATION_INTERVAL: unit [min], expected [s]", -1, 2},
      {10, "INTEGRATION_INTERVAL = -1", 10, "INTEGRATION_INTERVAL: -1 not > 0",
       -1, 2},
      {10, "START_TIME = 2021-06-03T25:00:00", 10,
       "START_TIME: time '2021-06-03T25:00:00': hour 25 not in 0-23", -1, 2},
      {10, "CORRECTION_RANGE = 0.1 [s]", 10,
       "CORRECTION_RANGE: unit [s], expected [km] (RANGE_UNITS)", -1, 2},
      {24, "", 23, "ANGLE_TYPE: RADEC needs REFERENCE_FRAME", 4, -1},
      {24, "REFERENCE_FRAME = TOD", 24,
       "REFERENCE_FRAME: 'TOD' not supported (EME2000, ICRF, GCRF", 4, -1},
      {22, "PATH_1 = 1,2", 22,
       "PATH_1: single-difference paths not "
       "supported",
       4, -1},
      {8, "MODE SEQUENTIAL", 8, "'MODE SEQUENTIAL': expected KEYWORD = value",
       -1, 2},
      // Structure: no META_STOP, no metadata block at all, no DATA_STOP.
      {12, "", 12, "DATA_START: the metadata block has no META_STOP", -1, 2},
      {25, "", 25, "DATA_START: the metadata block has no META_STOP", 4, -1},
      {18, "", 18, "META_START: the data block before has no DATA_STOP", -1, 2},
      {29, "", 26, "DATA_START: no DATA_STOP before the end", 4, -1},
  };
  for (const Case& c : cases) Check(c);
}

TEST(TdmRejectTest, DataWithoutMetadataIsOneRejection) {
  // Segment B's metadata block removed: its two data lines go with it.
  std::string text = kGood;
  const size_t from = text.find("META_START", text.find("DATA_STOP"));
  const size_t to = text.find("DATA_START", from);
  text.erase(from, to - from);
  const TdmFile f = ParseTdmKvnText(text, "t.tdm");
  ASSERT_EQ(f.rejections.size(), 1u);
  EXPECT_EQ(f.rejections[0].message,
            "t.tdm:19: DATA_START: no metadata block (META_START ... "
            "META_STOP) before it");
  ASSERT_EQ(f.segments.size(), 1u);
  EXPECT_EQ(f.segments[0].observations.size(), 4u);
}

TEST(TdmRejectTest, HeaderProblemsKeepTheSegments) {
  const std::vector<Case> cases = {
      {1, "", 1, "CCSDS_TDM_VERS: missing (mandatory keyword)", 4, 2},
      {1, "CCSDS_TDM_VERS = 3.0", 1,
       "CCSDS_TDM_VERS: version '3.0' not supported (1.0, 2.0)", 4, 2},
      {2, "", 1, "CREATION_DATE: missing (mandatory keyword)", 4, 2},
      {2, "CREATION_DATE = 2021-06-03T08:30", 2,
       "CREATION_DATE: time '2021-06-03T08:30': expected hh:mm:ss", 4, 2},
      {3, "ORIGINATOR = TEST\nOBJECT_NAME = X", 4,
       "OBJECT_NAME: not a TDM header keyword", 4, 2},
      {3, "CCSDS_TDM_VERS = 2.0", 3, "CCSDS_TDM_VERS: given twice", 4, 2},
  };
  for (const Case& c : cases) {
    // "ORIGINATOR: missing" comes with the duplicate version: expect both.
    if (c.expect == "CCSDS_TDM_VERS: given twice") {
      const TdmFile f = ParseTdmKvnText(Edit(c.line, c.to), "t.tdm");
      ASSERT_EQ(f.rejections.size(), 2u);
      EXPECT_EQ(f.rejections[0].message,
                "t.tdm:1: ORIGINATOR: missing (mandatory keyword)");
      EXPECT_EQ(f.rejections[1].message,
                "t.tdm:3: CCSDS_TDM_VERS: given twice");
      EXPECT_EQ(f.segments.size(), 2u);
      continue;
    }
    Check(c);
  }
}

TEST(TdmRejectTest, XmlProblemsAreNamedTheSameWay) {
  const std::string head =
      "<tdm id=\"CCSDS_TDM_VERS\" version=\"2.0\">\n"                 // 1
      "<header><CREATION_DATE>2021-06-03T08:30:00</CREATION_DATE>\n"  // 2
      "<ORIGINATOR>TEST</ORIGINATOR></header>\n"                      // 3
      "<body>\n";                                                     // 4
  const std::string good_segment =
      "<segment><metadata><TIME_SYSTEM>UTC</TIME_SYSTEM>\n"   // 5
      "<PARTICIPANT_1>A</PARTICIPANT_1><PATH>1,2,1</PATH>\n"  // 6
      "<PARTICIPANT_2>B</PARTICIPANT_2></metadata><data>\n"   // 7
      "<observation><EPOCH>2021-06-03T06:00:00</EPOCH>\n"     // 8
      "<RANGE>2411.7</RANGE></observation>\n"                 // 9
      "<observation><EPOCH>2021-06-03T06:00:01</EPOCH>\n"     // 10
      "<RANGE>2411.x</RANGE></observation>\n"                 // 11
      "<observation><RANGE>2411.9</RANGE></observation>\n"    // 12
      "</data></segment>\n";                                  // 13
  const std::string bad_segment =
      "<segment><metadata>\n"                                // 14
      "<PARTICIPANT_1>A</PARTICIPANT_1></metadata><data>\n"  // 15
      "<observation><EPOCH>2021-06-03T06:00:00</EPOCH>\n"    // 16
      "<RANGE>2411.7</RANGE></observation>\n"                // 17
      "</data></segment>\n";                                 // 18
  const TdmFile f = ParseTdmXmlText(
      head + good_segment + bad_segment + "</body></tdm>\n", "t.xml");
  ASSERT_EQ(f.rejections.size(), 3u);
  EXPECT_EQ(f.rejections[0].message,
            "t.xml:11: RANGE: '2411.x' is not a number");
  EXPECT_EQ(f.rejections[1].message,
            "t.xml:12: RANGE: <observation> without <EPOCH>");
  EXPECT_EQ(f.rejections[2].message,
            "t.xml:14: TIME_SYSTEM: missing (mandatory)");
  ASSERT_EQ(f.segments.size(), 1u);
  ASSERT_EQ(f.segments[0].observations.size(), 1u);
  EXPECT_EQ(f.segments[0].observations[0].value, 2411700.0);
  const TdmFile broken = ParseTdmXmlText(head, "t.xml");
  ASSERT_EQ(broken.rejections.size(), 1u);
  EXPECT_EQ(broken.rejections[0].message.substr(0, 12), "t.xml:1: XML");
}

}  // namespace
}  // namespace sstrack::astro
