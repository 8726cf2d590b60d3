// Copyright sstrack authors.
//
// Test helper: the gravitational potential evaluated independently of
// GravityField's V/W recursion — geocentric latitude and longitude and the
// C++ standard library's associated Legendre functions (no Condon–Shortley
// phase, as geodesy uses), normalized with factorials.
#ifndef SSTRACK_ASTRO_PROPAGATION_NUMERICAL_GRAVITY_TEST_UTIL_H_
#define SSTRACK_ASTRO_PROPAGATION_NUMERICAL_GRAVITY_TEST_UTIL_H_

#include <algorithm>
#include <cmath>

#include "astro/propagation/numerical/gravity_field.h"

namespace sstrack::astro::testing {

// U (m²/s², positive: U = GM/r for a point mass) at body-fixed `r` (m).
inline double Potential(const GravityField& f, const double r[3]) {
  const double rn = std::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
  const double sin_phi = r[2] / rn, lambda = std::atan2(r[1], r[0]);
  double u = 0;
  for (int n = 0; n <= f.degree(); ++n) {
    double sum_m = 0;
    for (int m = 0; m <= std::min(n, f.order()); ++m) {
      const double norm = std::sqrt((m == 0 ? 1.0 : 2.0) * (2 * n + 1) *
                                    std::tgamma(n - m + 1) / std::tgamma(n + m + 1));
      const double p = norm * std::assoc_legendre(n, m, sin_phi);
      sum_m += p * (f.C(n, m) * std::cos(m * lambda) + f.S(n, m) * std::sin(m * lambda));
    }
    u += std::pow(f.radius_m() / rn, n) * sum_m;
  }
  return f.gm_m3_s2() / rn * u;
}

}  // namespace sstrack::astro::testing

#endif  // SSTRACK_ASTRO_PROPAGATION_NUMERICAL_GRAVITY_TEST_UTIL_H_
