// Copyright sstrack authors.
#include "astro/propagation/sgp4/deep_space.h"

#include <cmath>

namespace sstrack::astro::sgp4_internal {
namespace {

constexpr double kTwoPi = 2.0 * M_PI;
constexpr double kZes = 0.01675, kZel = 0.05490;
constexpr double kZns = 1.19459e-5, kZnl = 1.5835218e-4;
constexpr double kRptim = 4.37526908801129966e-3;  // Earth rotation, rad/min

// GMST (IAU 1982) in radians of a UT1 Julian date.
double Gmst1982(double jd_ut1) {
  const double t = (jd_ut1 - 2451545.0) / 36525.0;
  double g = -6.2e-6 * t * t * t + 0.093104 * t * t +
             (876600.0 * 3600.0 + 8640184.812866) * t + 67310.54841;
  g = std::fmod(g * (M_PI / 180.0) / 240.0, kTwoPi);
  return g < 0.0 ? g + kTwoPi : g;
}

// Lunar or solar coefficient set of dscom for one body.
struct BodyTerms {
  double s1, s2, s3, s4, s5, s6, s7;
  double z1, z2, z3, z11, z12, z13, z21, z22, z23, z31, z32, z33;
};

BodyTerms Terms(double zcosg, double zsing, double zcosi, double zsini,
                double zcosh, double zsinh, double cc, double xnoi,
                double em, double emsq, double betasq, double rtemsq,
                double sinim, double cosim, double sinomm, double cosomm) {
  const double a1 = zcosg * zcosh + zsing * zcosi * zsinh;
  const double a3 = -zsing * zcosh + zcosg * zcosi * zsinh;
  const double a7 = -zcosg * zsinh + zsing * zcosi * zcosh;
  const double a8 = zsing * zsini;
  const double a9 = zsing * zsinh + zcosg * zcosi * zcosh;
  const double a10 = zcosg * zsini;
  const double a2 = cosim * a7 + sinim * a8;
  const double a4 = cosim * a9 + sinim * a10;
  const double a5 = -sinim * a7 + cosim * a8;
  const double a6 = -sinim * a9 + cosim * a10;
  const double x1 = a1 * cosomm + a2 * sinomm;
  const double x2 = a3 * cosomm + a4 * sinomm;
  const double x3 = -a1 * sinomm + a2 * cosomm;
  const double x4 = -a3 * sinomm + a4 * cosomm;
  const double x5 = a5 * sinomm, x6 = a6 * sinomm;
  const double x7 = a5 * cosomm, x8 = a6 * cosomm;
  BodyTerms b;
  b.z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
  b.z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
  b.z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
  b.z1 = 3.0 * (a1 * a1 + a2 * a2) + b.z31 * emsq;
  b.z2 = 6.0 * (a1 * a3 + a2 * a4) + b.z32 * emsq;
  b.z3 = 3.0 * (a3 * a3 + a4 * a4) + b.z33 * emsq;
  b.z11 = -6.0 * a1 * a5 + emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
  b.z12 = -6.0 * (a1 * a6 + a3 * a5) +
          emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
  b.z13 = -6.0 * a3 * a6 + emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
  b.z21 = 6.0 * a2 * a5 + emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
  b.z22 = 6.0 * (a4 * a5 + a2 * a6) +
          emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
  b.z23 = 6.0 * a4 * a6 + emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
  b.z1 = b.z1 + b.z1 + betasq * b.z31;
  b.z2 = b.z2 + b.z2 + betasq * b.z32;
  b.z3 = b.z3 + b.z3 + betasq * b.z33;
  b.s3 = cc * xnoi;
  b.s2 = -0.5 * b.s3 / rtemsq;
  b.s4 = b.s3 * rtemsq;
  b.s1 = -15.0 * em * b.s4;
  b.s5 = x1 * x3 + x2 * x4;
  b.s6 = x2 * x3 + x1 * x4;
  b.s7 = x2 * x4 - x1 * x3;
  return b;
}

}  // namespace

void DeepSpace::Init(double epoch, double xke, double ecco, double argpo,
                     double inclo, double nodeo, double mo, double no,
                     double mdot, double argpdot, double nodedot) {
  no_ = no;
  argpo_ = argpo;
  argpdot_ = argpdot;
  gsto_ = Gmst1982(epoch + 2433281.5);
  // --- dscom: lunar and solar coefficients at epoch.
  const double em = ecco, emsq = em * em, betasq = 1.0 - emsq;
  const double rtemsq = std::sqrt(betasq);
  const double snodm = std::sin(nodeo), cnodm = std::cos(nodeo);
  const double sinomm = std::sin(argpo), cosomm = std::cos(argpo);
  const double sinim = std::sin(inclo), cosim = std::cos(inclo);
  const double day = epoch + 18261.5;
  const double xnodce = std::fmod(4.5236020 - 9.2422029e-4 * day, kTwoPi);
  const double stem = std::sin(xnodce), ctem = std::cos(xnodce);
  const double zcosil = 0.91375164 - 0.03568096 * ctem;
  const double zsinil = std::sqrt(1.0 - zcosil * zcosil);
  const double zsinhl = 0.089683511 * stem / zsinil;
  const double zcoshl = std::sqrt(1.0 - zsinhl * zsinhl);
  const double gam = 5.8351514 + 0.0019443680 * day;
  double zx = 0.39785416 * stem / zsinil;
  const double zy = zcoshl * ctem + 0.91744867 * zsinhl * stem;
  zx = gam + std::atan2(zx, zy) - xnodce;
  const double zcosgl = std::cos(zx), zsingl = std::sin(zx);
  const double xnoi = 1.0 / no;
  const BodyTerms s = Terms(0.1945905, -0.98088458, 0.91744867, 0.39785416,
                            cnodm, snodm, 2.9864797e-6, xnoi, em, emsq, betasq,
                            rtemsq, sinim, cosim, sinomm, cosomm);
  const BodyTerms l = Terms(zcosgl, zsingl, zcosil, zsinil,
                            zcoshl * cnodm + zsinhl * snodm,
                            snodm * zcoshl - cnodm * zsinhl, 4.7968065e-7, xnoi,
                            em, emsq, betasq, rtemsq, sinim, cosim, sinomm,
                            cosomm);
  zmol_ = std::fmod(4.7199672 + 0.22997150 * day - gam, kTwoPi);
  zmos_ = std::fmod(6.2565837 + 0.017201977 * day, kTwoPi);
  se2_ = 2.0 * s.s1 * s.s6;
  se3_ = 2.0 * s.s1 * s.s7;
  si2_ = 2.0 * s.s2 * s.z12;
  si3_ = 2.0 * s.s2 * (s.z13 - s.z11);
  sl2_ = -2.0 * s.s3 * s.z2;
  sl3_ = -2.0 * s.s3 * (s.z3 - s.z1);
  sl4_ = -2.0 * s.s3 * (-21.0 - 9.0 * emsq) * kZes;
  sgh2_ = 2.0 * s.s4 * s.z32;
  sgh3_ = 2.0 * s.s4 * (s.z33 - s.z31);
  sgh4_ = -18.0 * s.s4 * kZes;
  sh2_ = -2.0 * s.s2 * s.z22;
  sh3_ = -2.0 * s.s2 * (s.z23 - s.z21);
  ee2_ = 2.0 * l.s1 * l.s6;
  e3_ = 2.0 * l.s1 * l.s7;
  xi2_ = 2.0 * l.s2 * l.z12;
  xi3_ = 2.0 * l.s2 * (l.z13 - l.z11);
  xl2_ = -2.0 * l.s3 * l.z2;
  xl3_ = -2.0 * l.s3 * (l.z3 - l.z1);
  xl4_ = -2.0 * l.s3 * (-21.0 - 9.0 * emsq) * kZel;
  xgh2_ = 2.0 * l.s4 * l.z32;
  xgh3_ = 2.0 * l.s4 * (l.z33 - l.z31);
  xgh4_ = -18.0 * l.s4 * kZel;
  xh2_ = -2.0 * l.s2 * l.z22;
  xh3_ = -2.0 * l.s2 * (l.z23 - l.z21);

  // --- dsinit: secular rates.
  const double nm = no;
  irez_ = 0;
  if (nm < 0.0052359877 && nm > 0.0034906585) irez_ = 1;
  if (nm >= 8.26e-3 && nm <= 9.24e-3 && em >= 0.5) irez_ = 2;
  const double ses = s.s1 * kZns * s.s5;
  const double sis = s.s2 * kZns * (s.z11 + s.z13);
  const double sls = -kZns * s.s3 * (s.z1 + s.z3 - 14.0 - 6.0 * emsq);
  const double sghs = s.s4 * kZns * (s.z31 + s.z33 - 6.0);
  double shs = -kZns * s.s2 * (s.z21 + s.z23);
  const bool low_incl = inclo < 5.2359877e-2 || inclo > M_PI - 5.2359877e-2;
  if (low_incl) shs = 0.0;
  if (sinim != 0.0) shs /= sinim;
  const double sgs = sghs - cosim * shs;
  dedt_ = ses + l.s1 * kZnl * l.s5;
  didt_ = sis + l.s2 * kZnl * (l.z11 + l.z13);
  dmdt_ = sls - kZnl * l.s3 * (l.z1 + l.z3 - 14.0 - 6.0 * emsq);
  const double sghl = l.s4 * kZnl * (l.z31 + l.z33 - 6.0);
  double shll = -kZnl * l.s2 * (l.z21 + l.z23);
  if (low_incl) shll = 0.0;
  domdt_ = sgs + sghl;
  dnodt_ = shs;
  if (sinim != 0.0) {
    domdt_ -= cosim / sinim * shll;
    dnodt_ += shll / sinim;
  }
  if (irez_ == 0) return;
  const double theta = std::fmod(gsto_, kTwoPi);
  const double aonv = std::pow(nm / xke, 2.0 / 3.0);
  if (irez_ == 2) {
    const double cosisq = cosim * cosim;
    const double eoc = em * emsq;
    const double g201 = -0.306 - (em - 0.64) * 0.440;
    double g211, g310, g322, g410, g422, g520, g521, g532, g533;
    if (em <= 0.65) {
      g211 = 3.616 - 13.2470 * em + 16.2900 * emsq;
      g310 = -19.302 + 117.3900 * em - 228.4190 * emsq + 156.5910 * eoc;
      g322 = -18.9068 + 109.7927 * em - 214.6334 * emsq + 146.5816 * eoc;
      g410 = -41.122 + 242.6940 * em - 471.0940 * emsq + 313.9530 * eoc;
      g422 = -146.407 + 841.8800 * em - 1629.014 * emsq + 1083.4350 * eoc;
      g520 = -532.114 + 3017.977 * em - 5740.032 * emsq + 3708.2760 * eoc;
    } else {
      g211 = -72.099 + 331.819 * em - 508.738 * emsq + 266.724 * eoc;
      g310 = -346.844 + 1582.851 * em - 2415.925 * emsq + 1246.113 * eoc;
      g322 = -342.585 + 1554.908 * em - 2366.899 * emsq + 1215.972 * eoc;
      g410 = -1052.797 + 4758.686 * em - 7193.992 * emsq + 3651.957 * eoc;
      g422 = -3581.690 + 16178.110 * em - 24462.770 * emsq + 12422.520 * eoc;
      if (em > 0.715) {
        g520 = -5149.66 + 29936.92 * em - 54087.36 * emsq + 31324.56 * eoc;
      } else {
        g520 = 1464.74 - 4664.75 * em + 3763.64 * emsq;
      }
    }
    if (em < 0.7) {
      g533 = -919.22770 + 4988.6100 * em - 9064.7700 * emsq + 5542.21 * eoc;
      g521 = -822.71072 + 4568.6173 * em - 8491.4146 * emsq + 5337.524 * eoc;
      g532 = -853.66600 + 4690.2500 * em - 8624.7700 * emsq + 5341.4 * eoc;
    } else {
      g533 = -37995.780 + 161616.52 * em - 229838.20 * emsq + 109377.94 * eoc;
      g521 = -51752.104 + 218913.95 * em - 309468.16 * emsq + 146349.42 * eoc;
      g532 = -40023.880 + 170470.89 * em - 242699.48 * emsq + 115605.82 * eoc;
    }
    const double sini2 = sinim * sinim;
    const double f220 = 0.75 * (1.0 + 2.0 * cosim + cosisq);
    const double f221 = 1.5 * sini2;
    const double f321 = 1.875 * sinim * (1.0 - 2.0 * cosim - 3.0 * cosisq);
    const double f322 = -1.875 * sinim * (1.0 + 2.0 * cosim - 3.0 * cosisq);
    const double f441 = 35.0 * sini2 * f220;
    const double f442 = 39.3750 * sini2 * sini2;
    const double f522 =
        9.84375 * sinim *
        (sini2 * (1.0 - 2.0 * cosim - 5.0 * cosisq) +
         0.33333333 * (-2.0 + 4.0 * cosim + 6.0 * cosisq));
    const double f523 =
        sinim * (4.92187512 * sini2 * (-2.0 - 4.0 * cosim + 10.0 * cosisq) +
                 6.56250012 * (1.0 + 2.0 * cosim - 3.0 * cosisq));
    const double f542 = 29.53125 * sinim *
                        (2.0 - 8.0 * cosim +
                         cosisq * (-12.0 + 8.0 * cosim + 10.0 * cosisq));
    const double f543 = 29.53125 * sinim *
                        (-2.0 - 8.0 * cosim +
                         cosisq * (12.0 + 8.0 * cosim - 10.0 * cosisq));
    const double xno2 = nm * nm, ainv2 = aonv * aonv;
    double temp1 = 3.0 * xno2 * ainv2;
    double temp = temp1 * 1.7891679e-6;
    d2201_ = temp * f220 * g201;
    d2211_ = temp * f221 * g211;
    temp1 *= aonv;
    temp = temp1 * 3.7393792e-7;
    d3210_ = temp * f321 * g310;
    d3222_ = temp * f322 * g322;
    temp1 *= aonv;
    temp = 2.0 * temp1 * 7.3636953e-9;
    d4410_ = temp * f441 * g410;
    d4422_ = temp * f442 * g422;
    temp1 *= aonv;
    temp = temp1 * 1.1428639e-7;
    d5220_ = temp * f522 * g520;
    d5232_ = temp * f523 * g532;
    temp = 2.0 * temp1 * 2.1765803e-9;
    d5421_ = temp * f542 * g521;
    d5433_ = temp * f543 * g533;
    xlamo_ = std::fmod(mo + nodeo + nodeo - theta - theta, kTwoPi);
    xfact_ = mdot + dmdt_ + 2.0 * (nodedot + dnodt_ - kRptim) - no;
  } else {
    const double g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
    const double g310 = 1.0 + 2.0 * emsq;
    const double g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
    const double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
    const double f311 =
        0.9375 * sinim * sinim * (1.0 + 3.0 * cosim) - 0.75 * (1.0 + cosim);
    double f330 = 1.0 + cosim;
    f330 = 1.875 * f330 * f330 * f330;
    const double d1 = 3.0 * nm * nm * aonv * aonv;
    del2_ = 2.0 * d1 * f220 * g200 * 1.7891679e-6;
    del3_ = 3.0 * d1 * f330 * g300 * 2.2123015e-7 * aonv;
    del1_ = d1 * f311 * g310 * 2.1460748e-6 * aonv;
    xlamo_ = std::fmod(mo + nodeo + argpo - theta, kTwoPi);
    xfact_ = mdot + (argpdot + nodedot) - kRptim + dmdt_ + domdt_ + dnodt_ - no;
  }
}

void DeepSpace::Secular(double t, DeepMean* m) const {
  m->em += dedt_ * t;
  m->inclm += didt_ * t;
  m->argpm += domdt_ * t;
  m->nodem += dnodt_ * t;
  m->mm += dmdt_ * t;
  if (irez_ == 0) return;
  // Resonance: integrate mean longitude and motion from epoch in fixed
  // 720-min steps (Euler–Maclaurin, as the model defines), then Taylor to t.
  const double theta = std::fmod(gsto_ + t * kRptim, kTwoPi);
  const double delt = t > 0.0 ? 720.0 : -720.0;
  double atime = 0.0, xni = no_, xli = xlamo_;
  double xndt = 0, xldot = 0, xnddt = 0, ft = 0;
  for (;;) {
    if (irez_ != 2) {
      xndt = del1_ * std::sin(xli - 0.13130908) +
             del2_ * std::sin(2.0 * (xli - 2.8843198)) +
             del3_ * std::sin(3.0 * (xli - 0.37448087));
      xldot = xni + xfact_;
      xnddt = del1_ * std::cos(xli - 0.13130908) +
              2.0 * del2_ * std::cos(2.0 * (xli - 2.8843198)) +
              3.0 * del3_ * std::cos(3.0 * (xli - 0.37448087));
      xnddt *= xldot;
    } else {
      const double xomi = argpo_ + argpdot_ * atime;
      const double x2omi = xomi + xomi, x2li = xli + xli;
      constexpr double g22 = 5.7686396, g32 = 0.95240898, g44 = 1.8014998,
                       g52 = 1.0508330, g54 = 4.4108898;
      xndt = d2201_ * std::sin(x2omi + xli - g22) + d2211_ * std::sin(xli - g22) +
             d3210_ * std::sin(xomi + xli - g32) + d3222_ * std::sin(-xomi + xli - g32) +
             d4410_ * std::sin(x2omi + x2li - g44) + d4422_ * std::sin(x2li - g44) +
             d5220_ * std::sin(xomi + xli - g52) + d5232_ * std::sin(-xomi + xli - g52) +
             d5421_ * std::sin(xomi + x2li - g54) + d5433_ * std::sin(-xomi + x2li - g54);
      xldot = xni + xfact_;
      xnddt = d2201_ * std::cos(x2omi + xli - g22) + d2211_ * std::cos(xli - g22) +
              d3210_ * std::cos(xomi + xli - g32) + d3222_ * std::cos(-xomi + xli - g32) +
              d5220_ * std::cos(xomi + xli - g52) + d5232_ * std::cos(-xomi + xli - g52) +
              2.0 * (d4410_ * std::cos(x2omi + x2li - g44) + d4422_ * std::cos(x2li - g44) +
                     d5421_ * std::cos(xomi + x2li - g54) + d5433_ * std::cos(-xomi + x2li - g54));
      xnddt *= xldot;
    }
    if (std::abs(t - atime) < 720.0) {
      ft = t - atime;
      break;
    }
    xli += xldot * delt + xndt * 259200.0;
    xni += xndt * delt + xnddt * 259200.0;
    atime += delt;
  }
  const double nm = xni + xndt * ft + xnddt * ft * ft * 0.5;
  const double xl = xli + xldot * ft + xndt * ft * ft * 0.5;
  if (irez_ != 1) {
    m->mm = xl - 2.0 * m->nodem + 2.0 * theta;
  } else {
    m->mm = xl - m->nodem - m->argpm + theta;
  }
  m->nm = nm;
}

void DeepSpace::Periodics(double t, double* ep, double* inclp, double* nodep,
                          double* argpp, double* mp) const {
  double zm = zmos_ + kZns * t;
  double zf = zm + 2.0 * kZes * std::sin(zm);
  double sinzf = std::sin(zf);
  double f2 = 0.5 * sinzf * sinzf - 0.25;
  double f3 = -0.5 * sinzf * std::cos(zf);
  const double ses = se2_ * f2 + se3_ * f3;
  const double sis = si2_ * f2 + si3_ * f3;
  const double sls = sl2_ * f2 + sl3_ * f3 + sl4_ * sinzf;
  const double sghs = sgh2_ * f2 + sgh3_ * f3 + sgh4_ * sinzf;
  const double shs = sh2_ * f2 + sh3_ * f3;
  zm = zmol_ + kZnl * t;
  zf = zm + 2.0 * kZel * std::sin(zm);
  sinzf = std::sin(zf);
  f2 = 0.5 * sinzf * sinzf - 0.25;
  f3 = -0.5 * sinzf * std::cos(zf);
  const double sel = ee2_ * f2 + e3_ * f3;
  const double sil = xi2_ * f2 + xi3_ * f3;
  const double sll = xl2_ * f2 + xl3_ * f3 + xl4_ * sinzf;
  const double sghl = xgh2_ * f2 + xgh3_ * f3 + xgh4_ * sinzf;
  const double shll = xh2_ * f2 + xh3_ * f3;
  const double pe = ses + sel, pinc = sis + sil, pl = sls + sll;
  double pgh = sghs + sghl, ph = shs + shll;
  *inclp += pinc;
  *ep += pe;
  const double sinip = std::sin(*inclp), cosip = std::cos(*inclp);
  if (*inclp >= 0.2) {
    ph /= sinip;
    pgh -= cosip * ph;
    *argpp += pgh;
    *nodep += ph;
    *mp += pl;
    return;
  }
  // Lyddane's modification near zero inclination.
  const double sinop = std::sin(*nodep), cosop = std::cos(*nodep);
  double alfdp = sinip * sinop, betdp = sinip * cosop;
  alfdp += ph * cosop + pinc * cosip * sinop;
  betdp += -ph * sinop + pinc * cosip * cosop;
  *nodep = std::fmod(*nodep, kTwoPi);
  double xls = *mp + *argpp + cosip * *nodep;
  xls += pl + pgh - pinc * *nodep * sinip;
  const double xnoh = *nodep;
  *nodep = std::atan2(alfdp, betdp);
  if (std::abs(xnoh - *nodep) > M_PI) {
    *nodep += *nodep < xnoh ? kTwoPi : -kTwoPi;
  }
  *mp += pl;
  *argpp = xls - *mp - cosip * *nodep;
}

}  // namespace sstrack::astro::sgp4_internal
