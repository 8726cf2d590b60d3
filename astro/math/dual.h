// Copyright sstrack authors.
//
// astro/math/dual.h — forward-mode automatic differentiation with N
// derivative directions, small enough to include in force-model sources.
//
// Dual<N> carries a value and its gradient with respect to N inputs. Force
// models are written once on a scalar type T; instantiated with double they
// give the acceleration, with Dual<N> they give the acceleration and its
// exact partial derivatives (no finite differences, no truncation error).
//   Dual<3> x = Dual<3>::Variable(1.5, 0);  // dx/dx = 1
//   Dual<3> y = sqrt(x * x + 1.0);          // y.d[0] = x / sqrt(x² + 1)
#ifndef SSTRACK_ASTRO_MATH_DUAL_H_
#define SSTRACK_ASTRO_MATH_DUAL_H_

#include <array>
#include <cmath>

namespace sstrack::astro {

template <int N>
struct Dual {
  double v = 0;
  std::array<double, N> d{};

  Dual() = default;
  Dual(double value) : v(value) {}  // NOLINT: constants mix freely
  static Dual Variable(double value, int index) {
    Dual x(value);
    x.d[index] = 1.0;
    return x;
  }

  Dual& operator+=(const Dual& o) {
    v += o.v;
    for (int i = 0; i < N; ++i) d[i] += o.d[i];
    return *this;
  }
  Dual& operator-=(const Dual& o) {
    v -= o.v;
    for (int i = 0; i < N; ++i) d[i] -= o.d[i];
    return *this;
  }
  Dual& operator*=(const Dual& o) {
    for (int i = 0; i < N; ++i) d[i] = d[i] * o.v + v * o.d[i];
    v *= o.v;
    return *this;
  }
  Dual& operator*=(double s) {
    v *= s;
    for (int i = 0; i < N; ++i) d[i] *= s;
    return *this;
  }
  Dual& operator/=(const Dual& o) {
    const double inv = 1.0 / o.v;
    v *= inv;
    for (int i = 0; i < N; ++i) d[i] = (d[i] - v * o.d[i]) * inv;
    return *this;
  }
};

template <int N> Dual<N> operator-(Dual<N> a) { a *= -1.0; return a; }
template <int N> Dual<N> operator+(Dual<N> a, const Dual<N>& b) { return a += b; }
template <int N> Dual<N> operator-(Dual<N> a, const Dual<N>& b) { return a -= b; }
template <int N> Dual<N> operator*(Dual<N> a, const Dual<N>& b) { return a *= b; }
template <int N> Dual<N> operator/(Dual<N> a, const Dual<N>& b) { return a /= b; }
template <int N> Dual<N> operator+(Dual<N> a, double b) { a.v += b; return a; }
template <int N> Dual<N> operator+(double b, Dual<N> a) { a.v += b; return a; }
template <int N> Dual<N> operator-(Dual<N> a, double b) { a.v -= b; return a; }
template <int N> Dual<N> operator-(double b, const Dual<N>& a) { return -a + b; }
template <int N> Dual<N> operator*(Dual<N> a, double b) { return a *= b; }
template <int N> Dual<N> operator*(double b, Dual<N> a) { return a *= b; }
template <int N> Dual<N> operator/(Dual<N> a, double b) { return a *= 1.0 / b; }
template <int N> Dual<N> operator/(double b, const Dual<N>& a) { return Dual<N>(b) / a; }

template <int N> bool operator<(const Dual<N>& a, const Dual<N>& b) { return a.v < b.v; }
template <int N> bool operator>(const Dual<N>& a, const Dual<N>& b) { return a.v > b.v; }

// f(a) with f' = df: the chain rule for every elementary function below.
template <int N>
Dual<N> Chain(const Dual<N>& a, double f, double df) {
  Dual<N> out(f);
  for (int i = 0; i < N; ++i) out.d[i] = df * a.d[i];
  return out;
}

template <int N> Dual<N> sqrt(const Dual<N>& a) {
  const double s = std::sqrt(a.v);
  return Chain(a, s, 0.5 / s);
}
template <int N> Dual<N> exp(const Dual<N>& a) {
  const double e = std::exp(a.v);
  return Chain(a, e, e);
}
template <int N> Dual<N> pow(const Dual<N>& a, double p) {
  const double f = std::pow(a.v, p);
  return Chain(a, f, a.v == 0 ? 0.0 : p * f / a.v);
}
template <int N> Dual<N> sin(const Dual<N>& a) { return Chain(a, std::sin(a.v), std::cos(a.v)); }
template <int N> Dual<N> cos(const Dual<N>& a) { return Chain(a, std::cos(a.v), -std::sin(a.v)); }

template <int N> Dual<N> asin(const Dual<N>& a) {
  return Chain(a, std::asin(a.v), 1.0 / std::sqrt(1.0 - a.v * a.v));
}
template <int N> Dual<N> atan2(const Dual<N>& y, const Dual<N>& x) {
  Dual<N> out(std::atan2(y.v, x.v));
  const double inv = 1.0 / (x.v * x.v + y.v * y.v);
  for (int i = 0; i < N; ++i) out.d[i] = (x.v * y.d[i] - y.v * x.d[i]) * inv;
  return out;
}

// Value of a scalar of either kind.
inline double Value(double x) { return x; }
template <int N> double Value(const Dual<N>& x) { return x.v; }

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_MATH_DUAL_H_
