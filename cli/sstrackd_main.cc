// Copyright sstrack authors.
//
// sstrackd — the sstrack gRPC server (docs/OPERATIONS.md).
//
//   sstrackd [--config FILE] [--listen ADDR] [--db FILE] [--sensors FILE]
//            [--tokens FILE] [--tls-cert PEM --tls-key PEM] [--no-cycle]
//
// The config file is a ServerConfig textproto (config/sstrackd.textproto,
// docs/CONFIG.md): addresses, files and the fit's force model per orbit
// regime, and the autonomous cycle; without --config the built-in defaults (the same as that file,
// files from $SSTRACK_CONFIG_DIR or ./config). Flags override it. Errors
// in the file: a message naming file:line and the field, exit 1 before
// listening. SIGINT or SIGTERM: stop accepting calls, finish those under
// way (5 s grace), exit 0.
#include <csignal>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "CLI/CLI.hpp"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "glog/logging.h"
#include "absl/strings/str_split.h"
#include "astro/time/utc.h"
#include "auth/auth.h"
#include "service/config_loader.h"
#include "service/server.h"
#include "service/server_config.h"

namespace {

// Command-line overrides of the configuration.
struct Overrides {
  std::string listen_address, db, sensors, tokens, tls_certificate, tls_private_key;
};

absl::StatusOr<std::string> ReadText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("'", path, "': cannot open (", std::strerror(errno), ")"));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string CycleDescription(const sstrack::service::ServerSettings& c, bool no_cycle) {
  if (no_cycle) return "off (--no-cycle)";
  if (!c.cycle_enabled) return "off (cycle.enabled: false)";
  if (c.cycle_simulated_clock) return "on, SIMULATED clock (moved by CycleService.AdvanceClock)";
  return absl::StrCat("on, REAL clock, a pass every ", c.cycle_step_interval_s, " s");
}

