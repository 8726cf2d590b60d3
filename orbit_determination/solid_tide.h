// Copyright sstrack authors.
//
// orbit_determination/solid_tide.h — station displacement by the solid Earth
// tides raised by the Sun and the Moon, IERS Conventions (2010) §7.1.1.
//
// All vectors are ITRF (Earth-fixed), metres; the displacement is added to the
// conventional tide-free ITRF station position to get its instantaneous
// position. The permanent tide is *not* removed (the IERS "step 3" is not
// applied), as the Conventions and the ITRF require.
//
// Step 1 (frequency-independent Love numbers), for body j with mass ratio
// q_j = GM_j/GM_E at geocentric distance R_j, F_j = q_j R_e⁴/R_j³, station
// unit vector r̂, body unit vector R̂_j, c = R̂_j·r̂:
//   degree 2, in phase (eq. 7.5):
//     Δr = F_j { h2 r̂ (3/2 c² − 1/2) + 3 l2 c (R̂_j − c r̂) },
//     h2 = 0.6078 − 0.0006 (3 sin²φ − 1)/2,  l2 = 0.0847 + 0.0002 (3 sin²φ −
//     1)/2
//   degree 3, in phase (eq. 7.6), h3 = 0.292, l3 = 0.015:
//     Δr = F_j (R_e/R_j) { h3 r̂ (5/2 c³ − 3/2 c) + l3 (15/2 c² − 3/2)(R̂_j − c
//     r̂) }
//   out of phase, diurnal and semidiurnal (eqs. 7.10, 7.11; h_I, l_I),
//   latitude dependence of l (l^(1), eqs. 7.8, 7.9).
// Step 2 (frequency dependence from mantle anelasticity and the free core
// nutation resonance, eqs. 7.12, 7.13) sums the corrections of tables 7.3a
// (diurnal; K1 alone is 12 mm radial) and 7.3b (long period) with the Doodson
// arguments of the date. The diurnal table carries the IERS software's full
// set (terms ≥ 0.01 mm, K1 out-of-phase −0.80 mm) so that the IERS test cases
// are reproduced; the printed table 7.3a keeps the terms ≥ 0.05 mm and lists
// K1 out-of-phase as −0.78 mm (0.02 mm, of no consequence).
//
// φ, λ are the station's geocentric latitude and longitude, and the
// local frame is radial r̂, north n̂ and east ê of that geocentric latitude,
// as in the IERS software.
//
// With everything on, SolidEarthTideDisplacement reproduces the IERS
// DEHANTTIDEINEL test cases to better than a micrometre (see the test).
// Amplitudes: degree 2 in phase up to ~0.4 m radial; degree 3 ≲ 1.7 mm;
// out-of-phase and l^(1) terms ≲ 1 mm; step 2 ≲ 13 mm.
#ifndef SSTRACK_ORBIT_DETERMINATION_SOLID_TIDE_H_
#define SSTRACK_ORBIT_DETERMINATION_SOLID_TIDE_H_

#include <Eigen/Core>

