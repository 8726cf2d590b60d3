// Copyright sstrack authors.
//
// astro/propagation/sgp4/sgp4_batch_kernel.h — the vector kernel of
// Sgp4Batch: the near-earth SGP4 of sgp4.cc (Spacetrack Report #3 with
// Vallado et al. 2006) for kLanes satellites at a time. Each step mirrors a
// statement of Sgp4::Propagate and keeps the order of its floating-point
// operations so that the two agree to rounding; the exceptions (vector
// sin/cos, angle reduction, sum formulas, reciprocals) are said where they
// are. Internal to sgp4_batch.cc.
#ifndef SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_BATCH_KERNEL_H_
#define SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_BATCH_KERNEL_H_

#include <cmath>
#include <cstddef>

#include "astro/propagation/sgp4/sgp4.h"
#include "astro/propagation/sgp4/sgp4_batch.h"
#include "astro/propagation/sgp4/sgp4_constants.h"
#include "astro/propagation/sgp4/simd_math.h"

namespace sstrack::astro::sgp4_internal {

struct LaneStates {
  Vd x, y, z, vx, vy, vz;  // TEME, m and m/s
  Vi error;                // Sgp4Error values
  // Lanes the caller must take from Sgp4::Propagate: a test of the per-call
  // code (Kepler convergence, error codes) is too close to its threshold
  // for the rounding differences of the two paths, or the state is
  // ill-conditioned. The Kepler test is the one that matters: one Newton
  // step more or less moves the result by up to 1e-12 rad, ~7e-6 m (2 of
  // the 578,000 states of the test sample). On the 20k benchmark grid 0.5%
  // of the lanes are handed back (< 1% of the time).
  Vi near_threshold;
};

// |x − threshold| within `band` (relative) of the threshold.
inline Vi Near(Vd x, double threshold, double band) {
  return Abs(x - threshold) <= std::abs(threshold) * band;
}

// Sgp4::Propagate for lanes [i, i + kLanes) at times t (minutes) runs in
// three stages: Secular (to Kepler's equation), KeplerStep (one Newton
// iteration, repeated), Finish. Run interleaves the Kepler iterations of
// several vectors, whose latency would otherwise dominate.
struct Stage {
  size_t i;
  Vd t, am, nm, nodem, axnl, aynl, u;
  Vi bad_eccentricity, near_threshold;
  // Kepler iteration: iterate, its sin/cos, the values the per-call code
  // keeps (sin/cos of the last tested iterate), lanes still iterating.
  Vd eo1, s, co, sineo1, coseo1;
  Vi active;
  int iterations;
};

inline void Secular(const Sgp4Batch::Columns& c, size_t i, Vd t, Stage* g) {
  const double xke = sgp4_internal::Xke();
  g->i = i;
  g->t = t;
  // Secular gravity and drag. For "simple" satellites omgcof, xmcof,
  // bstar_cc5, d2..d4 and t3cof..t5cof are zero, which leaves the truncated
  // model of the per-call code exactly.
  const Vd xmdf = Load(&c.mo[i]) + Load(&c.mdot[i]) * t;
  const Vd argpdf = Load(&c.argpo[i]) + Load(&c.argpdot[i]) * t;
  const Vd nodedf = Load(&c.nodeo[i]) + Load(&c.nodedot[i]) * t;
  const Vd t2 = t * t;
  Vd nodem = nodedf + Load(&c.nodecf[i]) * t2;
  Vd tempa = 1.0 - Load(&c.cc1[i]) * t;
  Vd tempe = Load(&c.bstar_cc4[i]) * t;
  Vd templ = Load(&c.t2cof[i]) * t2;
  Vd sin_xmdf, cos_xmdf;
  SinCos(xmdf, &sin_xmdf, &cos_xmdf);
  const Vd delomg = Load(&c.omgcof[i]) * t;
  const Vd base = 1.0 + Load(&c.eta[i]) * cos_xmdf;
  const Vd delm = Load(&c.xmcof[i]) * (base * base * base - Load(&c.delmo[i]));
  Vd temp = delomg + delm;
  Vd mm = xmdf + temp;
  Vd argpm = argpdf - temp;
  const Vd t3 = t2 * t;
  const Vd t4 = t3 * t;
  tempa -= Load(&c.d2[i]) * t2 + Load(&c.d3[i]) * t3 + Load(&c.d4[i]) * t4;
  // sin(mm) = sin(xmdf + temp) by the sum formula (temp = 0: exactly sin xmdf).
  Vd sin_temp, cos_temp;
  SinCosSmall(temp, &sin_temp, &cos_temp);
  const Vd sin_mm = sin_xmdf * cos_temp + cos_xmdf * sin_temp;
  tempe += Load(&c.bstar_cc5[i]) * (sin_mm - Load(&c.sinmao[i]));
  templ +=
      Load(&c.t3cof[i]) * t3 + t4 * (Load(&c.t4cof[i]) + t * Load(&c.t5cof[i]));

  // nm = no > 0 always for near-earth satellites.
  const Vd am = Load(&c.ao[i]) * tempa * tempa;
  g->am = am;
  g->nm = xke / (am * Sqrt(am));
  Vd em = Load(&c.ecco[i]) - tempe;
  g->bad_eccentricity = (em >= 1.0) | (em < -0.001);
  Vi near_threshold = Near(em, 1.0, 1e-9) | Near(em, -0.001, 1e-9);
  // Long past decay the drag factor tempa = 1 − C1·t − … falls to zero and
  // below (a → 0, then growing again): states without physical meaning and
  // ill-conditioned (rounding × 1e8), which the per-call code still returns
  // without an error code.
  near_threshold |= (am < 0.95) | (tempa <= 0.0);
  em = Select(em < 1.0e-6, Splat(1.0e-6), em);
  mm += Load(&c.no[i]) * templ;
  Vd xlm = mm + argpm + nodem;
  nodem = ReduceAngle(nodem);
  argpm = ReduceAngle(argpm);
  xlm = ReduceAngle(xlm);
  mm = ReduceAngle(xlm - argpm - nodem);

  // Long-period periodics.
  Vd sin_argp, cos_argp;
  SinCos(argpm, &sin_argp, &cos_argp);
  const Vd axnl = em * cos_argp;
  g->axnl = axnl;
  temp = 1.0 / (am * (1.0 - em * em));
  const Vd aynl = em * sin_argp + temp * Load(&c.aycof[i]);
  g->aynl = aynl;
  const Vd xl = mm + argpm + nodem + temp * Load(&c.xlcof[i]) * axnl;

  // Kepler's equation for the eccentric longitude, first iterate.
  g->u = ReduceAngle(xl - nodem);
  g->nodem = nodem;
  g->near_threshold = near_threshold;
  g->eo1 = g->u;
  g->sineo1 = g->coseo1 = Splat(0.0);
  g->active = g->u == g->u;  // NaN lanes (failed ones) do not iterate
  g->iterations = 0;
  SinCos(g->u, &g->s, &g->co);
}

// One Newton iteration of Kepler's equation as the per-call loop does it: a
// lane stops (keeps its iterate and the sin/cos it was tested with) when
// its step is below 1e-12 or after 10 steps. The sin/cos of the next
// iterate come from the previous ones by the sum formulas with the step.
// Returns whether any lane is still iterating.
inline bool KeplerStep(Stage* g) {
  const Vd s = g->s, co = g->co, axnl = g->axnl, aynl = g->aynl;
  Vd tem5 = 1.0 - co * axnl - s * aynl;
  tem5 = (g->u - aynl * co + axnl * s - g->eo1) / tem5;
  tem5 = Select(Abs(tem5) >= 0.95,
                Select(tem5 > 0.0, Splat(0.95), Splat(-0.95)), tem5);
  g->sineo1 = Select(g->active, s, g->sineo1);
  g->coseo1 = Select(g->active, co, g->coseo1);
  const Vd step = Select(g->active, tem5, Splat(0.0));
  g->eo1 += step;
  // |tem5| of both paths agree to ~1e-15 (a few ulp of the angles).
  g->near_threshold |= g->active & Near(Abs(tem5), 1.0e-12, 0.1);
  g->active &= Abs(tem5) >= 1.0e-12;
  if (++g->iterations == 10 || !Any(g->active)) return false;
  if (Any(!(Abs(step) <= M_PI / 4))) {
    SinCos(g->eo1, &g->s, &g->co);
  } else {
    Vd sin_step, cos_step;
    SinCosKernel(step, &sin_step, &cos_step);
    g->s = s * cos_step + co * sin_step;
    g->co = co * cos_step - s * sin_step;
  }
  return true;
}

inline LaneStates Finish(const Sgp4Batch::Columns& c, const Stage& g) {
  const double xke = sgp4_internal::Xke();
  const size_t i = g.i;
  const Vd am = g.am, nm = g.nm, axnl = g.axnl, aynl = g.aynl, nodem = g.nodem;
  const Vd sineo1 = g.sineo1, coseo1 = g.coseo1;
  const Vi bad_eccentricity = g.bad_eccentricity;
  Vi near_threshold = g.near_threshold;
  Vd temp;
  const Vd ecose = axnl * coseo1 + aynl * sineo1;
  const Vd esine = axnl * sineo1 - aynl * coseo1;
  const Vd el2 = axnl * axnl + aynl * aynl;
  const Vd pl = am * (1.0 - el2);
  const Vi bad_pl = pl < 0.0;
  near_threshold |= Abs(pl) <= am * 1e-12;
  const Vd rl = am * (1.0 - ecose);
  const Vd inv_rl = 1.0 / rl;
  const Vd rdotl = Sqrt(am) * esine * inv_rl;
  const Vd rvdotl = Sqrt(pl) * inv_rl;
  const Vd betal = Sqrt(1.0 - el2);
  temp = esine / (1.0 + betal);
  const Vd sinu = am * inv_rl * (sineo1 - aynl - axnl * temp);
  const Vd cosu = am * inv_rl * (coseo1 - axnl + aynl * temp);
  const Vd sin2u = (cosu + cosu) * sinu;
  const Vd cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = 1.0 / pl;
  const Vd temp1 = 0.5 * kJ2 * temp;
  const Vd temp2 = temp1 * temp;

  // Short-period periodics.
  const Vd con41 = Load(&c.con41[i]);
  const Vd x1mth2 = Load(&c.x1mth2[i]);
  const Vd sinip = Load(&c.sinio[i]);
  const Vd cosip = Load(&c.cosio[i]);
  const Vd mrt =
      rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
  const Vd dsu = 0.25 * temp2 * Load(&c.x7thm1[i]) * sin2u;
  const Vd xnode = nodem + 1.5 * temp2 * cosip * sin2u;
  const Vd dinc = 1.5 * temp2 * cosip * sinip * cos2u;  // xinc = inclo + dinc
  const double inv_xke = 1.0 / xke;
  const Vd mvt = rdotl - nm * temp1 * x1mth2 * sin2u * inv_xke;
  const Vd rvdot =
      rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) * inv_xke;

