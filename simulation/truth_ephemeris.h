// Copyright sstrack authors.
//
// simulation/truth_ephemeris.h — the simulated sky's true orbits over a
// whole scenario (several nights), integrated once per object and then
// looked up at any instant: the simulated sensors, detection and the demo's
// scoring all read the same truth without re-integrating from the
// reference epoch for every task.
//
// Each object's TruthOrbit is integrated forward from its reference epoch
// with its own force model (ObjectForceModel) to the scenario's end,
// DOP853 dense output on a uniform grid of 128 steps per revolution at
// perigee's angular rate (clamped to [10 s, 600 s]; 43 s for the ISS, 74 s
// for a Molniya orbit). A state between grid points is the
// degree-9 Lagrange interpolant of the 10 nearest grid states (position and
// velocity separately): the interpolation error is (2π/128)^10 · r, below
// a µm — far below the sensors' noise and checked against a direct
// integration in truth_ephemeris_test (< 1 mm). Objects whose truth cannot
// be made (SGP4 error at the reference epoch, decay) are left out with the
// reason (`failures`). Building runs on `threads` threads and reports
// progress through `progress(done, total)`.
//
// Example:
//   auto eph = TruthEphemeris::Build(elements, world, t_ref, t_end, {});
//   auto x = eph->StateAt(25544, t);   // GCRF, NOT_FOUND if not built
#ifndef SSTRACK_SIMULATION_TRUTH_EPHEMERIS_H_
#define SSTRACK_SIMULATION_TRUTH_EPHEMERIS_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/elements/mean_elements.h"
#include "astro/frames/frames.h"
#include "simulation/truth_scenario.h"

namespace sstrack::simulation {

struct TruthEphemerisOptions {
  int threads = 2;
  // The integrator's tolerances for the truth (a definition of the sky, not
  // an estimate): looser than the library's default, still far below noise.
  double relative_tolerance = 1e-12;
  double position_tolerance_m = 1e-4;
  std::function<void(int done, int total)> progress;  // may be empty
};

class TruthEphemeris {
 public:
  // Integrates every element set's truth over [reference_epoch, end].
  static absl::StatusOr<TruthEphemeris> Build(const std::map<int, astro::MeanElements>& elements,
                                              const World& world, const astro::Epoch& reference_epoch,
                                              const astro::Epoch& end,
                                              const TruthEphemerisOptions& options);

  // The true GCRF state of `catalog_number` at `t`. NOT_FOUND: not built
  // (see failures()); OUT_OF_RANGE: `t` outside [reference epoch, end].
  absl::StatusOr<astro::CartesianState> StateAt(int catalog_number, const astro::Epoch& t) const;
  // The object's force model in the simulated sky (the same as the
  // ephemeris's, for short propagations within a track).
  const astro::ForceModelOptions* ForceModelOf(int catalog_number) const;
  const ObjectPhysics* PhysicsOf(int catalog_number) const;

  bool Has(int catalog_number) const { return objects_.count(catalog_number) > 0; }
  size_t size() const { return objects_.size(); }
  const std::map<int, std::string>& failures() const { return failures_; }
  const astro::Epoch& reference_epoch() const { return reference_epoch_; }
  const astro::Epoch& end() const { return end_; }

 private:
  struct Object {
    double step_s = 60;
    std::vector<astro::CartesianState> grid;  // at reference_epoch + k·step_s
    astro::ForceModelOptions forces;
    ObjectPhysics physics;
  };
  astro::Epoch reference_epoch_, end_;
  std::map<int, Object> objects_;
  std::map<int, std::string> failures_;
};

}  // namespace sstrack::simulation

#endif  // SSTRACK_SIMULATION_TRUTH_EPHEMERIS_H_
