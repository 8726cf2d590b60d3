// Copyright sstrack authors.
//
// astro/frames/frames.h — the reference frames of the product and the
// transformations between them, positions and velocities.
//
//   GCRF  — Geocentric Celestial Reference Frame (ICRS axes).
//   EME2000 — mean equator and equinox of J2000: GCRF rotated by the IAU 2006
//           frame bias B (≈23 mas; ≈1 m at 10,000 km).
//   ITRF  — International Terrestrial Reference Frame (Earth fixed).
//   TEME  — true equator, mean equinox: the output frame of SGP4.
//
// GCRF → ITRF follows the IAU 2006/2000A CIO-based chain (IERS Conventions
// 2010, ch. 5):  r_ITRF = W · R3(ERA) · Q · r_GCRF, where Q is built from the
// CIP coordinates X, Y (+ the IERS corrections dX, dY) and the CIO locator s,
// ERA is the Earth rotation angle of UT1, and W the polar motion (x_p, y_p, s′).
// In the intermediate (TIRS) frame the velocity picks up −ω × r with
// ω = 7.292115146706979e-5 · (1 − LOD/86400) rad/s.
//
// TEME → ITRF (Vallado et al. 2006): r_PEF = R3(GMST1982(UT1)) · r_TEME, then
// polar motion W(x_p, y_p) without s′; TEME ↔ GCRF goes through ITRF.
//
// Every function takes the Earth orientation (EopSample) for the instant; a
// caller without EOP data passes an explicit zero sample.
#ifndef SSTRACK_ASTRO_FRAMES_FRAMES_H_
#define SSTRACK_ASTRO_FRAMES_FRAMES_H_

#include <Eigen/Core>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/eop_sample.h"
#include "astro/time/epoch.h"

namespace sstrack::astro {

enum class Frame { kGcrf, kEme2000, kItrf, kTeme };

// "GCRF", "EME2000", "ITRF", "TEME".
absl::string_view FrameName(Frame frame);
// Case-insensitive; INVALID_ARGUMENT listing the valid names otherwise.
absl::StatusOr<Frame> ParseFrame(absl::string_view name);

struct CartesianState {
  Eigen::Vector3d position_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d velocity_m_s = Eigen::Vector3d::Zero();
};

// INVALID_ARGUMENT naming the first non-finite component ("x", "vz", ...).
absl::Status ValidateState(const CartesianState& s);

// The rotations, r_to = M · r_from.
Eigen::Matrix3d GcrfToItrfMatrix(const Epoch& t, const EopSample& eop);
Eigen::Matrix3d GcrfToEme2000Matrix();
Eigen::Matrix3d TemeToItrfMatrix(const Epoch& t, const EopSample& eop);

// Earth's angular velocity about the CIP (rad/s), from LOD.
double EarthRotationRate(const EopSample& eop);

// Rows: the radial, in-track (completing the triad) and cross-track (orbit
// normal) unit vectors of the state (r, v), in the frame of r and v:
// x_ric = M · x.
Eigen::Matrix3d RicMatrix(const Eigen::Vector3d& position, const Eigen::Vector3d& velocity);

// Position and velocity between any two frames.
absl::StatusOr<CartesianState> ConvertState(const CartesianState& s,
                                            Frame from, Frame to,
                                            const Epoch& t,
                                            const EopSample& eop);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FRAMES_FRAMES_H_
