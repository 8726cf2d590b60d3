// Copyright sstrack authors.
#include "orbit_determination/measurement_model.h"

#include <array>
#include <cmath>

#include <Eigen/Geometry>

#include "astro/frames/frames.h"
#include "astro/math/dual.h"
#include "orbit_determination/aberration.h"
#include "orbit_determination/radio_troposphere.h"
#include "orbit_determination/refraction.h"

namespace sstrack::od {
namespace {

using D6 = astro::Dual<6>;
constexpr double kC = 299792458.0;

struct V3 {
  D6 x, y, z;
};
V3 Sub(const V3& a, const Eigen::Vector3d& b) { return {a.x - b.x(), a.y - b.y(), a.z - b.z()}; }
D6 Norm(const V3& a) { return sqrt(a.x * a.x + a.y * a.y + a.z * a.z); }
D6 Dot(const V3& a, const V3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
D6 Dot(const Eigen::Vector3d& a, const V3& b) { return a.x() * b.x + a.y() * b.y + a.z() * b.z; }

// The geometric elevation of ρ seen from the station.
D6 Elevation(const StationState& st, const V3& rho) {
  return asin(Dot(Eigen::Vector3d(st.gcrf_to_enu.row(2)), rho) / Norm(rho));
}

// Ė for the down-leg geometry: sin E = n·ρ/|ρ| with n the local vertical
// (ṅ = ω × n) and ρ̇ = v_b − ṡ.
D6 ElevationRate(const StationState& st, const V3& rho, const V3& rho_dot) {
  const Eigen::Vector3d n = st.gcrf_to_enu.row(2);
  const Eigen::Vector3d n_dot = st.rotation_rad_s.cross(n);
  const D6 r = Norm(rho);
  const D6 sin_e = Dot(n, rho) / r;
  const D6 sin_e_dot =
      (Dot(n_dot, rho) + Dot(n, rho_dot)) / r - sin_e * Dot(rho, rho_dot) / (r * r);
  return sin_e_dot / sqrt(1.0 - sin_e * sin_e);
}

TroposphereSite SiteOf(const StationState& st) {
  return {st.latitude_rad, st.height_m, st.day_of_year};
}

}  // namespace

absl::string_view MeasurementTypeName(MeasurementType t) {
  switch (t) {
    case MeasurementType::kRange: return "RANGE";
    case MeasurementType::kRangeRate: return "RANGE_RATE";
    case MeasurementType::kAzimuth: return "AZIMUTH";
    case MeasurementType::kElevation: return "ELEVATION";
    case MeasurementType::kRightAscension: return "RIGHT_ASCENSION";
    case MeasurementType::kDeclination: return "DECLINATION";
  }
  return "?";
}

bool IsAngle(MeasurementType t) {
  return t == MeasurementType::kAzimuth || t == MeasurementType::kElevation ||
         t == MeasurementType::kRightAscension || t == MeasurementType::kDeclination;
}

double Residual(MeasurementType type, double observed, double computed) {
  double d = observed - computed;
  if (type == MeasurementType::kAzimuth || type == MeasurementType::kRightAscension) {
    d = std::remainder(d, 2 * M_PI);
  }
  return d;
}

StationState MakeStationState(const Station& station, const astro::Epoch& t,
                              const astro::EopSample& eop) {
  return MakeStationState(station, t, astro::GcrfToItrfMatrix(t, eop), eop);
}

StationState MakeStationState(const Station& station, const astro::Epoch& t,
                              const Eigen::Matrix3d& m, const astro::EopSample& eop,
                              bool earth_velocity) {
  const Eigen::Vector3d w(0, 0, astro::EarthRotationRate(eop));
  const Eigen::Vector3d& p = station.position_itrf_m;
  StationState s;
  s.position_m = m.transpose() * p;
  s.velocity_m_s = m.transpose() * w.cross(p);
  s.acceleration_m_s2 = m.transpose() * w.cross(w.cross(p));
  s.gcrf_to_enu = station.itrf_to_enu * m;
  s.rotation_rad_s = m.transpose() * w;
  s.earth_velocity_m_s =
      earth_velocity ? EarthBarycentricVelocityMS(t) : Eigen::Vector3d(NAN, NAN, NAN);
  s.latitude_rad = station.geodetic.latitude_rad;
  s.height_m = station.geodetic.height_m;
  s.radius_m = p.norm();
  s.day_of_year = std::fmod(t.Tt().Mjd() - 51544.0, 365.25) + 1.0;
  return s;
}

ModelValue ComputeModel(const Measurement& m, const StationState& st, const Eigen::Vector3d& r0,
                        const Eigen::Vector3d& v0, const ModelOptions& o) {
  V3 r{D6::Variable(r0.x(), 0), D6::Variable(r0.y(), 1), D6::Variable(r0.z(), 2)};
  V3 v{D6::Variable(v0.x(), 3), D6::Variable(v0.y(), 4), D6::Variable(v0.z(), 5)};
  const D6 rn = Norm(r);
  const D6 k = -o.gm_m3_s2 / (rn * rn * rn);
  const V3 a{k * r.x, k * r.y, k * r.z};
  // Down leg: τ = |r(t_r − τ) − s(t_r)| / c, by fixed-point iteration
  // (contraction factor |v|/c ≈ 3e-5: four passes reach 1e-18 s).
  D6 tau = Norm(Sub(r, st.position_m)) / kC;
  V3 rb = r;
  for (int i = 0; i < 4; ++i) {
    const D6 h = 0.5 * tau * tau;
    rb = {r.x - v.x * tau + a.x * h, r.y - v.y * tau + a.y * h, r.z - v.z * tau + a.z * h};
    tau = Norm(Sub(rb, st.position_m)) / kC;
  }
  const V3 rho = Sub(rb, st.position_m);
  const SurfaceWeather weather = m.weather.value_or(StandardWeather(st.height_m));
  const bool radio = m.atmosphere == Atmosphere::kRadio;
  D6 value;
  switch (m.type) {
    case MeasurementType::kRange: {
      if (!m.two_way) {
        value = tau * kC;
        break;
      }
      // Up leg to the transmit time t_t = t_r − τ − τ_u.
      D6 tau_u = tau;
      for (int i = 0; i < 4; ++i) {
        const D6 dt = tau + tau_u;
        const D6 h = 0.5 * dt * dt;
        const V3 s{st.position_m.x() - st.velocity_m_s.x() * dt + st.acceleration_m_s2.x() * h,
                   st.position_m.y() - st.velocity_m_s.y() * dt + st.acceleration_m_s2.y() * h,
                   st.position_m.z() - st.velocity_m_s.z() * dt + st.acceleration_m_s2.z() * h};
        const V3 up{rb.x - s.x, rb.y - s.y, rb.z - s.z};
        tau_u = Norm(up) / kC;
      }
      value = 0.5 * kC * (tau + tau_u);
      break;
    }
    case MeasurementType::kRangeRate: {
      const V3 vb{v.x - a.x * tau, v.y - a.y * tau, v.z - a.z * tau};
      const V3 dv = Sub(vb, st.velocity_m_s);
      // d(c τ)/dt_r = u·(v_b − ṡ) / (1 + u·v_b / c), u = ρ/|ρ|.
      const D6 rn_rho = Norm(rho);
      value = Dot(rho, dv) / rn_rho / (1.0 + Dot(rho, vb) / (rn_rho * kC));
      if (radio) {
        const D6 e = Elevation(st, rho);
        constexpr double h = 1e-5;  // rad
        const D6 slope = (RadioTroposphereDelay(e + h, weather, SiteOf(st)) -
                          RadioTroposphereDelay(e - h, weather, SiteOf(st))) /
                         (2 * h);
        value = value + slope * ElevationRate(st, rho, dv);
      }
      break;
    }
    case MeasurementType::kRightAscension:
    case MeasurementType::kDeclination: {
      const D6 n = Norm(rho);
      std::array<D6, 3> u{rho.x / n, rho.y / n, rho.z / n};
      if (m.aberration.any()) {
        Eigen::Vector3d vel = Eigen::Vector3d::Zero();
        if (m.aberration.annual) vel -= st.earth_velocity_m_s;
        if (m.aberration.diurnal) vel += st.velocity_m_s;
        u = Aberrate(u, vel);
      }
      value = m.type == MeasurementType::kRightAscension ? atan2(u[1], u[0]) : asin(u[2]);
      break;
    }
    case MeasurementType::kAzimuth:
    case MeasurementType::kElevation: {
      const Eigen::Matrix3d& e = st.gcrf_to_enu;
      const D6 east = e(0, 0) * rho.x + e(0, 1) * rho.y + e(0, 2) * rho.z;
      const D6 north = e(1, 0) * rho.x + e(1, 1) * rho.y + e(1, 2) * rho.z;
      const D6 up = e(2, 0) * rho.x + e(2, 1) * rho.y + e(2, 2) * rho.z;
      if (m.type == MeasurementType::kAzimuth) {
        value = atan2(east, north);
        if (value.v < 0) value = value + 2 * M_PI;
      } else {
        value = asin(up / Norm(rho));
        value = value + Refraction(m.atmosphere, value, weather, st.radius_m);
      }
      break;
    }
  }
  if (radio && m.type == MeasurementType::kRange) {
    value = value + RadioTroposphereDelay(Elevation(st, rho), weather, SiteOf(st));
  }
  ModelValue out;
  out.value = value.v;
  for (int i = 0; i < 6; ++i) out.partials[i] = value.d[i];
  out.light_time_s = tau.v;
  return out;
}

StationState ShiftStationState(const StationState& st, double dt_s) {
  if (dt_s == 0) return st;
  const double w = st.rotation_rad_s.norm();
  const Eigen::Matrix3d q = w > 0 ? Eigen::AngleAxisd(w * dt_s, st.rotation_rad_s / w).toRotationMatrix()
                                  : Eigen::Matrix3d::Identity();
  StationState s = st;
  s.position_m = q * st.position_m;
  s.velocity_m_s = q * st.velocity_m_s;
  s.acceleration_m_s2 = q * st.acceleration_m_s2;
  // A vector fixed in the Earth rotates by q: the ENU rows e_i become q e_i.
  s.gcrf_to_enu = st.gcrf_to_enu * q.transpose();
  s.day_of_year = st.day_of_year + dt_s / 86400.0;
  return s;
}

namespace {

// The model at t_r + dt, partials w.r.t. the state at t_r.
ModelValue ShiftedValue(const Measurement& m, const StationState& st, const Eigen::Vector3d& r,
                        const Eigen::Vector3d& v, double dt, const ModelOptions& o) {
  // Central body and J2 (about the GCRF z axis: the CIP is within 3e-3 rad
  // of it in this century).
  constexpr double kJ2 = 1.0826267e-3, kRe = 6378137.0;
  const double rn = r.norm(), s2 = r.z() * r.z() / (rn * rn);
  const double j2 = 1.5 * kJ2 * (kRe / rn) * (kRe / rn);
  const double k = -o.gm_m3_s2 / (rn * rn * rn);
  const Eigen::Vector3d a(k * r.x() * (1 + j2 * (1 - 5 * s2)), k * r.y() * (1 + j2 * (1 - 5 * s2)),
                          k * r.z() * (1 + j2 * (3 - 5 * s2)));
  // The central body's gravity gradient G = ∂a/∂r and the jerk G v.
  const Eigen::Vector3d u = r / rn;
  const Eigen::Matrix3d g = -k * (3 * u * u.transpose() - Eigen::Matrix3d::Identity());
  const Eigen::Vector3d jerk = g * v;
  const double dt2 = dt * dt, dt3 = dt2 * dt;
  ModelValue mv = ComputeModel(m, ShiftStationState(st, dt),
                               r + v * dt + 0.5 * dt2 * a + dt3 / 6 * jerk,
                               v + a * dt + 0.5 * dt2 * jerk, o);
  // ∂(r', v')/∂(r, v), with a and the jerk differentiated through G (the
  // derivative of G itself, in the jerk, is third order in dt and left out):
  // ∂r'/∂r = I + ½dt² G, ∂r'/∂v = dt I + ⅙dt³ G, ∂v'/∂r = dt G,
  // ∂v'/∂v = I + ½dt² G.
  const Eigen::RowVector3d pr = mv.partials.head<3>(), pv = mv.partials.tail<3>();
  mv.partials.head<3>() = pr + 0.5 * dt2 * pr * g + dt * pv * g;
  mv.partials.tail<3>() = dt * pr + dt3 / 6 * pr * g + pv + 0.5 * dt2 * pv * g;
  return mv;
}

}  // namespace

ModelValue ComputeModelShifted(const Measurement& m, const StationState& st,
                               const Eigen::Vector3d& r, const Eigen::Vector3d& v, double dt_s,
                               double* rate, const ModelOptions& o) {
  const ModelValue mv = ShiftedValue(m, st, r, v, dt_s, o);
  if (rate) {
    constexpr double h = 1e-3;  // s
    const double up = ShiftedValue(m, st, r, v, dt_s + h, o).value;
    const double down = ShiftedValue(m, st, r, v, dt_s - h, o).value;
    *rate = Residual(m.type, up, down) / (2 * h);
  }
  return mv;
}

}  // namespace sstrack::od
