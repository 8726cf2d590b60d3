// Copyright sstrack authors.
#include "service/server.h"

#include <algorithm>
#include <chrono>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include "absl/strings/str_cat.h"

namespace sstrack::service {

absl::StatusOr<std::unique_ptr<Server>> Server::Start(ServiceConfig config,
                                                      const ServerOptions& o) {
  const bool tls = !o.tls_certificate_pem.empty() || !o.tls_private_key_pem.empty();
  if (tls) {
    if (o.tls_certificate_pem.empty() || o.tls_private_key_pem.empty()) {
      return absl::InvalidArgumentError("TLS: a certificate and a private key, both or neither");
    }
    if (absl::Status st = CheckTlsPair(o.tls_certificate_pem, o.tls_private_key_pem); !st.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("TLS ", st.message()));
    }
  }
  auto core = ServiceCore::Create(std::move(config));
  if (!core.ok()) return core.status();
  std::unique_ptr<Server> s(new Server());
  s->core_ = *std::move(core);
  s->grace_s_ = o.shutdown_grace_s;
  s->gateway_ = std::make_unique<SensorGatewayHandler>(s->core_.get());
  s->catalog_ = std::make_unique<CatalogHandler>(s->core_.get());
  s->planning_ = std::make_unique<PlanningHandler>(s->core_.get());
  s->od_ = std::make_unique<OrbitDeterminationHandler>(s->core_.get());
  s->cycle_ = std::make_unique<CycleHandler>(s->core_.get());
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  std::shared_ptr<grpc::ServerCredentials> creds;
  if (tls) {
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back({o.tls_private_key_pem, o.tls_certificate_pem});
    creds = grpc::SslServerCredentials(ssl);
  } else {
    creds = grpc::InsecureServerCredentials();
  }
  builder.AddListeningPort(o.listen_address, creds, &s->port_);
  builder.SetMaxReceiveMessageSize(o.max_message_bytes);
  builder.SetMaxSendMessageSize(o.max_message_bytes);
  builder.RegisterService(s->gateway_.get());
  builder.RegisterService(s->catalog_.get());
  builder.RegisterService(s->planning_.get());
  builder.RegisterService(s->od_.get());
  builder.RegisterService(s->cycle_.get());
  s->server_ = builder.BuildAndStart();
  if (!s->server_ || s->port_ == 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", o.listen_address,
        ": the address is in use, not this machine's, or not host:port (gRPC's reason is in its log)"));
  }
  if (auto* health = s->server_->GetHealthCheckService()) {
    health->SetServingStatus(true);
    for (const char* name : {"sstrack.v1.SensorGateway", "sstrack.v1.CatalogService",
                             "sstrack.v1.PlanningService", "sstrack.v1.OrbitDeterminationService",
                             "sstrack.v1.CycleService"}) {
      health->SetServingStatus(name, true);
    }
  }
  if (s->core_->cycle()) s->cycle_thread_ = std::thread([srv = s.get()] { srv->RunCycle(); });
  return s;
}

void Server::RunCycle() {
  operations::Cycle& cycle = *core_->cycle();
  const bool simulated = core_->clock().simulated();
  const double interval_s = core_->config().cycle.step_interval_s;
  constexpr double kMaxBackoffS = 300;
  double wait_s = interval_s;
  absl::MutexLock l(&stop_mu_);
  while (!stop_) {
    stop_mu_.Unlock();
    // The error is kept for CycleService.GetStatus (last_error).
    const bool ok = cycle.Step().ok();
    stop_mu_.Lock();
    if (simulated) {
      // AdvanceClock drives the passes from here on.
      stop_mu_.Await(absl::Condition(&stop_));
      break;
    }
    wait_s = ok ? interval_s : std::min(kMaxBackoffS, std::max(interval_s, 2 * wait_s));
    stop_mu_.AwaitWithTimeout(absl::Condition(&stop_), absl::Seconds(wait_s));
  }
}

Server::~Server() { Shutdown(); }

void Server::Shutdown() {
  if (shut_down_ || !server_) return;
  shut_down_ = true;
  if (auto* health = server_->GetHealthCheckService()) health->SetServingStatus(false);
  {
    absl::MutexLock l(&stop_mu_);
    stop_ = true;
  }
  server_->Shutdown(std::chrono::system_clock::now() +
                    std::chrono::milliseconds(static_cast<int64_t>(grace_s_ * 1000)));
  server_->Wait();
  if (cycle_thread_.joinable()) cycle_thread_.join();
}

void Server::Wait() {
  if (server_) server_->Wait();
}

}  // namespace sstrack::service
