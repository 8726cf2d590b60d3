// Copyright sstrack authors.
//
// The server in process on 127.0.0.1:0 and real gRPC clients: auth and
// roles, planning, task access, ingest validation (all-or-nothing, the
// field and index named), idempotent retries, task status, and a fit.
#include "service/server.h"

#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "astro/formats/element_file.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"
#include "proto/grpc/health/v1/health.grpc.pb.h"
#include "service/config_loader.h"

namespace sstrack::service {
namespace {

using grpc::StatusCode;

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = ::testing::TempDir() + "/server_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto file = astro::ReadElementFile("tests/data/catalog-2018-01.3le");
    ASSERT_TRUE(file.ok()) << file.status();
    {
      auto cat = catalog::Catalog::Open(dir + "/s.db");
      ASSERT_TRUE(cat.ok());
      ASSERT_TRUE((*cat)->ImportElements(file->elements, catalog::StateSource::kTle, "t").ok());
    }
    auto net = LoadSensorNetwork("config/sensors.textproto");
    ASSERT_TRUE(net.ok()) << net.status();
    ServiceConfig sc;
    sc.db_path = dir + "/s.db";
    sc.network = *net;
    sc.tokens.AddToken(Role::kSensor, "KAMISAIBARA", "tok-kam");
    sc.tokens.AddToken(Role::kSensor, "BISEI", "tok-bisei");
    sc.tokens.AddToken(Role::kOperator, "ops", "tok-op");
    // The server's clock (observation epochs are accepted 30 days back and
    // an hour ahead of it): the morning after the planned night.
    sc.cycle.simulated_clock = true;
    sc.cycle.simulated_start = *astro::ParseIsoUtc("2018-01-21T06:00:00Z");
    *db_dir_ = dir;
    auto server = Server::Start(std::move(sc), {});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
    channel_ = new std::shared_ptr<grpc::Channel>(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials()));
  }
  static void TearDownTestSuite() {
    delete channel_;
    delete server_;
  }
  static void Auth(grpc::ClientContext* ctx, const std::string& token) {
    ctx->AddMetadata("authorization", "Bearer " + token);
  }
  // The plan of the night, made once by the operator.
  static const sstrack::v1::Plan& ThePlan() {
    static sstrack::v1::Plan* plan = [] {
      auto stub = sstrack::v1::PlanningService::NewStub(*channel_);
      sstrack::v1::RunPlanRequest req;
      req.set_night("2018-01-20");
      req.add_sensors("KAMISAIBARA");
      req.add_sensors("BISEI");
      req.set_max_objects(60);
      req.set_time_limit_s(2);
      auto* p = new sstrack::v1::Plan;
      grpc::ClientContext ctx;
      Auth(&ctx, "tok-op");
      grpc::Status st = stub->RunPlan(&ctx, req, p);
      EXPECT_TRUE(st.ok()) << st.error_message();
      return p;
    }();
    return *plan;
  }
  static const sstrack::v1::Task* FirstTask(const std::string& sensor) {
    for (const auto& t : ThePlan().tasks()) {
      if (t.sensor() == sensor) return &t;
    }
    return nullptr;
  }
  static sstrack::v1::Observation RangeObs(const sstrack::v1::Task& t, int k) {
    sstrack::v1::Observation o;
    o.set_observation_id(absl::StrCat("t", t.task_id(), "-", k));
    o.set_task_id(t.task_id());
    o.set_catalog_number(t.catalog_number());
    auto start = astro::ParseIsoUtc(t.start_utc());
    o.set_epoch_utc(astro::FormatIsoUtc(*start + 10.0 * k, 3));
    o.set_type(sstrack::v1::RANGE);
    o.set_range_m(1.2e6 + k);
    o.set_range_sigma_m(15);
    return o;
  }
  static grpc::Status Submit(const sstrack::v1::SubmitObservationsRequest& req,
                             sstrack::v1::SubmitObservationsResponse* resp) {
    auto stub = sstrack::v1::SensorGateway::NewStub(*channel_);
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-kam");
    return stub->SubmitObservations(&ctx, req, resp);
  }
  static grpc::Status Report(int64_t task_id, const std::string& status,
                             sstrack::v1::ReportTaskStatusResponse* resp) {
    auto stub = sstrack::v1::SensorGateway::NewStub(*channel_);
    sstrack::v1::ReportTaskStatusRequest rep;
    rep.set_sensor("KAMISAIBARA");
    rep.set_task_id(task_id);
    rep.set_status(status);
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-kam");
    return stub->ReportTaskStatus(&ctx, rep, resp);
  }
  static Server* server_;
  static std::shared_ptr<grpc::Channel>* channel_;
  static std::string* db_dir_;
};

