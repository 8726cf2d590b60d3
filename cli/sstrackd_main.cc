// Copyright sstrack authors.
//
// sstrackd — the sstrack gRPC server (docs/OPERATIONS.md).
//
//   sstrackd [--config FILE] [--listen ADDR] [--db FILE] [--sensors FILE]
//            [--tokens FILE] [--tls-cert PEM --tls-key PEM]
//
// The config file holds `key value` lines (`#` comments): listen_address,
// db, sensors, tokens, tls_certificate, tls_private_key,
// task_window_margin_s, max_message_bytes; flags override it. SIGINT or
// SIGTERM: stop accepting calls, finish those under way (5 s grace), exit 0.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "CLI/CLI.hpp"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "glog/logging.h"
#include "absl/strings/str_split.h"
#include "orbit_determination/truth_scenario.h"
#include "service/auth.h"
#include "service/config_loader.h"
#include "service/server.h"

namespace {

struct DaemonConfig {
  std::string listen_address = "127.0.0.1:50051";
  std::string db = "sstrack.db";
  std::string sensors = "config/sensors.textproto";
  std::string tokens = "tokens.txt";
  std::string tls_certificate, tls_private_key;
  double task_window_margin_s = 300;
  int max_message_bytes = 64 << 20;
};

absl::Status ReadConfig(const std::string& path, DaemonConfig* c) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("--config ", path, ": cannot open"));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string text(absl::StripAsciiWhitespace(line.substr(0, line.find('#'))));
    if (text.empty()) continue;
    std::vector<std::string> kv = absl::StrSplit(text, absl::MaxSplits(absl::ByAnyChar(" \t"), 1));
    const std::string where = absl::StrCat(path, ":", n, ": ");
    if (kv.size() != 2) return absl::InvalidArgumentError(absl::StrCat(where, "expected `key value`"));
    const std::string& k = kv[0];
    const std::string v(absl::StripAsciiWhitespace(kv[1]));
    if (k == "listen_address") c->listen_address = v;
    else if (k == "db") c->db = v;
    else if (k == "sensors") c->sensors = v;
    else if (k == "tokens") c->tokens = v;
    else if (k == "tls_certificate") c->tls_certificate = v;
    else if (k == "tls_private_key") c->tls_private_key = v;
    else if (k == "task_window_margin_s") {
      if (!absl::SimpleAtod(v, &c->task_window_margin_s) || c->task_window_margin_s < 0) {
        return absl::InvalidArgumentError(absl::StrCat(where, "task_window_margin_s: a number >= 0"));
      }
    } else if (k == "max_message_bytes") {
      if (!absl::SimpleAtoi(v, &c->max_message_bytes) || c->max_message_bytes < 1024) {
        return absl::InvalidArgumentError(absl::StrCat(where, "max_message_bytes: an integer >= 1024"));
      }
    } else {
      return absl::InvalidArgumentError(absl::StrCat(where, "unknown key '", k, "'"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::Status Run(const std::string& config_file, DaemonConfig c, const DaemonConfig& flags,
                 const std::vector<bool>& given) {
  if (!config_file.empty()) {
    if (absl::Status s = ReadConfig(config_file, &c); !s.ok()) return s;
  }
  // Flags given on the command line win.
  if (given[0]) c.listen_address = flags.listen_address;
  if (given[1]) c.db = flags.db;
  if (given[2]) c.sensors = flags.sensors;
  if (given[3]) c.tokens = flags.tokens;
  if (given[4]) c.tls_certificate = flags.tls_certificate;
  if (given[5]) c.tls_private_key = flags.tls_private_key;
  sstrack::service::ServiceConfig sc;
  sc.db_path = c.db;
  sc.task_window_margin_s = c.task_window_margin_s;
  auto net = sstrack::service::LoadSensorNetwork(c.sensors);
  if (!net.ok()) return net.status();
  sc.network = *std::move(net);
  auto tokens = sstrack::service::TokenStore::Read(c.tokens);
  if (!tokens.ok()) return tokens.status();
  sc.tokens = *std::move(tokens);
  auto fo = sstrack::od::TruthForceModel();
  if (!fo.ok()) return fo.status();
  sc.fit.force_model = *fo;
  sstrack::service::ServerOptions so;
  so.listen_address = c.listen_address;
  so.max_message_bytes = c.max_message_bytes;
  if (!c.tls_certificate.empty() || !c.tls_private_key.empty()) {
    auto cert = ReadText(c.tls_certificate);
    auto key = ReadText(c.tls_private_key);
    if (!cert.ok()) return cert.status();
    if (!key.ok()) return key.status();
    so.tls_certificate_pem = *cert;
    so.tls_private_key_pem = *key;
  }
  // Block the signals in every thread; this one waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  const size_t n_sensors = sc.network.size(), n_tokens = sc.tokens.size();
  auto server = sstrack::service::Server::Start(std::move(sc), so);
  if (!server.ok()) return server.status();
  LOG(INFO) << "sstrackd: listening on " << c.listen_address << " (port " << (*server)->port()
            << ", " << (so.tls_certificate_pem.empty() ? "plaintext" : "TLS") << "), db " << c.db
            << ", " << n_sensors << " sensors, " << n_tokens << " tokens";
  std::fprintf(stdout, "port %d\n", (*server)->port());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  LOG(INFO) << "sstrackd: " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ", shutting down";
  (*server)->Shutdown();
  LOG(INFO) << "sstrackd: stopped";
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  // Logs go to stderr (glog), results to stdout.
  FLAGS_logtostderr = true;
  google::InitGoogleLogging(argv[0]);
  CLI::App app{"sstrackd — the sstrack gRPC server"};
  std::string config_file;
  DaemonConfig defaults, flags;
  if (const char* d = std::getenv("SSTRACK_CONFIG_DIR")) {
    defaults.sensors = absl::StrCat(d, "/sensors.textproto");
  }
  app.add_option("--config", config_file, "server config file (key value lines)");
  auto* o0 = app.add_option("--listen", flags.listen_address, "host:port (default 127.0.0.1:50051; port 0: any)");
  auto* o1 = app.add_option("--db", flags.db, "catalog database (created if missing)");
  auto* o2 = app.add_option("--sensors", flags.sensors, "sensor network textproto");
  auto* o3 = app.add_option("--tokens", flags.tokens, "token file (ROLE NAME SHA256 lines)");
  auto* o4 = app.add_option("--tls-cert", flags.tls_certificate, "PEM certificate (TLS)");
  auto* o5 = app.add_option("--tls-key", flags.tls_private_key, "PEM private key (TLS)");
  CLI11_PARSE(app, argc, argv);
  const std::vector<bool> given = {o0->count() > 0, o1->count() > 0, o2->count() > 0,
                                   o3->count() > 0, o4->count() > 0, o5->count() > 0};
  absl::Status s = Run(config_file, defaults, flags, given);
  if (!s.ok()) {
    LOG(ERROR) << "sstrackd: " << s.message();
    return 1;
  }
  return 0;
}
