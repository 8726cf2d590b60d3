// Copyright sstrack authors.
//
// CycleService through the real server on 127.0.0.1:0: roles, the simulated
// clock (advance, refused when it would run back or on the real clock), the
// night planned when its time comes and handed to the sensors, the contact
// a sensor's call leaves, and a restart that resumes the stored clock
// without planning a night twice.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "astro/formats/element_file.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"
#include "operations/cycle.h"
#include "service/config_loader.h"
#include "service/server.h"

namespace sstrack::service {
namespace {

using grpc::StatusCode;

std::vector<sensors::Sensor> Network() {
  auto net = LoadSensorNetwork("config/sensors.textproto");
  EXPECT_TRUE(net.ok()) << net.status();
  std::vector<sensors::Sensor> two;
  for (const sensors::Sensor& s : *net) {
    if (s.name() == "KAMISAIBARA" || s.name() == "BISEI") two.push_back(s);
  }
  EXPECT_EQ(two.size(), 2u);
  return two;
}

std::string Db() {
  static const std::string path = [] {
    const std::string dir = ::testing::TempDir() + "/cycle_service_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto file = astro::ReadElementFile("tests/data/catalog-2018-01.3le");
    EXPECT_TRUE(file.ok()) << file.status();
    auto cat = catalog::Catalog::Open(dir + "/c.db");
    EXPECT_TRUE(cat.ok()) << cat.status();
    EXPECT_TRUE((*cat)->ImportElements(file->elements, catalog::StateSource::kTle, "t").ok());
    return dir + "/c.db";
  }();
  return path;
}

ServiceConfig Config(bool enabled, bool simulated, const astro::Epoch& start) {
  ServiceConfig sc;
  sc.db_path = Db();
  sc.network = Network();
  sc.tokens.AddToken(Role::kSensor, "KAMISAIBARA", "tok-kam");
  sc.tokens.AddToken(Role::kOperator, "ops", "tok-op");
  sc.cycle.enabled = enabled;
  sc.cycle.simulated_clock = simulated;
  sc.cycle.simulated_start = start;
  sc.cycle.options.max_objects = 20;
  sc.cycle.options.plan_time_limit_s = 1;
  return sc;
}

struct Client {
  explicit Client(int port)
      : channel(grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials())),
        cycle(sstrack::v1::CycleService::NewStub(channel)),
        gateway(sstrack::v1::SensorGateway::NewStub(channel)) {}
  grpc::Status Status(const std::string& token, sstrack::v1::CycleStatus* out) {
    grpc::ClientContext ctx;
    if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
    return cycle->GetStatus(&ctx, sstrack::v1::GetCycleStatusRequest(), out);
  }
  grpc::Status Advance(const std::string& to, sstrack::v1::CycleStatus* out) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer tok-op");
    sstrack::v1::AdvanceClockRequest req;
    req.set_to_utc(to);
    return cycle->AdvanceClock(&ctx, req, out);
  }
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<sstrack::v1::CycleService::Stub> cycle;
  std::unique_ptr<sstrack::v1::SensorGateway::Stub> gateway;
};

const sstrack::v1::CycleNight* FindNight(const sstrack::v1::CycleStatus& s, const std::string& night) {
  for (const auto& n : s.nights()) {
    if (n.night() == night) return &n;
  }
  return nullptr;
}