  // su = atan2(sinu, cosu) − dsu, through its sine and cosine.
  const Vd inv_norm = 1.0 / Sqrt(sinu * sinu + cosu * cosu);
  Vd sin_dsu, cos_dsu;
  SinCosSmall(dsu, &sin_dsu, &cos_dsu);
  const Vd sin_u = sinu * inv_norm, cos_u = cosu * inv_norm;
  const Vd sinsu = sin_u * cos_dsu - cos_u * sin_dsu;
  const Vd cossu = cos_u * cos_dsu + sin_u * sin_dsu;

  // Orientation vectors.
  Vd snod, cnod, sini, cosi;
  SinCos(xnode, &snod, &cnod);
  Vd sin_dinc, cos_dinc;
  SinCosSmall(dinc, &sin_dinc, &cos_dinc);
  sini = sinip * cos_dinc + cosip * sin_dinc;
  cosi = cosip * cos_dinc - sinip * sin_dinc;
  const Vd xmx = -snod * cosi;
  const Vd xmy = cnod * cosi;
  const Vd ux = xmx * sinsu + cnod * cossu;
  const Vd uy = xmy * sinsu + snod * cossu;
  const Vd uz = sini * sinsu;
  const Vd vx = xmx * cossu - cnod * sinsu;
  const Vd vy = xmy * cossu - snod * sinsu;
  const Vd vz = sini * cossu;

