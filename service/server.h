// Copyright sstrack authors.
//
// service/server.h — sstrackd's gRPC server: the five services of
// sstrack.proto, the standard health service (grpc.health.v1, "" and each
// service SERVING while up) and server reflection, on one listening address;
// and, when the configuration enables it, the autonomous cycle
// (operations/cycle.h) on a thread of its own: on the real clock a pass every
// `step_interval_s` (after a failed pass the wait doubles, up to 5 minutes);
// on a simulated clock one pass at start (a restart resumes what the stored
// state says is due) and then one per CycleService.AdvanceClock.
//
// Example:
//   auto server = Server::Start(std::move(config), {.listen_address = "127.0.0.1:0"});
//   int port = (*server)->port();
//   ...
//   (*server)->Shutdown();  // finishes in-flight RPCs (up to the grace period)
#ifndef SSTRACK_SERVICE_SERVER_H_
#define SSTRACK_SERVICE_SERVER_H_

#include <memory>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "service/handlers.h"

namespace sstrack::service {

struct ServerOptions {
  std::string listen_address = "127.0.0.1:0";  // port 0: any free port
  int max_message_bytes = 64 << 20;
  // TLS when both are set (PEM files' contents).
  std::string tls_certificate_pem, tls_private_key_pem;
  double shutdown_grace_s = 5.0;
};

class Server {
 public:
  static absl::StatusOr<std::unique_ptr<Server>> Start(ServiceConfig config,
                                                       const ServerOptions& options);
  ~Server();
  int port() const { return port_; }
  // Stops accepting RPCs, lets in-flight ones finish (up to the grace
  // period), then cancels the rest; stops the cycle after its current pass.
  // Idempotent.
  void Shutdown();
  void Wait();
  ServiceCore& core() { return *core_; }

 private:
  Server() = default;
  std::unique_ptr<ServiceCore> core_;
  std::unique_ptr<SensorGatewayHandler> gateway_;
  std::unique_ptr<CatalogHandler> catalog_;
  std::unique_ptr<PlanningHandler> planning_;
  std::unique_ptr<OrbitDeterminationHandler> od_;
  std::unique_ptr<CycleHandler> cycle_;
  void RunCycle();
  absl::Mutex stop_mu_;
  bool stop_ ABSL_GUARDED_BY(stop_mu_) = false;
  std::thread cycle_thread_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  double grace_s_ = 5.0;
  bool shut_down_ = false;
};

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_SERVER_H_
