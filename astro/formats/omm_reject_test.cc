// Copyright sstrack authors.
//
// Every kind of bad OMM yields a rejection naming source:line and the
// keyword, and the good messages around it survive — in KVN, XML and JSON.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "astro/formats/omm.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

// A valid KVN OMM for catalog number `id` (the ISS elements of the test
// data) with one line replaced, removed ("" as replacement) or added.
std::string Kvn(int id, const std::string& from = "",
                const std::string& to = "") {
  std::string s = absl::StrCat(
      "CCSDS_OMM_VERS = 2.0\n"
      "CREATION_DATE = 2018-01-21T06:00:00\n"
      "ORIGINATOR = TEST\n"
      "OBJECT_NAME = OBJECT ",
      id,
      "\n"
      "OBJECT_ID = 1998-067A\n"
      "CENTER_NAME = EARTH\n"
      "REF_FRAME = TEME\n"
      "TIME_SYSTEM = UTC\n"
      "MEAN_ELEMENT_THEORY = SGP4\n"
      "EPOCH = 2018-01-20T21:33:14.841216\n"
      "MEAN_MOTION = 15.54190080 [rev/day]\n"
      "ECCENTRICITY = 0.0003646\n"
      "INCLINATION = 51.6424 [deg]\n"
      "RA_OF_ASC_NODE = 32.9776\n"
      "ARG_OF_PERICENTER = 28.7227\n"
      "MEAN_ANOMALY = 39.5332\n"
      "NORAD_CAT_ID = ",
      id,
      "\n"
      "ELEMENT_SET_NO = 999\n"
      "REV_AT_EPOCH = 9561\n"
      "BSTAR = 0.3855E-4\n"
      "MEAN_MOTION_DOT = 0.00002078\n"
      "MEAN_MOTION_DDOT = 0\n");
  if (!from.empty()) {
    const size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    const size_t eol = s.find('\n', at);
    s.replace(at, eol + 1 - at, to.empty() ? "" : to + "\n");
  }
  return s;
}

