// Copyright sstrack authors.
//
// astro/propagation/sgp4/sgp4.h — the SGP4 analytical propagator of NORAD
// mean elements (Hoots & Roehrich, Spacetrack Report #3, 1980; revised by
// Vallado, Crawford, Hujsak & Kelso, AIAA 2006-6753), WGS-72 constants,
// "improved" operation mode.
//
// Near-earth (period < 225 min) and deep-space (SDP4: lunar–solar terms,
// 12 h and 24 h resonances, deep_space.h) models.
//
// Time is minutes since the element epoch (tsince); output is TEME, SI units.
// Error codes follow the reference: 1 mean eccentricity out of range or
// a < 0.95 er, 2 mean motion ≤ 0, 3 perturbed eccentricity out of range,
// 4 semi-latus rectum < 0, 6 decayed (r < 1 er).
#ifndef SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_H_
#define SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_H_

#include <Eigen/Core>

#include "absl/status/statusor.h"
#include "astro/elements/mean_elements.h"
#include "astro/propagation/sgp4/deep_space.h"

namespace sstrack::astro {

enum class Sgp4Error {
  kNone = 0,
  kEccentricity = 1,
  kMeanMotion = 2,
  kPerturbedEccentricity = 3,
  kSemiLatusRectum = 4,
  kSubOrbital = 5,
  kDecayed = 6,
};

struct Sgp4State {
  Eigen::Vector3d position_teme_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d velocity_teme_m_s = Eigen::Vector3d::Zero();
  Sgp4Error error = Sgp4Error::kNone;
};

class Sgp4Batch;

class Sgp4 {
 public:
  static absl::StatusOr<Sgp4> Create(const MeanElements& elements);

  // Thread-safe (const, no state changes).
  Sgp4State Propagate(double tsince_min) const;
  Sgp4State PropagateTo(const Epoch& t) const {
    return Propagate((t - elements_.epoch) / 60.0);
  }
  const MeanElements& elements() const { return elements_; }
  bool deep_space() const { return deep_space_; }

 private:
  friend class Sgp4Batch;  // copies the terms below into its arrays
  Sgp4() = default;
  MeanElements elements_;
  // Time-independent terms (names follow the reference papers).
  double no_ = 0, ao_ = 0, ecco_ = 0, inclo_ = 0, nodeo_ = 0, argpo_ = 0,
         mo_ = 0, bstar_ = 0;
  double sinio_ = 0, cosio_ = 0, con41_ = 0, x1mth2_ = 0, x7thm1_ = 0;
  double eta_ = 0, cc1_ = 0, cc4_ = 0, cc5_ = 0, d2_ = 0, d3_ = 0, d4_ = 0;
  double delmo_ = 0, sinmao_ = 0, mdot_ = 0, argpdot_ = 0, nodedot_ = 0;
  double omgcof_ = 0, xmcof_ = 0, nodecf_ = 0, t2cof_ = 0, t3cof_ = 0,
         t4cof_ = 0, t5cof_ = 0, xlcof_ = 0, aycof_ = 0;
  bool simple_ = false;  // perigee < 220 km or deep space: truncated drag terms
  bool deep_space_ = false;
  sgp4_internal::DeepSpace deep_;
};

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_H_
