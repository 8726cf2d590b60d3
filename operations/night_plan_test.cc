// Copyright sstrack authors.
#include "operations/night_plan.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "astro/formats/tle.h"
#include "astro/time/utc.h"
#include "astro/frames/topocentric.h"
#include "astro/time/eop.h"
#include "gtest/gtest.h"
#include "service/config_loader.h"

namespace sstrack::operations {
namespace {

// The shipped network and a catalog of the first 25 objects of the 2018
// element file.
struct Fixture {
  std::vector<sensors::Sensor> net;
  std::unique_ptr<catalog::Catalog> cat;
  std::vector<astro::MeanElements> some;
};

void MakeFixture(Fixture* f) {
  auto net = service::LoadSensorNetwork("config/sensors.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  f->net = *std::move(net);
  auto cat = catalog::Catalog::Open(":memory:");
  ASSERT_TRUE(cat.ok());
  f->cat = *std::move(cat);
  auto file = astro::ReadTleFile("tests/data/catalog-2018-01.3le");
  ASSERT_TRUE(file.ok());
  f->some.assign(file->elements.begin(), file->elements.begin() + 25);
  ASSERT_TRUE(f->cat->ImportElements(f->some, catalog::StateSource::kTle, "t").ok());
}

// Tasks point along the catalog's best prediction when one is given: here a
// prediction that is SGP4 shifted 30 km along the velocity (as an OD state
// that disagrees with the element set would be). Every task's pointing
// equals the look angles of that prediction at its start, computed here,
// and differs from the element set's.
TEST(NightPlanTest, TasksPointAlongTheGivenPrediction) {
  Fixture fx;
  ASSERT_NO_FATAL_FAILURE(MakeFixture(&fx));
  const std::vector<sensors::Sensor>* net = &fx.net;
  std::unique_ptr<catalog::Catalog>* cat = &fx.cat;
  const std::vector<astro::MeanElements>& some = fx.some;
  std::map<int, astro::MeanElements> by;
  for (const auto& e : some) by[e.catalog_number] = e;
  auto sgp4_gcrf = [&](int id, const astro::Epoch& t) {
    auto sgp4 = astro::Sgp4::Create(by.at(id));
    const astro::Sgp4State s = sgp4->Propagate((t - by.at(id).epoch) / 60.0);
    return *astro::ConvertState({s.position_teme_m, s.velocity_teme_m_s}, astro::Frame::kTeme,
                                astro::Frame::kGcrf, t, astro::ZeroEop(t));
  };
  auto shifted = [&](int id, const astro::Epoch& t) {
    astro::CartesianState x = sgp4_gcrf(id, t);
    x.position_m += 30e3 * x.velocity_m_s.normalized();
    return x;
  };
  NightPlanOptions o;
  o.night = "2018-01-20";
  o.time_limit_s = 2;
  o.predict = [&](int id, const std::vector<astro::Epoch>& times)
      -> absl::StatusOr<std::vector<astro::CartesianState>> {
    std::vector<astro::CartesianState> out;
    for (const astro::Epoch& t : times) out.push_back(shifted(id, t));
    return out;
  };
  auto plan = PlanNight(**cat, *net, o);
  ASSERT_TRUE(plan.ok()) << plan.status();
  auto tasks = (*cat)->ListTasks(plan->plan_id);
  ASSERT_TRUE(tasks.ok()) << tasks.status();
  ASSERT_GT(tasks->size(), 5u);
  std::map<std::string, const sensors::Sensor*> sensor_of;
  for (const sensors::Sensor& s : *net) sensor_of[s.name()] = &s;
  int moved = 0;
  for (const catalog::TaskRecord& t : *tasks) {
    const astro::Epoch start = astro::Epoch::FromTaiSeconds(0) + t.start_tai_s;
    const astro::GroundSite& site = sensor_of.at(t.sensor)->site();
    auto look = [&](const astro::CartesianState& g) {
      return astro::ComputeLookAngles(
          site, *astro::ConvertState(g, astro::Frame::kGcrf, astro::Frame::kItrf, start,
                                     astro::ZeroEop(start)));
    };
    const astro::LookAngles want = look(shifted(t.catalog_number, start));
    EXPECT_NEAR(t.azimuth_rad, want.azimuth_rad, 1e-9) << t.id;
    EXPECT_NEAR(t.elevation_rad, want.elevation_rad, 1e-9) << t.id;
    const astro::LookAngles el_set = look(sgp4_gcrf(t.catalog_number, start));
    moved += std::abs(el_set.elevation_rad - t.elevation_rad) +
                 std::abs(el_set.azimuth_rad - t.azimuth_rad) * std::cos(t.elevation_rad) >
             1e-5;
  }
  EXPECT_EQ(moved, static_cast<int>(tasks->size()));
  // A task of a sensor the network no longer has keeps its pointing (the
  // cycle re-points tasks of earlier plans after each fit).
  std::vector<catalog::TaskRecord> orphan = {(*tasks)[0]};
  orphan[0].sensor = "RETIRED";
  orphan[0].azimuth_rad = 1.25;
  PointAlongPredictions(*net, o.predict, orphan);
  EXPECT_EQ(orphan[0].azimuth_rad, 1.25);
}

// A night months after every element set is not planned on them: the
// error names the newest state; near the element sets nothing is stale.
TEST(NightPlanTest, StaleStatesAreNotPlanned) {
  Fixture fx;
  ASSERT_NO_FATAL_FAILURE(MakeFixture(&fx));
  const std::vector<sensors::Sensor>* net = &fx.net;
  std::unique_ptr<catalog::Catalog>* cat = &fx.cat;
  const std::vector<astro::MeanElements>& some = fx.some;
  astro::Epoch newest = some[0].epoch;
  for (const auto& e : some) {
    if (e.epoch - newest > 0) newest = e.epoch;
  }
  NightPlanOptions o;
  o.night = "2018-04-20";
  o.time_limit_s = 1;
  auto late = PlanNight(**cat, *net, o);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(late.status().message().find(absl::StrCat(
                "every object's latest state (25 objects) is more than 30 days from the night; the newest is of ",
                astro::FormatIsoUtc(newest, 0).substr(0, 10))),
            std::string::npos)
      << late.status();
  o.max_state_age_days = 0;  // no limit: planned on them anyway
  EXPECT_TRUE(PlanNight(**cat, *net, o).ok());
  o.night = "2018-01-20";
  o.max_state_age_days = 30;
  auto near = PlanNight(**cat, *net, o);
  ASSERT_TRUE(near.ok()) << near.status();
  EXPECT_EQ(near->stale_objects, 0u);
  EXPECT_EQ(near->objects, 25u);
  EXPECT_NE(near->metrics_json.find("\"stale_objects\":0"), std::string::npos);
}

}  // namespace
}  // namespace sstrack::operations
