// Copyright sstrack authors.
//
// astro/propagation/sgp4/simd_math.h — the few vector maths functions the
// SGP4 batch kernel needs, on GCC/Clang generic vectors of kLanes doubles
// (no target-specific flags: on baseline x86-64 the compiler lowers them to
// SSE2). Internal to Sgp4Batch.
//
// SinCos: argument reduction by k·π/2 with π/2 split in three parts of 33,
// 33 and 53 bits (Cody & Waite), so that k times each of the first two is
// exact for |k| < 2^20; then the minimax polynomials of sin and cos on
// [−π/4, π/4] (coefficients of Sun's fdlibm k_sin/k_cos), cos evaluated as
// w + ((1 − w) − z/2 + z²·C(z)) with w = 1 − z/2 for accuracy. Within two
// ulp of glibc (simd_math_test). Arguments with |x| ≥ kSinCosFastLimit fall
// back to std::sin/std::cos lane by lane.
//
// ReduceAngle(x): x − round(x / 2π)·2π with the product taken in two parts,
// i.e. std::remainder(x, 2π) up to one rounding; for |x| ≥
// kReduceAngleFastLimit it falls back to std::remainder.
//
// simd_math_test checks every function against the <cmath> one.
#ifndef SSTRACK_ASTRO_PROPAGATION_SGP4_SIMD_MATH_H_
#define SSTRACK_ASTRO_PROPAGATION_SGP4_SIMD_MATH_H_

#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sstrack::astro::sgp4_internal {

// Two lanes: the SSE2 width. Wider generic vectors are split by the compiler,
// but their comparisons and selects then go lane by lane (scalar).
inline constexpr int kLanes = 2;
typedef double Vd __attribute__((vector_size(8 * kLanes)));
typedef int64_t Vi __attribute__((vector_size(8 * kLanes)));  // 0 / −1 masks

inline constexpr double kSinCosFastLimit = 8.0e5;       // < 2^19 · π/2
inline constexpr double kReduceAngleFastLimit = 1.0e7;  // < 2^21 turns

