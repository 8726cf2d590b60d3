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
  static Server* server_;
  static std::shared_ptr<grpc::Channel>* channel_;
};

Server* ServerTest::server_ = nullptr;
std::shared_ptr<grpc::Channel>* ServerTest::channel_ = nullptr;

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
  for (const auto& t : resp.tasks()) EXPECT_EQ(t.sensor(), "KAMISAIBARA");
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
  // An object without observations is not fitted.
  auto od = sstrack::v1::OrbitDeterminationService::NewStub(*channel_);
  sstrack::v1::FitObjectRequest fit;
  fit.set_catalog_number(694);
  sstrack::v1::OdRun run;
  grpc::ClientContext c2;
  Auth(&c2, "tok-op");
  EXPECT_EQ(od->FitObject(&c2, fit, &run).error_code(), StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace sstrack::service
