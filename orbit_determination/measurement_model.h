// Copyright sstrack authors.
//
// orbit_determination/measurement_model.h — the theoretical value of a
// measurement from the satellite's GCRF state at the reception time, and its
// exact partial derivatives with respect to that state.
//
// Light time (down leg): the satellite position at bounce time t_b = t_r − τ
// solves |r(t_b) − s(t_r)| = c τ, with r(t_b) = r − v τ + ½ a τ² (a the
// central-body acceleration; the neglected terms are < 1e-5 m for τ < 0.1 s)
// and s the station's GCRF position. Two-way ranges add the up leg to the
// transmit time t_t = t_b − τ_u with the station position at t_t (a
// second-order expansion of its rotation with the Earth), range =
// c (τ_d + τ_u) / 2. Range rate: the rate of change of the down-leg range
// c τ with reception time, u·(v_b − ṡ)/(1 + u·v_b/c), u = (r_b − s)/|r_b − s|.
// Angles: the direction from the station at t_r to the satellite at t_b —
// RA/Dec in GCRF axes, azimuth and elevation in the station's east-north-up
// frame.
//
// Corrections, per measurement (measurement.h; all off by default):
//   kElevation, atmosphere kOptical/kRadio: E_obs = E + R(E), R the
//     refraction of that band (refraction.h). Azimuth is not refracted.
//   kRange, atmosphere kRadio: + d(E), the one-way troposphere delay
//     (radio_troposphere.h); each leg of a two-way range is delayed by d(E),
//     and range = c (τ_u + τ_d)/2 grows by d(E).
//   kRangeRate, atmosphere kRadio: + d'(E) Ė, the rate of the down-leg
//     delay; d'(E) by a central difference over ±1e-5 rad (truncation
//     < 1e-8 relative), Ė from the topocentric motion (ρ̇ = v_b − ṡ and the
//     rotating local vertical).
//   kRightAscension/kDeclination with aberration: the direction u is
//     replaced by Ab(u, V), V = (annual ? −V_E : 0) + (diurnal ? ṡ : 0)
//     (aberration.h explains why annual enters with −V_E).
// Weather: Measurement::weather, else StandardWeather(station height).
//
// Partials come from forward automatic differentiation of the same code,
// through the light-time iteration (Dual<6> over r, v at t_r).
#ifndef SSTRACK_ORBIT_DETERMINATION_MEASUREMENT_MODEL_H_
#define SSTRACK_ORBIT_DETERMINATION_MEASUREMENT_MODEL_H_

#include <Eigen/Core>

#include "astro/time/eop_sample.h"
#include "orbit_determination/measurement.h"

namespace sstrack::od {

// The station at the measurement's reception time, GCRF (from ITRF with
// the EOP of the day), plus the rotation GCRF → ITRF for az/el.
struct StationState {
  Eigen::Vector3d position_m;      // GCRF
  Eigen::Vector3d velocity_m_s;    // GCRF (Earth rotation)
  Eigen::Vector3d acceleration_m_s2;
  Eigen::Matrix3d gcrf_to_enu;     // rows: east, north, up
  Eigen::Vector3d rotation_rad_s;  // the Earth's angular velocity, GCRF
  Eigen::Vector3d earth_velocity_m_s;  // the Earth's barycentric velocity
  double latitude_rad = 0;         // geodetic
  double height_m = 0;             // above the ellipsoid
  double radius_m = 0;             // geocentric distance
  double day_of_year = 1;          // 1.0 = 1 January 0h (season of Niell)
};

// The station's GCRF state at `t` from its ITRF position, with the Earth
// orientation of `eop` (full IAU 2006/2000A: done once per measurement).
StationState MakeStationState(const Station& station, const astro::Epoch& t,
                              const astro::EopSample& eop);
// Same, with the GCRF → ITRF matrix at `t` given (e.g. from a CipCache,
// which is ~30× cheaper than the full series); without `earth_velocity`
// the Earth's barycentric velocity (needed only by RA/Dec with annual
// aberration, ~15 µs) is left NaN.
StationState MakeStationState(const Station& station, const astro::Epoch& t,
                              const Eigen::Matrix3d& gcrf_to_itrf, const astro::EopSample& eop,
                              bool earth_velocity = true);

struct ModelOptions {
  double gm_m3_s2 = 3.986004418e14;
};

struct ModelValue {
  double value = 0;
  Eigen::Matrix<double, 1, 6> partials;  // w.r.t. (r, v) GCRF at reception
  double light_time_s = 0;                // down leg
};

ModelValue ComputeModel(const Measurement& m, const StationState& station,
                        const Eigen::Vector3d& r_gcrf_m, const Eigen::Vector3d& v_gcrf_m_s,
                        const ModelOptions& options = {});

// The station dt_s seconds later: rotated rigidly with the Earth about
// rotation_rad_s (precession, nutation and polar motion over seconds are
// below 1e-10 rad, and left out).
StationState ShiftStationState(const StationState& station, double dt_s);

// The model at t_r + dt_s from the satellite's state (r, v) at t_r: for a
// station whose clock is off, or any measurement whose time tag is not its
// reception time. The satellite moves by the third-order Taylor expansion
// — acceleration of the central body and J2, jerk of the central body (the
// rest: < 0.2 mm and 5e-5 m/s at dt = 0.5 s in LEO, tested against the
// propagated truth) — the station by ShiftStationState. `partials` are w.r.t. (r, v) at t_r; `rate`, when
// given, receives d value / d dt_s (central difference over ±1 ms,
// truncation < 1e-9 relative).
ModelValue ComputeModelShifted(const Measurement& m, const StationState& station,
                               const Eigen::Vector3d& r_gcrf_m, const Eigen::Vector3d& v_gcrf_m_s,
                               double dt_s, double* rate = nullptr,
                               const ModelOptions& options = {});

// Difference observed − computed, with angles wrapped to (−π, π].
double Residual(MeasurementType type, double observed, double computed);

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_MEASUREMENT_MODEL_H_
