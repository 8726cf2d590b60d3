// Copyright sstrack authors.
//
// FormatTdmKvn: what the reader produced reads back bit for bit; values made
// in code come back within one unit in the last place; what KVN cannot say
// is refused.
#include <cmath>
#include <functional>
#include <random>
#include <string>

#include "absl/strings/match.h"
#include "astro/formats/tdm.h"
#include "astro/formats/tdm_testing.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr char kKvn[] = "astro/formats/testdata/pass.tdm";

std::string Write(const TdmFile& f) {
  absl::StatusOr<std::string> s = FormatTdmKvn(f);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.value_or("");
}

TEST(TdmWriterTest, ReadWriteReadIsBitExact) {
  absl::StatusOr<TdmFile> first = ReadTdmFile(kKvn);
  ASSERT_TRUE(first.ok()) << first.status();
  const std::string text = Write(*first);
  const TdmFile second = ParseTdmKvnText(text, "written");
  for (const TdmRejection& r : second.rejections) ADD_FAILURE() << r.message;
  ExpectSameTdm(*first, second, /*compare_lines=*/false);
  // Writing again changes nothing: the text is a fixed point.
  EXPECT_EQ(Write(second), text);
  // The shortest decimal is the one the file had, in the segment's scale.
  for (const char* line : {
           "RANGE = 2021-06-03T06:00:00.000 2411.7362156\n",
           "ANGLE_1 = 2021-06-03T06:00:00.000 123.4567\n",
           "DOPPLER_INSTANTANEOUS = 2021-06-03T06:01:00.000 -1.1802\n",
           "ANGLE_2 = 2021-06-03T21:15:30.250 -12.345678\n",  // TT
           "RANGE = 2021-06-03T06:10:01.000 0.0160012\n",     // GPS, s
           "CORRECTION_ANGLE_2 = -0.0031\n",
           "INTEGRATION_INTERVAL = 10\n",
           "TRANSMIT_DELAY_1 = 7.7e-05\n",
           "RANGE_MODULUS = 0.5\n",
           "CREATION_DATE = 2021-06-03T08:30:00.000\n",
       }) {
    EXPECT_TRUE(absl::StrContains(text, line)) << line << "\nin\n" << text;
  }
}

TEST(TdmWriterTest, ValuesMadeInCodeComeBackWithinOneUlp) {
  TdmFile f;
  f.header.originator = "TEST";
  f.header.creation_date = Epoch::FromTaiSeconds(700000000, 0.5);
  for (TimeScale ts : {TimeScale::kUtc, TimeScale::kTt}) {
    TdmSegment az;
    az.meta.time_system = ts;
    az.meta.participants = {"STATION", "OBJECT"};
    az.meta.path = {1, 2, 1};
    az.meta.angle_type = TdmAngleType::kAzEl;
    az.meta.range_units = TdmRangeUnits::kSeconds;
    f.segments.push_back(az);
  }
  std::mt19937_64 rng(20210603);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < 400; ++i) {
    TdmSegment& s = f.segments[i % 2];
    TdmObservation o;
    o.segment = i % 2;
    // Nanosecond tags (the writer's resolution) with an irregular fraction.
    o.epoch = Epoch::FromTaiSeconds(700000000 + i * 7,
                                    std::floor(unit(rng) * 1e9) / 1e9);
    switch (i % 4) {
      case 0:
        o.type = TdmObservable::kRange;
        o.value = 4e5 + unit(rng) * 4e7;
        break;
      case 1:
        o.type = TdmObservable::kRangeRate;
        o.value = -7e3 + unit(rng) * 1.4e4;
        break;
      case 2:
        o.type = TdmObservable::kAzimuth;
        o.value = unit(rng) * 2 * M_PI * 0.999;
        break;
      default:
        o.type = TdmObservable::kElevation;
        o.value = (unit(rng) - 0.5) * M_PI * 0.999;
    }
    s.observations.push_back(o);
  }
  const TdmFile back = ParseTdmKvnText(Write(f), "written");
  ASSERT_TRUE(back.rejections.empty()) << back.rejections[0].message;
  ASSERT_EQ(back.segments.size(), 2u);
  int exact = 0, total = 0;
  for (int k = 0; k < 2; ++k) {
    ASSERT_EQ(back.segments[k].observations.size(),
              f.segments[k].observations.size());
    for (size_t i = 0; i < f.segments[k].observations.size(); ++i) {
      const TdmObservation& a = f.segments[k].observations[i];
      const TdmObservation& b = back.segments[k].observations[i];
      EXPECT_EQ(a.type, b.type);
      EXPECT_NEAR(b.epoch - a.epoch, 0.0, 1e-12);
      const double ulp =
          std::nextafter(std::abs(a.value), INFINITY) - std::abs(a.value);
      EXPECT_LE(std::abs(b.value - a.value), ulp) << a.value;
      exact += b.value == a.value;
      ++total;
    }
  }
  // Most doubles are the image of some decimal; only a few are skipped.
  EXPECT_GT(exact, total * 8 / 10);
}

TEST(TdmWriterTest, RefusesWhatKvnCannotSay) {
  TdmFile good;
  good.header.originator = "TEST";
  TdmSegment s;
  s.meta.participants = {"A", "B"};
  s.meta.angle_type = TdmAngleType::kRaDec;
  s.meta.reference_frame = "ICRF";
  TdmObservation ra;
  ra.type = TdmObservable::kRightAscension;
  ra.value = 1.0;
  s.observations.push_back(ra);
  good.segments.push_back(s);
  ASSERT_TRUE(FormatTdmKvn(good).ok());

  struct Case {
    std::string expect;
    std::function<void(TdmFile*)> edit;
  };
  const Case cases[] = {
      {"segment 0: TIME_SYSTEM: UT1 not supported",
       [](TdmFile* f) { f->segments[0].meta.time_system = TimeScale::kUt1; }},
      {"segment 0: ANGLE_1: azimuth needs ANGLE_TYPE = AZEL",
       [](TdmFile* f) {
         f->segments[0].observations[0].type = TdmObservable::kAzimuth;
       }},
      {"segment 0: RANGE: range RANGE_UNITS = s (light time) needs a PATH",
       [](TdmFile* f) {
         f->segments[0].meta.range_units = TdmRangeUnits::kSeconds;
         f->segments[0].observations[0].type = TdmObservable::kRange;
       }},
      {"segment 0: PATH: participant 3 not given",
       [](TdmFile* f) {
         f->segments[0].meta.path = {1, 3};
       }},
      {"segment 0: COMMENT: value has a line break",
       [](TdmFile* f) { f->segments[0].meta.comments = {"two\nlines"}; }},
      {"segment 0: ANGLE_1: value is not finite",
       [](TdmFile* f) { f->segments[0].observations[0].value = NAN; }},
      {"segment 0: ANGLE_1: 401.07",
       [](TdmFile* f) { f->segments[0].observations[0].value = 7.0; }},
      {"CCSDS_TDM_VERS: version '3.0' not supported",
       [](TdmFile* f) { f->header.version = "3.0"; }},
  };
  for (const Case& c : cases) {
    TdmFile f = good;
    c.edit(&f);
    absl::StatusOr<std::string> s = FormatTdmKvn(f);
    ASSERT_FALSE(s.ok()) << c.expect;
    EXPECT_TRUE(absl::StartsWith(s.status().message(), c.expect)) << s.status();
  }
}

}  // namespace
}  // namespace sstrack::astro
