// Copyright sstrack authors.
//
// cli/sensors_command.h — `sstrack sensors list | show NAME [--json]`: the
// sensor network of the config file, and the helpers other commands use to
// load it and pick sensors by name.
#ifndef SSTRACK_CLI_SENSORS_COMMAND_H_
#define SSTRACK_CLI_SENSORS_COMMAND_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sensors/sensor.h"

namespace sstrack::cli {

struct SensorsOptions {
  std::string config;  // empty: DefaultSensorConfig()
  std::string name;    // show
  bool json = false;
};

// $SSTRACK_CONFIG_DIR/sensors.textproto, else config/sensors.textproto.
std::string DefaultSensorConfig();
absl::StatusOr<std::vector<sensors::Sensor>> LoadNetwork(const std::string& config);
// Index of the sensor called `name` (case-sensitive); NOT_FOUND listing the
// known names otherwise.
absl::StatusOr<size_t> FindSensor(const std::vector<sensors::Sensor>& net,
                                  const std::string& name);
// The sensors named in a comma-separated list (empty: all).
absl::StatusOr<std::vector<sensors::Sensor>> SelectSensors(
    const std::vector<sensors::Sensor>& net, const std::string& comma_separated);

// One JSON object with every parameter in config units.
std::string SensorJson(const sensors::Sensor& s);

absl::Status RunSensorsList(const SensorsOptions& options, std::FILE* out);
absl::Status RunSensorsShow(const SensorsOptions& options, std::FILE* out);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_SENSORS_COMMAND_H_