Server* ServerTest::server_ = nullptr;
std::shared_ptr<grpc::Channel>* ServerTest::channel_ = nullptr;
std::string* ServerTest::db_dir_ = new std::string;

// The standard health service answers without a token, for the server and
// each service; an unknown service is NOT_FOUND.
TEST_F(ServerTest, HealthService) {
  auto stub = grpc::health::v1::Health::NewStub(*channel_);
  for (const char* name : {"", "sstrack.v1.SensorGateway", "sstrack.v1.OrbitDeterminationService"}) {
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(name);
    grpc::health::v1::HealthCheckResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub->Check(&ctx, req, &resp).ok()) << name;
    EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING) << name;
  }
  grpc::health::v1::HealthCheckRequest req;
  req.set_service("no.such.Service");
  grpc::health::v1::HealthCheckResponse resp;
  grpc::ClientContext ctx;
  EXPECT_EQ(stub->Check(&ctx, req, &resp).error_code(), StatusCode::NOT_FOUND);
}

TEST_F(ServerTest, Authentication) {
  auto stub = sstrack::v1::CatalogService::NewStub(*channel_);
  sstrack::v1::ListObjectsRequest req;
  sstrack::v1::ListObjectsResponse resp;
  {
    grpc::ClientContext ctx;  // no token
    EXPECT_EQ(stub->ListObjects(&ctx, req, &resp).error_code(), StatusCode::UNAUTHENTICATED);
  }
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "not-a-token");
    EXPECT_EQ(stub->ListObjects(&ctx, req, &resp).error_code(), StatusCode::UNAUTHENTICATED);
  }
  {
    grpc::ClientContext ctx;  // a sensor does not query the catalog
    Auth(&ctx, "tok-bisei");
    EXPECT_EQ(stub->ListObjects(&ctx, req, &resp).error_code(), StatusCode::PERMISSION_DENIED);
  }
  grpc::ClientContext ctx;
  Auth(&ctx, "tok-op");
  ASSERT_TRUE(stub->ListObjects(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.objects_size(), 979);
}

TEST_F(ServerTest, SensorsSeeOnlyTheirOwnTasks) {
  ASSERT_GT(ThePlan().tasks_size(), 0);
  auto stub = sstrack::v1::SensorGateway::NewStub(*channel_);
  sstrack::v1::GetTasksRequest req;
  req.set_sensor("KAMISAIBARA");
  sstrack::v1::GetTasksResponse resp;
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-bisei");
    EXPECT_EQ(stub->GetTasks(&ctx, req, &resp).error_code(), StatusCode::PERMISSION_DENIED);
  }
  grpc::ClientContext ctx;
  Auth(&ctx, "tok-kam");
  ASSERT_TRUE(stub->GetTasks(&ctx, req, &resp).ok());
  ASSERT_GT(resp.tasks_size(), 0);
  int searched = 0;
  for (const auto& t : resp.tasks()) {
    EXPECT_EQ(t.sensor(), "KAMISAIBARA");
    // The pointing's instant: the start + the search lead, within the
    // track's first half.
    auto start = astro::ParseIsoUtc(t.start_utc());
    auto end = astro::ParseIsoUtc(t.end_utc());
    auto pointing = astro::ParseIsoUtc(t.pointing_utc());
    ASSERT_TRUE(start.ok() && end.ok() && pointing.ok()) << t.ShortDebugString();
    EXPECT_GE(*pointing - *start, 0.0) << t.ShortDebugString();
    EXPECT_LE(*pointing - *start, 0.5 * (*end - *start) + 1e-3) << t.ShortDebugString();
    searched += *pointing - *start > 0.0;
  }
  // Element sets days old are kilometres uncertain in track: every task searches.
  EXPECT_EQ(searched, resp.tasks_size());
  int in_plan = 0;
  for (const auto& t : ThePlan().tasks()) in_plan += t.sensor() == "KAMISAIBARA";
  EXPECT_EQ(resp.tasks_size(), in_plan);
  EXPECT_EQ(resp.night(), "2018-01-20");
}

