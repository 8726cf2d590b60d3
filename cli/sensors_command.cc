// Copyright sstrack authors.
#include "cli/sensors_command.h"

#include <cmath>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/cli_common.h"
#include "service/config_loader.h"

namespace sstrack::cli {
namespace {

constexpr double kDeg = M_PI / 180.0;

// Config values come back through deg → rad → deg: 12 significant digits.
std::string Num(double v) { return JsonNumber(std::stod(absl::StrFormat("%.12g", v))); }

}  // namespace

std::string DefaultSensorConfig() {
  if (const char* d = std::getenv("SSTRACK_CONFIG_DIR"); d != nullptr && *d != '\0') {
    return absl::StrCat(d, "/sensors.textproto");
  }
  return "config/sensors.textproto";
}

absl::StatusOr<std::vector<sensors::Sensor>> LoadNetwork(const std::string& config) {
  return service::LoadSensorNetwork(config.empty() ? DefaultSensorConfig() : config);
}

absl::StatusOr<size_t> FindSensor(const std::vector<sensors::Sensor>& net,
                                  const std::string& name) {
  std::vector<std::string> names;
  for (size_t i = 0; i < net.size(); ++i) {
    if (net[i].name() == name) return i;
    names.push_back(net[i].name());
  }
  return absl::NotFoundError(absl::StrCat("unknown sensor \"", name, "\" (known: ",
                                          absl::StrJoin(names, ", "), ")"));
}

absl::StatusOr<std::vector<sensors::Sensor>> SelectSensors(const std::vector<sensors::Sensor>& net,
                                                           const std::string& list) {
  if (list.empty()) return net;
  std::vector<sensors::Sensor> out;
  for (absl::string_view n : absl::StrSplit(list, ',', absl::SkipEmpty())) {
    absl::StatusOr<size_t> i = FindSensor(net, std::string(n));
    if (!i.ok()) return i.status();
    out.push_back(net[*i]);
  }
  return out;
}

std::string SensorJson(const sensors::Sensor& sensor) {
  const sensors::SensorSpec& s = sensor.spec();
  std::string j = absl::StrCat(
      "{\"name\":", JsonString(s.name), ",\"type\":", JsonString(sensors::SensorTypeName(s.type)),
      ",\"latitude_deg\":", Num(s.geodetic.latitude_rad / kDeg),
      ",\"longitude_deg\":", Num(s.geodetic.longitude_rad / kDeg),
      ",\"altitude_m\":", Num(s.geodetic.height_m),
      ",\"min_elevation_deg\":", Num(s.min_elevation_rad / kDeg), ",\"mask\":[");
  for (size_t i = 0; i < s.mask.size(); ++i) {
    absl::StrAppend(&j, i ? "," : "", "{\"azimuth_deg\":", Num(s.mask[i].azimuth_rad / kDeg),
                    ",\"min_elevation_deg\":", Num(s.mask[i].min_elevation_rad / kDeg), "}");
  }
  absl::StrAppend(&j, "],\"min_range_km\":", Num(s.min_range_m / 1e3), ",\"max_range_km\":",
                  std::isinf(s.max_range_m) ? "null" : Num(s.max_range_m / 1e3));
  if (s.type == sensors::SensorType::kOptical) {
    absl::StrAppend(&j, ",\"optical\":{\"max_sun_elevation_deg\":",
                    Num(s.optical.max_sun_elevation_rad / kDeg), ",\"min_moon_separation_deg\":",
                    Num(s.optical.min_moon_separation_rad / kDeg), ",\"limiting_magnitude\":",
                    Num(s.optical.limiting_magnitude), ",\"min_sunlit_fraction\":",
                    Num(s.optical.min_sunlit_fraction), "}");
  } else {
    absl::StrAppend(&j, ",\"radar\":{\"reference_snr_db\":", Num(s.radar.reference_snr_db),
                    ",\"reference_range_km\":", Num(s.radar.reference_range_m / 1e3),
                    ",\"min_snr_db\":", Num(s.radar.min_snr_db), "}");
  }
  if (s.type == sensors::SensorType::kPhasedArrayRadar) {
    const sensors::FieldOfRegard& f = s.field_of_regard;
    absl::StrAppend(&j, ",\"field_of_regard\":{\"boresight_azimuth_deg\":",
                    Num(f.boresight_azimuth_rad / kDeg), ",\"azimuth_half_width_deg\":",
                    Num(f.azimuth_half_width_rad / kDeg), ",\"min_elevation_deg\":",
                    Num(f.min_elevation_rad / kDeg), ",\"max_elevation_deg\":",
                    Num(f.max_elevation_rad / kDeg), "}");
  } else {
    for (const auto& [name, a] : {std::pair{"azimuth_axis", s.azimuth_axis},
                                  std::pair{"elevation_axis", s.elevation_axis}}) {
      absl::StrAppend(&j, ",\"", name, "\":{\"max_rate_deg_s\":", Num(a.max_rate_rad_s / kDeg),
                      ",\"max_acceleration_deg_s2\":", Num(a.max_acceleration_rad_s2 / kDeg), "}");
    }
  }
  absl::StrAppend(&j, ",\"settle_time_s\":", Num(s.settle_time_s), ",\"track_duration_s\":",
                  Num(s.track_duration_s), ",\"observations_per_track\":",
                  s.observations_per_track, ",\"noise\":{\"angle_arcsec\":",
                  Num(s.noise.angle_rad / kDeg * 3600), ",\"range_m\":", Num(s.noise.range_m),
                  ",\"range_rate_m_s\":", Num(s.noise.range_rate_m_s),
                  "},\"max_tasks_per_night\":", s.max_tasks_per_night, "}");
  return j;
}

absl::Status RunSensorsList(const SensorsOptions& o, std::FILE* out) {
  absl::StatusOr<std::vector<sensors::Sensor>> net = LoadNetwork(o.config);
  if (!net.ok()) return net.status();
  if (o.json) {
    std::fprintf(out, "[");
    for (size_t i = 0; i < net->size(); ++i) {
      std::fprintf(out, "%s\n%s", i ? "," : "", SensorJson((*net)[i]).c_str());
    }
    std::fprintf(out, "\n]\n");
    return absl::OkStatus();
  }
  std::fprintf(out, "%-14s %-19s %9s %10s %7s %7s %9s\n", "name", "type", "lat_deg", "lon_deg",
               "alt_m", "min_el", "range_km");
  for (const sensors::Sensor& s : *net) {
    const sensors::SensorSpec& p = s.spec();
    std::fprintf(out, "%-14s %-19s %9.4f %10.4f %7.0f %7.1f %9s\n", p.name.c_str(),
                 std::string(sensors::SensorTypeName(p.type)).c_str(),
                 p.geodetic.latitude_rad / kDeg, p.geodetic.longitude_rad / kDeg,
                 p.geodetic.height_m, s.lowest_elevation_rad() / kDeg,
                 std::isinf(p.max_range_m) ? "-" : absl::StrCat(p.max_range_m / 1e3).c_str());
  }
  return absl::OkStatus();
}

absl::Status RunSensorsShow(const SensorsOptions& o, std::FILE* out) {
  absl::StatusOr<std::vector<sensors::Sensor>> net = LoadNetwork(o.config);
  if (!net.ok()) return net.status();
  absl::StatusOr<size_t> i = FindSensor(*net, o.name);
  if (!i.ok()) return i.status();
  const std::string j = SensorJson((*net)[*i]);
  if (o.json) {
    std::fprintf(out, "%s\n", j.c_str());
    return absl::OkStatus();
  }
  // The same fields, one per line: the JSON object unfolded.
  int depth = 0;
  std::string line;
  for (char c : j) {
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    if (c == ',' && depth == 1) {
      std::fprintf(out, "%s\n", line.c_str());
      line.clear();
      continue;
    }
    if ((c == '{' && depth == 1) || (c == '}' && depth == 0) || c == '"') continue;
    line += c == ':' && depth == 1 && line.find(':') == std::string::npos ? std::string(": ")
                                                                          : std::string(1, c);
  }
  if (!line.empty()) std::fprintf(out, "%s\n", line.c_str());
  return absl::OkStatus();
}

}  // namespace sstrack::cli
