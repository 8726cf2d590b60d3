// Copyright sstrack authors.
//
// orbit_determination/truth_scenario.h — a simulated "true" orbit for an
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
// km per revolution an unconstrained radial error would give. The truth is
// then propagated numerically with TruthForceModel() (point mass + J2). The
// same catalog number and seed give the same truth in every process.
#ifndef SSTRACK_ORBIT_DETERMINATION_TRUTH_SCENARIO_H_
#define SSTRACK_ORBIT_DETERMINATION_TRUTH_SCENARIO_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/elements/mean_elements.h"
#include "astro/frames/frames.h"
#include "astro/propagation/numerical/force_model.h"

namespace sstrack::od {

struct TruthOptions {
  double radial_sigma_m = 100.0;
  double in_track_sigma_m = 1000.0;
  double cross_track_sigma_m = 100.0;
  double velocity_sigma_m_s = 0.05;  // radial and cross-track
  double semi_major_axis_sigma_m = 20.0;
  uint64_t seed = 2018;
};

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

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_TRUTH_SCENARIO_H_
