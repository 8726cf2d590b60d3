// Copyright sstrack authors.
#include "orbit_determination/solid_tide.h"

#include <cmath>

namespace sstrack::od {
namespace {

constexpr double kDegToRad = M_PI / 180.0;

// The station's geocentric latitude/longitude and its local frame.
struct LocalFrame {
  double sin_lat, cos_lat, sin_lon, cos_lon, lon;
  Eigen::Vector3d up, north, east;
};

LocalFrame MakeLocalFrame(const Eigen::Vector3d& r) {
  LocalFrame f;
  const double rho = std::hypot(r.x(), r.y());
  const double norm = r.norm();
  f.sin_lat = r.z() / norm;
  f.cos_lat = rho / norm;
  f.sin_lon = r.y() / rho;
  f.cos_lon = r.x() / rho;
  f.lon = std::atan2(r.y(), r.x());
  f.up = r / norm;
  f.north = {-f.sin_lat * f.cos_lon, -f.sin_lat * f.sin_lon, f.cos_lat};
  f.east = {-f.sin_lon, f.cos_lon, 0.0};
  return f;
}

Eigen::Vector3d FromLocal(const LocalFrame& f, double radial, double north,
                          double east) {
  return radial * f.up + north * f.north + east * f.east;
}

// The body's geocentric latitude φ_j and its longitude difference to the
// station, Δλ = λ − λ_j.
struct BodyAngles {
  double sin_lat, cos_lat, dlon;
};

BodyAngles MakeBodyAngles(const LocalFrame& f, const Eigen::Vector3d& body) {
  const double norm = body.norm();
  return {body.z() / norm, std::hypot(body.x(), body.y()) / norm,
          f.lon - std::atan2(body.y(), body.x())};
}

// (3 sin²φ − 1)/2 of the station: the latitude dependence of h2 and l2.
double P2OfLatitude(const LocalFrame& f) {
  return (3.0 * f.sin_lat * f.sin_lat - 1.0) / 2.0;
}

// A row of tables 7.3a/7.3b: Doodson multipliers of s, h, p, N', p_s (that of
// τ is 1 in the diurnal table, 0 in the long-period one) and the corrections
// in mm.
struct FrequencyTerm {
  int s, h, p, n_prime, ps;
  double dr_ip, dr_op, dt_ip, dt_op;
};

// Table 7.3a as the IERS software (STEP2DIU) carries it: all terms with a
// radial correction ≥ 0.01 mm. Two rows differ from the printed table: K1
// ΔR_op is −0.80 (printed −0.78), and the row written (0, 1, 0, 1, −1)
// (Doodson 156,564) is probably meant to be 166,564 = (1, 1, 0, 1, −1); both
// are kept as in the software, whose test cases they produce (< 0.02 mm).
constexpr FrequencyTerm kDiurnal[] = {
    {-3, 0, 2, 0, 0, -0.01, 0.00, 0.00, 0.00},    // 2Q1 125,755
    {-3, 2, 0, 0, 0, -0.01, 0.00, 0.00, 0.00},    // σ1 127,555
    {-2, 0, 1, -1, 0, -0.02, 0.00, 0.00, 0.00},   // 135,645
    {-2, 0, 1, 0, 0, -0.08, 0.00, -0.01, 0.01},   // Q1 135,655
    {-2, 2, -1, 0, 0, -0.02, 0.00, 0.00, 0.00},   // ρ1 137,455
    {-1, 0, 0, -1, 0, -0.10, 0.00, 0.00, 0.00},   // 145,545
    {-1, 0, 0, 0, 0, -0.51, 0.00, -0.02, 0.03},   // O1 145,555
    {-1, 2, 0, 0, 0, 0.01, 0.00, 0.00, 0.00},     // τ1 147,555
    {0, -2, 1, 0, 0, 0.01, 0.00, 0.00, 0.00},     // Nτ1 153,655
    {0, 0, -1, 0, 0, 0.02, 0.00, 0.00, 0.00},     // Lk1 155,455
    {0, 0, 1, 0, 0, 0.06, 0.00, 0.00, 0.00},      // No1 155,655
    {0, 0, 1, 1, 0, 0.01, 0.00, 0.00, 0.00},      // 155,665
    {0, 2, -1, 0, 0, 0.01, 0.00, 0.00, 0.00},     // χ1 157,455
    {1, -3, 0, 0, 1, -0.06, 0.00, 0.00, 0.00},    // π1 162,556
    {1, -2, 0, -1, 0, 0.01, 0.00, 0.00, 0.00},    // 163,545
    {1, -2, 0, 0, 0, -1.23, -0.07, 0.06, 0.01},   // P1 163,555
    {1, -1, 0, 0, -1, 0.02, 0.00, 0.00, 0.00},    // 164,554
    {1, -1, 0, 0, 1, 0.04, 0.00, 0.00, 0.00},     // S1 164,556
    {1, 0, 0, -1, 0, -0.22, 0.01, 0.01, 0.00},    // 165,545
    {1, 0, 0, 0, 0, 12.00, -0.80, -0.67, -0.03},  // K1 165,555
    {1, 0, 0, 1, 0, 1.73, -0.12, -0.10, 0.00},    // 165,565
    {1, 0, 0, 2, 0, -0.04, 0.00, 0.00, 0.00},     // 165,575
    {1, 1, 0, 0, -1, -0.50, -0.01, 0.03, 0.00},   // ψ1 166,554
    {1, 1, 0, 0, 1, 0.01, 0.00, 0.00, 0.00},      // 166,556
    {0, 1, 0, 1, -1, -0.01, 0.00, 0.00, 0.00},    // see above
    {1, 2, -2, 0, 0, -0.01, 0.00, 0.00, 0.00},    // 167,355
    {1, 2, 0, 0, 0, -0.11, 0.01, 0.01, 0.00},     // φ1 167,555
    {2, -2, 1, 0, 0, -0.01, 0.00, 0.00, 0.00},    // θ1 173,655
    {2, 0, -1, 0, 0, -0.02, 0.00, 0.00, 0.00},    // J1 175,455
};

// Table 7.3b (zonal, long-period tides).
constexpr FrequencyTerm kLongPeriod[] = {
    {0, 0, 0, 1, 0, 0.47, 0.16, 0.23, 0.07},       // 55,565
    {0, 2, 0, 0, 0, -0.20, -0.11, -0.12, -0.05},   // Ssa 57,555
    {1, 0, -1, 0, 0, -0.11, -0.09, -0.08, -0.04},  // Mm 65,455
    {2, 0, 0, 0, 0, -0.13, -0.15, -0.11, -0.07},   // Mf 75,555
    {2, 0, 0, 1, 0, -0.05, -0.06, -0.05, -0.03},   // 75,565
};

// Doodson's fundamental arguments [rad] at t (TT centuries since J2000) and
// the hour of the day, with the polynomials of the IERS software
// (Simon et al. 1994 mean elements): τ = θ_g + π − s (the 280.46° constant
// is GMST + 180° because the day starts at 0 h while J2000 is at 12 h), s the
// Moon's mean longitude (τ uses it before the precession term is added, as
// the software does), h the Sun's, p the lunar perigee, N' = −Ω, p_s the
// solar perigee.
struct Doodson {
  double tau, s, h, p, n_prime, ps;
};

Doodson DoodsonArguments(double t, double ut_hours) {
  const double s0 =
      218.31664563 +
      (481267.88194 + (-0.0014663889 + 0.00000185139 * t) * t) * t;
  const double tau = ut_hours * 15.0 + 280.4606184 +
                     (36000.7700536 + (0.00038793 - 0.0000000258 * t) * t) * t -
                     s0;
  const double precession =
      (1.396971278 + (0.000308889 + (0.000000021 + 0.000000007 * t) * t) * t) *
      t;
  const double h =
      280.46645 +
      (36000.7697489 +
       (0.00030322222 + (0.000000020 - 0.00000000654 * t) * t) * t) *
          t;
  const double p =
      83.35324312 +
      (4069.01363525 +
       (-0.01032172222 + (-0.0000124991 + 0.00000005263 * t) * t) * t) *
          t;
  const double n_prime =
      234.95544499 +
      (1934.13626197 +
       (-0.00207561111 + (-0.00000213944 + 0.00000001650 * t) * t) * t) *
          t;
  const double ps =
      282.93734098 +
      (1.71945766667 +
       (0.00045688889 + (-0.00000001778 - 0.00000000334 * t) * t) * t) *
          t;
  auto rad = [](double deg) { return std::fmod(deg, 360.0) * kDegToRad; };
  return {rad(tau), rad(s0 + precession), rad(h),
          rad(p),   rad(n_prime),         rad(ps)};
}

double Argument(const FrequencyTerm& f, const Doodson& d, int tau_multiplier) {
  return tau_multiplier * d.tau + f.s * d.s + f.h * d.h + f.p * d.p +
         f.n_prime * d.n_prime + f.ps * d.ps;
}

}  // namespace

double TideDegree2Factor(const TideBody& body) {
  const double ratio = kTideEarthRadiusM / body.position_itrf_m.norm();
  return body.mass_ratio * kTideEarthRadiusM * ratio * ratio * ratio;
}

Eigen::Vector3d TideDegree2InPhase(const Eigen::Vector3d& station_itrf_m,
                                   const TideBody& body) {
  const LocalFrame f = MakeLocalFrame(station_itrf_m);
  const Eigen::Vector3d u = body.position_itrf_m.normalized();
  const double c = u.dot(f.up);
  // IERS (2010) eq. 7.5; nominal Love/Shida numbers with their latitude
  // dependence (text after eq. 7.5).
  const double h2 = 0.6078 - 0.0006 * P2OfLatitude(f);
  const double l2 = 0.0847 + 0.0002 * P2OfLatitude(f);
  return TideDegree2Factor(body) *
         (h2 * (1.5 * c * c - 0.5) * f.up + 3.0 * l2 * c * (u - c * f.up));
}

Eigen::Vector3d TideDegree3InPhase(const Eigen::Vector3d& station_itrf_m,
                                   const TideBody& body) {
  constexpr double h3 = 0.292, l3 = 0.015;
  const Eigen::Vector3d r = station_itrf_m.normalized();
  const Eigen::Vector3d u = body.position_itrf_m.normalized();
  const double c = u.dot(r);
  const double factor =
      TideDegree2Factor(body) * kTideEarthRadiusM / body.position_itrf_m.norm();
  return factor * (h3 * (2.5 * c * c * c - 1.5 * c) * r +
                   l3 * (7.5 * c * c - 1.5) * (u - c * r));
}

Eigen::Vector3d TideOutOfPhaseDiurnal(const Eigen::Vector3d& station_itrf_m,
                                      const TideBody& body) {
  constexpr double h_i = -0.0025, l_i = -0.0007;
  const LocalFrame f = MakeLocalFrame(station_itrf_m);
  const BodyAngles b = MakeBodyAngles(f, body.position_itrf_m);
  const double fac = TideDegree2Factor(body);
  const double sin2_lat_body = 2.0 * b.sin_lat * b.cos_lat;
  const double sin2_lat = 2.0 * f.sin_lat * f.cos_lat;
  const double cos2_lat = f.cos_lat * f.cos_lat - f.sin_lat * f.sin_lat;
  const double radial =
      -0.75 * h_i * fac * sin2_lat_body * sin2_lat * std::sin(b.dlon);
  const double north =
      -1.5 * l_i * fac * sin2_lat_body * cos2_lat * std::sin(b.dlon);
  const double east =
      -1.5 * l_i * fac * sin2_lat_body * f.sin_lat * std::cos(b.dlon);
  return FromLocal(f, radial, north, east);
}

Eigen::Vector3d TideOutOfPhaseSemidiurnal(const Eigen::Vector3d& station_itrf_m,
                                          const TideBody& body) {
  constexpr double h_i = -0.0022, l_i = -0.0007;
  const LocalFrame f = MakeLocalFrame(station_itrf_m);
  const BodyAngles b = MakeBodyAngles(f, body.position_itrf_m);
  const double fac = TideDegree2Factor(body) * b.cos_lat * b.cos_lat;
  const double radial =
      -0.75 * h_i * fac * f.cos_lat * f.cos_lat * std::sin(2.0 * b.dlon);
  const double north =
      0.75 * l_i * fac * 2.0 * f.sin_lat * f.cos_lat * std::sin(2.0 * b.dlon);
  const double east =
      -0.75 * l_i * fac * 2.0 * f.cos_lat * std::cos(2.0 * b.dlon);
  return FromLocal(f, radial, north, east);
}

Eigen::Vector3d TideLatitudeDependence(const Eigen::Vector3d& station_itrf_m,
                                       const TideBody& body) {
  constexpr double l1_diurnal = 0.0012, l1_semidiurnal = 0.0024;
  const LocalFrame f = MakeLocalFrame(station_itrf_m);
  const BodyAngles b = MakeBodyAngles(f, body.position_itrf_m);
  const double fac = TideDegree2Factor(body);
  const double cos2_lat = f.cos_lat * f.cos_lat - f.sin_lat * f.sin_lat;
  // Eq. 7.8, diurnal: P₂¹(sin φ_j) = 3 sin φ_j cos φ_j.
  const double p21 = 3.0 * b.sin_lat * b.cos_lat;
  const double k1 = -l1_diurnal * f.sin_lat * fac * p21;
  double north = k1 * f.sin_lat * std::cos(b.dlon);
  double east = -k1 * cos2_lat * std::sin(b.dlon);
  // Eq. 7.9, semidiurnal: P₂²(sin φ_j) = 3 cos²φ_j.
  const double p22 = 3.0 * b.cos_lat * b.cos_lat;
  const double k2 = -0.5 * l1_semidiurnal * f.sin_lat * f.cos_lat * fac * p22;
  north += k2 * std::cos(2.0 * b.dlon);
  east += k2 * f.sin_lat * std::sin(2.0 * b.dlon);
  return FromLocal(f, 0.0, north, east);
}

Eigen::Vector3d TideFrequencyDiurnal(const Eigen::Vector3d& station_itrf_m,
                                     double t_tt_centuries, double ut_hours) {
  const LocalFrame f = MakeLocalFrame(station_itrf_m);
  const Doodson d = DoodsonArguments(t_tt_centuries, ut_hours);
  const double sin2_lat = 2.0 * f.sin_lat * f.cos_lat;
  const double cos2_lat = f.cos_lat * f.cos_lat - f.sin_lat * f.sin_lat;
  double radial = 0.0, north = 0.0, east = 0.0;
  for (const FrequencyTerm& term : kDiurnal) {
    const double phase = Argument(term, d, 1) + f.lon;
    const double sn = std::sin(phase), cs = std::cos(phase);
    radial += (term.dr_ip * sn + term.dr_op * cs) * sin2_lat;
    north += (term.dt_ip * sn + term.dt_op * cs) * cos2_lat;
    east += (term.dt_ip * cs - term.dt_op * sn) * f.sin_lat;
  }
  return FromLocal(f, radial, north, east) * 1e-3;  // mm → m
}

Eigen::Vector3d TideFrequencyLongPeriod(const Eigen::Vector3d& station_itrf_m,
                                        double t_tt_centuries) {
  const LocalFrame f = MakeLocalFrame(station_itrf_m);
  const Doodson d = DoodsonArguments(t_tt_centuries, 0.0);
  const double sin2_lat = 2.0 * f.sin_lat * f.cos_lat;
  double radial = 0.0, north = 0.0;
  for (const FrequencyTerm& term : kLongPeriod) {
    const double phase = Argument(term, d, 0);
    const double sn = std::sin(phase), cs = std::cos(phase);
    radial += P2OfLatitude(f) * (term.dr_ip * cs + term.dr_op * sn);
    north += sin2_lat * (term.dt_ip * cs + term.dt_op * sn);
  }
  return FromLocal(f, radial, north, 0.0) * 1e-3;  // mm → m
}

Eigen::Vector3d SolidEarthTideDisplacement(
    const Eigen::Vector3d& station_itrf_m, const TideBody& sun,
    const TideBody& moon, double t_tt_centuries, double ut_hours,
    const SolidTideOptions& options) {
  Eigen::Vector3d d = Eigen::Vector3d::Zero();
  for (const TideBody* body : {&sun, &moon}) {
    d += TideDegree2InPhase(station_itrf_m, *body);
    if (options.degree3) d += TideDegree3InPhase(station_itrf_m, *body);
    if (options.out_of_phase) {
      d += TideOutOfPhaseDiurnal(station_itrf_m, *body);
      d += TideOutOfPhaseSemidiurnal(station_itrf_m, *body);
    }
    if (options.latitude_dependence) {
      d += TideLatitudeDependence(station_itrf_m, *body);
    }
  }
  if (options.frequency_dependence) {
    d += TideFrequencyDiurnal(station_itrf_m, t_tt_centuries, ut_hours);
    d += TideFrequencyLongPeriod(station_itrf_m, t_tt_centuries);
  }
  return d;
}

}  // namespace sstrack::od
