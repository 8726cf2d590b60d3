// Copyright sstrack authors.
//
// orbit_determination/universal_kepler.h — two-body motion of any conic in
// universal variables (Vallado, 4th ed., §2.3 and Algorithm 8), used by the
// IOD methods. Not part of the public API.
//
// Stumpff functions of ψ = χ²/a:
//   c2(ψ) = (1 − cos √ψ)/ψ,   c3(ψ) = (√ψ − sin √ψ)/√ψ³   (ψ > 0),
//   hyperbolic forms with cosh/sinh for ψ < 0, c2(0) = 1/2, c3(0) = 1/6;
//   power series for |ψ| < 1 so that nothing cancels.
// Kepler's equation in the universal anomaly χ (r0 = |r0|, σ0 = r0·v0/√GM,
// α = 2/r0 − v0²/GM, ψ = αχ²):
//   F(χ) = σ0 χ² c2 + (1 − α r0) χ³ c3 + r0 χ − √GM Δt = 0,
//   F'(χ) = r(χ) = χ² c2 + σ0 χ (1 − ψ c3) + r0 (1 − ψ c2),
// solved by the Laguerre–Conway iteration (order 5), which converges from
// any start for every conic. Lagrange coefficients:
//   f = 1 − χ² c2 / r0,   g = Δt − χ³ c3 / √GM,
//   ḟ = √GM χ (ψ c3 − 1) / (r r0),   ġ = 1 − χ² c2 / r,
// so that r(Δt) = f r0 + g v0 and v(Δt) = ḟ r0 + ġ v0.
#ifndef SSTRACK_ORBIT_DETERMINATION_UNIVERSAL_KEPLER_H_
#define SSTRACK_ORBIT_DETERMINATION_UNIVERSAL_KEPLER_H_

#include <Eigen/Core>

#include "absl/status/statusor.h"

namespace sstrack::od::internal {

struct Stumpff {
  double c2 = 0.5;
  double c3 = 1.0 / 6;
};
Stumpff StumpffFunctions(double psi);

struct LagrangeCoefficients {
  double f = 1, g = 0, f_dot = 0, g_dot = 1;
};

// INVALID_ARGUMENT for a zero or non-finite state; RESOURCE_EXHAUSTED if the
// iteration does not converge (not seen in practice).
absl::StatusOr<LagrangeCoefficients> UniversalKepler(
    const Eigen::Vector3d& r0_m, const Eigen::Vector3d& v0_m_s, double dt_s,
    double gm_m3_s2);

// The state Δt after (r0, v0).
absl::StatusOr<Eigen::Matrix<double, 6, 1>> PropagateUniversal(
    const Eigen::Vector3d& r0_m, const Eigen::Vector3d& v0_m_s, double dt_s,
    double gm_m3_s2);

}  // namespace sstrack::od::internal

#endif  // SSTRACK_ORBIT_DETERMINATION_UNIVERSAL_KEPLER_H_
