// Copyright sstrack authors.
#include "service/config_loader.h"

#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "absl/strings/str_cat.h"

namespace sstrack::service {
namespace {

using ::testing::HasSubstr;
constexpr double kDeg = M_PI / 180.0;

constexpr char kOne[] = R"pb(
sensor {
  name: "T"
  type: OPTICAL
  latitude_deg: 34.5
  longitude_deg: 133.5
  altitude_m: 400
  min_elevation_deg: 15
  mask { azimuth_deg: 0 min_elevation_deg: 20 }
  optical { max_sun_elevation_deg: -12 min_moon_separation_deg: 30 limiting_magnitude: 17 }
  azimuth_axis { max_rate_deg_s: 3 max_acceleration_deg_s2: 1 }
  elevation_axis { max_rate_deg_s: 2 max_acceleration_deg_s2: 1 }
  track_duration_s: 120
  observations_per_track: 12
  noise { angle_arcsec: 1.5 }
}
)pb";

TEST(ConfigLoaderTest, ShippedNetworkLoads) {
  auto net = LoadSensorNetwork("config/sensors.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  ASSERT_GE(net->size(), 6u);
  EXPECT_EQ((*net)[0].name(), "BISEI");
  EXPECT_EQ((*net)[0].type(), sensors::SensorType::kOptical);
  EXPECT_NEAR((*net)[0].spec().geodetic.latitude_rad, 34.6717 * kDeg, 1e-12);
  int radars = 0;
  for (const sensors::Sensor& s : *net) radars += sensors::IsRadar(s.type());
  EXPECT_GE(radars, 3);
}

TEST(ConfigLoaderTest, ConvertsUnits) {
  auto net = ParseSensorNetwork(kOne, "one.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  const sensors::SensorSpec& s = (*net)[0].spec();
  EXPECT_NEAR(s.elevation_axis.max_rate_rad_s, 2 * kDeg, 1e-15);
  EXPECT_NEAR(s.noise.angle_rad, 1.5 / 3600 * kDeg, 1e-18);
  EXPECT_NEAR(s.optical.max_sun_elevation_rad, -12 * kDeg, 1e-15);
  EXPECT_TRUE(std::isinf(s.max_range_m));  // 0 = no limit
  EXPECT_NEAR((*net)[0].MaskElevation(0), 20 * kDeg, 1e-15);
}

TEST(ConfigLoaderTest, SyntaxErrorsNameFileLineAndColumn) {
  auto net = ParseSensorNetwork("sensor {\n  name: \"X\"\n  bogus_field: 3\n}\n", "bad.textproto");
  ASSERT_FALSE(net.ok());
  EXPECT_THAT(net.status().message(), HasSubstr("bad.textproto:3:"));
  EXPECT_THAT(net.status().message(), HasSubstr("bogus_field"));
}

TEST(ConfigLoaderTest, OutOfRangeValuesNameFileLineSensorAndField) {
  std::string text = kOne;
  text.replace(text.find("max_rate_deg_s: 3"), 17, "max_rate_deg_s: -3");
  auto net = ParseSensorNetwork(text, "s.textproto");
  ASSERT_FALSE(net.ok());
  EXPECT_EQ(net.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(net.status().message(),
              HasSubstr("s.textproto:11: sensor T: azimuth_axis.max_rate_deg_s = -3: must be > 0"));

  text = kOne;
  text.replace(text.find("min_elevation_deg: 15"), 21, "min_elevation_deg: 95");
  net = ParseSensorNetwork(text, "s.textproto");
  ASSERT_FALSE(net.ok());
  EXPECT_THAT(net.status().message(), HasSubstr("s.textproto:8: sensor T: min_elevation_deg = 95"));

  text = kOne;
  text.replace(text.find("min_elevation_deg: 20"), 21, "min_elevation_deg: 91");
  net = ParseSensorNetwork(text, "s.textproto");
  EXPECT_THAT(net.status().message(), HasSubstr("s.textproto:9: sensor T: mask[0].min_elevation_deg"));

  // A missing field is reported at the sensor's block.
  text = kOne;
  text.replace(text.find("  track_duration_s: 120\n"), 23, "");
  net = ParseSensorNetwork(text, "s.textproto");
  EXPECT_THAT(net.status().message(), HasSubstr("s.textproto:2: sensor T: track_duration_s = 0"));

  net = ParseSensorNetwork(std::string(kOne) + kOne, "d.textproto");
  EXPECT_THAT(net.status().message(), HasSubstr("duplicate name"));
  EXPECT_EQ(LoadSensorNetwork("/nonexistent.textproto").status().code(),
            absl::StatusCode::kNotFound);
}

// kOne with a `corrections { … }` block after noise (line 16; its first
// field on line 17).
std::string WithCorrections(absl::string_view fields) {
  std::string text = kOne;
  const std::string block = absl::StrCat("  corrections {\n", fields, "  }\n");
  text.insert(text.rfind("}"), block);
  return text;
}

TEST(ConfigLoaderTest, MeasurementCorrections) {
  auto net = ParseSensorNetwork(kOne, "one.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ((*net)[0].spec().corrections.atmosphere, sensors::ReportedAtmosphere::kNone);
  EXPECT_FALSE((*net)[0].spec().corrections.radec_annual_aberration);
  EXPECT_FALSE((*net)[0].spec().corrections.radec_diurnal_aberration);

  net = ParseSensorNetwork(WithCorrections("    atmosphere: OPTICAL\n"
                                           "    radec_annual_aberration: true\n"
                                           "    radec_diurnal_aberration: true\n"),
                           "c.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ((*net)[0].spec().corrections.atmosphere, sensors::ReportedAtmosphere::kOptical);
  EXPECT_TRUE((*net)[0].spec().corrections.radec_annual_aberration);
  EXPECT_TRUE((*net)[0].spec().corrections.radec_diurnal_aberration);

  net = ParseSensorNetwork(WithCorrections("    atmosphere: RADIO\n"), "c.textproto");
  ASSERT_FALSE(net.ok());
  EXPECT_THAT(net.status().message(),
              HasSubstr("c.textproto:17: sensor T: corrections.atmosphere = 3: an OPTICAL sensor's"));

  // A radar: RADIO is fine, RA/Dec aberration is not (named at its line).
  std::string radar = WithCorrections("    atmosphere: RADIO\n    radec_diurnal_aberration: true\n");
  radar.replace(radar.find("type: OPTICAL"), 13, "type: TRACKING_RADAR");
  radar.insert(radar.find("  noise"), "  radar { reference_range_km: 1000 }\n");
  net = ParseSensorNetwork(radar, "r.textproto");
  ASSERT_FALSE(net.ok());
  EXPECT_THAT(net.status().message(),
              HasSubstr("r.textproto:19: sensor T: corrections.radec_diurnal_aberration = 1: "
                        "only OPTICAL sensors report RA/Dec"));
  radar.replace(radar.find("    radec_diurnal_aberration: true\n"), 35, "");
  net = ParseSensorNetwork(radar, "r.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ((*net)[0].spec().corrections.atmosphere, sensors::ReportedAtmosphere::kRadio);
}

}  // namespace
}  // namespace sstrack::service
