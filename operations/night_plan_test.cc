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
#include "tasking/value.h"

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
// equals the look angles of that prediction at its start + its search lead,
// both computed here, and differs from the element set's.
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
    // The search lead: 4 × the element set's in-track σ by age (at the
    // track's middle) as time at the object's speed, at most half the track.
    const double duration = t.end_tai_s - t.start_tai_s;
    const astro::MeanElements& e = by.at(t.catalog_number);
    const double sigma = tasking::InTrackSigmaByAge(start + 0.5 * duration - e.epoch,
                                                    astro::Sgp4::Create(e)->deep_space());
    const double speed = sgp4_gcrf(t.catalog_number, start).velocity_m_s.norm();
    EXPECT_NEAR(t.pointing_lead_s, std::min(0.5 * duration, 4 * sigma / speed), 1e-3 * t.pointing_lead_s) << t.id;
    EXPECT_GT(t.pointing_lead_s, 0.0) << t.id;
    const astro::Epoch at = start + t.pointing_lead_s;
    const astro::GroundSite& site = sensor_of.at(t.sensor)->site();
    auto look = [&](const astro::CartesianState& g) {
      return astro::ComputeLookAngles(
          site, *astro::ConvertState(g, astro::Frame::kGcrf, astro::Frame::kItrf, at,
                                     astro::ZeroEop(at)));
    };
    const astro::LookAngles want = look(shifted(t.catalog_number, at));
    EXPECT_NEAR(t.azimuth_rad, want.azimuth_rad, 1e-9) << t.id;
    EXPECT_NEAR(t.elevation_rad, want.elevation_rad, 1e-9) << t.id;
    const astro::LookAngles el_set = look(sgp4_gcrf(t.catalog_number, at));
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

namespace sstrack::operations {
namespace {

// An OD state two days before the night, with a 0.1 m / 0.1 mm/s covariance:
// carried by Clohessy–Wiltshire alone its in-track σ at the night is that
// of a state hardly older than its data; with the catalog's prediction
// (UseCatalogPredictions: the process noise of FitSettings — ≈ 1.5 km in
// track after a day — and the force parameters) it is the prediction's
// own in-track σ at the night's middle, kilometres, which is what the
// planner must value (the information a track adds grows with σ_pred).
TEST(NightPlanTest, OdStatesAreValuedByTheCatalogsPredictedCovariance) {
  Fixture fx;
  ASSERT_NO_FATAL_FAILURE(MakeFixture(&fx));
  const astro::MeanElements& el = fx.some[0];
  const int id = el.catalog_number;
  auto noon = NightNoonUtc("2018-01-20");
  ASSERT_TRUE(noon.ok());
  const astro::Epoch t = *noon - 2 * 86400.0;
  auto sgp4 = astro::Sgp4::Create(el);
  const astro::Sgp4State s = sgp4->Propagate((t - el.epoch) / 60.0);
  const astro::CartesianState x = *astro::ConvertState({s.position_teme_m, s.velocity_teme_m_s},
                                                       astro::Frame::kTeme, astro::Frame::kGcrf, t,
                                                       astro::ZeroEop(t));
  catalog::CartesianStateRecord rec;
  rec.catalog_number = id;
  rec.epoch = t;
  rec.state = {x.position_m.x(), x.position_m.y(), x.position_m.z(),
               x.velocity_m_s.x(), x.velocity_m_s.y(), x.velocity_m_s.z()};
  std::array<double, 36> c{};
  for (int i = 0; i < 6; ++i) c[7 * i] = i < 3 ? 0.01 : 1e-8;
  rec.covariance = c;
  rec.source_ref = kServiceFitSource;
  catalog::OdRunRecord run;
  run.catalog_number = id;
  run.started_utc = run.finished_utc = "2018-01-18T12:00:00Z";
  run.status = "CONVERGED";
  ASSERT_TRUE(fx.cat->RecordOdRun(run, rec).ok());

  NightPlanOptions o;
  o.night = "2018-01-20";
  auto sigmas = [&](const NightPlanOptions& opts) {
    std::vector<double> out;
    auto np = BuildNightProblem(*fx.cat, fx.net, opts);
    EXPECT_TRUE(np.ok()) << np.status();
    if (!np.ok()) return out;
    for (const tasking::Candidate& cand : np->problem.candidates) {
      if (np->objects[static_cast<size_t>(cand.object)].catalog_number == id) out.push_back(cand.sigma_pred_m);
    }
    return out;
  };
  const std::vector<double> carried = sigmas(o);
  FitSettings fit;  // two-body prediction; process noise 1e-8 m²/s³
  UseCatalogPredictions(*fx.cat, fit, &o);
  const std::vector<double> predicted = sigmas(o);
  ASSERT_FALSE(carried.empty()) << "object " << id << " has no candidate this night";
  ASSERT_EQ(carried.size(), predicted.size());
  auto np = BuildNightProblem(*fx.cat, fx.net, o);
  ASSERT_TRUE(np.ok());
  const astro::Epoch middle = np->first + 0.5 * (np->last - np->first);
  auto at_middle = CatalogPredictionAt(*fx.cat, id, middle, fit);
  ASSERT_TRUE(at_middle.ok() && at_middle->covariance) << at_middle.status();
  const Eigen::Matrix3d ric = astro::RicMatrix(at_middle->state.position_m, at_middle->state.velocity_m_s);
  const double sigma_i = std::sqrt((ric * at_middle->covariance->topLeftCorner<3, 3>() * ric.transpose())(1, 1));
  EXPECT_GT(sigma_i, 2000.0);
  for (size_t k = 0; k < carried.size(); ++k) {
    EXPECT_LT(carried[k], 0.5 * sigma_i) << k;
    EXPECT_NEAR(predicted[k], sigma_i, 1e-6 * sigma_i) << k;
  }
}

}  // namespace
}  // namespace sstrack::operations
