// Copyright sstrack authors.
#include "sensors/sensor.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace sstrack::sensors {
namespace {

constexpr double kTwoPi = 2.0 * M_PI;

double WrapTwoPi(double a) {
  a = std::fmod(a, kTwoPi);
  return a < 0 ? a + kTwoPi : a;
}

// Shortest signed difference b − a in (−π, π].
double AngleDiff(double a, double b) {
  double d = std::fmod(b - a, kTwoPi);
  if (d > M_PI) d -= kTwoPi;
  if (d <= -M_PI) d += kTwoPi;
  return d;
}

// Checks collected for one sensor; the first failure is kept.
class Checker {
 public:
  explicit Checker(const std::string& sensor) : sensor_(sensor) {}
  void Require(bool ok, absl::string_view field, double value, absl::string_view expected) {
    if (ok || !status_.ok()) return;
    status_ = absl::InvalidArgumentError(absl::StrCat("sensor ", sensor_, ": ", field, " = ",
                                                      value, ": ", expected));
  }
  absl::Status status() const { return status_; }

 private:
  std::string sensor_;
  absl::Status status_;
};

}  // namespace

absl::string_view SensorTypeName(SensorType type) {
  switch (type) {
    case SensorType::kOptical: return "optical";
    case SensorType::kTrackingRadar: return "tracking_radar";
    case SensorType::kPhasedArrayRadar: return "phased_array_radar";
  }
  return "optical";
}

absl::StatusOr<SensorType> ParseSensorType(absl::string_view name) {
  const std::string n = absl::AsciiStrToLower(name);
  if (n == "optical") return SensorType::kOptical;
  if (n == "tracking_radar") return SensorType::kTrackingRadar;
  if (n == "phased_array_radar") return SensorType::kPhasedArrayRadar;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown sensor type \"", name, "\" (expected optical, tracking_radar, phased_array_radar)"));
}

double AxisMoveTime(double angle_rad, const AxisLimits& axis) {
  const double d = std::abs(angle_rad);
  if (d == 0.0) return 0.0;
  const double v = axis.max_rate_rad_s, a = axis.max_acceleration_rad_s2;
  if (d <= v * v / a) return 2.0 * std::sqrt(d / a);
  return d / v + v / a;
}

