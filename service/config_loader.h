// Copyright sstrack authors.
//
// service/config_loader.h — the sensor network from a textproto file
// (proto/sstrack/v1/config.proto, `SensorNetwork`) to sensors::Sensor.
//
// Checks, in order: protobuf text syntax (errors give file:line:column),
// then every value's physical range in the file's units (a negative slew
// rate, an elevation above 90°, a duplicate name, …), naming file:line, the
// sensor and the field. Boundary units (deg, km, arcsec) become SI here.
//
// Example:
//   absl::StatusOr<std::vector<sensors::Sensor>> net =
//       LoadSensorNetwork("config/sensors.textproto");
#ifndef SSTRACK_SERVICE_CONFIG_LOADER_H_
#define SSTRACK_SERVICE_CONFIG_LOADER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sensors/sensor.h"

namespace sstrack::service {

absl::StatusOr<std::vector<sensors::Sensor>> LoadSensorNetwork(const std::string& path);
// `source` names the text in errors (a file name).
absl::StatusOr<std::vector<sensors::Sensor>> ParseSensorNetwork(absl::string_view text,
                                                                absl::string_view source);

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_CONFIG_LOADER_H_
