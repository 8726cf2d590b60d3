// Copyright sstrack authors.
#include "astro/propagation/numerical/empirical.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "astro/math/dual.h"
#include "astro/time/utc.h"

namespace sstrack::astro {
namespace {

constexpr double kDayS = 86400.0;
constexpr const char* kRtnAxes[] = {"R", "T", "N"};
constexpr const char* kGcrfAxes[] = {"x", "y", "z"};

template <typename T>
using V3 = std::array<T, 3>;

template <typename T>
T Dot(const V3<T>& a, const V3<T>& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
template <typename T>
V3<T> Cross(const V3<T>& a, const V3<T>& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
template <typename T>
V3<T> Unit(const V3<T>& a) {
  using std::sqrt;
  const T inv = 1.0 / sqrt(Dot(a, a));
  return {a[0] * inv, a[1] * inv, a[2] * inv};
}

}  // namespace

std::string EmpiricalAcceleration::Name() const {
  std::string s = absl::StrCat(
      "empirical_", axes == EmpiricalAxes::kRtn ? kRtnAxes[axis] : absl::StrCat("GCRF_", kGcrfAxes[axis]));
  switch (shape) {
    case EmpiricalShape::kPower:
      if (power > 0) absl::StrAppend(&s, "_t", power);
      break;
    case EmpiricalShape::kCosArgumentOfLatitude:
      absl::StrAppend(&s, "_cos");
      break;
    case EmpiricalShape::kSinArgumentOfLatitude:
      absl::StrAppend(&s, "_sin");
      break;
  }
  absl::StrAppend(&s, "_m_s2");
  if (start) absl::StrAppend(&s, "[", FormatIsoUtc(*start, 0), "]");
  return s;
}

absl::Status EmpiricalAcceleration::Validate() const {
  const std::string what = absl::StrCat("empirical acceleration ", Name());
  if (axis < 0 || axis > 2) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": axis ", axis, " must be 0, 1 or 2"));
  }
  if (shape == EmpiricalShape::kPower && (power < 0 || power > 6)) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": power ", power, " must be in [0, 6]"));
  }
  if (shape == EmpiricalShape::kPower && power > 0 && !start) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": a power of the time needs the interval's start (its origin)"));
  }
  if (shape != EmpiricalShape::kPower && axes != EmpiricalAxes::kRtn) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": once-per-revolution terms are defined on RTN axes only"));
  }
  if (start && end && !(*start < *end)) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": the interval's end ",
                                                   FormatIsoUtc(*end, 0),
                                                   " is not after its start"));
  }
  if (!std::isfinite(value_m_s2) || std::abs(value_m_s2) > 1.0) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": amplitude ", value_m_s2, " m/s² must be finite and within ±1 m/s²"));
  }
  return absl::OkStatus();
}

template <typename T>
std::array<T, 3> EmpiricalBasis(const EmpiricalAcceleration& term, double since_start_s,
                                const std::array<T, 3>& r, const std::array<T, 3>& v) {
  const bool harmonic = term.shape != EmpiricalShape::kPower;
  V3<T> rh, nh;  // R̂ and N̂, once for the axis and the argument of latitude
  if (term.axes == EmpiricalAxes::kRtn || harmonic) {
    rh = Unit(r);
    nh = Unit(Cross(r, v));
  }
  V3<T> e;
  if (term.axes == EmpiricalAxes::kGcrf) {
    e = {T(0.0), T(0.0), T(0.0)};
    e[term.axis] = T(1.0);
  } else {
    e = term.axis == 0 ? rh : term.axis == 2 ? nh : Cross(nh, rh);
  }
  T f(1.0);
  if (!harmonic) {
    f = T(std::pow(since_start_s / kDayS, term.power));
  } else {
    // Ascending node n̂ = ẑ × N̂ / |ẑ × N̂|; equatorial orbits: x̂.
    V3<T> node = {-nh[1], nh[0], T(0.0)};
    using std::sqrt;
    const T s = sqrt(Dot(node, node));
    if (s < T(1e-9)) {
      node = {T(1.0), T(0.0), T(0.0)};
    } else {
      for (T& c : node) c = c / s;
    }
    f = term.shape == EmpiricalShape::kCosArgumentOfLatitude ? Dot(rh, node)
                                                             : Dot(rh, Cross(nh, node));
  }
  return {e[0] * f, e[1] * f, e[2] * f};
}