absl::StatusOr<Sensor> Sensor::Create(SensorSpec s) {
  if (s.name.empty()) return absl::InvalidArgumentError("sensor with an empty name");
  Checker c(s.name);
  const double half_pi = M_PI / 2;
  c.Require(std::abs(s.geodetic.latitude_rad) <= half_pi, "latitude_rad",
            s.geodetic.latitude_rad, "must be in [-pi/2, pi/2]");
  c.Require(std::isfinite(s.geodetic.longitude_rad), "longitude_rad", s.geodetic.longitude_rad,
            "must be finite");
  c.Require(s.geodetic.height_m > -500 && s.geodetic.height_m < 1e5, "height_m",
            s.geodetic.height_m, "must be in (-500, 100000) m");
  c.Require(std::abs(s.min_elevation_rad) <= half_pi, "min_elevation_rad", s.min_elevation_rad,
            "must be in [-pi/2, pi/2]");
  for (const MaskPoint& p : s.mask) {
    c.Require(p.azimuth_rad >= 0 && p.azimuth_rad < kTwoPi, "mask.azimuth_rad", p.azimuth_rad,
              "must be in [0, 2 pi)");
    c.Require(std::abs(p.min_elevation_rad) <= half_pi, "mask.min_elevation_rad",
              p.min_elevation_rad, "must be in [-pi/2, pi/2]");
  }
  c.Require(s.min_range_m >= 0, "min_range_m", s.min_range_m, "must be >= 0");
  c.Require(s.max_range_m > s.min_range_m, "max_range_m", s.max_range_m,
            "must be > min_range_m");
  if (s.type == SensorType::kOptical) {
    const OpticalLimits& o = s.optical;
    c.Require(std::abs(o.max_sun_elevation_rad) <= half_pi, "optical.max_sun_elevation_rad",
              o.max_sun_elevation_rad, "must be in [-pi/2, pi/2]");
    c.Require(o.min_moon_separation_rad >= 0 && o.min_moon_separation_rad <= M_PI,
              "optical.min_moon_separation_rad", o.min_moon_separation_rad,
              "must be in [0, pi]");
    c.Require(o.limiting_magnitude > -5 && o.limiting_magnitude < 30,
              "optical.limiting_magnitude", o.limiting_magnitude, "must be in (-5, 30)");
    c.Require(o.min_sunlit_fraction >= 0 && o.min_sunlit_fraction <= 1,
              "optical.min_sunlit_fraction", o.min_sunlit_fraction, "must be in [0, 1]");
  } else {
    const RadarLimits& r = s.radar;
    c.Require(std::isfinite(r.reference_snr_db), "radar.reference_snr_db", r.reference_snr_db,
              "must be finite");
    c.Require(r.reference_range_m > 0, "radar.reference_range_m", r.reference_range_m,
              "must be > 0");
    c.Require(std::isfinite(r.min_snr_db), "radar.min_snr_db", r.min_snr_db, "must be finite");
  }
  if (s.type == SensorType::kPhasedArrayRadar) {
    const FieldOfRegard& f = s.field_of_regard;
    c.Require(f.azimuth_half_width_rad > 0 && f.azimuth_half_width_rad <= M_PI,
              "field_of_regard.azimuth_half_width_rad", f.azimuth_half_width_rad,
              "must be in (0, pi]");
    c.Require(std::abs(f.min_elevation_rad) <= half_pi, "field_of_regard.min_elevation_rad",
              f.min_elevation_rad, "must be in [-pi/2, pi/2]");
    c.Require(f.max_elevation_rad > f.min_elevation_rad && f.max_elevation_rad <= half_pi,
              "field_of_regard.max_elevation_rad", f.max_elevation_rad,
              "must be in (min_elevation_rad, pi/2]");
  } else {
    for (const auto& [name, axis] : {std::pair{"azimuth_axis", s.azimuth_axis},
                                     std::pair{"elevation_axis", s.elevation_axis}}) {
      c.Require(axis.max_rate_rad_s > 0 && std::isfinite(axis.max_rate_rad_s),
                absl::StrCat(name, ".max_rate_rad_s"), axis.max_rate_rad_s, "must be > 0");
      c.Require(axis.max_acceleration_rad_s2 > 0 && std::isfinite(axis.max_acceleration_rad_s2),
                absl::StrCat(name, ".max_acceleration_rad_s2"), axis.max_acceleration_rad_s2,
                "must be > 0");
    }
  }
  c.Require(s.settle_time_s >= 0, "settle_time_s", s.settle_time_s, "must be >= 0");
  c.Require(s.track_duration_s > 0, "track_duration_s", s.track_duration_s, "must be > 0");
  c.Require(s.observations_per_track >= 1, "observations_per_track", s.observations_per_track,
            "must be >= 1");
  c.Require(s.noise.angle_rad >= 0, "noise.angle_rad", s.noise.angle_rad, "must be >= 0");
  c.Require(s.noise.range_m >= 0, "noise.range_m", s.noise.range_m, "must be >= 0");
  c.Require(s.noise.range_rate_m_s >= 0, "noise.range_rate_m_s", s.noise.range_rate_m_s,
            "must be >= 0");
  c.Require(s.noise.angle_rad > 0 || s.noise.range_m > 0, "noise.angle_rad", s.noise.angle_rad,
            "a sensor must measure angles or range (some noise > 0)");
  c.Require(s.max_tasks_per_night >= 0, "max_tasks_per_night", s.max_tasks_per_night,
            "must be >= 0");
  const ReportedCorrections& k = s.corrections;
  const bool optical = s.type == SensorType::kOptical;
  c.Require(k.atmosphere != (optical ? ReportedAtmosphere::kRadio : ReportedAtmosphere::kOptical),
            "corrections.atmosphere", static_cast<int>(k.atmosphere),
            optical ? "an optical sensor's light is refracted as optical, not radio"
                    : "a radar's signal is refracted as radio, not optical");
  c.Require(optical || !(k.radec_annual_aberration || k.radec_diurnal_aberration),
            "corrections.radec_*_aberration", 1, "only optical sensors report RA/Dec");
  if (!c.status().ok()) return c.status();
  std::sort(s.mask.begin(), s.mask.end(),
            [](const MaskPoint& a, const MaskPoint& b) { return a.azimuth_rad < b.azimuth_rad; });
  absl::StatusOr<astro::GroundSite> site = astro::MakeGroundSite(s.name, s.geodetic);
  if (!site.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("sensor ", s.name, ": ", site.status().message()));
  }
  return Sensor(std::move(s), *std::move(site));
}

