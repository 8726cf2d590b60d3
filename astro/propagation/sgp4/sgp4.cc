// Copyright sstrack authors.
//
// Equations: Spacetrack Report #3 (Hoots & Roehrich 1980), sections 5–6, with
// the corrections of Vallado et al. (AIAA 2006-6753): Brouwer mean motion
// recovered from the Kozai one, perigee-dependent s and q0 parameters, the
// "simple" drag model below 220 km perigee, Kepler's equation for the
// long-period-corrected eccentric longitude, and short-period corrections.
#include "astro/propagation/sgp4/sgp4.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "astro/propagation/sgp4/sgp4_constants.h"

namespace sstrack::astro {

using sgp4_internal::kJ2;
using sgp4_internal::kJ3oJ2;
using sgp4_internal::kJ4;
using sgp4_internal::kRe;
using sgp4_internal::kTwoPi;
using sgp4_internal::kX2o3;
using sgp4_internal::Xke;

absl::StatusOr<Sgp4> Sgp4::Create(const MeanElements& el) {
  Sgp4 s;
  s.elements_ = el;
  s.ecco_ = el.eccentricity;
  s.inclo_ = el.inclination_rad;
  s.nodeo_ = el.raan_rad;
  s.argpo_ = el.arg_perigee_rad;
  s.mo_ = el.mean_anomaly_rad;
  s.bstar_ = el.bstar_per_earth_radii;
  const double xke = Xke();
  const double no_kozai = el.mean_motion_rad_per_min;
  if (!(no_kozai > 0.0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "object ", el.catalog_number, ": mean motion must be positive (SGP4 error 2)"));
  }
  if (!(s.ecco_ >= 0.0 && s.ecco_ < 1.0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "object ", el.catalog_number, ": eccentricity ", s.ecco_,
        " not in [0, 1) (SGP4 error 1)"));
  }
  // Brouwer mean motion and semi-major axis from the Kozai mean motion.
  const double cosio = std::cos(s.inclo_);
  const double cosio2 = cosio * cosio;
  const double eccsq = s.ecco_ * s.ecco_;
  const double omeosq = 1.0 - eccsq;
  const double rteosq = std::sqrt(omeosq);
  const double a1 = std::pow(xke / no_kozai, kX2o3);
  const double d1 = 0.75 * kJ2 * (3.0 * cosio2 - 1.0) / (rteosq * omeosq);
  double del = d1 / (a1 * a1);
  const double adel =
      a1 * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
  del = d1 / (adel * adel);
  s.no_ = no_kozai / (1.0 + del);
  s.ao_ = std::pow(xke / s.no_, kX2o3);
  s.deep_space_ = kTwoPi / s.no_ >= 225.0;
  s.sinio_ = std::sin(s.inclo_);
  s.cosio_ = cosio;
  const double po = s.ao_ * omeosq;
  const double con42 = 1.0 - 5.0 * cosio2;
  s.con41_ = -con42 - cosio2 - cosio2;
  const double posq = po * po;
  const double rp = s.ao_ * (1.0 - s.ecco_);
  // rp < 1 (epoch elements sub-orbital, the reference's code 5) is only a
  // warning there: the propagation runs until it reports decay (code 6).
  s.simple_ = rp < 220.0 / kRe + 1.0 || s.deep_space_;

  // Atmospheric density parameters s and q0 adjusted to the perigee height.
  double sfour = 78.0 / kRe + 1.0;
  double qzms24 = std::pow((120.0 - 78.0) / kRe, 4);
  const double perige_km = (rp - 1.0) * kRe;
  if (perige_km < 156.0) {
    double sf = perige_km - 78.0;
    if (perige_km < 98.0) sf = 20.0;
    qzms24 = std::pow((120.0 - sf) / kRe, 4);
    sfour = sf / kRe + 1.0;
  }
  const double pinvsq = 1.0 / posq;
  const double tsi = 1.0 / (s.ao_ - sfour);
  s.eta_ = s.ao_ * s.ecco_ * tsi;
  const double etasq = s.eta_ * s.eta_;
  const double eeta = s.ecco_ * s.eta_;
  const double psisq = std::abs(1.0 - etasq);
  const double coef = qzms24 * std::pow(tsi, 4);
  const double coef1 = coef / std::pow(psisq, 3.5);
  const double cc2 =
      coef1 * s.no_ *
      (s.ao_ * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq)) +
       0.375 * kJ2 * tsi / psisq * s.con41_ * (8.0 + 3.0 * etasq * (8.0 + etasq)));
  s.cc1_ = s.bstar_ * cc2;
  double cc3 = 0.0;
  if (s.ecco_ > 1.0e-4) cc3 = -2.0 * coef * tsi * kJ3oJ2 * s.no_ * s.sinio_ / s.ecco_;
  s.x1mth2_ = 1.0 - cosio2;
  s.cc4_ = 2.0 * s.no_ * coef1 * s.ao_ * omeosq *
           (s.eta_ * (2.0 + 0.5 * etasq) + s.ecco_ * (0.5 + 2.0 * etasq) -
            kJ2 * tsi / (s.ao_ * psisq) *
                (-3.0 * s.con41_ * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta)) +
                 0.75 * s.x1mth2_ * (2.0 * etasq - eeta * (1.0 + etasq)) *
                     std::cos(2.0 * s.argpo_)));
  s.cc5_ = 2.0 * coef1 * s.ao_ * omeosq *
           (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);
  const double cosio4 = cosio2 * cosio2;
  const double temp1 = 1.5 * kJ2 * pinvsq * s.no_;
  const double temp2 = 0.5 * temp1 * kJ2 * pinvsq;
  const double temp3 = -0.46875 * kJ4 * pinvsq * pinvsq * s.no_;
  s.mdot_ = s.no_ + 0.5 * temp1 * rteosq * s.con41_ +
            0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
  s.argpdot_ = -0.5 * temp1 * con42 +
               0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4) +
               temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
  const double xhdot1 = -temp1 * cosio;
  s.nodedot_ = xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2) +
                         2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio;
  s.omgcof_ = s.bstar_ * cc3 * std::cos(s.argpo_);
  if (s.ecco_ > 1.0e-4) s.xmcof_ = -kX2o3 * coef * s.bstar_ / eeta;
  s.nodecf_ = 3.5 * omeosq * xhdot1 * s.cc1_;
  s.t2cof_ = 1.5 * s.cc1_;
  const double den = std::abs(cosio + 1.0) > 1.5e-12 ? 1.0 + cosio : 1.5e-12;
  s.xlcof_ = -0.25 * kJ3oJ2 * s.sinio_ * (3.0 + 5.0 * cosio) / den;
  s.aycof_ = -0.5 * kJ3oJ2 * s.sinio_;
  s.delmo_ = std::pow(1.0 + s.eta_ * std::cos(s.mo_), 3);
  s.sinmao_ = std::sin(s.mo_);
  s.x7thm1_ = 7.0 * cosio2 - 1.0;
  if (s.deep_space_) {
    s.deep_.Init(el.epoch_utc_jd1 + el.epoch_utc_jd2 - 2433281.5, xke, s.ecco_,
                 s.argpo_, s.inclo_, s.nodeo_, s.mo_, s.no_, s.mdot_,
                 s.argpdot_, s.nodedot_);
  }
  if (!s.simple_) {
    const double cc1sq = s.cc1_ * s.cc1_;
    s.d2_ = 4.0 * s.ao_ * tsi * cc1sq;
    const double temp = s.d2_ * tsi * s.cc1_ / 3.0;
    s.d3_ = (17.0 * s.ao_ + sfour) * temp;
    s.d4_ = 0.5 * temp * s.ao_ * tsi * (221.0 * s.ao_ + 31.0 * sfour) * s.cc1_;
    s.t3cof_ = s.d2_ + 2.0 * cc1sq;
    s.t4cof_ = 0.25 * (3.0 * s.d3_ + s.cc1_ * (12.0 * s.d2_ + 10.0 * cc1sq));
    s.t5cof_ = 0.2 * (3.0 * s.d4_ + 12.0 * s.cc1_ * s.d3_ + 6.0 * s.d2_ * s.d2_ +
                      15.0 * cc1sq * (2.0 * s.d2_ + cc1sq));
  }
  return s;
}