TEST_F(ServerTest, IngestIsValidatedAllOrNothingAndIdempotent) {
  const sstrack::v1::Task* task = FirstTask("KAMISAIBARA");
  ASSERT_NE(task, nullptr);
  auto stub = sstrack::v1::SensorGateway::NewStub(*channel_);
  sstrack::v1::SubmitObservationsRequest req;
  req.set_sensor("KAMISAIBARA");
  for (int k = 0; k < 3; ++k) *req.add_observations() = RangeObs(*task, k);
  sstrack::v1::SubmitObservationsResponse resp;
  // A sensor writing as another one.
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-bisei");
    EXPECT_EQ(stub->SubmitObservations(&ctx, req, &resp).error_code(), StatusCode::PERMISSION_DENIED);
  }
  // One bad observation fails the batch, naming index and field; nothing stored.
  sstrack::v1::SubmitObservationsRequest bad = req;
  bad.mutable_observations(1)->set_range_sigma_m(0);
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-kam");
    grpc::Status st = stub->SubmitObservations(&ctx, bad, &resp);
    EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(st.error_message().find("observations[1].range_sigma_m"), std::string::npos)
        << st.error_message();
  }
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-kam");
    ASSERT_TRUE(stub->SubmitObservations(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.inserted(), 3);  // the failed batch left nothing behind
    EXPECT_EQ(resp.duplicates(), 0);
  }
  {
    grpc::ClientContext ctx;  // the retry
    Auth(&ctx, "tok-kam");
    ASSERT_TRUE(stub->SubmitObservations(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.inserted(), 0);
    EXPECT_EQ(resp.duplicates(), 3);
  }
  // An epoch an hour after the window: stored, flagged.
  sstrack::v1::SubmitObservationsRequest late;
  late.set_sensor("KAMISAIBARA");
  *late.add_observations() = RangeObs(*task, 360);
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-kam");
    ASSERT_TRUE(stub->SubmitObservations(&ctx, late, &resp).ok());
    EXPECT_EQ(resp.inserted(), 1);
    ASSERT_EQ(resp.flagged_size(), 1);
    EXPECT_EQ(resp.flagged(0), 0);
  }
  // Task status: own task yes, another sensor's no.
  sstrack::v1::ReportTaskStatusRequest rep;
  rep.set_sensor("KAMISAIBARA");
  rep.set_task_id(task->task_id());
  rep.set_status("DONE");
  sstrack::v1::ReportTaskStatusResponse none;
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-kam");
    EXPECT_TRUE(stub->ReportTaskStatus(&ctx, rep, &none).ok());
  }
  if (const sstrack::v1::Task* other = FirstTask("BISEI")) {
    rep.set_task_id(other->task_id());
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-kam");
    EXPECT_EQ(stub->ReportTaskStatus(&ctx, rep, &none).error_code(), StatusCode::PERMISSION_DENIED);
  }
  // The operator sees the task DONE.
  auto planning = sstrack::v1::PlanningService::NewStub(*channel_);
  sstrack::v1::GetPlanRequest gp;
  gp.set_night("2018-01-20");
  sstrack::v1::Plan plan;
  grpc::ClientContext ctx;
  Auth(&ctx, "tok-op");
  ASSERT_TRUE(planning->GetPlan(&ctx, gp, &plan).ok());
  for (const auto& t : plan.tasks()) {
    if (t.task_id() == task->task_id()) {
      EXPECT_EQ(t.status(), "DONE");
    }
  }
}

