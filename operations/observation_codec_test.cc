// Copyright sstrack authors.
#include "operations/observation_codec.h"

#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::operations {
namespace {

using od::MeasurementType;

od::Measurement M(int64_t id, double t_s, MeasurementType type, double value, double sigma,
                  const std::string& station = "S1") {
  od::Measurement m;
  m.id = id;
  m.source = "f.tdm";
  m.station = station;
  m.epoch = *astro::ParseIsoUtc("2018-01-10T00:00:00Z") + t_s;
  m.type = type;
  m.value = value;
  m.sigma = sigma;
  return m;
}

// What a TDM gives: az and el on separate lines, a lone elevation, RA/Dec at
// another station, a range — stored as pairs and singles, read back as the
// same measurements.
TEST(ObservationCodecTest, RoundTripPairsTheAnglesOfOneInstant) {
  const std::vector<od::Measurement> in = {
      M(10, 0, MeasurementType::kAzimuth, 1.0, 1e-5),
      M(11, 0, MeasurementType::kElevation, 0.5, 2e-5),
      M(12, 10, MeasurementType::kElevation, 0.6, 2e-5),  // no azimuth at t = 10
      M(13, 10, MeasurementType::kRange, 1.2e6, 5.0),
      M(14, 20, MeasurementType::kDeclination, -0.2, 3e-6, "S2"),
      M(15, 20, MeasurementType::kRightAscension, 3.0, 4e-6, "S2"),
      M(16, 20, MeasurementType::kAzimuth, 2.0, 1e-5),  // S1's azimuth: not S2's pair
  };
  const std::vector<catalog::ObservationRecord> rows = ToObservationRecords(in, 25544);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].type, "AZEL");
  EXPECT_EQ(rows[0].external_id, "f.tdm:10");
  EXPECT_DOUBLE_EQ(rows[0].value1, 1.0);
  EXPECT_DOUBLE_EQ(*rows[0].value2, 0.5);
  EXPECT_DOUBLE_EQ(*rows[0].sigma2, 2e-5);
  int singles = 0;
  for (const catalog::ObservationRecord& r : rows) {
    EXPECT_EQ(*r.catalog_number, 25544);
    if (r.type == "ELEVATION" || r.type == "AZIMUTH") {
      ++singles;
      EXPECT_FALSE(r.value2.has_value());
    }
    if (r.type == "RADEC") {
      EXPECT_EQ(r.external_id, "f.tdm:15");  // the first angle's line
      EXPECT_DOUBLE_EQ(r.value1, 3.0);
      EXPECT_DOUBLE_EQ(*r.value2, -0.2);
    }
  }
  EXPECT_EQ(singles, 2);
  std::map<std::string, od::Station> stations;
  stations["S1"] = od::Station{};
  stations["S2"] = od::Station{};
  const std::vector<od::Measurement> back = ToMeasurements(rows, stations);
  ASSERT_EQ(back.size(), in.size());
  for (const od::Measurement& m : in) {
    int found = 0;
    for (const od::Measurement& b : back) {
      found += b.type == m.type && b.station == m.station && b.epoch == m.epoch &&
               b.value == m.value && b.sigma == m.sigma;
    }
    EXPECT_EQ(found, 1) << m.id;
  }
  // Sorted by epoch.
  for (size_t i = 1; i < back.size(); ++i) EXPECT_FALSE(back[i].epoch < back[i - 1].epoch);
}

}  // namespace
}  // namespace sstrack::operations
