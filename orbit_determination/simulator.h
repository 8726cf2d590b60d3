// Copyright sstrack authors.
//
// orbit_determination/simulator.h — measurements of a known (truth) orbit
// from ground stations, with Gaussian noise: the input of simulated
// orbit-determination benchmarks and of end-to-end tests.
//
// The truth is propagated with its own force model; a measurement is made
// at each step time when the object is above the station's minimum
// elevation, for each requested type, value = model(truth) + σ·N(0, 1) (+ a
// range bias per station if given). The same measurement models as the
// estimator are used (they are checked independently in
// measurement_model_test), so a fit with the truth's force model is a test of
// the estimator alone. The atmosphere/aberration options put refraction,
// radio delay and aberration into the values (and flag the measurements),
// globally or per station.
#ifndef SSTRACK_ORBIT_DETERMINATION_SIMULATOR_H_
#define SSTRACK_ORBIT_DETERMINATION_SIMULATOR_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/propagation/numerical/force_model.h"
#include "orbit_determination/measurement.h"

namespace sstrack::od {

struct SimulationOptions {
  astro::Epoch start, end;
  double step_s = 60.0;
  double min_elevation_rad = 10.0 * M_PI / 180.0;
  // Types and their 1σ noise (m, m/s, rad).
  std::vector<std::pair<MeasurementType, double>> types;
  std::map<std::string, double> range_bias_m;  // per station
  // Per station and type (m, m/s, rad), added to the value like
  // range_bias_m (the two add up for a range).
  std::map<std::string, std::map<MeasurementType, double>> bias;
  // Per station: its time tags minus the true reception time (a clock
  // running 2 ms ahead: +0.002). The value tagged t is the model at
  // t − offset, from the truth propagated there (not a Taylor shift).
  std::map<std::string, double> time_offset_s;
  // The satellite's transponder delay: c · delay / 2 added to every two-way
  // range.
  double transponder_delay_s = 0;
  uint64_t seed = 1;
  bool two_way = true;
  // Corrections the simulated values contain, set on each measurement so
  // that a fit with the same model is unbiased (measurement.h). Defaults:
  // none (geometric values, as before).
  Atmosphere atmosphere = Atmosphere::kNone;  // refraction / radio delay
  std::optional<SurfaceWeather> weather;      // absent: standard atmosphere
  RaDecAberration aberration;                 // RA/Dec
  // Per-station overrides of the three above (e.g. each sensor's declared
  // corrections, operations/object_fit.h): a listed station's measurements get
  // its entry instead of the global values; stations not listed: global.
  std::map<std::string, StationCorrections> station_corrections;
};

absl::StatusOr<std::vector<Measurement>> SimulateMeasurements(
    const astro::ForceModelOptions& truth_model, const astro::Epoch& epoch,
    const astro::CartesianState& truth_gcrf, const std::map<std::string, Station>& stations,
    const SimulationOptions& options);

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_SIMULATOR_H_
