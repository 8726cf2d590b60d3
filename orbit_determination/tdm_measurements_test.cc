// Copyright sstrack authors.
#include "orbit_determination/tdm_measurements.h"

#include <cmath>

#include "gtest/gtest.h"

namespace sstrack::od {
namespace {

constexpr double kDeg = M_PI / 180;

astro::TdmSegment Segment(astro::TdmAngleType angles, std::vector<astro::TdmObservable> types) {
  astro::TdmSegment seg;
  seg.meta.participants = {"SITE", "SAT"};
  seg.meta.angle_type = angles;
  int line = 10;
  for (astro::TdmObservable t : types) {
    astro::TdmObservation o;
    o.type = t;
    o.value = 0.5;
    o.line = ++line;
    seg.observations.push_back(o);
  }
  return seg;
}

std::map<std::string, Station> Sites() {
  return {{"SITE", *astro::MakeGroundSite("SITE", {0.7, 0.3, 100.0})}};
}

// The rule of tdm_measurements.h, case by case.
TEST(TdmMeasurementsTest, AberrationFlagsFollowTheMetadata) {
  using astro::TdmObservable;
  const auto radec = {TdmObservable::kRightAscension, TdmObservable::kDeclination};
  astro::TdmFile file;
  // 0: silent → the caller's default.
  file.segments.push_back(Segment(astro::TdmAngleType::kRaDec, radec));
  // 1: yearly given, not applied → data contain it; value not added.
  file.segments.push_back(Segment(astro::TdmAngleType::kRaDec, radec));
  file.segments[1].meta.correction_aberration_yearly_rad = 20.0 / 3600 * kDeg;
  file.segments[1].meta.corrections_applied = false;
  // 2: both given and applied → geometric.
  file.segments.push_back(Segment(astro::TdmAngleType::kRaDec, radec));
  file.segments[2].meta.correction_aberration_yearly_rad = 0.0;
  file.segments[2].meta.correction_aberration_diurnal_rad = 0.0;
  file.segments[2].meta.corrections_applied = true;
  TdmCorrections corr;
  corr.default_radec_aberration = {false, true};
  const TdmConversion c = MeasurementsFromTdm(file, "f.tdm", Sites(), {}, corr);
  ASSERT_EQ(c.measurements.size(), 6u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_FALSE(c.measurements[i].aberration.annual);
    EXPECT_TRUE(c.measurements[i].aberration.diurnal);
    EXPECT_TRUE(c.measurements[2 + i].aberration.annual);
    EXPECT_TRUE(c.measurements[2 + i].aberration.diurnal);  // default kept
    EXPECT_EQ(c.measurements[2 + i].value, 0.5);            // not added
    EXPECT_FALSE(c.measurements[4 + i].aberration.any());
  }
  EXPECT_EQ(c.notes.size(), 1u);

  // A station's own declaration replaces the default; the metadata still win.
  corr.radec_aberration["SITE"] = {true, false};
  const TdmConversion s = MeasurementsFromTdm(file, "f.tdm", Sites(), {}, corr);
  ASSERT_EQ(s.measurements.size(), 6u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_TRUE(s.measurements[i].aberration.annual);
    EXPECT_FALSE(s.measurements[i].aberration.diurnal);
    EXPECT_TRUE(s.measurements[2 + i].aberration.annual);
    EXPECT_FALSE(s.measurements[2 + i].aberration.diurnal);
    EXPECT_FALSE(s.measurements[4 + i].aberration.any());
  }
}

TEST(TdmMeasurementsTest, AtmosphereComesFromTheCallerPerStation) {
  using astro::TdmObservable;
  astro::TdmFile file;
  file.segments.push_back(Segment(astro::TdmAngleType::kAzEl,
                                  {TdmObservable::kAzimuth, TdmObservable::kElevation,
                                   TdmObservable::kRange}));
  const TdmConversion none = MeasurementsFromTdm(file, "f.tdm", Sites());
  ASSERT_EQ(none.measurements.size(), 3u);
  for (const Measurement& m : none.measurements) EXPECT_EQ(m.atmosphere, Atmosphere::kNone);
  TdmCorrections corr;
  corr.atmosphere["SITE"] = Atmosphere::kRadio;
  const TdmConversion radar = MeasurementsFromTdm(file, "f.tdm", Sites(), {}, corr);
  for (const Measurement& m : radar.measurements) {
    EXPECT_EQ(m.atmosphere, Atmosphere::kRadio);
    EXPECT_FALSE(m.aberration.any());
  }
}

}  // namespace
}  // namespace sstrack::od
