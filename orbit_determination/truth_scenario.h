// Copyright sstrack authors.
//
// orbit_determination/truth_scenario.h — a simulated "true" orbit for an
// object whose catalog knowledge is an element set: the truth used by the
// simulated sensors and by the demo to score the catalog before and after
// the night's fits.
//
// At the reference epoch t_ref the element set (SGP4, TEME → GCRF with zero
// EOP) gives the catalog state; the truth is that state plus a deterministic
// error drawn per object from N(0, σ) in the radial / in-track / cross-track
// frame (σ of a typical element set at epoch: ~1 km in-track, a few hundred
// metres radial and cross-track, a few cm/s), then propagated numerically
// with `force_model` (default: point mass + J2, TruthForceModel()). The same
// catalog number and seed give the same truth in every process.
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
  double radial_sigma_m = 200.0;
  double in_track_sigma_m = 1000.0;
  double cross_track_sigma_m = 200.0;
  double velocity_sigma_m_s = 0.05;  // each RIC axis
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
