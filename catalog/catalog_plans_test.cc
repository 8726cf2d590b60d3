// Copyright sstrack authors.
#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "astro/formats/tle.h"
#include "catalog/catalog.h"
#include "gtest/gtest.h"

namespace sstrack::catalog {
namespace {

constexpr char kIss1[] = "1 25544U 98067A   18005.21757990  .00002900  00000-0  51139-4 0  9993";
constexpr char kIss2[] = "2 25544  51.6428 112.7962 0003420 339.7585 126.0738 15.54247599 93589";

std::unique_ptr<Catalog> Fresh(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(dir ? dir : "/tmp") + "/" + name;
  std::remove(path.c_str());
  auto cat = Catalog::Open(path);
  EXPECT_TRUE(cat.ok()) << cat.status();
  auto iss = astro::ParseTle(kIss1, kIss2, {.verify_checksum = false});
  EXPECT_TRUE(iss.ok()) << iss.status();
  std::vector<astro::MeanElements> sets = {*iss};
  EXPECT_TRUE((*cat)->ImportElements(sets, StateSource::kTle, "t").ok());
  return *std::move(cat);
}

TEST(CatalogPlansTest, PlanAndTasksRoundTrip) {
  auto cat = Fresh("plans.db");
  std::vector<SensorRecord> sensors = {{"BISEI", "optical", 0.6, 2.3, 420, "{}"}};
  ASSERT_TRUE(cat->UpsertSensors(sensors).ok());
  sensors[0].height_m = 421;
  ASSERT_TRUE(cat->UpsertSensors(sensors).ok());  // update, not a duplicate
  std::vector<TaskRecord> tasks(2);
  tasks[0] = {0, 0, "BISEI", 25544, 100.0, 220.0, 1.0, 0.5, 12, TaskStatus::kPlanned};
  tasks[1] = {0, 0, "BISEI", 25544, 50.0, 170.0, 2.0, 0.6, 12, TaskStatus::kPlanned};
  PlanRecord plan{0, 0, 86400, "2018-01-05T00:00:00Z", "2018-01-05", "{\"tasks\":2}"};
  auto id = cat->WritePlan(plan, tasks);
  ASSERT_TRUE(id.ok()) << id.status();
  auto latest = cat->LatestPlan("2018-01-05");
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_EQ(latest->id, *id);
  EXPECT_EQ(latest->night, "2018-01-05");
  EXPECT_EQ(latest->metrics_json, "{\"night\":\"2018-01-05\",\"tasks\":2}");
  EXPECT_EQ(cat->LatestPlan("2018-01-06").status().code(), absl::StatusCode::kNotFound);
  auto listed = cat->ListTasks(*id, "BISEI");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].start_tai_s, 50.0);  // by start time
  EXPECT_EQ((*listed)[1].azimuth_rad, 1.0);
  EXPECT_EQ((*listed)[1].expected_observations, 12);
  ASSERT_TRUE(cat->SetTaskStatus((*listed)[0].id, TaskStatus::kDone).ok());
  EXPECT_EQ(cat->SetTaskStatus(9999, TaskStatus::kDone).status().code(), absl::StatusCode::kNotFound);
  auto one = cat->GetTask((*listed)[0].id);
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->start_tai_s, 50.0);
  EXPECT_EQ(one->status, TaskStatus::kDone);
  EXPECT_EQ(cat->GetTask(9999).status().code(), absl::StatusCode::kNotFound);
  // Re-plan from t = 60: the DONE task stays, the PLANNED one is replaced.
  std::vector<TaskRecord> fresh = {{0, 0, "BISEI", 25544, 300.0, 420.0, 3.0, 0.7, 12,
                                    TaskStatus::kPlanned}};
  fresh[0].pointing_lead_s = 17.5;
  // A negative search lead is refused, and the plan keeps what it had.
  std::vector<TaskRecord> backwards = fresh;
  backwards[0].pointing_lead_s = -1;
  EXPECT_EQ(cat->ReplacePlannedTasks(*id, 60.0, backwards).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(cat->ListTasks(*id)->size(), 2u);
  ASSERT_TRUE(cat->ReplacePlannedTasks(*id, 60.0, fresh).ok());
  listed = cat->ListTasks(*id);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].status, TaskStatus::kDone);
  EXPECT_EQ((*listed)[0].pointing_lead_s, 0.0);
  EXPECT_EQ((*listed)[1].start_tai_s, 300.0);
  EXPECT_EQ((*listed)[1].pointing_lead_s, 17.5);
  // A task on an unknown sensor rolls the whole plan back.
  std::vector<TaskRecord> bad = {{0, 0, "NOPE", 25544, 1, 2, 0, 0, 1, TaskStatus::kPlanned}};
  EXPECT_FALSE(cat->WritePlan(plan, bad).ok());
  EXPECT_EQ(cat->LatestPlan("")->id, *id);
  EXPECT_EQ(ParseTaskStatus("MISSED").value(), TaskStatus::kMissed);
  EXPECT_FALSE(ParseTaskStatus("LOST").ok());
}

