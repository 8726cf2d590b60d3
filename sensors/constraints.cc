// Copyright sstrack authors.
#include "sensors/constraints.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Geometry>

#include "astro/bodies/sun.h"

namespace sstrack::sensors {
namespace {

double AngleBetween(const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
  return std::atan2(a.cross(b).norm(), a.dot(b));
}

}  // namespace

absl::string_view ConstraintName(Constraint c) {
  switch (c) {
    case Constraint::kNone: return "none";
    case Constraint::kSpanStart: return "span_start";
    case Constraint::kSpanEnd: return "span_end";
    case Constraint::kSunElevation: return "sun_elevation";
    case Constraint::kElevationMask: return "elevation_mask";
    case Constraint::kRange: return "range";
    case Constraint::kFieldOfRegard: return "field_of_regard";
    case Constraint::kEarthShadow: return "earth_shadow";
    case Constraint::kMoonSeparation: return "moon_separation";
    case Constraint::kMagnitude: return "magnitude";
    case Constraint::kSnr: return "snr";
    case Constraint::kPropagation: return "propagation";
  }
  return "none";
}

double SunElevationAt(const Sensor& sensor, const Eigen::Vector3d& sun_itrf_m) {
  const astro::GroundSite& site = sensor.site();
  const Eigen::Vector3d rho = sun_itrf_m - site.position_itrf_m;
  const Eigen::Vector3d up = site.itrf_to_enu.row(2).transpose();
  return std::asin(std::clamp(rho.dot(up) / rho.norm(), -1.0, 1.0));
}

Evaluation Evaluate(const Sensor& sensor, const ObjectSignature& object, const Geometry& g,
                    double sun_elevation_rad) {
  Evaluation e;
  e.magnitude = e.snr_db = std::numeric_limits<double>::quiet_NaN();
  const SensorSpec& spec = sensor.spec();
  const astro::GroundSite& site = sensor.site();
  const Eigen::Vector3d rho = g.object_itrf_m - site.position_itrf_m;
  const Eigen::Vector3d enu = site.itrf_to_enu * rho;
  e.range_m = rho.norm();
  double az = std::atan2(enu.x(), enu.y());
  if (az < 0) az += 2.0 * M_PI;
  e.pointing = {az, std::asin(std::clamp(enu.z() / e.range_m, -1.0, 1.0))};
  e.elevation_margin_rad = e.pointing.elevation_rad - sensor.MaskElevation(az);
  // Every margin, and the first failing constraint in the documented order.
  double margin = std::numeric_limits<double>::infinity();
  auto check = [&](double m, Constraint c) {
    margin = std::min(margin, m);
    if (m < 0 && e.failing == Constraint::kNone) e.failing = c;
  };
  const bool optical = spec.type == SensorType::kOptical;
  if (optical) {
    if (std::isnan(sun_elevation_rad)) sun_elevation_rad = SunElevationAt(sensor, g.sun_itrf_m);
    check(spec.optical.max_sun_elevation_rad - sun_elevation_rad, Constraint::kSunElevation);
  }
  check(e.elevation_margin_rad, Constraint::kElevationMask);
  check(std::min(std::log(e.range_m / std::max(spec.min_range_m, 1.0)),
                 std::log(spec.max_range_m / e.range_m)),
        Constraint::kRange);
  check(sensor.FieldOfRegardMargin(e.pointing), Constraint::kFieldOfRegard);
  if (optical) {
    check(astro::SunlitFraction(g.object_itrf_m, g.sun_itrf_m) - spec.optical.min_sunlit_fraction,
          Constraint::kEarthShadow);
    const Eigen::Vector3d to_moon = g.moon_itrf_m - site.position_itrf_m;
    check(AngleBetween(rho, to_moon) - spec.optical.min_moon_separation_rad,
          Constraint::kMoonSeparation);
    const double phase = AngleBetween(g.sun_itrf_m - g.object_itrf_m, -rho);
    e.magnitude = DiffuseSphereMagnitude(object.radius_m, object.albedo, e.range_m, phase);
    check(std::isfinite(e.magnitude) ? (spec.optical.limiting_magnitude - e.magnitude) / 2.1715
                                     : -10.0,
          Constraint::kMagnitude);
  } else {
    e.snr_db = RadarSnrDb(spec.radar.reference_snr_db, spec.radar.reference_range_m,
                          object.rcs_m2, e.range_m);
    check(std::isfinite(e.snr_db) ? (e.snr_db - spec.radar.min_snr_db) / 17.372 : -10.0,
          Constraint::kSnr);
  }
  e.margin = margin;
  return e;
}

}  // namespace sstrack::sensors
