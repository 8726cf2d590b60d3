// Copyright sstrack authors.
//
// astro/propagation/numerical/gravity_field.h — the Earth's gravity field as
// fully normalized spherical-harmonic coefficients, read from an ICGEM
// `.gfc` file, and its acceleration in the Earth-fixed frame.
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
  // Reads an ICGEM file; `max_degree` < 0 keeps everything in the file.
  // Errors name file:line and what was wrong.
  static absl::StatusOr<GravityField> Read(const std::string& path, int max_degree = -1);
  static absl::StatusOr<GravityField> Parse(const std::string& text,
                                            const std::string& source_name,
                                            int max_degree = -1);
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
