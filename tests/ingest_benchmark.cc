// Copyright sstrack authors.
//
// Ingest throughput over gRPC with durable acknowledgements: an in-process
// sstrackd server on 127.0.0.1, one sensor client submitting batches of
// RANGE observations; each answer arrives after the batch's SQLite commit.
// Prints observations/s (docs/BENCHMARKS.md).
//
//   bazel run -c opt //tests:ingest_benchmark -- [batches] [batch_size]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "astro/formats/tle.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "service/config_loader.h"
#include "service/server.h"

int main(int argc, char** argv) {
  using namespace sstrack;
  const int batches = argc > 1 ? std::atoi(argv[1]) : 50;
  const int size = argc > 2 ? std::atoi(argv[2]) : 2000;
  const std::string dir = (std::filesystem::temp_directory_path() / "sstrack-ingest-bench").string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto el = astro::ParseTle("1 00694U 63047A   18020.45477549  .00000192  00000-0  13161-4 0  9993",
                            "2 00694  30.3567  49.3864 0587298 116.6761 249.5182 14.02251561713612");
  {
    auto cat = catalog::Catalog::Open(dir + "/b.db");
    if (!cat.ok() || !el.ok()) return 1;
    std::vector<astro::MeanElements> sets = {*el};
    if (!(*cat)->ImportElements(sets, catalog::StateSource::kTle, "bench").ok()) return 1;
  }
  const char* cfg = std::getenv("SSTRACK_CONFIG_DIR");
  auto net = service::LoadSensorNetwork(absl::StrCat(cfg ? cfg : "config", "/sensors.textproto"));
  if (!net.ok()) {
    std::fprintf(stderr, "%s\n", std::string(net.status().message()).c_str());
    return 1;
  }
  service::ServiceConfig sc;
  sc.db_path = dir + "/b.db";
  sc.network = *net;
  const std::string sensor = (*net)[0].name();
  sc.tokens.AddToken(service::Role::kSensor, sensor, "bench");
  sc.cycle.simulated_clock = true;  // the ingest window around the data's day
  sc.cycle.simulated_start = *astro::ParseIsoUtc("2018-01-21T00:00:00Z");
  auto server = service::Server::Start(std::move(sc), {});
  if (!server.ok()) return 1;
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*server)->port()),
                                     grpc::InsecureChannelCredentials());
  auto stub = sstrack::v1::SensorGateway::NewStub(channel);
  const auto t0 = std::chrono::steady_clock::now();
  long stored = 0;
  for (int b = 0; b < batches; ++b) {
    sstrack::v1::SubmitObservationsRequest req;
    req.set_sensor(sensor);
    for (int k = 0; k < size; ++k) {
      sstrack::v1::Observation* o = req.add_observations();
      o->set_observation_id(absl::StrCat("b", b, "-", k));
      o->set_catalog_number(694);
      o->set_epoch_utc(absl::StrCat("2018-01-20T12:", 10 + k / 1000 % 50, ":",
                                    10 + k % 40, ".", k % 1000, "Z"));
      o->set_type(sstrack::v1::RANGE);
      o->set_range_m(1.2e6 + k);
      o->set_range_sigma_m(10);
    }
    sstrack::v1::SubmitObservationsResponse resp;
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer bench");
    grpc::Status st = stub->SubmitObservations(&ctx, req, &resp);
    if (!st.ok()) {
      std::fprintf(stderr, "batch %d: %s\n", b, st.error_message().c_str());
      return 1;
    }
    stored += resp.inserted();
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%ld observations in %d batches of %d: %.2f s, %.0f observations/s\n", stored,
              batches, size, s, stored / s);
  std::filesystem::remove_all(dir);
  return 0;
}