namespace sstrack::od {

// The constants of the IERS software (IERS 2010 ch. 1 and 7).
inline constexpr double kTideEarthRadiusM = 6378136.6;
inline constexpr double kSunEarthMassRatio = 332946.0482;
inline constexpr double kMoonEarthMassRatio = 0.0123000371;

// A tide-raising body: Earth-fixed geocentric position and GM_body/GM_Earth.
struct TideBody {
  Eigen::Vector3d position_itrf_m = Eigen::Vector3d::Zero();
  double mass_ratio = 0.0;
};

// F_j = q_j R_e⁴ / R_j³ [m]: the scale of the degree-2 tide of one body
// (≈ 0.36 m for the Moon, 0.16 m for the Sun).
double TideDegree2Factor(const TideBody& body);

// Step 1, degree 2, in phase, with the latitude-dependent nominal h2, l2
// (eq. 7.5 and the text after it).
Eigen::Vector3d TideDegree2InPhase(const Eigen::Vector3d& station_itrf_m,
                                   const TideBody& body);

// Step 1, degree 3, in phase (eq. 7.6).
Eigen::Vector3d TideDegree3InPhase(const Eigen::Vector3d& station_itrf_m,
                                   const TideBody& body);

// Step 1, out-of-phase parts of h2, l2 (mantle anelasticity):
// diurnal band, eq. 7.10 (h_I = −0.0025, l_I = −0.0007):
//   δr = −(3/4) h_I F sin 2φ_j sin 2φ sin(λ − λ_j) r̂
//   δt = −(3/2) l_I F sin 2φ_j [cos 2φ sin(λ − λ_j) n̂ + sin φ cos(λ − λ_j) ê]
Eigen::Vector3d TideOutOfPhaseDiurnal(const Eigen::Vector3d& station_itrf_m,
                                      const TideBody& body);
// semidiurnal band, eq. 7.11 (h_I = −0.0022, l_I = −0.0007):
//   δr = −(3/4) h_I F cos²φ_j cos²φ sin 2(λ − λ_j) r̂
//   δt = (3/4) l_I F cos²φ_j [sin 2φ sin 2(λ − λ_j) n̂ − 2 cos φ cos 2(λ − λ_j)
//   ê]
Eigen::Vector3d TideOutOfPhaseSemidiurnal(const Eigen::Vector3d& station_itrf_m,
                                          const TideBody& body);

// Step 1, latitude dependence of the Shida number, l^(1) = 0.0012 (diurnal),
// 0.0024 (semidiurnal), eqs. 7.8 and 7.9, with P₂¹ = 3 sin φ_j cos φ_j and
// P₂² = 3 cos²φ_j:
//   δt = −l¹ sin φ F P₂¹ [sin φ cos(λ − λ_j) n̂ − cos 2φ sin(λ − λ_j) ê]
//   δt = −½ l¹ sin φ cos φ F P₂² [cos 2(λ − λ_j) n̂ + sin φ sin 2(λ − λ_j) ê]
Eigen::Vector3d TideLatitudeDependence(const Eigen::Vector3d& station_itrf_m,
                                       const TideBody& body);

// Step 2, diurnal band (eq. 7.12, table 7.3a):
//   δr = Σ_f [ΔR_ip sin(θ_f + λ) + ΔR_op cos(θ_f + λ)] sin 2φ r̂
//      + [ΔT_ip cos(θ_f + λ) − ΔT_op sin(θ_f + λ)] sin φ ê
//      + [ΔT_ip sin(θ_f + λ) + ΔT_op cos(θ_f + λ)] cos 2φ n̂,
// θ_f = τ + n_s s + n_h h + n_p p + n_N' N' + n_ps p_s (Doodson arguments).
// t_tt_centuries: Julian centuries of TT since J2000.0; ut_hours: hours of
// the (UT1 or UTC) day — an error of 1 s in it changes the result < 1 µm.
Eigen::Vector3d TideFrequencyDiurnal(const Eigen::Vector3d& station_itrf_m,
                                     double t_tt_centuries, double ut_hours);

// Step 2, long-period band (eq. 7.13, table 7.3b):
//   δr = Σ_f (3/2 sin²φ − 1/2)(ΔR_ip cos θ_f + ΔR_op sin θ_f) r̂
//      + (ΔT_ip cos θ_f + ΔT_op sin θ_f) sin 2φ n̂.
Eigen::Vector3d TideFrequencyLongPeriod(const Eigen::Vector3d& station_itrf_m,
                                        double t_tt_centuries);

struct SolidTideOptions {
  bool degree3 = true;               // eq. 7.6
  bool out_of_phase = true;          // eqs. 7.10, 7.11
  bool latitude_dependence = true;   // eqs. 7.8, 7.9
  bool frequency_dependence = true;  // step 2, eqs. 7.12, 7.13
};

// The total displacement of the station [m, ITRF]: degree-2 in phase always,
// the rest as `options` says.
Eigen::Vector3d SolidEarthTideDisplacement(
    const Eigen::Vector3d& station_itrf_m, const TideBody& sun,
    const TideBody& moon, double t_tt_centuries, double ut_hours,
    const SolidTideOptions& options = {});

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_SOLID_TIDE_H_
