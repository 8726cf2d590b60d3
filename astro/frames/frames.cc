// Copyright sstrack authors.
#include "astro/frames/frames.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include <Eigen/Geometry>

#include "erfa.h"

namespace sstrack::astro {
namespace {

constexpr double kOmegaEarthRadS = 7.292115146706979e-5;

Eigen::Matrix3d FromErfa(const double r[3][3]) {
  Eigen::Matrix3d m;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) m(i, j) = r[i][j];
  return m;
}

JulianDate Ut1(const Epoch& t, const EopSample& eop) {
  return (t + eop.ut1_minus_tai_s()).Tai();
}

// GCRF → TIRS (Q then ERA) and TIRS → ITRF (W).
struct CioChain {
  Eigen::Matrix3d gcrf_to_tirs;
  Eigen::Matrix3d tirs_to_itrf;
};

CioChain BuildCioChain(const Epoch& t, const EopSample& eop) {
  const JulianDate tt = t.Tt();
  double x, y, s;
  eraXys06a(tt.jd1, tt.jd2, &x, &y, &s);
  x += eop.dx_rad;
  y += eop.dy_rad;
  double rc2i[3][3];
  eraC2ixys(x, y, s, rc2i);
  const JulianDate ut1 = Ut1(t, eop);
  const double era = eraEra00(ut1.jd1, ut1.jd2);
  double rpom[3][3];
  eraPom00(eop.x_p_rad, eop.y_p_rad, eraSp00(tt.jd1, tt.jd2), rpom);
  Eigen::Matrix3d r3;
  const double c = std::cos(era), sn = std::sin(era);
  r3 << c, sn, 0, -sn, c, 0, 0, 0, 1;
  return {r3 * FromErfa(rc2i), FromErfa(rpom)};
}

struct TemeChain {
  Eigen::Matrix3d teme_to_pef;
  Eigen::Matrix3d pef_to_itrf;
};

TemeChain BuildTemeChain(const Epoch& t, const EopSample& eop) {
  const JulianDate ut1 = Ut1(t, eop);
  const double gmst = eraGmst82(ut1.jd1, ut1.jd2);
  Eigen::Matrix3d r3;
  const double c = std::cos(gmst), sn = std::sin(gmst);
  r3 << c, sn, 0, -sn, c, 0, 0, 0, 1;
  double rpom[3][3];
  eraPom00(eop.x_p_rad, eop.y_p_rad, 0.0, rpom);
  return {r3, FromErfa(rpom)};
}

// Inertial-like frame F with M: F → Earth-intermediate (rotating), W: → ITRF.
CartesianState ToItrf(const CartesianState& s, const Eigen::Matrix3d& m,
                      const Eigen::Matrix3d& w, double omega) {
  const Eigen::Vector3d omega_vec(0, 0, omega);
  const Eigen::Vector3d r_int = m * s.position_m;
  const Eigen::Vector3d v_int = m * s.velocity_m_s - omega_vec.cross(r_int);
  return {w * r_int, w * v_int};
}

CartesianState FromItrf(const CartesianState& s, const Eigen::Matrix3d& m,
                        const Eigen::Matrix3d& w, double omega) {
  const Eigen::Vector3d omega_vec(0, 0, omega);
  const Eigen::Vector3d r_int = w.transpose() * s.position_m;
  const Eigen::Vector3d v_int =
      w.transpose() * s.velocity_m_s + omega_vec.cross(r_int);
  return {m.transpose() * r_int, m.transpose() * v_int};
}

}  // namespace

absl::string_view FrameName(Frame frame) {
  switch (frame) {
    case Frame::kGcrf:
      return "GCRF";
    case Frame::kEme2000:
      return "EME2000";
    case Frame::kItrf:
      return "ITRF";
    case Frame::kTeme:
      return "TEME";
  }
  return "?";
}

