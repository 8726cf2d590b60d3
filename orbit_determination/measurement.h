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
//
// Corrections the model can add per measurement (all off by default; see
// measurement_model.h for the formulas):
//   atmosphere  the band the signal crossed the neutral atmosphere in:
//               kElevation gets the refraction of that band (kOptical,
//               kRadio); kRange and kRangeRate get the radio troposphere
//               delay with kRadio. kOptical adds nothing to a range: laser
//               ranges get Mendes–Pavlis through model_correction
//               (range_corrections.h), so it is never applied twice.
//               Azimuth and RA/Dec are not refracted.
//   weather     surface pressure, temperature and humidity at the station
//               for the above; absent: the standard atmosphere at the
//               station's height (StandardWeather in refraction.h).
//   aberration  RA/Dec only: which aberration terms the data contain.
#ifndef SSTRACK_ORBIT_DETERMINATION_MEASUREMENT_H_
#define SSTRACK_ORBIT_DETERMINATION_MEASUREMENT_H_

#include <cstdint>
#include <optional>
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

// The band in which a signal crossed the neutral atmosphere.
enum class Atmosphere { kNone, kOptical, kRadio };

// Surface meteorology at the station (units in the names: this is a file and
// API boundary; the models convert to SI).
struct SurfaceWeather {
  double pressure_hpa = 1013.25;
  double temperature_k = 288.15;
  double relative_humidity_percent = 50.0;  // [0, 100]
};

// RA/Dec: the aberration terms the data contain, relative to the model's
// geometric direction (measurement_model.h says which velocity each stands
// for and why). Both false: geometric, as before.
struct RaDecAberration {
  bool annual = false;   // star-catalogue (astrometric) reduction
  bool diurnal = false;  // the station's rotation velocity
  bool any() const { return annual || diurnal; }
};
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
  Atmosphere atmosphere = Atmosphere::kNone;   // see the file comment
  std::optional<SurfaceWeather> weather;       // absent: standard atmosphere
  RaDecAberration aberration;                  // RA/Dec only
};

// What one station's reported data contain (its sensor's declaration): the
// corrections above, for every measurement of that station.
struct StationCorrections {
  Atmosphere atmosphere = Atmosphere::kNone;
  std::optional<SurfaceWeather> weather;  // absent: standard atmosphere
  RaDecAberration aberration;             // applied to RA/Dec only
};

// Sets m's atmosphere and weather, and its aberration when m is RA or Dec.
inline void ApplyStationCorrections(const StationCorrections& c, Measurement& m) {
  m.atmosphere = c.atmosphere;
  m.weather = c.weather;
  const bool radec =
      m.type == MeasurementType::kRightAscension || m.type == MeasurementType::kDeclination;
  m.aberration = radec ? c.aberration : RaDecAberration{};
}

// A ground station: ITRF position and the east-north-up axes there.
using Station = astro::GroundSite;

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_MEASUREMENT_H_
