// Copyright sstrack authors.
//
// astro/elements/keplerian.h — osculating Keplerian elements of an elliptic
// orbit, conversion to and from a Cartesian state, and the two-body solution.
//
// Conventions (Vallado, "Fundamentals of Astrodynamics", 4th ed., §2.3–2.4):
// angles in radians; a > 0 and 0 ≤ e < 1 (hyperbolic orbits are rejected);
// for circular or equatorial orbits the undefined angles are set to zero and
// the anomaly carries the position (argument of latitude / true longitude).
// Kepler's equation M = E − e sin E is solved by Newton iteration from a
// starter that converges for every e < 1 (Danby's E0 = M + 0.85 e sign(sin M)).
#ifndef SSTRACK_ASTRO_ELEMENTS_KEPLERIAN_H_
#define SSTRACK_ASTRO_ELEMENTS_KEPLERIAN_H_

#include <Eigen/Core>

#include "absl/status/statusor.h"

namespace sstrack::astro {

struct KeplerianElements {
  double semi_major_axis_m = 0;
  double eccentricity = 0;
  double inclination_rad = 0;
  double raan_rad = 0;
  double arg_perigee_rad = 0;
  double true_anomaly_rad = 0;
};

// Eccentric anomaly E from mean anomaly M (any real), e in [0, 1).
double SolveKepler(double mean_anomaly_rad, double eccentricity);
double TrueFromEccentricAnomaly(double eccentric_anomaly_rad, double eccentricity);
double EccentricFromTrueAnomaly(double true_anomaly_rad, double eccentricity);
double MeanFromTrueAnomaly(double true_anomaly_rad, double eccentricity);
double TrueFromMeanAnomaly(double mean_anomaly_rad, double eccentricity);

// Position (m) and velocity (m/s) in the frame the elements refer to.
absl::StatusOr<Eigen::Matrix<double, 6, 1>> KeplerianToCartesian(
    const KeplerianElements& el, double gm_m3_s2);
// Elliptic orbits only: e ≥ 1 or a degenerate (radial) state → error.
absl::StatusOr<KeplerianElements> CartesianToKeplerian(
    const Eigen::Matrix<double, 6, 1>& state, double gm_m3_s2);

// The two-body state `dt_s` after `state` (elliptic orbits).
absl::StatusOr<Eigen::Matrix<double, 6, 1>> PropagateKepler(
    const Eigen::Matrix<double, 6, 1>& state, double gm_m3_s2, double dt_s);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_ELEMENTS_KEPLERIAN_H_
