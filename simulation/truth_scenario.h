// Copyright sstrack authors.
//
// simulation/truth_scenario.h — a simulated "true" orbit for an
// object whose catalog knowledge is an element set: the truth used by the
// simulated sensors and by the demo to score the catalog before and after
// the night's fits.
//
// At the reference epoch t_ref the element set (SGP4, TEME → GCRF with zero
// EOP) gives the catalog state; the truth is that state plus a deterministic
// error drawn per object: a position error from N(0, σ) in the radial /
// in-track / cross-track frame (σ of a typical element set: ~1 km in-track,
// ~100 m radial and cross-track), radial and cross-track velocity errors,
// and a semi-major-axis error δa ~ N(0, σ_a) that the along-velocity
// component of the velocity error is solved for (vis-viva:
// δa = 2a²/μ · (v·δv + μ/r³ r·δr)) — so the error grows along track by
// ~3π·δa per revolution as a real element set's does, rather than by the
// km per revolution an unconstrained radial error would give. The same
// catalog number and seed give the same truth in every process.
//
// The truth is then propagated numerically with the simulated world's
// forces (WorldForceModel + ObjectForceModel), which the fit does not
// share: GRIM4-S4 (GRGS, a different solution from the fit's EIGEN-6S) to
// degree 36, Sun, Moon, relativity, Harris–Priester drag with bulge
// exponent 6 (the fit assumes 4) and per-object Cd·A/m — a lognormal A/m
// times a density factor drawn in [0.5, 1.5] — and per-object Cr·A/m; and
// per-object radar cross-sections for the sensors' detection. In a
// scenario (DrawDailyDensity, the truth ephemerides) the density factor is
// drawn afresh for each object and each day (TAI days since J2000), so the
// atmosphere a fit's arc flew through is not the one its prediction flies
// through. TruthForceModel() (point mass + J2) remains for the same-model
// consistency runs.
#ifndef SSTRACK_SIMULATION_TRUTH_SCENARIO_H_
#define SSTRACK_SIMULATION_TRUTH_SCENARIO_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/elements/mean_elements.h"
#include "astro/frames/frames.h"
#include "astro/propagation/numerical/force_model.h"

namespace sstrack::simulation {

struct TruthOptions {
  double radial_sigma_m = 100.0;
  double in_track_sigma_m = 1000.0;
  double cross_track_sigma_m = 100.0;
  double velocity_sigma_m_s = 0.05;  // radial and cross-track
  double semi_major_axis_sigma_m = 20.0;
  uint64_t seed = 2018;
};

// The simulated sky's forces.
struct WorldOptions {
  std::string gravity_file;  // GRGS or ICGEM; the demo's: config/gravity/grim4s4_gr
  int degree = 36;
  double harris_priester_exponent = 6;
  double density_factor_min = 0.5, density_factor_max = 1.5;
  double cd_area_over_mass_median_m2_kg = 0.01;  // Cd·A/m before the density factor
  double cr_area_over_mass_median_m2_kg = 0.01;
  double area_over_mass_log_sigma = 0.5;  // σ of ln(A/m)
  double rcs_median_m2 = 1.0;
  double rcs_log_sigma = 1.0;  // σ of ln(RCS)
  uint64_t seed = 2018;
};

// One object's drawn physical properties (deterministic per number and seed).
struct ObjectPhysics {
  double density_factor = 1;
  double cd_area_over_mass_m2_kg = 0;  // effective: includes density_factor
  // Day by day (DrawDailyDensity): the density factor of each day from
  // density_days_start (ForceModelOptions::density_scale); then
  // cd_area_over_mass_m2_kg is without it and density_factor their mean.
  astro::Epoch density_days_start;
  std::vector<double> daily_density_factor;
  double cr_area_over_mass_m2_kg = 0;
  double rcs_m2 = 1;
};
ObjectPhysics DrawObjectPhysics(int catalog_number, const WorldOptions& options);

// The object's density factor for every day that [from, to] touches, each
// drawn in [density_factor_min, density_factor_max] from the number, the day
// and the seed (the same in every scenario that covers the day).
void DrawDailyDensity(int catalog_number, const WorldOptions& options, const astro::Epoch& from,
                      const astro::Epoch& to, ObjectPhysics* physics);

// The shared part (gravity field read once, Sun, Moon, relativity).
absl::StatusOr<astro::ForceModelOptions> WorldForceModel(const WorldOptions& options);
// `base` with the object's drag and SRP.
astro::ForceModelOptions ObjectForceModel(const astro::ForceModelOptions& base,
                                          const ObjectPhysics& physics);

// Per-sensor systematic errors of the simulated sky, drawn from the
// sensor's name and the seed: a range bias of 0.5 σ_range·N(0,1) and angle
// biases of 0.3 σ_angle·N(0,1) on each angle (the fit does not estimate
// them by default).
struct SensorBiases {
  double range_m = 0, angle1_rad = 0, angle2_rad = 0;
};
SensorBiases DrawSensorBiases(const std::string& sensor, double range_sigma_m,
                              double angle_sigma_rad, uint64_t seed);

// Everything a simulated sensor needs of the sky.
struct World {
  TruthOptions truth;
  WorldOptions options;
  astro::ForceModelOptions forces;  // WorldForceModel(options)
};
absl::StatusOr<World> MakeWorld(const TruthOptions& truth, const WorldOptions& options);
// The world of the shipped config folder (GRIM4-S4 from `config_dir`/gravity).
absl::StatusOr<World> DefaultWorld(const std::string& config_dir, uint64_t seed = 2018);

// Point mass and J2 (EGM-class C̄20 = −4.841652e−4, GM 3.986004418e14,
// R 6378136.3 m), zero EOP: the model of the truth and of the demo's fits.
absl::StatusOr<astro::ForceModelOptions> TruthForceModel();

// The catalog's SGP4 state of `elements` at `t`, in GCRF (zero EOP).
absl::StatusOr<astro::CartesianState> Sgp4StateGcrf(const astro::MeanElements& elements,
                                                    const astro::Epoch& t);

struct TruthOrbit {
  astro::Epoch reference_epoch;
  astro::CartesianState catalog_gcrf;  // the element set's state at t_ref
  astro::CartesianState truth_gcrf;    // + the drawn error
};

absl::StatusOr<TruthOrbit> MakeTruthOrbit(const astro::MeanElements& elements,
                                          const astro::Epoch& reference_epoch,
                                          const TruthOptions& options);

// Truth positions/velocities at `times` (any order).
absl::StatusOr<std::vector<astro::CartesianState>> TruthStatesAt(
    const TruthOrbit& truth, const astro::ForceModelOptions& force_model,
    const std::vector<astro::Epoch>& times);

}  // namespace sstrack::simulation

#endif  // SSTRACK_SIMULATION_TRUTH_SCENARIO_H_