absl::StatusOr<Frame> ParseFrame(absl::string_view name) {
  const std::string upper = absl::AsciiStrToUpper(name);
  for (Frame f : {Frame::kGcrf, Frame::kEme2000, Frame::kItrf, Frame::kTeme}) {
    if (upper == FrameName(f)) return f;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown frame '", name, "': expected gcrf, eme2000, itrf or teme"));
}

absl::Status ValidateState(const CartesianState& s) {
  static constexpr const char* kNames[6] = {"x", "y", "z", "vx", "vy", "vz"};
  for (int i = 0; i < 6; ++i) {
    const double v = i < 3 ? s.position_m[i] : s.velocity_m_s[i - 3];
    if (!std::isfinite(v)) {
      return absl::InvalidArgumentError(
          absl::StrCat("state component ", kNames[i], " is not finite (", v, ")"));
    }
  }
  return absl::OkStatus();
}

Eigen::Matrix3d RicMatrix(const Eigen::Vector3d& r, const Eigen::Vector3d& v) {
  const Eigen::Vector3d ur = r.normalized();
  const Eigen::Vector3d uc = r.cross(v).normalized();
  Eigen::Matrix3d m;
  m.row(0) = ur;
  m.row(1) = uc.cross(ur);
  m.row(2) = uc;
  return m;
}

double EarthRotationRate(const EopSample& eop) {
  return kOmegaEarthRadS * (1.0 - eop.lod_s / 86400.0);
}

Eigen::Matrix3d GcrfToItrfMatrix(const Epoch& t, const EopSample& eop) {
  const CioChain c = BuildCioChain(t, eop);
  return c.tirs_to_itrf * c.gcrf_to_tirs;
}

Eigen::Matrix3d GcrfToEme2000Matrix() {
  // The frame bias is constant; eraBp06 returns it as rb at any date.
  double rb[3][3], rp[3][3], rbp[3][3];
  eraBp06(kJ2000Jd, 0.0, rb, rp, rbp);
  return FromErfa(rb);
}

Eigen::Matrix3d TemeToItrfMatrix(const Epoch& t, const EopSample& eop) {
  const TemeChain c = BuildTemeChain(t, eop);
  return c.pef_to_itrf * c.teme_to_pef;
}

absl::StatusOr<CartesianState> ConvertState(const CartesianState& s,
                                            Frame from, Frame to,
                                            const Epoch& t,
                                            const EopSample& eop) {
  if (absl::Status st = ValidateState(s); !st.ok()) return st;
  if (from == to) return s;
  const double omega = EarthRotationRate(eop);
  // Everything goes through ITRF (rotating) or GCRF (inertial).
  CartesianState itrf;
  switch (from) {
    case Frame::kItrf:
      itrf = s;
      break;
    case Frame::kGcrf:
    case Frame::kEme2000: {
      CartesianState g = s;
      if (from == Frame::kEme2000) {
        const Eigen::Matrix3d b = GcrfToEme2000Matrix();
        g = {b.transpose() * s.position_m, b.transpose() * s.velocity_m_s};
        if (to == Frame::kGcrf) return g;
      } else if (to == Frame::kEme2000) {
        const Eigen::Matrix3d b = GcrfToEme2000Matrix();
        return CartesianState{b * s.position_m, b * s.velocity_m_s};
      }
      const CioChain c = BuildCioChain(t, eop);
      itrf = ToItrf(g, c.gcrf_to_tirs, c.tirs_to_itrf, omega);
      break;
    }
    case Frame::kTeme: {
      const TemeChain c = BuildTemeChain(t, eop);
      itrf = ToItrf(s, c.teme_to_pef, c.pef_to_itrf, omega);
      break;
    }
  }
  switch (to) {
    case Frame::kItrf:
      return itrf;
    case Frame::kTeme: {
      const TemeChain c = BuildTemeChain(t, eop);
      return FromItrf(itrf, c.teme_to_pef, c.pef_to_itrf, omega);
    }
    case Frame::kGcrf:
    case Frame::kEme2000: {
      const CioChain c = BuildCioChain(t, eop);
      CartesianState g = FromItrf(itrf, c.gcrf_to_tirs, c.tirs_to_itrf, omega);
      if (to == Frame::kEme2000) {
        const Eigen::Matrix3d b = GcrfToEme2000Matrix();
        g = {b * g.position_m, b * g.velocity_m_s};
      }
      return g;
    }
  }
  return absl::InternalError("unreachable frame");
}

}  // namespace sstrack::astro