inline Vd Splat(double x) { return Vd{} + x; }
inline Vd Load(const double* p) {
  Vd v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void Store(double* p, Vd v) { std::memcpy(p, &v, sizeof v); }

// Lane-wise mask ? a : b for masks of all-ones or zero lanes (comparison
// results), by bit operations.
inline Vi Select(Vi mask, Vi a, Vi b) { return (a & mask) | (b & ~mask); }
inline Vd Select(Vi mask, Vd a, Vd b) {
  return reinterpret_cast<Vd>(
      Select(mask, reinterpret_cast<Vi>(a), reinterpret_cast<Vi>(b)));
}

inline bool Any(Vi mask) {
  int64_t r = 0;
  for (int i = 0; i < kLanes; ++i) r |= mask[i];
  return r != 0;
}

inline Vd Abs(Vd x) {
  return reinterpret_cast<Vd>(reinterpret_cast<Vi>(x) & INT64_MAX);
}

inline Vd Sqrt(Vd x) {
  Vd r;
#if defined(__SSE2__)
  __m128d h[kLanes / 2];
  std::memcpy(h, &x, sizeof x);
  for (__m128d& v : h) v = _mm_sqrt_pd(v);
  std::memcpy(&r, h, sizeof r);
#else
  for (int i = 0; i < kLanes; ++i) r[i] = std::sqrt(x[i]);
#endif
  return r;
}

// round(x) for |x| < 2^51, ties to even; *bits gets the integer in its low
// bits (two's complement).
inline Vd RoundSmall(Vd x, Vi* bits) {
  constexpr double kShifter = 6755399441055744.0;  // 1.5 · 2^52
  const Vd y = x + kShifter;
  *bits = reinterpret_cast<Vi>(y);
  return y - kShifter;
}

// sin and cos of |r| ≤ π/4 (the polynomials alone, no reduction).
__attribute__((always_inline)) inline void SinCosKernel(Vd r, Vd* sin_r,
                                                        Vd* cos_r) {
  constexpr double kS1 = -1.66666666666666324348e-01,
                   kS2 = 8.33333333332248946124e-03,
                   kS3 = -1.98412698298579493134e-04,
                   kS4 = 2.75573137070700676789e-06,
                   kS5 = -2.50507602534068634195e-08,
                   kS6 = 1.58969099521155010221e-10;
  constexpr double kC1 = 4.16666666666666019037e-02,
                   kC2 = -1.38888888888741095749e-03,
                   kC3 = 2.48015872894767294178e-05,
                   kC4 = -2.75573143513906633035e-07,
                   kC5 = 2.08757232129817482790e-09,
                   kC6 = -1.13596475577881948265e-11;
  const Vd z = r * r;
  *sin_r =
      r +
      (z * r) * (kS1 + z * (kS2 + z * (kS3 + z * (kS4 + z * (kS5 + z * kS6)))));
  const Vd hz = 0.5 * z;
  const Vd w = 1.0 - hz;
  *cos_r =
      w + (((1.0 - w) - hz) +
           (z * z) *
               (kC1 + z * (kC2 + z * (kC3 + z * (kC4 + z * (kC5 + z * kC6))))));
}

// sin and cos of every lane.
__attribute__((always_inline)) inline void SinCos(Vd x, Vd* sin_x, Vd* cos_x) {
  // π/2 = kPio2A + kPio2B + kPio2C (33 + 33 + 53 bits).
  constexpr double kPio2A = 1.57079632673412561417e+00;
  constexpr double kPio2B = 6.07710050630396597660e-11;
  constexpr double kPio2C = 2.02226624871116645580e-21;
  constexpr double kTwoOverPi = 6.36619772367581382433e-01;
  Vi quadrant;
  const Vd k = RoundSmall(x * kTwoOverPi, &quadrant);
  Vd s, c;
  SinCosKernel(((x - k * kPio2A) - k * kPio2B) - k * kPio2C, &s, &c);
  // x = k·π/2 + r: quadrant 0: (s, c), 1: (c, −s), 2: (−s, −c), 3: (−c, s).
  const Vi swap = -(quadrant & 1);
  const Vi sin_sign = (quadrant & 2) << 62;
  const Vi cos_sign = ((quadrant + 1) & 2) << 62;
  *sin_x =
      reinterpret_cast<Vd>(reinterpret_cast<Vi>(Select(swap, c, s)) ^ sin_sign);
  *cos_x =
      reinterpret_cast<Vd>(reinterpret_cast<Vi>(Select(swap, s, c)) ^ cos_sign);
  const Vi slow = !(Abs(x) < kSinCosFastLimit);  // also NaN
  if (__builtin_expect(Any(slow), 0)) {
    for (int i = 0; i < kLanes; ++i) {
      if (slow[i]) {
        (*sin_x)[i] = std::sin(x[i]);
        (*cos_x)[i] = std::cos(x[i]);
      }
    }
  }
}

// SinCos for arguments that are usually small (corrections, Newton steps):
// the polynomials alone when every lane has |x| ≤ π/4.
__attribute__((always_inline)) inline void SinCosSmall(Vd x, Vd* sin_x,
                                                       Vd* cos_x) {
  if (__builtin_expect(Any(!(Abs(x) <= M_PI / 4)), 0)) {
    SinCos(x, sin_x, cos_x);
  } else {
    SinCosKernel(x, sin_x, cos_x);
  }
}

// std::remainder(x, 2π) of every lane (2π the double nearest) up to one
// rounding: x − n·2π with n the integer nearest x/2π, in [−π, π]. (SGP4
// reduces with fmod, into [0, 2π) or (−2π, 0]; the angles differ by a whole
// turn, and everything they feed is periodic.)
__attribute__((always_inline)) inline Vd ReduceAngle(Vd x) {
  constexpr double kTwoPi = 2.0 * M_PI;
  // kTwoPi = kTwoPiA + kTwoPiB, kTwoPiA with 26 significant bits so that
  // n·kTwoPiA is exact for |n| < 2^27.
  constexpr double kTwoPiA = 0x1.921fb5p+2;
  constexpr double kTwoPiB = kTwoPi - kTwoPiA;
  Vi unused;
  const Vd n = RoundSmall(x * (1.0 / kTwoPi), &unused);
  Vd r = (x - n * kTwoPiA) - n * kTwoPiB;
  const Vi slow = !(Abs(x) < kReduceAngleFastLimit);  // also NaN
  if (__builtin_expect(Any(slow), 0)) {
    for (int i = 0; i < kLanes; ++i) {
      if (slow[i]) r[i] = std::remainder(x[i], kTwoPi);
    }
  }
  return r;
}

}  // namespace sstrack::astro::sgp4_internal

#endif  // SSTRACK_ASTRO_PROPAGATION_SGP4_SIMD_MATH_H_
