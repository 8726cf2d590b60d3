// Copyright sstrack authors.
//
// sensors/visibility.h — every window in a span during which a sensor can
// observe an object, for every (object, sensor) pair.
//
// Method:
//   1. A shared grid of base_step_s (30 s) over the span carries the
//      TEME→ITRF rotation (GMST 1982 + polar motion of `eop`) and the Sun
//      and Moon (astro/bodies, rotated to ITRF); between nodes the Sun and
//      Moon are interpolated linearly (< 1e-6 rad of direction).
//   2. Coarse scan: each object is propagated (Sgp4Batch, blocks of
//      objects, one thread per block) on every k-th node, k chosen so that
//      an orbit has ≥ samples_per_orbit samples (LEO: every node; GEO:
//      every 20th, 10 min). Each sample is tested against each sensor
//      (constraints.h), the cheap horizon test first.
//   3. Edges: between two samples of different verdict, bisection on the
//      verdict down to a bracket ≤ edge_tolerance_s; the window keeps the
//      observable end of the bracket, so each edge lies within
//      edge_tolerance_s (default 0.5 s) of the true one, inside it.
//   4. Short passes that fall between samples: where the elevation margin
//      has a local maximum below zero at a sample, a golden-section search
//      on the two neighbouring intervals looks for a positive maximum; if
//      found, its two edges are bisected as above.
//   5. Each edge is labelled with the constraint that fails on its
//      unobservable side (constraints.h), or span_start / span_end.
// Checked against a brute-force one-second scan (visibility_test).
#ifndef SSTRACK_SENSORS_VISIBILITY_H_
#define SSTRACK_SENSORS_VISIBILITY_H_

#include <optional>
#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/eop_sample.h"
#include "astro/time/epoch.h"
#include "sensors/constraints.h"
#include "sensors/sensor.h"

namespace sstrack::sensors {

struct VisibilityOptions {
  double base_step_s = 30.0;
  double samples_per_orbit = 120.0;
  double max_step_s = 600.0;
  double edge_tolerance_s = 0.5;
  int threads = 2;
  int block_size = 256;  // objects per propagation block
  // Earth orientation used for the whole span (UT1−UTC, polar motion);
  // none: astro::ZeroEop at the start, which shifts edges by at most
  // |UT1−UTC| (< 0.9 s) of Earth rotation.
  std::optional<astro::EopSample> eop;
  absl::Status Validate() const;
};

struct VisibilityObject {
  astro::Sgp4 sgp4;
  ObjectSignature signature;
};

struct VisibilityWindow {
  int object = 0;  // index into the objects given
  int sensor = 0;  // index into the sensors given
  astro::Epoch start, end;
  Constraint start_reason = Constraint::kNone;
  Constraint end_reason = Constraint::kNone;
  double max_elevation_rad = 0.0;
  astro::Epoch max_elevation_time;
  double duration_s() const { return end - start; }
};

// The geometry of the span (step 1), reusable by schedulers and tests.
class VisibilityGrid {
 public:
  static absl::StatusOr<VisibilityGrid> Create(const astro::Epoch& start, const astro::Epoch& end,
                                               const VisibilityOptions& options);
  const astro::Epoch& start() const { return start_; }
  const astro::Epoch& end() const { return end_; }
  size_t num_nodes() const { return times_.size(); }
  const astro::Epoch& time(size_t i) const { return times_[i]; }
  const Eigen::Matrix3d& teme_to_itrf(size_t i) const { return teme_to_itrf_[i]; }
  const Eigen::Vector3d& sun_itrf(size_t i) const { return sun_[i]; }
  const Eigen::Vector3d& moon_itrf(size_t i) const { return moon_[i]; }
  // Object, Sun and Moon in ITRF at any instant of the span. Object position
  // zero and false when SGP4 fails.
  bool GeometryAt(const astro::Sgp4& sgp4, const astro::Epoch& t, Geometry* g) const;
  const astro::EopSample& eop() const { return eop_; }

 private:
  astro::Epoch start_, end_;
  double step_s_ = 30.0;
  astro::EopSample eop_;
  std::vector<astro::Epoch> times_;
  std::vector<Eigen::Matrix3d> teme_to_itrf_;
  std::vector<Eigen::Vector3d> sun_, moon_;
};

// All windows inside [start, end], sorted by sensor, then start, then
// object. INVALID_ARGUMENT for an empty or inverted span or bad options.
absl::StatusOr<std::vector<VisibilityWindow>> ComputeVisibility(
    std::span<const VisibilityObject> objects, std::span<const Sensor> sensors,
    const astro::Epoch& start, const astro::Epoch& end, const VisibilityOptions& options = {});

}  // namespace sstrack::sensors

#endif  // SSTRACK_SENSORS_VISIBILITY_H_
