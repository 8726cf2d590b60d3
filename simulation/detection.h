// Copyright sstrack authors.
//
// simulation/detection.h — whether a simulated sensor sees the object its
// task points it at: sensors detect like sensors, not wherever the plan
// sends them.
//
// The task's pointing (azimuth/elevation) comes from the server's catalog
// prediction, a search lead after the task's start; the sensor stares there
// from the start (Stare) and the object is detected only when its true
// direction enters the field of view (optical) or the beam (radar) around
// that pointing before the task ends — half-widths 0.5° and 1.0° by default,
// a telescope's field and a tracking radar's beam with its acquisition
// search — and, for radars, the radar equation with the object's true RCS
// gives SNR ≥ the sensor's threshold at the true range. Otherwise the task
// is "not found". (Optical brightness is not modelled here yet: the
// planner's own magnitude check stands.)
//
// Example:
//   Detection d = Detect(sensor, task_az, task_el, truth_itrf, physics.rcs_m2, {});
//   if (!d.detected) report NOT_FOUND with d.reason;
#ifndef SSTRACK_SIMULATION_DETECTION_H_
#define SSTRACK_SIMULATION_DETECTION_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "astro/frames/frames.h"
#include "sensors/sensor.h"

namespace sstrack::simulation {

struct DetectionOptions {
  double optical_half_field_rad = 0.5 * M_PI / 180.0;
  double radar_half_beam_rad = 1.0 * M_PI / 180.0;
};

struct Detection {
  bool detected = false;
  double separation_rad = 0;  // true direction vs the pointing
  double snr_db = 0;          // radars
  std::string reason;         // why not, for logs
};

// `truth_itrf`: the object's true state (ITRF) at the pointing's instant.
Detection Detect(const sensors::Sensor& sensor, double pointing_azimuth_rad,
                 double pointing_elevation_rad, const astro::CartesianState& truth_itrf,
                 double rcs_m2, const DetectionOptions& options);

// A stare: the sensor points at (azimuth, elevation) at `start` and holds
// there until `end`, waiting for the object to enter the field (beam) — how
// a sensor acquires an object whose prediction is off along its track (the
// task's pointing is the predicted direction a search lead after the start,
// catalog::TaskRecord). `truth_itrf(t)` gives the object's true ITRF state.
// The first instant of detection is found to `resolution_s`: steps are
// bounded by the object's angular rate across the line of sight, so an
// object crossing the field is never stepped over.
using TruthItrfAt = std::function<absl::StatusOr<astro::CartesianState>(const astro::Epoch&)>;
struct StareResult {
  std::optional<astro::Epoch> acquired;  // absent: not found
  Detection detection;                   // at `acquired`, or the closest approach
};
StareResult Stare(const sensors::Sensor& sensor, double pointing_azimuth_rad,
                  double pointing_elevation_rad, const astro::Epoch& start, const astro::Epoch& end,
                  const TruthItrfAt& truth_itrf, double rcs_m2, const DetectionOptions& options,
                  double resolution_s = 0.05);

// The angle between two directions given as azimuth/elevation.
double AzElSeparation(double az1_rad, double el1_rad, double az2_rad, double el2_rad);

}  // namespace sstrack::simulation

#endif  // SSTRACK_SIMULATION_DETECTION_H_
