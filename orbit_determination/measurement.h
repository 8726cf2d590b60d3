// Copyright sstrack authors.
//
// orbit_determination/measurement.h — what a sensor measured, in SI units,
// and the ground station it measured from.
//
// A measurement is time-tagged at reception at the station (the time a
// laser or radar echo or a photon arrives), which is what sensors report;
// the model solves the light time back to the satellite (see
// measurement_model.h). Types:
//   kRange       metres; two-way (station → satellite → station, half the
//                round-trip light time × c) or one-way (satellite → station)
//   kRangeRate   m/s, positive when the range grows
//   kAzimuth     radians from north through east, kElevation radians
//   kRightAscension, kDeclination   radians, topocentric, GCRF axes
#ifndef SSTRACK_ORBIT_DETERMINATION_MEASUREMENT_H_
#define SSTRACK_ORBIT_DETERMINATION_MEASUREMENT_H_

#include <cstdint>
#include <string>

#include <Eigen/Core>

#include "absl/strings/string_view.h"
#include "astro/frames/topocentric.h"
#include "astro/time/epoch.h"

namespace sstrack::od {

enum class MeasurementType {
  kRange,
  kRangeRate,
  kAzimuth,
  kElevation,
  kRightAscension,
  kDeclination,
};

absl::string_view MeasurementTypeName(MeasurementType type);
bool IsAngle(MeasurementType type);

struct Measurement {
  int64_t id = 0;                 // unique per source; kept in reports
  std::string source;             // where it came from (file, sensor batch)
  astro::Epoch epoch;             // reception at the station
  MeasurementType type = MeasurementType::kRange;
  double value = 0;               // m, m/s or rad
  double sigma = 1;               // same unit, > 0
  std::string station;            // key into the station list
  bool two_way = true;            // ranges and range rates
  // Added to the computed value (same unit): corrections the geometric
  // model leaves out, e.g. troposphere, tides, Shapiro delay and the
  // centre-of-mass offset of a laser range (range_corrections.h).
  double model_correction = 0;
};

// A ground station: ITRF position and the east-north-up axes there.
using Station = astro::GroundSite;

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_MEASUREMENT_H_
