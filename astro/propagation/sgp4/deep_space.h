// Copyright sstrack authors.
//
// astro/propagation/sgp4/deep_space.h — the SDP4 deep-space terms of SGP4
// for orbits with periods ≥ 225 min (Hoots & Roehrich, STR#3 section 10;
// Vallado et al. 2006): lunar–solar secular rates and long-period periodics,
// and the resonance integration for 12 h (geopotential, e ≥ 0.5) and 24 h
// (synchronous) orbits. Internal to Sgp4.
#ifndef SSTRACK_ASTRO_PROPAGATION_SGP4_DEEP_SPACE_H_
#define SSTRACK_ASTRO_PROPAGATION_SGP4_DEEP_SPACE_H_

namespace sstrack::astro::sgp4_internal {

// Mean elements that the deep-space terms modify.
struct DeepMean {
  double em, argpm, inclm, mm, nodem, nm;
};

class DeepSpace {
 public:
  // epoch_days_1950: UTC Julian date − 2433281.5; the rest from SGP4 init.
  void Init(double epoch_days_1950, double xke, double ecco, double argpo,
            double inclo, double nodeo, double mo, double no, double mdot,
            double argpdot, double nodedot);
  // Secular lunar–solar rates and resonance integration to t (minutes).
  void Secular(double t, DeepMean* m) const;
  // Long-period lunar–solar periodics (dpper), applied to the perturbed
  // elements at t; ep, inclp, nodep, argpp, mp in and out.
  void Periodics(double t, double* ep, double* inclp, double* nodep,
                 double* argpp, double* mp) const;

 private:
  // Lunar–solar coefficients (dscom).
  double e3_, ee2_, se2_, se3_, sgh2_, sgh3_, sgh4_, sh2_, sh3_, si2_, si3_,
      sl2_, sl3_, sl4_, xgh2_, xgh3_, xgh4_, xh2_, xh3_, xi2_, xi3_, xl2_,
      xl3_, xl4_, zmol_, zmos_;
  // Secular rates (dsinit).
  double dedt_, didt_, dmdt_, dnodt_, domdt_;
  // Resonance.
  int irez_ = 0;
  double d2201_, d2211_, d3210_, d3222_, d4410_, d4422_, d5220_, d5232_,
      d5421_, d5433_, del1_, del2_, del3_, xfact_, xlamo_, gsto_;
  double no_, argpo_, argpdot_;
};

}  // namespace sstrack::astro::sgp4_internal

#endif  // SSTRACK_ASTRO_PROPAGATION_SGP4_DEEP_SPACE_H_
