// Copyright sstrack authors.
//
// service/server_config.h — sstrackd's configuration, a `ServerConfig`
// textproto (proto/sstrack/v1/config.proto; the shipped one is
// config/sstrackd.textproto, every field documented in docs/CONFIG.md),
// turned into the server's settings: addresses and files, and the fit's
// force model per orbit regime with the a priori information on its
// estimated parameters.
//
// Checks, in order: protobuf text syntax and unknown fields (file:line:column);
// a file in the old `key value` format is named as such, with its
// settings rewritten in the new format in the message; then every value's
// range, naming file:line and the field's path (`fit.regime[1].force_model.
// degree`). Relative file names are resolved against the configuration
// file's folder. Unset fields keep the documented defaults — also when no
// file is given at all (`DefaultServerSettings`).
//
// Example:
//   absl::StatusOr<ServerSettings> s = LoadServerConfig("config/sstrackd.textproto");
//   const operations::FitModel& leo = s->fit.ModelFor(astro::OrbitRegime::kLeo);
#ifndef SSTRACK_SERVICE_SERVER_CONFIG_H_
#define SSTRACK_SERVICE_SERVER_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "operations/cycle.h"
#include "operations/object_fit.h"

namespace sstrack::service {

struct ServerSettings {
  std::string listen_address = "127.0.0.1:50051";
  std::string database = "sstrack.db";  // default: in the working directory
  std::string sensors_file;  // default: the config folder's sensors.textproto
  std::string tokens_file = "tokens.txt";  // default: in the working directory
  std::string tls_certificate_file, tls_private_key_file;  // both or neither
  double task_window_margin_s = 300.0;
  int max_message_bytes = 64 << 20;
  double max_epoch_age_s = 30 * 86400.0;  // ingest {}
  double max_epoch_lead_s = 3600.0;
  operations::FitSettings fit;
  // The autonomous cycle.
  bool cycle_enabled = true;
  bool cycle_simulated_clock = false;
  std::string cycle_simulated_start_utc;
  double cycle_step_interval_s = 10;
  operations::CycleOptions cycle;
  // One line per regime: "LEO: EIGEN-6S 20x20, Sun, Moon, relativity, drag (Cd·A/m estimated ±…)".
  std::string fit_description;
};

// `text` is the file's content, `source` its name in errors, `base_dir` the
// folder the names it gives are resolved against, `builtin_dir` the folder
// of the built-in defaults' files (the shipped `config/`: the gravity field
// and the sensor network).
absl::StatusOr<ServerSettings> ParseServerConfig(absl::string_view text, absl::string_view source,
                                                 absl::string_view base_dir,
                                                 absl::string_view builtin_dir);
absl::StatusOr<ServerSettings> LoadServerConfig(const std::string& path,
                                                absl::string_view builtin_dir = "config");
// The built-in defaults, files resolved against `config_dir` (the shipped
// `config/`): what sstrackd runs without --config.
absl::StatusOr<ServerSettings> DefaultServerSettings(absl::string_view config_dir);

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_SERVER_CONFIG_H_