// 1-based line of the first occurrence of `needle`.
int LineOf(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

struct Case {
  std::string from, to;  // the line edited
  std::string at;        // text on the line the rejection must name
  std::string expect;    // "KEYWORD: reason" part
};

TEST(OmmRejectTest, KvnEachBadMessageIsNamedAndTheOthersSurvive) {
  const std::vector<Case> cases = {
      {"MEAN_ANOMALY", "", "CCSDS_OMM_VERS",
       "MEAN_ANOMALY: missing (mandatory keyword)"},
      {"BSTAR", "", "CCSDS_OMM_VERS", "BSTAR: missing"},
      {"OBJECT_ID", "", "CCSDS_OMM_VERS", "OBJECT_ID: missing"},
      {"ORIGINATOR", "", "CCSDS_OMM_VERS", "ORIGINATOR: missing"},
      {"ECCENTRICITY", "ECCENTRICITY = 0.00x3", "ECCENTRICITY",
       "ECCENTRICITY: '0.00x3' is not a number"},
      {"ECCENTRICITY", "ECCENTRICITY = 1.0", "ECCENTRICITY",
       "ECCENTRICITY: 1.0 not in [0, 1)"},
      {"ECCENTRICITY", "ECCENTRICITY = -0.1", "ECCENTRICITY",
       "ECCENTRICITY: -0.1 not in [0, 1)"},
      {"INCLINATION", "INCLINATION = 180.5", "INCLINATION",
       "INCLINATION: 180.5 deg not in [0, 180]"},
      {"INCLINATION", "INCLINATION = -1", "INCLINATION",
       "INCLINATION: -1 deg not in [0, 180]"},
      {"MEAN_MOTION", "MEAN_MOTION = 0", "MEAN_MOTION",
       "MEAN_MOTION: 0 rev/day: mean motion must be positive"},
      {"MEAN_MOTION", "MEAN_MOTION = -15.5", "MEAN_MOTION",
       "MEAN_MOTION: -15.5 rev/day"},
      {"MEAN_MOTION", "MEAN_MOTION = 15.5 [rad/s]", "MEAN_MOTION",
       "MEAN_MOTION: unit [rad/s], expected [rev/day]"},
      {"INCLINATION", "INCLINATION = 51.6 [rad]", "INCLINATION",
       "INCLINATION: unit [rad], expected [deg]"},
      {"ECCENTRICITY", "ECCENTRICITY = 0.1 [deg]", "ECCENTRICITY",
       "ECCENTRICITY: takes no unit"},
      {"MEAN_ELEMENT_THEORY", "MEAN_ELEMENT_THEORY = SGP4-XP",
       "MEAN_ELEMENT_THEORY",
       "MEAN_ELEMENT_THEORY: SGP4-XP elements need the SGP4-XP propagator"},
      {"MEAN_ELEMENT_THEORY", "MEAN_ELEMENT_THEORY = DSST",
       "MEAN_ELEMENT_THEORY", "MEAN_ELEMENT_THEORY: 'DSST' is not SGP4"},
      {"REF_FRAME", "REF_FRAME = GCRF", "REF_FRAME",
       "REF_FRAME: 'GCRF' but SGP4 elements are in TEME"},
      {"CENTER_NAME", "CENTER_NAME = MOON", "CENTER_NAME",
       "CENTER_NAME: 'MOON'"},
      {"TIME_SYSTEM", "TIME_SYSTEM = TAI", "TIME_SYSTEM",
       "TIME_SYSTEM: 'TAI' but SGP4 epochs are UTC"},
      {"CCSDS_OMM_VERS", "CCSDS_OMM_VERS = 1.0", "CCSDS_OMM_VERS",
       "CCSDS_OMM_VERS: '1.0' is not a supported version"},
      {"EPOCH", "EPOCH = 2018-02-30T00:00:00", "EPOCH",
       "EPOCH: time '2018-02-30T00:00:00'"},
      {"EPOCH", "EPOCH = 2018-01-20", "EPOCH",
       "EPOCH: time '2018-01-20': expected 'T'"},
      {"NORAD_CAT_ID", "NORAD_CAT_ID = 25544.5", "NORAD_CAT_ID",
       "NORAD_CAT_ID: '25544.5' is not an integer"},
      {"REV_AT_EPOCH", "REV_AT_EPOCH = -3", "REV_AT_EPOCH",
       "REV_AT_EPOCH: -3 must be a non-negative integer"},
      {"MEAN_ANOMALY", "MEAN_ANOMALY = nan", "MEAN_ANOMALY",
       "MEAN_ANOMALY: 'nan' is not a number"},
      {"BSTAR", "BSTAR =", "BSTAR", "BSTAR: empty value"},
      {"ELEMENT_SET_NO", "EPHEMERIS_TYPE = 4\nELEMENT_SET_NO = 999",
       "EPHEMERIS_TYPE", "EPHEMERIS_TYPE: 4 is an SGP4-XP/SGP8 element set"},
      {"ORIGINATOR", "ORIGINATOR = TEST\nOBJECT_NAMEX = FOO", "OBJECT_NAMEX",
       "OBJECT_NAMEX: unknown keyword"},
      {"REF_FRAME", "REF_FRAME = TEME\nREF_FRAME = TEME",
       "REF_FRAME = TEME\nREF_FRAME", "REF_FRAME: given twice (first at line"},
      {"ORIGINATOR", "ORIGINATOR TEST", "ORIGINATOR TEST",
       "'ORIGINATOR TEST': expected KEYWORD = value"},
      {"ORIGINATOR", "originator = TEST", "originator",
       "'originator' is not a keyword"},
  };
  std::string file = Kvn(1);
  struct Expect {
    int line;
    std::string message;
  };
  std::vector<Expect> expected;
  int id = 100;
  for (const Case& c : cases) {
    const std::string msg = Kvn(++id, c.from, c.to);
    // For a duplicated line the rejection names the second one.
    int line = LineOf(msg, c.at);
    if (c.at == "REF_FRAME = TEME\nREF_FRAME") ++line;
    const int offset =
        static_cast<int>(std::count(file.begin(), file.end(), '\n'));
    expected.push_back(
        {offset + line, absl::StrCat("f.kvn:", offset + line, ": ", c.expect)});
    file += msg;
  }
  file += Kvn(2) + "COMMENT trailing comment\n";
  const ElementFileResult r = ParseOmmKvnText(file, "f.kvn");
  ASSERT_EQ(r.elements.size(), 2u);
  EXPECT_EQ(r.elements[0].catalog_number, 1);
  EXPECT_EQ(r.elements[1].catalog_number, 2);
  EXPECT_EQ(r.elements[1].name, "OBJECT 2");
  ASSERT_EQ(r.rejections.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(r.rejections[i].line, expected[i].line)
        << r.rejections[i].message;
    EXPECT_EQ(r.rejections[i].message.substr(0, expected[i].message.size()),
              expected[i].message);
  }
}

TEST(OmmRejectTest,
     KvnSkipsCommentsCovarianceAndUserDefinedAndAcceptsOptionals) {
  const std::string text = "COMMENT before the first message\n" +
                           Kvn(7, "MEAN_MOTION_DDOT",
                               "MEAN_MOTION_DDOT = 0 [rev/day**3]\n"
                               "COMMENT covariance follows\n"
                               "COV_REF_FRAME = TEME\n"
                               "CX_X = 3.3e-04 [km**2]\n"
                               "CZ_DOT_Z_DOT = 1.0e-10\n"
                               "USER_DEFINED_EARTH_MODEL = WGS-84\n"
                               "MASS = 300 [kg]\n"
                               "DRAG_COEFF = 2.2\n"
                               "GM = 398600.8 [km**3/s**2]\n"
                               "CLASSIFICATION_TYPE = S\n"
                               "EPHEMERIS_TYPE = 0\n"
                               "COV_START\n"
                               "anything at all\n"
                               "COV_STOP");
  const ElementFileResult r = ParseOmmKvnText(text, "ok.kvn");
  for (const ElementRejection& x : r.rejections) ADD_FAILURE() << x.message;
  ASSERT_EQ(r.elements.size(), 1u);
  EXPECT_EQ(r.elements[0].classification, 'S');
}

TEST(OmmRejectTest, StrayLinesAndDuplicates) {
  const std::string text = "OBJECT_NAME = ORPHAN\n" + Kvn(5) + Kvn(5) +
                           Kvn(5, "REV_AT_EPOCH", "REV_AT_EPOCH = 9562");
  const ElementFileResult r = ParseOmmKvnText(text, "d.kvn");
  ASSERT_EQ(r.elements.size(), 1u);
  EXPECT_EQ(r.duplicates, 1);
  ASSERT_EQ(r.rejections.size(), 2u);
  EXPECT_EQ(r.rejections[0].message,
            "d.kvn:1: OBJECT_NAME: before the first CCSDS_OMM_VERS");
  EXPECT_EQ(
      r.rejections[1].message,
      "d.kvn:46: NORAD_CAT_ID: catalog number 5 already given with different "
      "elements at line 2");
}

std::string Xml(int id, const std::string& extra_mean_elements = "",
                const std::string& ecc = "0.0003646") {
  return absl::StrCat(
      "<omm id=\"CCSDS_OMM_VERS\" version=\"3.0\">\n"
      "<header><CREATION_DATE>2018-01-21T06:00:00</CREATION_DATE>"
      "<ORIGINATOR>A &amp; B</ORIGINATOR></header>\n"
      "<body><segment>\n"
      "<metadata><OBJECT_NAME>OBJ ",
      id,
      "</OBJECT_NAME><OBJECT_ID>1998-067A</OBJECT_ID>"
      "<CENTER_NAME>EARTH</CENTER_NAME><REF_FRAME>TEME</REF_FRAME>"
      "<TIME_SYSTEM>UTC</TIME_SYSTEM><MEAN_ELEMENT_THEORY>SGP4</"
      "MEAN_ELEMENT_THEORY>"
      "</metadata>\n"
      "<data><meanElements><EPOCH>2018-01-20T21:33:14.841216</EPOCH>\n"
      "<MEAN_MOTION units=\"rev/day\">15.54190080</MEAN_MOTION>\n"
      "<ECCENTRICITY>",
      ecc, "</ECCENTRICITY>\n", extra_mean_elements,
      "<INCLINATION "
      "units=\"deg\">51.6424</INCLINATION><RA_OF_ASC_NODE>32.9776</"
      "RA_OF_ASC_NODE>"
      "<ARG_OF_PERICENTER>28.7227</ARG_OF_PERICENTER><MEAN_ANOMALY>39.5332</"
      "MEAN_ANOMALY>"
      "</meanElements>\n"
      "<tleParameters><NORAD_CAT_ID>",
      id,
      "</NORAD_CAT_ID><ELEMENT_SET_NO>999</ELEMENT_SET_NO>"
      "<REV_AT_EPOCH>9561</REV_AT_EPOCH><BSTAR>.3855E-4</BSTAR>"
      "<MEAN_MOTION_DOT>.2078E-4</MEAN_MOTION_DOT><MEAN_MOTION_DDOT>0</"
      "MEAN_MOTION_DDOT>"
      "</tleParameters>\n"
      "<covarianceMatrix><COV_REF_FRAME>TEME</COV_REF_FRAME><CX_X>1</CX_X></"
      "covarianceMatrix>\n"
      "</data></segment></body></omm>\n");
}

TEST(OmmRejectTest, XmlEachBadOmmIsNamedAndTheOthersSurvive) {
  const std::string text = absl::StrCat(
      "<?xml version=\"1.0\"?>\n<ndm>\n", Xml(1), Xml(2, "", "1.2"),
      Xml(3, "<INCLINATION units=\"rad\">0.9</INCLINATION>\n"), "<opm/>\n",
      Xml(4, "<GM>398600.8</GM>\n"), "</ndm>\n");
  const ElementFileResult r = ParseOmmXmlText(text, "f.xml");
  ASSERT_EQ(r.elements.size(), 2u);
  EXPECT_EQ(r.elements[0].catalog_number, 1);
  EXPECT_EQ(r.elements[1].catalog_number, 4);
  ASSERT_EQ(r.rejections.size(), 3u);
  EXPECT_EQ(r.rejections[0].message,
            absl::StrCat("f.xml:", LineOf(text, ">1.2<"),
                         ": ECCENTRICITY: 1.2 not in [0, 1)"));
  EXPECT_EQ(r.rejections[1].message,
            absl::StrCat("f.xml:", LineOf(text, "units=\"rad\""),
                         ": INCLINATION: unit [rad], expected [deg]"));
  EXPECT_EQ(r.rejections[2].message,
            absl::StrCat("f.xml:", LineOf(text, "<opm/>"),
                         ": <opm>: not an OMM (only <omm> is read)"));

  // No version attribute; a missing keyword names the <omm> line.
  std::string no_version = Xml(9);
  absl::StrReplaceAll({{" version=\"3.0\"", ""}}, &no_version);
  EXPECT_EQ(ParseOmm(no_version).status().message(),
            "line 1: CCSDS_OMM_VERS: missing (mandatory keyword)");
  // Broken XML: one rejection naming the line.
  const ElementFileResult broken =
      ParseOmmXmlText("<ndm>\n<omm>\n<header>\n</omm>\n</ndm>\n", "b.xml");
  ASSERT_EQ(broken.rejections.size(), 1u);
  EXPECT_EQ(broken.rejections[0].message,
            "b.xml:4: XML: Start-end tags mismatch");
}

TEST(OmmRejectTest, JsonEachBadObjectIsNamedAndTheOthersSurvive) {
  auto obj = [](int id, const std::string& extra) {
    return absl::StrCat(
        "{\"OBJECT_NAME\": \"OBJ\", \"OBJECT_ID\": \"1998-067A\",\n"
        " \"EPOCH\": \"2018-01-20T21:33:14.841216\", \"MEAN_MOTION\": "
        "15.5419008,\n"
        " \"ECCENTRICITY\": 0.0003646, \"INCLINATION\": 51.6424, "
        "\"RA_OF_ASC_NODE\": 32.9776,\n"
        " \"ARG_OF_PERICENTER\": 28.7227, \"MEAN_ANOMALY\": 39.5332, "
        "\"NORAD_CAT_ID\": ",
        id,
        ",\n \"ELEMENT_SET_NO\": 999, \"REV_AT_EPOCH\": 9561, \"BSTAR\": "
        "3.855e-5,\n"
        " \"MEAN_MOTION_DOT\": 2.078e-5, \"MEAN_MOTION_DDOT\": 0",
        extra, "}");
  };
  const std::string text =
      absl::StrCat("[\n", obj(1, ""), ",\n", obj(2, ",\n \"INCLINATION_X\": 1"),
                   ",\n", obj(3, ",\n \"REF_FRAME\": \"ITRF\""), ",\n",
                   obj(4, ",\n \"CLASSIFICATION_TYPE\": [\"U\"]"), ",\n",
                   "42,\n", obj(5, ", \"MEAN_ELEMENT_THEORY\": \"SGP4-XP\""),
                   ",\n", obj(6, ""), "\n]\n");
  const ElementFileResult r = ParseOmmJsonText(text, "f.json");
  ASSERT_EQ(r.elements.size(), 2u);
  EXPECT_EQ(r.elements[0].catalog_number, 1);
  EXPECT_EQ(r.elements[1].catalog_number, 6);
  ASSERT_EQ(r.rejections.size(), 5u);
  auto at = [&](const std::string& needle) {
    return absl::StrCat("f.json:", LineOf(text, needle), ": ");
  };
  EXPECT_EQ(r.rejections[0].message,
            at("INCLINATION_X") + "INCLINATION_X: unknown keyword");
  EXPECT_EQ(r.rejections[1].message,
            at("ITRF") + "REF_FRAME: 'ITRF' but SGP4 elements are in TEME");
  EXPECT_EQ(
      r.rejections[2].message,
      at("[\"U\"]") +
          "CLASSIFICATION_TYPE: array value, expected a string or a number");
  EXPECT_EQ(r.rejections[3].message,
            at("42,") + "JSON: array item 5 is not an OMM object but a number");
  EXPECT_EQ(r.rejections[4].message.rfind(
                at("SGP4-XP") + "MEAN_ELEMENT_THEORY: SGP4-XP", 0),
            0u)
      << r.rejections[4].message;

  // A JSON object without MEAN_MOTION names the object's first line.
  EXPECT_EQ(ParseOmmJsonText("\n\n{\"NORAD_CAT_ID\": 5}", "m.json")
                .rejections[0]
                .message,
            "m.json:3: OBJECT_NAME: missing (mandatory keyword)");
  const ElementFileResult broken =
      ParseOmmJsonText("[\n{\"A\": 1,}\n]", "b.json");
  ASSERT_EQ(broken.rejections.size(), 1u);
  EXPECT_EQ(broken.rejections[0].message,
            "b.json:2: JSON: Missing a name for object member.");
}

TEST(OmmRejectTest, ParseOmmWantsExactlyOneMessage) {
  EXPECT_TRUE(ParseOmm(Kvn(1)).ok());
  EXPECT_EQ(ParseOmm(Kvn(1) + Kvn(2)).status().message(),
            "line 1: 2 OMMs in the text, expected exactly one");
  EXPECT_EQ(ParseOmm(Kvn(1, "BSTAR", "BSTAR = x")).status().message(),
            "line 20: BSTAR: 'x' is not a number");
  EXPECT_FALSE(ParseOmm("1 25544U\n").ok());
  EXPECT_EQ(ParseOmmText("plain text", "p.txt").rejections[0].line, 1);
}

}  // namespace
}  // namespace sstrack::astro