// Re-pointing after a fit: only the object's PLANNED tasks from the given
// time, of every plan, are listed; only tasks still PLANNED change.
TEST(CatalogPlansTest, PlannedTasksOfAnObjectAreRepointedOnlyWhilePlanned) {
  auto cat = Fresh("repoint.db");
  std::vector<SensorRecord> sensors = {{"BISEI", "optical", 0.6, 2.3, 420, "{}"}};
  ASSERT_TRUE(cat->UpsertSensors(sensors).ok());
  std::vector<TaskRecord> night1 = {
      {0, 0, "BISEI", 25544, 50.0, 170.0, 1.0, 0.5, 12, TaskStatus::kPlanned},
      {0, 0, "BISEI", 25544, 500.0, 620.0, 1.1, 0.5, 12, TaskStatus::kPlanned}};
  std::vector<TaskRecord> night2 = {
      {0, 0, "BISEI", 25544, 90000.0, 90120.0, 2.0, 0.6, 12, TaskStatus::kPlanned}};
  auto p1 = cat->WritePlan({0, 0, 86400, "2018-01-05T00:00:00Z", "2018-01-05", "{}"}, night1);
  auto p2 = cat->WritePlan({0, 86400, 172800, "2018-01-06T00:00:00Z", "2018-01-06", "{}"}, night2);
  ASSERT_TRUE(p1.ok() && p2.ok());
  auto from100 = cat->ListPlannedTasksOf(25544, 100.0);
  ASSERT_TRUE(from100.ok()) << from100.status();
  ASSERT_EQ(from100->size(), 2u);  // the task at 50 s has begun
  EXPECT_EQ((*from100)[0].start_tai_s, 500.0);
  EXPECT_EQ((*from100)[1].plan_id, *p2);
  EXPECT_TRUE(cat->ListPlannedTasksOf(99999, 0.0)->empty());
  // The sensor takes the first one meanwhile: it keeps its pointing.
  ASSERT_TRUE(cat->SetTaskStatus((*from100)[0].id, TaskStatus::kSent).ok());
  for (TaskRecord& t : *from100) {
    t.azimuth_rad = 3.0;
    t.elevation_rad = 0.9;
  }
  auto changed = cat->RepointPlannedTasks(*from100);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(*changed, 1);
  auto sent = cat->GetTask((*from100)[0].id);
  auto moved = cat->GetTask((*from100)[1].id);
  EXPECT_EQ(sent->azimuth_rad, 1.1);
  EXPECT_EQ(moved->azimuth_rad, 3.0);
  EXPECT_EQ(moved->elevation_rad, 0.9);
  EXPECT_EQ(*cat->RepointPlannedTasks({}), 0);
}

// Every pair of statuses against the rules as docs/API.md states them.
TEST(CatalogPlansTest, TaskStatusOnlyMovesForward) {
  using enum TaskStatus;
  const TaskStatus all[] = {kPlanned, kSent, kDone, kFailed, kMissed, kNotFound, kCancelled};
  auto allowed = [](TaskStatus from, TaskStatus to) {
    if (from == to) return true;
    if (from == kPlanned) return true;  // to anything after it
    if (from == kSent) return to != kPlanned;
    return from == kMissed && to == kDone;  // late
  };
  int refused = 0;
  for (TaskStatus from : all) {
    for (TaskStatus to : all) {
      auto t = CheckTaskTransition(from, to);
      EXPECT_EQ(t.ok(), allowed(from, to)) << TaskStatusName(from) << " -> " << TaskStatusName(to);
      if (!t.ok()) {
        ++refused;
        EXPECT_EQ(t.status().code(), absl::StatusCode::kFailedPrecondition);
        EXPECT_NE(t.status().message().find(absl::StrCat("from ", TaskStatusName(from), " to ",
                                                         TaskStatusName(to))),
                  std::string::npos);
      } else {
        EXPECT_EQ(t->changed, from != to);
        EXPECT_EQ(t->late, from == kMissed && to == kDone);
      }
    }
  }
  // SENT → PLANNED, 6 from each of the four ends, 5 from MISSED.
  EXPECT_EQ(refused, 1 + 4 * 6 + 5);
}

TEST(CatalogPlansTest, LateDoneIsStoredAndBackwardsIsRefused) {
  auto cat = Fresh("late.db");
  Catalog& c = *cat;
  ASSERT_TRUE(c.UpsertSensor("BISEI", "OPTICAL", 0.6, 2.3, 400).ok());
  PlanRecord plan;
  plan.night_start_tai_s = 0;
  plan.night_end_tai_s = 1000;
  plan.created_utc = "2018-01-05T00:00:00Z";
  plan.night = "2018-01-05";
  std::vector<TaskRecord> tasks = {{0, 0, "BISEI", 25544, 50.0, 170.0, 1.0, 0.5, 12,
                                    TaskStatus::kPlanned}};
  auto id = c.WritePlan(plan, tasks);
  ASSERT_TRUE(id.ok()) << id.status();
  const int64_t task = (*c.ListTasks(*id))[0].id;
  ASSERT_TRUE(c.SetTaskStatus(task, TaskStatus::kMissed).ok());
  auto late = c.SetTaskStatus(task, TaskStatus::kDone);
  ASSERT_TRUE(late.ok()) << late.status();
  EXPECT_TRUE(late->late);
  EXPECT_EQ(c.GetTask(task)->status, TaskStatus::kDone);
  EXPECT_TRUE(c.GetTask(task)->late);
  auto back = c.SetTaskStatus(task, TaskStatus::kSent);
  EXPECT_EQ(back.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(back.status().message().find("task "), std::string::npos);
  EXPECT_EQ(c.GetTask(task)->status, TaskStatus::kDone);
  EXPECT_TRUE(c.SetTaskStatus(task, TaskStatus::kDone).ok());  // a retry
}

}  // namespace
}  // namespace sstrack::catalog
