// Copyright sstrack authors.
//
// astro/propagation/numerical/gravity_field.h — the Earth's gravity field as
// fully normalized spherical-harmonic coefficients, read from an ICGEM
// `.gfc` file or a GRGS (GINS) file, and its acceleration in the Earth-fixed
// frame.
//
// ICGEM format (ICGEM-Format-2011): header keys earth_gravity_constant,
// radius, max_degree, norm (only fully_normalized is accepted), tide_system;
// data lines after `end_of_head`:
//   gfc  n m C S [σC σS]                     static coefficient
//   gfct n m C S σC σS t0(yyyymmdd)          value at t0
//   trnd n m C S σC σS                       drift per year
//   acos n m C S σC σS period(y)             amplitude of cos(2π(t−t0)/period)
//   asin n m C S σC σS period(y)             amplitude of sin(2π(t−t0)/period)
// `Read` keeps the time-variable terms; `AtEpoch` folds them into static
// coefficients for a given date (they change by ~1e-11 a year, so one
// evaluation per propagation suffices).
//
// GRGS format (GRGS/GINS, Toulouse; grace.obs-mip.fr "Spherical harmonics
// coefficients format"): six header lines
//   1 `FIELD - <name>`                2 titles `AE 1/F GM OMEGA`
//   3 their values, 4E20.14 (may run together; AE in m, GM in m³/s²)
//   4 `REFERENCE DATE : yyyy.yy`      5 `MAXIMAL DEGREE : n ...`
//   6 titles `L  M DOT  CBAR SBAR SIGMA C SIGMA S [LIB]`
// then data lines (2I3, A3, 2E21.14, 2E13.6, 1X, I2): n, m, a term code, C̄,
// S̄, σC, σS and an unused integer. Coefficients are fully normalized (as in
// ICGEM files; the format has no other option). Term codes: blank = static
// value at the reference date; `DOT` = drift per year; `C1A`/`S1A`
// (`C2A`/`S2A`) = amplitudes of cos/sin of 2π (4π)·(t − t_ref) in years —
// kept as time-variable terms for `AtEpoch`, with t_ref = 12:00 TT on 1
// January of the reference year (as Orekit does) plus the fraction of a
// Julian year. `SUM` (a step before 2004-12-24) is rejected. The format
// states no tide system: `tide_system()` is "unknown". Degrees 0 and 1 and
// (2,1) may be omitted, as GRIM4-S4 does: they are taken as C̄00 = 1 and 0
// otherwise (the geocentre is the origin; C̄21, S̄21 are ~1e-9, set by the
// mean pole, in modern fields). Every other coefficient up to the degree
// read must be present.
//
// Acceleration: Cunningham's V/W recursion (Montenbruck & Gill, "Satellite
// Orbits", §3.2.4) carried out on normalized quantities
// V̄_nm = N_nm V_nm, N_nm = sqrt((2−δ_m0)(2n+1)(n−m)!/(n+m)!), so that the
// recursion coefficients stay O(1) at any degree:
//   V̄_mm = sqrt(f_m (2m+1)/(2m)) (x R/r² V̄_{m−1,m−1} − y R/r² W̄_{m−1,m−1}),
//          f_1 = 2, f_m = 1 otherwise;
//   V̄_nm = sqrt((2n+1)(2n−1)/((n−m)(n+m))) z R/r² V̄_{n−1,m}
//          − sqrt((2n+1)(n+m−1)(n−m−1)/((2n−3)(n+m)(n−m))) R²/r² V̄_{n−2,m};
// (W̄ alike) and the acceleration sums of M&G eq. 3.33 with the ratios of
// normalization factors folded into per-(n, m) constants.
#ifndef SSTRACK_ASTRO_PROPAGATION_NUMERICAL_GRAVITY_FIELD_H_
#define SSTRACK_ASTRO_PROPAGATION_NUMERICAL_GRAVITY_FIELD_H_

#include <array>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/math/dual.h"
#include "astro/time/epoch.h"

namespace sstrack::astro {

class GravityField {
 public:
  // The largest degree a file may declare (coefficient indices are ints:
  // n(n+1)/2 must not overflow up to degree + 3), and the largest degree a
  // field holds (EGM2008 and EIGEN-6C4 go to 2190; ~3 M coefficients, about
  // 200 MB with the derived sums). A file above kMaxHeldDegree is read with a
  // `max_degree` at most that.
  static constexpr int kMaxFileDegree = 20000;
  static constexpr int kMaxHeldDegree = 2190;