  // Position in metres, velocity in m/s; zero where the per-call code
  // returns early.
  constexpr double kPositionScale = kRe * 1000.0;
  const double velocity_scale = kRe * xke / 60.0 * 1000.0;
  const Vi zero = bad_eccentricity | bad_pl;
  const Vd z0 = Splat(0.0);
  LaneStates out;
  out.x = Select(zero, z0, mrt * ux * kPositionScale);
  out.y = Select(zero, z0, mrt * uy * kPositionScale);
  out.z = Select(zero, z0, mrt * uz * kPositionScale);
  out.vx = Select(zero, z0, (mvt * ux + rvdot * vx) * velocity_scale);
  out.vy = Select(zero, z0, (mvt * uy + rvdot * vy) * velocity_scale);
  out.vz = Select(zero, z0, (mvt * uz + rvdot * vz) * velocity_scale);
  auto code = [](Sgp4Error e) { return Vi{} + static_cast<int64_t>(e); };
  out.near_threshold = near_threshold | Near(mrt, 1.0, 1e-12);
  out.error = Select(bad_eccentricity, code(Sgp4Error::kEccentricity),
                     Select(bad_pl, code(Sgp4Error::kSemiLatusRectum),
                            Select(mrt < 1.0, code(Sgp4Error::kDecayed),
                                   code(Sgp4Error::kNone))));
  return out;
}

}  // namespace sstrack::astro::sgp4_internal

#endif  // SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_BATCH_KERNEL_H_
