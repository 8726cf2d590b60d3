// Copyright sstrack authors.
// Fuzz target: the server's configuration textproto (service/server_config.h)
// and the sensor network's (service/config_loader.h). File names inside are
// resolved against config/ (the shipped defaults: SSTRACK_CONFIG_DIR, else
// ./config); an input naming a device or /proc is skipped (an operator's own
// file may read what it likes; the fuzzer must not block on /dev/zero). A
// refusal names the source.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/strings/match.h"
#include "service/config_loader.h"
#include "service/server_config.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text = sstrack::fuzz::Text(data, size);
  const auto net = sstrack::service::ParseSensorNetwork(text, "fuzz-sensors.textproto");
  FUZZ_EXPECT_NAMES_SOURCE(net.status(), "fuzz-sensors.textproto");
  if (absl::StrContains(text, "/dev") || absl::StrContains(text, "/proc") ||
      absl::StrContains(text, "/sys")) {
    return 0;
  }
  const char* dir = std::getenv("SSTRACK_CONFIG_DIR");
  const std::string config_dir = dir != nullptr && *dir != '\0' ? dir : "config";
  const auto s = sstrack::service::ParseServerConfig(text, "fuzz.textproto", config_dir, config_dir);
  FUZZ_EXPECT_NAMES_SOURCE(s.status(), "fuzz.textproto");
  return 0;
}