Sensor::Sensor(SensorSpec spec, astro::GroundSite site)
    : spec_(std::move(spec)), site_(std::move(site)) {
  double low = spec_.min_elevation_rad;
  if (!spec_.mask.empty()) {
    double mask_low = spec_.mask.front().min_elevation_rad;
    for (const MaskPoint& p : spec_.mask) mask_low = std::min(mask_low, p.min_elevation_rad);
    low = std::max(low, mask_low);
  }
  if (spec_.type == SensorType::kPhasedArrayRadar) {
    low = std::max(low, spec_.field_of_regard.min_elevation_rad);
  }
  lowest_elevation_rad_ = low;
}

double Sensor::MaskElevation(double azimuth_rad) const {
  double el = spec_.min_elevation_rad;
  const std::vector<MaskPoint>& m = spec_.mask;
  if (!m.empty()) {
    const double az = WrapTwoPi(azimuth_rad);
    double mask_el;
    if (m.size() == 1) {
      mask_el = m[0].min_elevation_rad;
    } else {
      // First point with azimuth > az; the segment wraps around 2π.
      auto it = std::upper_bound(m.begin(), m.end(), az, [](double a, const MaskPoint& p) {
        return a < p.azimuth_rad;
      });
      const MaskPoint& hi = it == m.end() ? m.front() : *it;
      const MaskPoint& lo = it == m.begin() ? m.back() : *(it - 1);
      const double span = WrapTwoPi(hi.azimuth_rad - lo.azimuth_rad);
      const double x = WrapTwoPi(az - lo.azimuth_rad);
      const double f = span > 0 ? x / span : 0.0;
      mask_el = lo.min_elevation_rad + f * (hi.min_elevation_rad - lo.min_elevation_rad);
    }
    el = std::max(el, mask_el);
  }
  if (spec_.type == SensorType::kPhasedArrayRadar) {
    el = std::max(el, spec_.field_of_regard.min_elevation_rad);
  }
  return el;
}

double Sensor::FieldOfRegardMargin(const Pointing& p) const {
  if (spec_.type != SensorType::kPhasedArrayRadar) return std::numeric_limits<double>::infinity();
  const FieldOfRegard& f = spec_.field_of_regard;
  const double az_margin =
      f.azimuth_half_width_rad - std::abs(AngleDiff(f.boresight_azimuth_rad, p.azimuth_rad));
  const double el_margin = f.max_elevation_rad - p.elevation_rad;
  return std::min(az_margin, el_margin);
}

double Sensor::SlewTime(const Pointing& from, const Pointing& to) const {
  if (spec_.type == SensorType::kPhasedArrayRadar) return spec_.settle_time_s;
  const double t_az = AxisMoveTime(AngleDiff(from.azimuth_rad, to.azimuth_rad), spec_.azimuth_axis);
  const double t_el = AxisMoveTime(to.elevation_rad - from.elevation_rad, spec_.elevation_axis);
  return std::max(t_az, t_el) + spec_.settle_time_s;
}

double Sensor::MaxSlewTime() const {
  if (spec_.type == SensorType::kPhasedArrayRadar) return spec_.settle_time_s;
  return std::max(AxisMoveTime(M_PI, spec_.azimuth_axis),
                  AxisMoveTime(M_PI, spec_.elevation_axis)) +
         spec_.settle_time_s;
}

}  // namespace sstrack::sensors
