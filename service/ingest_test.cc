// Copyright sstrack authors.
#include <cctype>
#include <cmath>
#include <limits>

#include "astro/time/utc.h"
#include "gtest/gtest.h"
#include "service/ingest.h"
#include "absl/strings/str_cat.h"

namespace sstrack::service {
namespace {

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    task_.id = 7;
    task_.sensor = "BISEI";
    task_.catalog_number = 694;
    auto t = astro::ParseIsoUtc("2018-01-20T12:00:00Z");
    task_.start_tai_s = t->TaiSecondsSinceJ2000();
    task_.end_tai_s = task_.start_tai_s + 120;
    look_.now = *astro::ParseIsoUtc("2018-01-21T00:00:00Z");
    look_.object_exists = [](int n) { return n == 694 || n == 900; };
    look_.task = [this](int64_t id) -> std::optional<catalog::TaskRecord> {
      if (id == 7) return task_;
      return std::nullopt;
    };
  }
  sstrack::v1::Observation* Add(const std::string& epoch) {
    sstrack::v1::Observation* o = req_.add_observations();
    o->set_observation_id(absl::StrCat("o", req_.observations_size()));
    o->set_task_id(7);
    o->set_catalog_number(694);
    o->set_epoch_utc(epoch);
    o->set_type(sstrack::v1::RADEC);
    o->set_right_ascension_deg(120.5);
    o->set_declination_deg(-10.25);
    o->set_angle_sigma_arcsec(2.0);
    return o;
  }
  std::string ErrorOf() {
    auto b = ValidateObservations("BISEI", req_, look_);
    EXPECT_FALSE(b.ok());
    EXPECT_EQ(b.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(b.status().message());
  }
  catalog::TaskRecord task_;
  IngestLookups look_;
  sstrack::v1::SubmitObservationsRequest req_;
};

TEST_F(IngestTest, ConvertsToSiAndFlagsOutsideTheWindow) {
  Add("2018-01-20T12:01:00Z");
  Add("2018-01-20T13:00:00Z");  // an hour after the task: flagged, kept
  sstrack::v1::Observation* r = Add("2018-01-20T12:00:30Z");
  r->set_type(sstrack::v1::RANGE);
  r->set_range_m(1.5e6);
  r->set_range_sigma_m(20);
  auto b = ValidateObservations("BISEI", req_, look_);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_EQ(b->records.size(), 3u);
  EXPECT_NEAR(b->records[0].value1, 120.5 * M_PI / 180, 1e-15);
  EXPECT_NEAR(*b->records[0].value2, -10.25 * M_PI / 180, 1e-15);
  EXPECT_NEAR(*b->records[0].sigma2, 2.0 / 206264.80624709636, 1e-18);
  EXPECT_EQ(b->records[0].task_id, 7);
  ASSERT_EQ(b->flagged, std::vector<int>{1});
  EXPECT_FALSE(b->records[1].task_id.has_value());
  EXPECT_EQ(b->records[2].type, "RANGE");
  EXPECT_EQ(b->records[2].sigma1, 20);
}

TEST_F(IngestTest, ViolationsNameIndexAndField) {
  Add("2018-01-20T12:01:00Z");
  sstrack::v1::Observation* o = Add("2018-01-20T12:01:00Z");
  o->set_declination_deg(91);
  EXPECT_NE(ErrorOf().find("observations[1].declination_deg"), std::string::npos) << ErrorOf();
  o->set_declination_deg(std::numeric_limits<double>::quiet_NaN());
  EXPECT_NE(ErrorOf().find("observations[1].declination_deg"), std::string::npos);
  o->set_declination_deg(0);
  o->set_right_ascension_deg(360);
  EXPECT_NE(ErrorOf().find("observations[1].right_ascension_deg"), std::string::npos);
  o->set_right_ascension_deg(10);
  o->set_angle_sigma_arcsec(0);
  EXPECT_NE(ErrorOf().find("observations[1].angle_sigma_arcsec"), std::string::npos);
  o->set_angle_sigma_arcsec(1);
  o->set_epoch_utc("yesterday");
  EXPECT_NE(ErrorOf().find("observations[1].epoch_utc"), std::string::npos);
  o->set_epoch_utc("2018-01-20T12:01:00Z");
  o->set_catalog_number(12345);
  EXPECT_NE(ErrorOf().find("observations[1].catalog_number"), std::string::npos);
  o->set_catalog_number(900);  // exists, but the task is for 694
  EXPECT_NE(ErrorOf().find("observations[1].catalog_number: 900: task 7"), std::string::npos);
  o->set_catalog_number(694);
  o->set_task_id(8);
  EXPECT_NE(ErrorOf().find("observations[1].task_id"), std::string::npos);
  o->set_task_id(7);
  o->set_type(sstrack::v1::OBSERVATION_TYPE_UNSPECIFIED);
  EXPECT_NE(ErrorOf().find("observations[1].type"), std::string::npos);
  o->set_type(sstrack::v1::RADEC);
  o->set_observation_id("");
  EXPECT_NE(ErrorOf().find("observations[1].observation_id"), std::string::npos);
  o->set_observation_id("x");
  EXPECT_TRUE(ValidateObservations("BISEI", req_, look_).ok());
  // Sigmas have upper bounds too; so do ranges.
  o->set_angle_sigma_arcsec(36001);
  EXPECT_NE(ErrorOf().find("observations[1].angle_sigma_arcsec: 36001: expected a finite value in (0, 36000]"),
            std::string::npos) << ErrorOf();
  o->set_angle_sigma_arcsec(1);
  o->set_type(sstrack::v1::RANGE_RATE);
  o->set_range_rate_m_s(-7000);
  o->set_range_rate_sigma_m_s(2e4);
  EXPECT_NE(ErrorOf().find("observations[1].range_rate_sigma_m_s"), std::string::npos) << ErrorOf();
  o->set_range_rate_sigma_m_s(0.5);
  EXPECT_TRUE(ValidateObservations("BISEI", req_, look_).ok());
  // The window: 30 days back, an hour ahead by default; both configurable.
  o->set_epoch_utc("2018-01-21T00:59:59Z");
  EXPECT_TRUE(ValidateObservations("BISEI", req_, look_).ok());
  o->set_epoch_utc("2018-01-21T01:00:01Z");
  EXPECT_NE(ErrorOf().find("observations[1].epoch_utc: 2018-01-21T01:00:01Z is 3601 s after"),
            std::string::npos) << ErrorOf();
  o->set_epoch_utc("2017-12-22T00:00:01Z");
  EXPECT_TRUE(ValidateObservations("BISEI", req_, look_).ok());
  look_.max_epoch_age_s = 86400;
  EXPECT_NE(ErrorOf().find("observations[1].epoch_utc: 2017-12-22T00:00:01Z is 30 days before the server's clock (2018-01-21T00:00:00Z); at most 1 days old"),
            std::string::npos) << ErrorOf();
  look_.max_epoch_age_s = 30 * 86400.0;
  o->set_epoch_utc("2018-01-20T12:01:00Z");
  // Another sensor may not use BISEI's task.
  auto other = ValidateObservations("HALEAKALA", req_, look_);
  EXPECT_NE(other.status().message().find("observations[0].task_id"), std::string::npos);
}

}  // namespace
}  // namespace sstrack::service