  // Reads an ICGEM file; `max_degree` < 0 keeps everything in the file.
  // Errors name file:line and what was wrong.
  static absl::StatusOr<GravityField> Read(const std::string& path, int max_degree = -1);
  static absl::StatusOr<GravityField> Parse(const std::string& text,
                                            const std::string& source_name,
                                            int max_degree = -1);
  // Reads a GRGS-format file (see above); `max_degree` as for `Read`.
  static absl::StatusOr<GravityField> ReadGrgs(const std::string& path, int max_degree = -1);
  static absl::StatusOr<GravityField> ParseGrgs(const std::string& text,
                                                const std::string& source_name,
                                                int max_degree = -1);
  // Reads either format, chosen by content: GRGS if the first line starts
  // with `FIELD -`, ICGEM if a line starts with `end_of_head`.
  static absl::StatusOr<GravityField> ReadAny(const std::string& path, int max_degree = -1);
  // Point mass with the given GM and reference radius (degree 0 only).
  static GravityField PointMass(double gm_m3_s2, double radius_m);

  // Static coefficients at `t` (time-variable terms evaluated).
  GravityField AtEpoch(const Epoch& t) const;
  // The same field truncated to degree/order (order ≤ degree ≤ degree()).
  absl::StatusOr<GravityField> Truncated(int degree, int order) const;

  double gm_m3_s2() const { return gm_; }
  double radius_m() const { return radius_; }
  int degree() const { return degree_; }
  int order() const { return order_; }
  const std::string& model_name() const { return model_name_; }
  const std::string& tide_system() const { return tide_system_; }
  // Normalized coefficients (static part, or after AtEpoch the full value).
  double C(int n, int m) const { return c_[Index(n, m)]; }
  double S(int n, int m) const { return s_[Index(n, m)]; }
  void SetCoefficient(int n, int m, double c, double s);

  // Acceleration (m/s²) at `r` (m), both in the body-fixed frame of the
  // field. Instantiated for double and Dual<3> (gradient w.r.t. position).
  template <typename T>
  void Acceleration(const T r[3], T a[3]) const;
  // The acceleration and its gradient ∂a_i/∂r_j (1/s², symmetric), from the
  // analytic second derivatives: the x, y or z derivative of a harmonic sum
  // is again a harmonic sum one degree up, so the gradient is the
  // acceleration formula applied to derived coefficients (V̄, W̄ to
  // degree + 2). ~4× cheaper than forward differentiation.
  void AccelerationAndGradient(const double r[3], double a[3], double gradient[3][3]) const;

 private:
  static int Index(int n, int m) { return n * (n + 1) / 2 + m; }
  template <typename T>
  void Recursion(const T r[3], int nmax, int mmax, std::vector<T>& v, std::vector<T>& w) const;
  template <typename T>
  void Sums(const double* c, const double* s, int degree, int order, const std::vector<T>& v,
            const std::vector<T>& w, T out[3]) const;
  void Resize(int degree);
  void PrepareRecursion();  // PrepareConstants + PrepareDerivedSums
  void PrepareConstants();
  void PrepareDerivedSums();
  // ∂/∂(x, y, z)[axis] of Σ (c V̄ + s W̄), as coefficients one degree up.
  void Derive(const std::vector<double>& c, const std::vector<double>& s, int degree, int order,
              int axis, std::vector<double>* cd, std::vector<double>* sd) const;

  std::string model_name_, tide_system_;
  double gm_ = 0, radius_ = 0;
  int degree_ = 0, order_ = 0;
  std::vector<double> c_, s_;
  // Time-variable terms: per (n,m) index, t0 (TT seconds since J2000) and
  // drift/periodic amplitudes.
  struct TimeTerm {
    int index;
    enum Kind { kTrend, kCos, kSin } kind;
    double c, s, period_years;
  };
  std::vector<TimeTerm> time_terms_;
  double t0_tt_s_ = 0;
  // Recursion constants up to degree_ + 1.
  std::vector<double> rec_a_, rec_b_, rec_diag_;
  // Acceleration-sum constants per (n, m): k1 (m = 0) or k2, k3, and k4.
  std::vector<double> sum_k12_, sum_k3_, sum_k4_;
  // Acceleration and gradient as fixed combinations of V̄, W̄ (see
  // PrepareDerivedSums): per axis, and per gradient element (xx xy xz yy yz zz).
  std::array<std::vector<double>, 3> acc_v_, acc_w_;
  std::array<std::vector<double>, 6> grad_v_, grad_w_;
};

// The double version uses the precomputed coefficient vectors.
template <>
void GravityField::Acceleration<double>(const double r[3], double a[3]) const;

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_PROPAGATION_NUMERICAL_GRAVITY_FIELD_H_