absl::Status Run(const std::string& config_file, const std::string& default_config_dir,
                 const Overrides& flags, const std::vector<bool>& given, bool no_cycle) {
  auto loaded = config_file.empty() ? sstrack::service::DefaultServerSettings(default_config_dir)
                                    : sstrack::service::LoadServerConfig(config_file, default_config_dir);
  if (!loaded.ok()) return loaded.status();
  sstrack::service::ServerSettings c = *std::move(loaded);
  // Flags given on the command line win.
  if (given[0]) c.listen_address = flags.listen_address;
  if (given[1]) c.database = flags.db;
  if (given[2]) c.sensors_file = flags.sensors;
  if (given[3]) c.tokens_file = flags.tokens;
  if (given[4]) c.tls_certificate_file = flags.tls_certificate;
  if (given[5]) c.tls_private_key_file = flags.tls_private_key;
  sstrack::service::ServiceConfig sc;
  sc.db_path = c.database;
  sc.task_window_margin_s = c.task_window_margin_s;
  auto net = sstrack::service::LoadSensorNetwork(c.sensors_file);
  if (!net.ok()) return net.status();
  sc.network = *std::move(net);
  auto tokens = sstrack::auth::TokenStore::Read(c.tokens_file);
  if (!tokens.ok()) return tokens.status();
  sc.tokens = *std::move(tokens);
  sc.fit = c.fit;
  sc.cycle.enabled = c.cycle_enabled && !no_cycle;
  sc.cycle.simulated_clock = c.cycle_simulated_clock;
  sc.max_epoch_age_s = c.max_epoch_age_s;
  sc.max_epoch_lead_s = c.max_epoch_lead_s;
  if (c.cycle_simulated_clock) {
    auto start = sstrack::astro::ParseIsoUtc(c.cycle_simulated_start_utc);
    if (!start.ok()) return start.status();
    sc.cycle.simulated_start = *start;
  }
  sc.cycle.step_interval_s = c.cycle_step_interval_s;
  sc.cycle.options = c.cycle;
  // Fault injection for the restart tests (tests/sstrackd_test.sh): die
  // with SIGKILL at the named point of the cycle (operations/cycle.h).
  if (const char* at = std::getenv("SSTRACK_CRASH_AT"); at != nullptr && *at != '\0') {
    const std::string point = at;
    sc.cycle.options.crash_hook = [point](absl::string_view p) {
      if (p == point) raise(SIGKILL);
    };
  }
  sstrack::service::ServerOptions so;
  so.listen_address = c.listen_address;
  so.max_message_bytes = c.max_message_bytes;
  if (!c.tls_certificate_file.empty() || !c.tls_private_key_file.empty()) {
    if (c.tls_certificate_file.empty() || c.tls_private_key_file.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "TLS: give both a certificate and a private key (--tls-cert/--tls-key or tls { certificate_file "
          "private_key_file }); only the ", c.tls_certificate_file.empty() ? "key" : "certificate", " was given"));
    }
    auto cert = ReadText(c.tls_certificate_file);
    if (!cert.ok()) return absl::NotFoundError(absl::StrCat("TLS certificate ", cert.status().message()));
    auto key = ReadText(c.tls_private_key_file);
    if (!key.ok()) return absl::NotFoundError(absl::StrCat("TLS private key ", key.status().message()));
    if (absl::Status st = sstrack::auth::CheckTlsPair(*cert, *key); !st.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("TLS (", c.tls_certificate_file, ", ",
                                                     c.tls_private_key_file, "): ", st.message()));
    }
    so.tls_certificate_pem = *cert;
    so.tls_private_key_pem = *key;
  }
  // Block the signals in every thread; this one waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  const size_t n_sensors = sc.network.size(), n_tokens = sc.tokens.size();
  auto server = sstrack::service::Server::Start(std::move(sc), so);
  if (!server.ok()) return server.status();
  LOG(INFO) << "sstrackd: listening on " << c.listen_address << " (port " << (*server)->port()
            << ", " << (so.tls_certificate_pem.empty() ? "plaintext" : "TLS") << "), db " << c.database
            << ", " << n_sensors << " sensors, " << n_tokens << " tokens; cycle "
            << CycleDescription(c, no_cycle) << "; fit models:\n"
            << c.fit_description;
  std::fprintf(stdout, "port %d\n", (*server)->port());
  std::fflush(stdout);
  int sig = 0;
  // SIGHUP: read the token file again; a bad file keeps the tokens in use.
  while (sigwait(&set, &sig) == 0 && sig == SIGHUP) {
    auto fresh = sstrack::auth::TokenStore::Read(c.tokens_file);
    if (!fresh.ok()) {
      LOG(ERROR) << "sstrackd: SIGHUP: tokens not reloaded, the old ones stay: " << fresh.status().message();
      continue;
    }
    const size_t n = fresh->size();
    (*server)->core().ReplaceTokens(*std::move(fresh));
    LOG(INFO) << "sstrackd: SIGHUP: tokens reloaded from " << c.tokens_file << ", " << n << " tokens";
  }
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
  Overrides flags;
  std::string default_config_dir = "config";
  if (const char* d = std::getenv("SSTRACK_CONFIG_DIR")) default_config_dir = d;
  app.add_option("--config", config_file, "server config, a ServerConfig textproto (docs/CONFIG.md); default: the built-in defaults = config/sstrackd.textproto");
  auto* o0 = app.add_option("--listen", flags.listen_address, "host:port (default 127.0.0.1:50051; port 0: any)");
  auto* o1 = app.add_option("--db", flags.db, "catalog database (created if missing)");
  auto* o2 = app.add_option("--sensors", flags.sensors, "sensor network textproto");
  auto* o3 = app.add_option("--tokens", flags.tokens, "token file (ROLE NAME SHA256 lines)");
  auto* o4 = app.add_option("--tls-cert", flags.tls_certificate, "PEM certificate (TLS)");
  auto* o5 = app.add_option("--tls-key", flags.tls_private_key, "PEM private key (TLS)");
  bool no_cycle = false;
  app.add_flag("--no-cycle", no_cycle, "do not run the autonomous cycle (plans and fits only when an operator asks)");
  CLI11_PARSE(app, argc, argv);
  const std::vector<bool> given = {o0->count() > 0, o1->count() > 0, o2->count() > 0,
                                   o3->count() > 0, o4->count() > 0, o5->count() > 0};
  absl::Status s = Run(config_file, default_config_dir, flags, given, no_cycle);
  if (!s.ok()) {
    LOG(ERROR) << "sstrackd: " << s.message();
    return 1;
  }
  return 0;
}