Sgp4State Sgp4::Propagate(double t) const {
  Sgp4State out;
  const double xke = Xke();
  // Secular gravity and drag.
  const double xmdf = mo_ + mdot_ * t;
  const double argpdf = argpo_ + argpdot_ * t;
  const double nodedf = nodeo_ + nodedot_ * t;
  double argpm = argpdf;
  double mm = xmdf;
  const double t2 = t * t;
  double nodem = nodedf + nodecf_ * t2;
  double tempa = 1.0 - cc1_ * t;
  double tempe = bstar_ * cc4_ * t;
  double templ = t2cof_ * t2;
  if (!simple_) {
    const double delomg = omgcof_ * t;
    const double delm =
        xmcof_ * (std::pow(1.0 + eta_ * std::cos(xmdf), 3) - delmo_);
    const double temp = delomg + delm;
    mm = xmdf + temp;
    argpm = argpdf - temp;
    const double t3 = t2 * t;
    const double t4 = t3 * t;
    tempa -= d2_ * t2 + d3_ * t3 + d4_ * t4;
    tempe += bstar_ * cc5_ * (std::sin(mm) - sinmao_);
    templ += t3cof_ * t3 + t4 * (t4cof_ + t * t5cof_);
  }
  double nm = no_;
  double em = ecco_;
  double inclm = inclo_;
  if (deep_space_) {
    sgp4_internal::DeepMean m{em, argpm, inclm, mm, nodem, nm};
    deep_.Secular(t, &m);
    em = m.em;
    argpm = m.argpm;
    inclm = m.inclm;
    mm = m.mm;
    nodem = m.nodem;
    nm = m.nm;
  }
  if (nm <= 0.0) {
    out.error = Sgp4Error::kMeanMotion;
    return out;
  }
  const double am = std::pow(xke / nm, kX2o3) * tempa * tempa;
  nm = xke / std::pow(am, 1.5);
  em -= tempe;
  // (The reference no longer tests a < 0.95 er here.)
  if (em >= 1.0 || em < -0.001) {
    out.error = Sgp4Error::kEccentricity;
    return out;
  }
  if (em < 1.0e-6) em = 1.0e-6;
  mm += no_ * templ;
  double xlm = mm + argpm + nodem;
  nodem = std::fmod(nodem, kTwoPi);
  argpm = std::fmod(argpm, kTwoPi);
  xlm = std::fmod(xlm, kTwoPi);
  mm = std::fmod(xlm - argpm - nodem, kTwoPi);

  // Lunar–solar periodics (deep space).
  double ep = em, xincp = inclm, argpp = argpm, nodep = nodem, mp = mm;
  double aycof = aycof_, xlcof = xlcof_, con41 = con41_, x1mth2 = x1mth2_,
         x7thm1 = x7thm1_;
  if (deep_space_) {
    deep_.Periodics(t, &ep, &xincp, &nodep, &argpp, &mp);
    if (xincp < 0.0) {
      xincp = -xincp;
      nodep += M_PI;
      argpp -= M_PI;
    }
    if (ep < 0.0 || ep > 1.0) {
      out.error = Sgp4Error::kPerturbedEccentricity;
      return out;
    }
    const double sinip = std::sin(xincp), cosip = std::cos(xincp);
    aycof = -0.5 * kJ3oJ2 * sinip;
    const double den = std::abs(cosip + 1.0) > 1.5e-12 ? 1.0 + cosip : 1.5e-12;
    xlcof = -0.25 * kJ3oJ2 * sinip * (3.0 + 5.0 * cosip) / den;
    const double cosisq = cosip * cosip;
    con41 = 3.0 * cosisq - 1.0;
    x1mth2 = 1.0 - cosisq;
    x7thm1 = 7.0 * cosisq - 1.0;
  }
  const double sinip = std::sin(xincp), cosip = std::cos(xincp);

  // Long-period periodics.
  const double axnl = ep * std::cos(argpp);
  double temp = 1.0 / (am * (1.0 - ep * ep));
  const double aynl = ep * std::sin(argpp) + temp * aycof;
  const double xl = mp + argpp + nodep + temp * xlcof * axnl;

  // Kepler's equation for the eccentric longitude.
  const double u = std::fmod(xl - nodep, kTwoPi);
  double eo1 = u, sineo1 = 0, coseo1 = 0;
  double tem5 = 9999.9;
  for (int k = 0; k < 10 && std::abs(tem5) >= 1.0e-12; ++k) {
    sineo1 = std::sin(eo1);
    coseo1 = std::cos(eo1);
    tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
    tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
    if (std::abs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
    eo1 += tem5;
  }
  // (sin/cos of the last iterate, as the reference uses them)
  const double ecose = axnl * coseo1 + aynl * sineo1;
  const double esine = axnl * sineo1 - aynl * coseo1;
  const double el2 = axnl * axnl + aynl * aynl;
  const double pl = am * (1.0 - el2);
  if (pl < 0.0) {
    out.error = Sgp4Error::kSemiLatusRectum;
    return out;
  }
  const double rl = am * (1.0 - ecose);
  const double rdotl = std::sqrt(am) * esine / rl;
  const double rvdotl = std::sqrt(pl) / rl;
  const double betal = std::sqrt(1.0 - el2);
  temp = esine / (1.0 + betal);
  const double sinu = am / rl * (sineo1 - aynl - axnl * temp);
  const double cosu = am / rl * (coseo1 - axnl + aynl * temp);
  double su = std::atan2(sinu, cosu);
  const double sin2u = (cosu + cosu) * sinu;
  const double cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = 1.0 / pl;
  const double temp1 = 0.5 * kJ2 * temp;
  const double temp2 = temp1 * temp;

  // Short-period periodics.
  const double mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) +
                     0.5 * temp1 * x1mth2 * cos2u;
  su -= 0.25 * temp2 * x7thm1 * sin2u;
  const double xnode = nodep + 1.5 * temp2 * cosip * sin2u;
  const double xinc = xincp + 1.5 * temp2 * cosip * sinip * cos2u;
  const double mvt = rdotl - nm * temp1 * x1mth2 * sin2u / xke;
  const double rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) / xke;

  // Orientation vectors.
  const double sinsu = std::sin(su), cossu = std::cos(su);
  const double snod = std::sin(xnode), cnod = std::cos(xnode);
  const double sini = std::sin(xinc), cosi = std::cos(xinc);
  const double xmx = -snod * cosi;
  const double xmy = cnod * cosi;
  const Eigen::Vector3d uvec(xmx * sinsu + cnod * cossu, xmy * sinsu + snod * cossu,
                             sini * sinsu);
  const Eigen::Vector3d vvec(xmx * cossu - cnod * sinsu, xmy * cossu - snod * sinsu,
                             sini * cossu);
  const double vkmpersec = kRe * xke / 60.0;
  out.position_teme_m = mrt * uvec * (kRe * 1000.0);
  out.velocity_teme_m_s = (mvt * uvec + rvdot * vvec) * (vkmpersec * 1000.0);
  if (mrt < 1.0) out.error = Sgp4Error::kDecayed;
  return out;
}

}  // namespace sstrack::astro
