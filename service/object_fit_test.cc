// Copyright sstrack authors.
//
// The corrections each sensor declares in its config arrive on the
// measurements a fit is made of.
#include "service/object_fit.h"

#include "astro/time/utc.h"
#include "gtest/gtest.h"
#include "service/config_loader.h"

namespace sstrack::service {
namespace {

constexpr char kNetwork[] = R"pb(
sensor {
  name: "SCOPE"
  type: OPTICAL
  latitude_deg: 34.5 longitude_deg: 133.5 altitude_m: 400
  optical { limiting_magnitude: 17 }
  azimuth_axis { max_rate_deg_s: 3 max_acceleration_deg_s2: 1 }
  elevation_axis { max_rate_deg_s: 2 max_acceleration_deg_s2: 1 }
  track_duration_s: 120 observations_per_track: 12
  noise { angle_arcsec: 1.5 }
  corrections { atmosphere: OPTICAL radec_annual_aberration: true }
}
sensor {
  name: "DISH"
  type: TRACKING_RADAR
  latitude_deg: 35.0 longitude_deg: 134.0 altitude_m: 300
  radar { reference_range_km: 1000 }
  azimuth_axis { max_rate_deg_s: 3 max_acceleration_deg_s2: 1 }
  elevation_axis { max_rate_deg_s: 2 max_acceleration_deg_s2: 1 }
  track_duration_s: 60 observations_per_track: 10
  noise { angle_arcsec: 60 range_m: 10 range_rate_m_s: 0.1 }
  corrections { atmosphere: RADIO }
}
sensor {
  name: "PLAIN"
  type: TRACKING_RADAR
  latitude_deg: 36.0 longitude_deg: 135.0 altitude_m: 100
  radar { reference_range_km: 1000 }
  azimuth_axis { max_rate_deg_s: 3 max_acceleration_deg_s2: 1 }
  elevation_axis { max_rate_deg_s: 2 max_acceleration_deg_s2: 1 }
  track_duration_s: 60 observations_per_track: 10
  noise { range_m: 10 }
}
)pb";

catalog::ObservationRecord Obs(int64_t id, const std::string& sensor, const std::string& type,
                               double t_s) {
  catalog::ObservationRecord o;
  o.id = id;
  o.sensor = sensor;
  o.type = type;
  o.epoch = *astro::ParseIsoUtc("2018-01-05T12:00:00Z") + t_s;
  o.value1 = 0.5;
  o.sigma1 = 1e-5;
  if (type == "AZEL" || type == "RADEC") {
    o.value2 = 0.25;
    o.sigma2 = 1e-5;
  }
  return o;
}

TEST(ObjectFitTest, MeasurementsCarryTheirSensorsDeclaredCorrections) {
  auto net = ParseSensorNetwork(kNetwork, "net.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  const std::vector<catalog::ObservationRecord> obs = {
      Obs(1, "SCOPE", "RADEC", 0), Obs(2, "DISH", "RANGE", 1),   Obs(3, "DISH", "RANGE_RATE", 2),
      Obs(4, "DISH", "AZEL", 3),   Obs(5, "PLAIN", "RANGE", 4),  Obs(6, "NOWHERE", "RANGE", 5)};
  const std::vector<od::Measurement> m =
      ToMeasurements(obs, NetworkStations(*net), NetworkCorrections(*net));
  ASSERT_EQ(m.size(), 7u);  // RADEC and AZEL give two each; NOWHERE is skipped
  using od::Atmosphere;
  using od::MeasurementType;
  // SCOPE: RA and Dec with annual (not diurnal) aberration, optical band.
  for (int i : {0, 1}) {
    EXPECT_EQ(m[i].station, "SCOPE");
    EXPECT_EQ(m[i].atmosphere, Atmosphere::kOptical);
    EXPECT_TRUE(m[i].aberration.annual);
    EXPECT_FALSE(m[i].aberration.diurnal);
    EXPECT_FALSE(m[i].weather.has_value());  // standard atmosphere
  }
  EXPECT_EQ(m[0].type, MeasurementType::kRightAscension);
  EXPECT_EQ(m[1].type, MeasurementType::kDeclination);
  // DISH: radio band on range, range rate, azimuth and elevation; no aberration.
  for (int i : {2, 3, 4, 5}) {
    EXPECT_EQ(m[i].station, "DISH");
    EXPECT_EQ(m[i].atmosphere, Atmosphere::kRadio) << i;
    EXPECT_FALSE(m[i].aberration.any()) << i;
  }
  EXPECT_EQ(m[5].type, MeasurementType::kElevation);
  // PLAIN: nothing declared, geometric.
  EXPECT_EQ(m[6].station, "PLAIN");
  EXPECT_EQ(m[6].atmosphere, Atmosphere::kNone);
  EXPECT_FALSE(m[6].aberration.any());

  // Without the corrections map: geometric, as before.
  for (const od::Measurement& g : ToMeasurements(obs, NetworkStations(*net))) {
    EXPECT_EQ(g.atmosphere, Atmosphere::kNone);
    EXPECT_FALSE(g.aberration.any());
  }
}

}  // namespace
}  // namespace sstrack::service
