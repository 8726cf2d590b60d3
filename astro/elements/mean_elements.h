// Copyright sstrack authors.
//
// astro/elements/mean_elements.h — SGP4/SDP4 mean elements, the common
// currency of TLE, OMM and the catalog.
//
// Units are SI-flavoured radians and seconds where SGP4 allows it: angles in
// radians, mean motion in rad/min (as SGP4 works in minutes), the B* drag term
// in 1/Earth-radii. The TLE/OMM readers convert from their boundary units
// (degrees, rev/day) and the writers back.
#ifndef SSTRACK_ASTRO_ELEMENTS_MEAN_ELEMENTS_H_
#define SSTRACK_ASTRO_ELEMENTS_MEAN_ELEMENTS_H_

#include <cstdint>
#include <string>

#include "astro/time/epoch.h"

namespace sstrack::astro {

struct MeanElements {
  // Identification.
  int32_t catalog_number = 0;        // NORAD number, 1..339999 (Alpha-5)
  std::string international_designator;  // "1998-067A" form; may be empty
  std::string name;                  // object name, may be empty
  char classification = 'U';
  int32_t element_set_number = 0;
  int32_t revolution_number = 0;

  // Epoch: the TLE/OMM epoch is UTC; kept both as an instant and as the
  // two-part UTC Julian date SGP4 uses (SGP4 itself ignores leap seconds).
  Epoch epoch;
  double epoch_utc_jd1 = 0.0;  // whole/half day part of the UTC Julian date
  double epoch_utc_jd2 = 0.0;  // fraction

  // Mean elements (TEME, Kozai mean motion as in a TLE).
  double mean_motion_rad_per_min = 0.0;
  double eccentricity = 0.0;
  double inclination_rad = 0.0;
  double raan_rad = 0.0;
  double arg_perigee_rad = 0.0;
  double mean_anomaly_rad = 0.0;
  double bstar_per_earth_radii = 0.0;
  // First and second derivative of mean motion, rad/min² and rad/min³
  // (TLE: rev/day² / 2 and rev/day³ / 6; unused by SGP4 itself).
  double mean_motion_dot_rad_per_min2 = 0.0;
  double mean_motion_ddot_rad_per_min3 = 0.0;
};

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_ELEMENTS_MEAN_ELEMENTS_H_