// The streaming form: one acknowledgement per batch after its commit, a
// retried batch never stored twice, an invalid batch ends the stream naming
// its index.
TEST_F(ServerTest, StreamedBatchesAreAcknowledgedEach) {
  const sstrack::v1::Task* task = FirstTask("KAMISAIBARA");
  ASSERT_NE(task, nullptr);
  auto stub = sstrack::v1::SensorGateway::NewStub(*channel_);
  sstrack::v1::SubmitObservationsRequest a, b;
  a.set_sensor("KAMISAIBARA");
  b.set_sensor("KAMISAIBARA");
  for (int k = 100; k < 104; ++k) *a.add_observations() = RangeObs(*task, k);
  for (int k = 104; k < 106; ++k) *b.add_observations() = RangeObs(*task, k);
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-kam");
    auto stream = stub->StreamObservations(&ctx);
    sstrack::v1::SubmitObservationsResponse ack;
    ASSERT_TRUE(stream->Write(a));
    ASSERT_TRUE(stream->Read(&ack));
    EXPECT_EQ(ack.inserted(), 4);
    ASSERT_TRUE(stream->Write(b));
    ASSERT_TRUE(stream->Read(&ack));
    EXPECT_EQ(ack.inserted(), 2);
    ASSERT_TRUE(stream->Write(a));  // a retry after a lost acknowledgement
    ASSERT_TRUE(stream->Read(&ack));
    EXPECT_EQ(ack.inserted(), 0);
    EXPECT_EQ(ack.duplicates(), 4);
    stream->WritesDone();
    EXPECT_TRUE(stream->Finish().ok());
  }
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-kam");
    auto stream = stub->StreamObservations(&ctx);
    sstrack::v1::SubmitObservationsRequest bad = b;
    bad.mutable_observations(0)->set_observation_id("stream-bad-0");
    bad.mutable_observations(0)->set_range_sigma_m(-1);
    sstrack::v1::SubmitObservationsResponse ack;
    ASSERT_TRUE(stream->Write(b));
    ASSERT_TRUE(stream->Read(&ack));
    EXPECT_EQ(ack.duplicates(), 2);
    stream->Write(bad);
    stream->WritesDone();
    EXPECT_FALSE(stream->Read(&ack));
    const grpc::Status st = stream->Finish();
    EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(st.error_message().find("batch 1: "), std::string::npos) << st.error_message();
    EXPECT_NE(st.error_message().find("observations[0].range_sigma_m"), std::string::npos);
  }
}