template std::array<double, 3> EmpiricalBasis<double>(const EmpiricalAcceleration&, double,
                                                      const std::array<double, 3>&,
                                                      const std::array<double, 3>&);
template std::array<Dual<8>, 3> EmpiricalBasis<Dual<8>>(const EmpiricalAcceleration&, double,
                                                        const std::array<Dual<8>, 3>&,
                                                        const std::array<Dual<8>, 3>&);

absl::StatusOr<std::vector<EmpiricalAcceleration>> PiecewiseEmpirical(
    const std::vector<EmpiricalAcceleration>& shapes, const Epoch& start, const Epoch& end,
    double interval_s) {
  const double span = end - start;
  if (!(span > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("empirical accelerations: the span ",
                                                   FormatIsoUtc(start, 0), " to ",
                                                   FormatIsoUtc(end, 0), " is empty"));
  }
  if (!std::isfinite(interval_s)) {
    return absl::InvalidArgumentError("empirical accelerations: the interval must be finite");
  }
  if (interval_s > span * (1 + 1e-12)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "empirical accelerations: the interval ", interval_s / 3600.0, " h is longer than the data (",
        span / 3600.0, " h from ", FormatIsoUtc(start, 0), ")"));
  }
  const int pieces = interval_s > 0 ? std::max(1, static_cast<int>(std::ceil(span / interval_s - 1e-9))) : 1;
  std::vector<EmpiricalAcceleration> out;
  for (int k = 0; k < pieces; ++k) {
    const Epoch a = start + k * (interval_s > 0 ? interval_s : span);
    const Epoch b = k + 1 == pieces ? end : start + (k + 1) * interval_s;
    for (EmpiricalAcceleration term : shapes) {
      term.start = a;
      // The last interval stays open: a prediction past the data keeps the
      // last amplitudes (a leak goes on after the last measurement).
      term.end = k + 1 == pieces ? std::nullopt : std::optional<Epoch>(b);
      if (absl::Status s = term.Validate(); !s.ok()) return s;
      out.push_back(term);
    }
  }
  return out;
}

absl::StatusOr<EmpiricalAcceleration> ParseEmpiricalShape(const std::string& text) {
  EmpiricalAcceleration t;
  const size_t colon = text.find(':');
  const std::string axis = text.substr(0, colon);
  const std::string shape = colon == std::string::npos ? "const" : text.substr(colon + 1);
  static constexpr const char* kAxes = "RTNXYZ";
  const size_t a = axis.size() == 1 ? std::string(kAxes).find(static_cast<char>(std::toupper(axis[0])))
                                    : std::string::npos;
  if (a == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("empirical acceleration '", text, "': axis '", axis,
                                                   "' is not one of R, T, N (RTN) or X, Y, Z (GCRF)"));
  }
  t.axes = a < 3 ? EmpiricalAxes::kRtn : EmpiricalAxes::kGcrf;
  t.axis = static_cast<int>(a % 3);
  int power = 0;
  if (shape == "const") {
    t.shape = EmpiricalShape::kPower;
  } else if (shape == "cos" || shape == "sin") {
    if (t.axes != EmpiricalAxes::kRtn) {
      return absl::InvalidArgumentError(absl::StrCat(
          "empirical acceleration '", text, "': once-per-revolution terms need an RTN axis"));
    }
    t.shape = shape == "cos" ? EmpiricalShape::kCosArgumentOfLatitude
                             : EmpiricalShape::kSinArgumentOfLatitude;
  } else if (shape.size() >= 2 && shape[0] == 't' && absl::SimpleAtoi(shape.substr(1), &power) &&
             power >= 1 && power <= 6) {
    t.shape = EmpiricalShape::kPower;
    t.power = power;
  } else {
    return absl::InvalidArgumentError(absl::StrCat("empirical acceleration '", text, "': shape '", shape,
                                                   "' is not one of const, t1 … t6, cos, sin"));
  }
  t.estimate = true;
  return t;
}

}  // namespace sstrack::astro
