// Copyright sstrack authors.
//
// sensors/constraints.h — can this sensor observe this object at this
// instant, and if not, which constraint stops it.
//
// The constraints are tested in a fixed order and the first that fails is
// reported:
//   1. sun_elevation   (optical) the Sun is above max_sun_elevation at the site;
//   2. elevation_mask  the object is below the mask at its azimuth;
//   3. range           outside [min_range, max_range];
//   4. field_of_regard (phased array) outside the azimuth sector / above the
//                      top elevation;
//   5. earth_shadow    (optical) less than min_sunlit_fraction of the Sun's
//                      disk is seen from the object (conical shadow);
//   6. moon_separation (optical) the object is closer to the Moon than
//                      min_moon_separation;
//   7. magnitude       (optical) estimated magnitude fainter than the limit;
//   8. snr             (radars) radar-equation SNR below min_snr_db.
// Geometry is geometric (no light time, refraction or aberration): a few
// arcseconds, far below what visibility needs.
#ifndef SSTRACK_SENSORS_CONSTRAINTS_H_
#define SSTRACK_SENSORS_CONSTRAINTS_H_

#include <Eigen/Core>

#include "absl/strings/string_view.h"
#include "sensors/photometry.h"
#include "sensors/sensor.h"

namespace sstrack::sensors {

enum class Constraint {
  kNone,
  kSpanStart,
  kSpanEnd,
  kSunElevation,
  kElevationMask,
  kRange,
  kFieldOfRegard,
  kEarthShadow,
  kMoonSeparation,
  kMagnitude,
  kSnr,
  kPropagation,  // SGP4 could not give a state (decayed, bad elements)
};

// "none", "span_start", "span_end", "sun_elevation", "elevation_mask",
// "range", "field_of_regard", "earth_shadow", "moon_separation",
// "magnitude", "snr", "propagation".
absl::string_view ConstraintName(Constraint c);

// Positions at one instant, Earth-fixed (ITRF), metres, geocentric.
struct Geometry {
  Eigen::Vector3d object_itrf_m;
  Eigen::Vector3d sun_itrf_m;
  Eigen::Vector3d moon_itrf_m;
};

struct Evaluation {
  Constraint failing = Constraint::kNone;  // kNone: observable
  Pointing pointing;
  double range_m = 0.0;
  // Elevation above the mask at this azimuth (rad): what the coarse scan
  // follows to catch short passes between samples.
  double elevation_margin_rad = 0.0;
  // The smallest margin over all the sensor's constraints, each scaled to a
  // comparable size (rad for angles; ranges relative, ln R; SNR dB / 17.37
  // and magnitudes / 2.17, their change per unit of ln R; the sunlit
  // fraction as is): ≥ 0 exactly when observable, and continuous.
  double margin = 0.0;
  double magnitude = 0.0;  // optical, when computed (NaN otherwise)
  double snr_db = 0.0;     // radars, when computed (NaN otherwise)
  bool observable() const { return failing == Constraint::kNone; }
};

// Sun elevation (rad) at the sensor's site, from the Sun's ITRF position.
double SunElevationAt(const Sensor& sensor, const Eigen::Vector3d& sun_itrf_m);

// Everything, in the order above. `sun_elevation_rad` may be passed when the
// caller has it (NaN: computed here).
Evaluation Evaluate(const Sensor& sensor, const ObjectSignature& object, const Geometry& g,
                    double sun_elevation_rad = std::numeric_limits<double>::quiet_NaN());

}  // namespace sstrack::sensors

#endif  // SSTRACK_SENSORS_CONSTRAINTS_H_