TEST_F(ServerTest, PropagateObjectMatchesSgp4AndFitNeedsData) {
  auto stub = sstrack::v1::CatalogService::NewStub(*channel_);
  sstrack::v1::PropagateObjectRequest req;
  req.set_catalog_number(694);
  req.add_epochs_utc("2018-01-20T10:54:52.602Z");  // ≈ the element epoch 18020.45477549
  sstrack::v1::PropagateObjectResponse resp;
  grpc::ClientContext ctx;
  Auth(&ctx, "tok-op");
  ASSERT_TRUE(stub->PropagateObject(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.source(), "ELEMENTS");
  ASSERT_EQ(resp.states_size(), 1);
  // |r| at epoch: between perigee and apogee of a = (μ/n²)^(1/3), e = 0.0587.
  const double n = 14.02251561 * 2 * M_PI / 86400;
  const double a = std::cbrt(3.986004418e14 / (n * n));
  const auto& p = resp.states(0).position_gcrf_m();
  const double r = std::sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
  EXPECT_GT(r, a * (1 - 0.0587) - 20e3);
  EXPECT_LT(r, a * (1 + 0.0587) + 20e3);
  // An element set's assumed covariance at its epoch: the configured
  // radial / in-track / cross-track σ (200, 1000, 200 m), rotated to GCRF:
  // its trace is invariant.
  EXPECT_EQ(resp.states(0).covariance_source(), "ASSUMED");
  ASSERT_EQ(resp.states(0).covariance_gcrf_size(), 36);
  const auto& c = resp.states(0).covariance_gcrf();
  EXPECT_NEAR(c[0] + c[7] + c[14], 200.0 * 200 + 1000.0 * 1000 + 200.0 * 200, 1e3);
  // An object without observations is not fitted.
  auto od = sstrack::v1::OrbitDeterminationService::NewStub(*channel_);
  sstrack::v1::FitObjectRequest fit;
  fit.set_catalog_number(694);
  sstrack::v1::OdRun run;
  grpc::ClientContext c2;
  Auth(&c2, "tok-op");
  EXPECT_EQ(od->FitObject(&c2, fit, &run).error_code(), StatusCode::FAILED_PRECONDITION);
}

// What a hostile or broken client sent (issue 15's probes), each refused
// naming the field and index, nothing of the batch stored.
TEST_F(ServerTest, HostileObservationsAreRefusedByName) {
  const sstrack::v1::Task* task = FirstTask("KAMISAIBARA");
  ASSERT_NE(task, nullptr);
  const sstrack::v1::Observation good = RangeObs(*task, 200);
  struct Probe {
    const char* what;
    void (*spoil)(sstrack::v1::Observation&);
    const char* expected;  // in the message
  };
  const Probe probes[] = {
      {"year 3000", [](sstrack::v1::Observation& o) { o.set_epoch_utc("3000-01-20T12:00:00Z"); },
       "observations[1].epoch_utc"},
      {"year 9999", [](sstrack::v1::Observation& o) { o.set_epoch_utc("9999-12-31T23:59:59Z"); },
       "observations[1].epoch_utc"},
      {"two hours ahead", [](sstrack::v1::Observation& o) { o.set_epoch_utc("2018-01-21T08:00:00Z"); },
       "after the server's clock (2018-01-21T06:00:00Z); at most 3600 s ahead"},
      {"40 days old", [](sstrack::v1::Observation& o) { o.set_epoch_utc("2017-12-12T06:00:00Z"); },
       "days before the server's clock"},
      {"no Z", [](sstrack::v1::Observation& o) { o.set_epoch_utc("2018-01-20T12:00:00"); },
       "observations[1].epoch_utc: time '2018-01-20T12:00:00': expected a time zone"},
      {"date only", [](sstrack::v1::Observation& o) { o.set_epoch_utc("2018-01-10"); },
       "observations[1].epoch_utc"},
      {"10 MB of spaces",
       [](sstrack::v1::Observation& o) { o.set_epoch_utc("2018-01-20T12:00:00Z" + std::string(10 << 20, ' ')); },
       "too long"},
      {"range 1e300", [](sstrack::v1::Observation& o) { o.set_range_m(1e300); },
       "observations[1].range_m: 1e+300: expected a finite value in (0, 1e+09]"},
      {"sigma 1e300", [](sstrack::v1::Observation& o) { o.set_range_sigma_m(1e300); },
       "observations[1].range_sigma_m"},
      {"id with a space", [](sstrack::v1::Observation& o) { o.set_observation_id("a b"); },
       "observations[1].observation_id"},
  };
  for (const Probe& p : probes) {
    sstrack::v1::SubmitObservationsRequest req;
    req.set_sensor("KAMISAIBARA");
    *req.add_observations() = good;
    sstrack::v1::Observation* o = req.add_observations();
    *o = RangeObs(*task, 201);
    p.spoil(*o);
    sstrack::v1::SubmitObservationsResponse resp;
    const grpc::Status st = Submit(req, &resp);
    EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT) << p.what;
    EXPECT_NE(st.error_message().find(p.expected), std::string::npos) << p.what << ": " << st.error_message();
    EXPECT_LT(st.error_message().size(), 400u) << p.what;
  }
  // Nothing of those batches was stored: `good` goes in now.
  sstrack::v1::SubmitObservationsRequest req;
  req.set_sensor("KAMISAIBARA");
  *req.add_observations() = good;
  sstrack::v1::SubmitObservationsResponse resp;
  ASSERT_TRUE(Submit(req, &resp).ok());
  EXPECT_EQ(resp.inserted(), 1);
  // The same id with other data: ALREADY_EXISTS with the id, and the new
  // observation beside it is not stored either.
  sstrack::v1::SubmitObservationsRequest reuse;
  reuse.set_sensor("KAMISAIBARA");
  *reuse.add_observations() = RangeObs(*task, 202);
  sstrack::v1::Observation* changed = reuse.add_observations();
  *changed = good;
  changed->set_range_m(good.range_m() + 0.001);
  const grpc::Status st = Submit(reuse, &resp);
  EXPECT_EQ(st.error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_NE(st.error_message().find(absl::StrCat("observations[1]: id '", good.observation_id(), "'")),
            std::string::npos) << st.error_message();
  EXPECT_NE(st.error_message().find("different value"), std::string::npos) << st.error_message();
  reuse.mutable_observations()->RemoveLast();
  ASSERT_TRUE(Submit(reuse, &resp).ok());
  EXPECT_EQ(resp.inserted(), 1);
  // An offset is RFC 3339 too: the same instant as good's, so a retry.
  sstrack::v1::SubmitObservationsRequest offset = req;
  auto t = astro::ParseIsoUtc(good.epoch_utc());
  offset.mutable_observations(0)->set_epoch_utc(
      absl::StrCat(astro::FormatIsoUtc(*t + 9 * 3600.0, 3).substr(0, 23), "+09:00"));
  ASSERT_TRUE(Submit(offset, &resp).ok()) << offset.observations(0).epoch_utc();
  EXPECT_EQ(resp.duplicates(), 1);
}

TEST_F(ServerTest, TaskStatusOnlyMovesForward) {
  std::vector<const sstrack::v1::Task*> mine;
  for (const auto& t : ThePlan().tasks()) {
    if (t.sensor() == "KAMISAIBARA") mine.push_back(&t);
  }
  ASSERT_GE(mine.size(), 3u);
  const int64_t a = mine[1]->task_id(), b = mine[2]->task_id();
  sstrack::v1::ReportTaskStatusResponse resp;
  // A sensor does not set what the planner sets.
  for (const char* s : {"PLANNED", "CANCELLED"}) {
    const grpc::Status st = Report(a, s, &resp);
    EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT) << s;
    EXPECT_NE(st.error_message().find("status: "), std::string::npos) << st.error_message();
  }
  ASSERT_TRUE(Report(a, "SENT", &resp).ok());
  ASSERT_TRUE(Report(a, "SENT", &resp).ok());  // a retry
  ASSERT_TRUE(Report(a, "DONE", &resp).ok());
  EXPECT_FALSE(resp.late());
  ASSERT_TRUE(Report(a, "DONE", &resp).ok());  // a retry
  for (const char* s : {"SENT", "FAILED", "MISSED"}) {
    const grpc::Status st = Report(a, s, &resp);
    EXPECT_EQ(st.error_code(), StatusCode::FAILED_PRECONDITION) << s;
    EXPECT_NE(st.error_message().find(absl::StrCat("from DONE to ", s)), std::string::npos)
        << st.error_message();
  }
  // DONE after MISSED: kept, late.
  ASSERT_TRUE(Report(b, "MISSED", &resp).ok());
  ASSERT_TRUE(Report(b, "DONE", &resp).ok());
  EXPECT_TRUE(resp.late());
  const grpc::Status unknown = Report(987654321, "DONE", &resp);
  EXPECT_EQ(unknown.error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(unknown.error_message().find(*db_dir_), std::string::npos) << unknown.error_message();
}

TEST_F(ServerTest, BadPlanArgumentsAndNoPathsInReplies) {
  auto planning = sstrack::v1::PlanningService::NewStub(*channel_);
  sstrack::v1::Plan plan;
  sstrack::v1::RunPlanRequest req;
  req.set_night("2018-01-20");
  req.set_time_limit_s(-1);
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-op");
    const grpc::Status st = planning->RunPlan(&ctx, req, &plan);
    EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(st.error_message().find("time_limit_s: -1"), std::string::npos) << st.error_message();
  }
  req.set_time_limit_s(1);
  req.set_max_objects(-5);
  {
    grpc::ClientContext ctx;
    Auth(&ctx, "tok-op");
    const grpc::Status st = planning->RunPlan(&ctx, req, &plan);
    EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(st.error_message().find("max_objects: -5"), std::string::npos) << st.error_message();
  }
  auto cat = sstrack::v1::CatalogService::NewStub(*channel_);
  sstrack::v1::GetObjectRequest g;
  g.set_catalog_number(99999998);
  sstrack::v1::CatalogObject obj;
  grpc::ClientContext ctx;
  Auth(&ctx, "tok-op");
  const grpc::Status st = cat->GetObject(&ctx, g, &obj);
  EXPECT_EQ(st.error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(st.error_message(), "object 99999998 is not in the catalog");
  sstrack::v1::GetPlanRequest gp;
  gp.set_night("1999-01-01");
  grpc::ClientContext c2;
  Auth(&c2, "tok-op");
  const grpc::Status none = planning->GetPlan(&c2, gp, &plan);
  EXPECT_EQ(none.error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(none.error_message().find(*db_dir_), std::string::npos) << none.error_message();
}

// 1,000 wrong tokens in a row from one address claiming one sensor: after
// the free five they are refused unchecked (RESOURCE_EXHAUSTED), while a good
// sensor on the same address keeps working at every step.
TEST_F(ServerTest, WrongTokensAreThrottledAndAGoodSensorIsNot) {
  auto stub = sstrack::v1::SensorGateway::NewStub(*channel_);
  sstrack::v1::GetTasksRequest attack;
  attack.set_sensor("HALEAKALA");
  sstrack::v1::GetTasksRequest good;
  good.set_sensor("KAMISAIBARA");
  int checked = 0, throttled = 0, good_ok = 0;
  for (int k = 0; k < 1000; ++k) {
    sstrack::v1::GetTasksResponse resp;
    grpc::ClientContext ctx;
    Auth(&ctx, absl::StrCat("guess-", k));
    const grpc::Status st = stub->GetTasks(&ctx, attack, &resp);
    if (st.error_code() == StatusCode::UNAUTHENTICATED) ++checked;
    if (st.error_code() == StatusCode::RESOURCE_EXHAUSTED) {
      ++throttled;
      EXPECT_NE(st.error_message().find("too many failed authentications from 127.0.0.1"), std::string::npos)
          << st.error_message();
    }
    if (k % 100 == 99) {
      grpc::ClientContext c2;
      Auth(&c2, "tok-kam");
      good_ok += stub->GetTasks(&c2, good, &resp).ok();
    }
  }
  EXPECT_EQ(checked + throttled, 1000);
  // Five free, then one per lock (1 s, 2 s, …): a few in the test's time.
  EXPECT_GE(checked, 6);
  EXPECT_LE(checked, 12);
  EXPECT_EQ(good_ok, 10);
}

}  // namespace
}  // namespace sstrack::service
