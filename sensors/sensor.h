// Copyright sstrack authors.
//
// sensors/sensor.h — what a sensor is: where it stands, what it can see and
// how fast it moves.
//
// Three kinds (SensorType):
//   * optical telescope — sees sunlit objects against a dark sky: the Sun
//     must be below `max_sun_elevation` at the site, the object in sunlight
//     (conical Earth shadow, astro/bodies/sun.h), at least
//     `min_moon_separation` from the Moon, and brighter than
//     `limiting_magnitude` (estimated magnitude: photometry.h);
//   * tracking radar — a dish on an az/el mount; detects an object when the
//     radar equation gives SNR ≥ `min_snr_db` (photometry.h);
//   * phased-array radar — as a radar, but steered electronically inside a
//     fixed field of regard (azimuth sector and elevation band); no slew.
// Every sensor has an azimuth-dependent elevation mask (points linearly
// interpolated in azimuth, wrapping at 360°, never below
// `min_elevation`), range limits, per-axis slew rate and acceleration, a
// settle time, a track duration with a number of observations per track and
// the 1σ noise of its measurements.
//
// All quantities are SI (m, s, rad, dB for ratios). The config schema
// (proto/sstrack/v1/config.proto) carries the boundary units (deg, km, …);
// the loader converts.
//
// Example:
//   SensorSpec spec = ...;
//   absl::StatusOr<Sensor> s = Sensor::Create(spec);   // validates
//   double el_min = s->MaskElevation(azimuth_rad);
//   double t = s->SlewTime(from, to);                  // incl. settle
#ifndef SSTRACK_SENSORS_SENSOR_H_
#define SSTRACK_SENSORS_SENSOR_H_

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/frames/topocentric.h"

namespace sstrack::sensors {

enum class SensorType { kOptical, kTrackingRadar, kPhasedArrayRadar };

// "optical", "tracking_radar", "phased_array_radar".
absl::string_view SensorTypeName(SensorType type);
absl::StatusOr<SensorType> ParseSensorType(absl::string_view name);
inline bool IsRadar(SensorType t) { return t != SensorType::kOptical; }

struct MaskPoint {
  double azimuth_rad = 0.0;        // [0, 2π)
  double min_elevation_rad = 0.0;  // [−π/2, π/2]
};

struct OpticalLimits {
  double max_sun_elevation_rad = -12.0 * M_PI / 180.0;  // nautical twilight
  double min_moon_separation_rad = 30.0 * M_PI / 180.0;
  double limiting_magnitude = 16.0;  // visual
  double min_sunlit_fraction = 0.5;  // of the solar disk seen by the object
};

// SNR = reference_snr_db + 10 log10(RCS / 1 m²) − 40 log10(R / R_ref).
struct RadarLimits {
  double reference_snr_db = 20.0;  // for RCS 1 m² at reference_range_m
  double reference_range_m = 1000e3;
  double min_snr_db = 13.0;
};

// Phased arrays: the azimuth sector centred on boresight_azimuth_rad of
// ±azimuth_half_width_rad, and elevations in [min, max].
struct FieldOfRegard {
  double boresight_azimuth_rad = 0.0;
  double azimuth_half_width_rad = M_PI;
  double min_elevation_rad = 0.0;
  double max_elevation_rad = M_PI / 2;
};

struct AxisLimits {
  double max_rate_rad_s = 0.1;
  double max_acceleration_rad_s2 = 0.05;
};

// 1σ of one measurement of each type (0: the sensor does not measure it).
struct MeasurementNoise {
  double angle_rad = 0.0;  // az/el (radar) or RA/Dec (optical), each axis
  double range_m = 0.0;
  double range_rate_m_s = 0.0;
};

// What the sensor's reported measurements contain besides the geometry, as
// its operator declares it (orbit_determination/measurement.h models each):
//   atmosphere  kOptical / kRadio: elevations are apparent (refracted in
//               that band); kRadio: ranges and range rates also contain the
//               tropospheric delay. kNone: geometric (corrected) values.
//   radec_*_aberration  RA/Dec contain the annual (star-catalogue
//               reduction) / diurnal (station rotation) aberration.
enum class ReportedAtmosphere { kNone, kOptical, kRadio };
struct ReportedCorrections {
  ReportedAtmosphere atmosphere = ReportedAtmosphere::kNone;
  bool radec_annual_aberration = false;
  bool radec_diurnal_aberration = false;
};

struct SensorSpec {
  std::string name;
  SensorType type = SensorType::kOptical;
  astro::Geodetic geodetic;
  double min_elevation_rad = 0.0;
  std::vector<MaskPoint> mask;  // optional; sorted by azimuth by Create
  double min_range_m = 0.0;
  double max_range_m = std::numeric_limits<double>::infinity();
  OpticalLimits optical;          // kOptical only
  RadarLimits radar;              // radars only
  FieldOfRegard field_of_regard;  // kPhasedArrayRadar only
  AxisLimits azimuth_axis, elevation_axis;  // ignored for phased arrays
  double settle_time_s = 0.0;
  double track_duration_s = 120.0;
  int observations_per_track = 10;
  MeasurementNoise noise;
  int max_tasks_per_night = 0;  // 0: no limit besides time
  ReportedCorrections corrections;  // default: geometric data
};

// A pointing direction, local horizon frame.
struct Pointing {
  double azimuth_rad = 0.0;
  double elevation_rad = 0.0;
};

class Sensor {
 public:
  // Validates every field; INVALID_ARGUMENT naming the sensor and field
  // ("sensor X: azimuth_axis.max_rate_rad_s = -0.1: must be > 0").
  static absl::StatusOr<Sensor> Create(SensorSpec spec);

  const SensorSpec& spec() const { return spec_; }
  const std::string& name() const { return spec_.name; }
  SensorType type() const { return spec_.type; }
  const astro::GroundSite& site() const { return site_; }

  // Lowest usable elevation at this azimuth: the mask interpolated linearly
  // in azimuth (wrapping), never below min_elevation (and, for phased
  // arrays, the field of regard's minimum).
  double MaskElevation(double azimuth_rad) const;
  // The lowest elevation over all azimuths: a cheap first test.
  double lowest_elevation_rad() const { return lowest_elevation_rad_; }

  // Signed angular margin of a direction inside the phased array's field of
  // regard (> 0 inside; +∞ for other types).
  double FieldOfRegardMargin(const Pointing& p) const;

  // Time to move from one pointing to another and settle: per axis a
  // trapezoidal (bang-coast-bang) profile from rest to rest — Δ ≤ v²/a:
  // 2√(Δ/a), else Δ/v + v/a — the slower axis decides, azimuth the short
  // way round; plus settle_time_s. Phased arrays: settle_time_s only.
  double SlewTime(const Pointing& from, const Pointing& to) const;
  // The largest SlewTime between any two pointings.
  double MaxSlewTime() const;

 private:
  Sensor(SensorSpec spec, astro::GroundSite site);
  SensorSpec spec_;
  astro::GroundSite site_;
  double lowest_elevation_rad_ = 0.0;
};

// Time for one axis to turn by `angle_rad` from rest to rest.
double AxisMoveTime(double angle_rad, const AxisLimits& axis);

}  // namespace sstrack::sensors

#endif  // SSTRACK_SENSORS_SENSOR_H_