TEST(CycleServiceTest, SimulatedNightThroughTheServerAndARestart) {
  auto plan_time = operations::NightPlanTime("2018-01-20", Network(), 3600);
  ASSERT_TRUE(plan_time.ok()) << plan_time.status();
  // Whole milliseconds, so that the formatted time is the clock's own.
  const std::string start_utc = astro::FormatIsoUtc(*plan_time - 600.0, 3);
  const astro::Epoch start = *astro::ParseIsoUtc(start_utc);
  const std::string due_utc = astro::FormatIsoUtc(*plan_time + 1.0, 3);
  int64_t plan_20 = 0, plan_19 = 0;
  {
    auto server = Server::Start(Config(true, true, start), {});
    ASSERT_TRUE(server.ok()) << server.status();
    Client c((*server)->port());
    sstrack::v1::CycleStatus st;
    EXPECT_EQ(c.Status("", &st).error_code(), StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(c.Status("tok-kam", &st).error_code(), StatusCode::PERMISSION_DENIED);
    // Advancing to the clock's own time waits for the start-up pass.
    grpc::Status first = c.Advance(start_utc, &st);
    ASSERT_TRUE(first.ok()) << first.error_message();
    EXPECT_TRUE(st.enabled());
    EXPECT_EQ(st.clock(), "SIMULATED");
    EXPECT_EQ(st.now_utc(), start_utc);
    EXPECT_EQ(st.objects(), 979);
    EXPECT_EQ(st.last_error(), "");
    // The night under way at start (2018-01-19) is planned late; 01-20 is
    // not due yet.
    const sstrack::v1::CycleNight* n19 = FindNight(st, "2018-01-19");
    ASSERT_NE(n19, nullptr);
    plan_19 = n19->plan_id();
    EXPECT_GT(plan_19, 0);
    EXPECT_EQ(FindNight(st, "2018-01-20"), nullptr);

    grpc::Status back = c.Advance("2018-01-01T00:00:00Z", &st);
    EXPECT_EQ(back.error_code(), StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(back.error_message().find("to_utc: 2018-01-01T00:00:00Z is before the simulated clock's"),
              std::string::npos)
        << back.error_message();
    grpc::Status bad = c.Advance("tomorrow", &st);
    EXPECT_EQ(bad.error_code(), StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(bad.error_message().rfind("to_utc: ", 0), 0u) << bad.error_message();

    ASSERT_TRUE(c.Advance(due_utc, &st).ok());
    EXPECT_EQ(st.now_utc(), due_utc);
    const sstrack::v1::CycleNight* n20 = FindNight(st, "2018-01-20");
    ASSERT_NE(n20, nullptr) << st.DebugString();
    EXPECT_EQ(n20->phase(), "PLANNED");
    plan_20 = n20->plan_id();
    EXPECT_GT(plan_20, plan_19);
    EXPECT_EQ(st.nights(0).night(), "2018-01-20");  // the latest first
    int planned_kam = -1;
    for (const auto& s : n20->sensors()) {
      if (s.sensor() == "KAMISAIBARA") planned_kam = s.tasks_planned();
    }
    // The sensor gets that plan's tasks, as many as the status counts.
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer tok-kam");
    sstrack::v1::GetTasksRequest req;
    req.set_sensor("KAMISAIBARA");
    req.set_night("2018-01-20");
    sstrack::v1::GetTasksResponse tasks;
    ASSERT_TRUE(c.gateway->GetTasks(&ctx, req, &tasks).ok());
    EXPECT_EQ(tasks.plan_id(), plan_20);
    EXPECT_EQ(tasks.tasks_size(), planned_kam);
    EXPECT_GT(planned_kam, 0);
    ASSERT_TRUE(c.Status("tok-op", &st).ok());
    for (const auto& s : FindNight(st, "2018-01-20")->sensors()) {
      if (s.sensor() == "KAMISAIBARA") {
        EXPECT_EQ(s.last_contact_utc(), due_utc);
      }
    }
    (*server)->Shutdown();
  }
  {
    // A restart resumes the stored clock, not the configured start, and
    // adopts the nights already planned.
    auto server = Server::Start(Config(true, true, start - 86400.0), {});
    ASSERT_TRUE(server.ok()) << server.status();
    Client c((*server)->port());
    sstrack::v1::CycleStatus st;
    ASSERT_TRUE(c.Advance(due_utc, &st).ok());
    EXPECT_EQ(st.now_utc(), due_utc);
    ASSERT_NE(FindNight(st, "2018-01-20"), nullptr);
    EXPECT_EQ(FindNight(st, "2018-01-20")->plan_id(), plan_20);
    EXPECT_EQ(FindNight(st, "2018-01-19")->plan_id(), plan_19);
    auto cat = catalog::Catalog::Open(Db());
    ASSERT_TRUE(cat.ok());
    EXPECT_EQ((*cat)->LatestPlan("2018-01-20")->id, plan_20);
    (*server)->Shutdown();
  }
}

TEST(CycleServiceTest, RealClockAndDisabledCycleRefuseToAdvance) {
  const astro::Epoch start = *astro::ParseIsoUtc("2018-01-20T00:00:00Z");
  {
    auto server = Server::Start(Config(false, false, start), {});
    ASSERT_TRUE(server.ok()) << server.status();
    Client c((*server)->port());
    sstrack::v1::CycleStatus st;
    ASSERT_TRUE(c.Status("tok-op", &st).ok());
    EXPECT_FALSE(st.enabled());
    grpc::Status s = c.Advance("2030-01-01T00:00:00Z", &st);
    EXPECT_EQ(s.error_code(), StatusCode::FAILED_PRECONDITION);
    EXPECT_NE(s.error_message().find("disabled"), std::string::npos) << s.error_message();
  }
  {
    ServiceConfig sc = Config(true, false, start);
    sc.cycle.step_interval_s = 3600;  // one pass at start, then idle here
    auto server = Server::Start(std::move(sc), {});
    ASSERT_TRUE(server.ok()) << server.status();
    Client c((*server)->port());
    sstrack::v1::CycleStatus st;
    ASSERT_TRUE(c.Status("tok-op", &st).ok());
    EXPECT_TRUE(st.enabled());
    EXPECT_EQ(st.clock(), "REAL");
    grpc::Status s = c.Advance("2030-01-01T00:00:00Z", &st);
    EXPECT_EQ(s.error_code(), StatusCode::FAILED_PRECONDITION);
    EXPECT_NE(s.error_message().find("real clock"), std::string::npos) << s.error_message();
  }
}

}  // namespace
}  // namespace sstrack::service
