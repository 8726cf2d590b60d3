// Copyright sstrack authors.
#include "astro/propagation/numerical/force_model.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Geometry>

#include "absl/strings/str_cat.h"
#include "astro/bodies/sun.h"
#include "astro/math/dual.h"
#include "astro/propagation/numerical/forces.h"
#include "astro/time/utc.h"

namespace sstrack::astro {
namespace {

constexpr double kDefaultRadiusM = 6378136.3;
using D8 = Dual<8>;  // r (0–2), v (3–5), Cd·A/m (6), Cr·A/m (7)

template <typename T>
Vec3T<T> ToVec(const T a[3]) {
  return {a[0], a[1], a[2]};
}

std::array<double, 3> ToArray(const Eigen::Vector3d& v) { return {v.x(), v.y(), v.z()}; }

}  // namespace

absl::Status ForceModelOptions::Validate() const {
  if (!(density_scale_step_s > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("force model: density_scale_step_s ",
                                                   density_scale_step_s, " must be > 0"));
  }
  for (size_t k = 0; k < density_scale.size(); ++k) {
    if (!(density_scale[k] >= 0) || !std::isfinite(density_scale[k])) {
      return absl::InvalidArgumentError(absl::StrCat("force model: density_scale[", k, "] ",
                                                     density_scale[k], " must be finite and >= 0"));
    }
  }
  if (degree < 0 || order < 0 || order > degree) {
    return absl::InvalidArgumentError(absl::StrCat(
        "force model: need 0 <= order <= degree, got degree ", degree, ", order ", order));
  }
  if (degree > 0 && !gravity.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "force model: degree ", degree, " needs a gravity field (--gravity FILE)"));
  }
  if (gravity.has_value() && degree > gravity->degree()) {
    return absl::InvalidArgumentError(absl::StrCat("force model: degree ", degree,
                                                   " exceeds the field's maximum ",
                                                   gravity->degree(), " (", gravity->model_name(), ")"));
  }
  if (!(drag_cd_area_over_mass_m2_kg >= 0) || !(srp_cr_area_over_mass_m2_kg >= 0) ||
      !std::isfinite(drag_cd_area_over_mass_m2_kg) || !std::isfinite(srp_cr_area_over_mass_m2_kg)) {
    return absl::InvalidArgumentError("force model: Cd·A/m and Cr·A/m must be finite and >= 0");
  }
  if (partials_degree < -1) {
    return absl::InvalidArgumentError(
        absl::StrCat("force model: partials_degree must be >= -1, got ", partials_degree));
  }
  if (!(harris_priester_exponent >= 2 && harris_priester_exponent <= 6)) {
    return absl::InvalidArgumentError("force model: Harris–Priester exponent must be in [2, 6]");
  }
  for (size_t k = 0; k < empirical.size(); ++k) {
    if (absl::Status s = empirical[k].Validate(); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("force model: empirical[", k, "]: ", s.message()));
    }
    for (size_t j = 0; j < k; ++j) {
      if (empirical[j].estimate && empirical[k].estimate && empirical[j].Name() == empirical[k].Name()) {
        return absl::InvalidArgumentError(absl::StrCat("force model: empirical[", j, "] and [", k,
                                                       "] are the same parameter ", empirical[k].Name()));
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ForceModel>> ForceModel::Create(const ForceModelOptions& options,
                                                               const Epoch& start,
                                                               const Epoch& end) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  std::unique_ptr<ForceModel> fm(new ForceModel());
  fm->options_ = options;
  const Epoch first = start < end ? start : end;
  const Epoch last = start < end ? end : start;
  fm->reference_ = start;
  if (options.gravity.has_value()) {
    auto truncated = options.gravity->AtEpoch(start).Truncated(options.degree, options.order);
    if (!truncated.ok()) return truncated.status();
    fm->field_ = *std::move(truncated);
    if (options.partials_degree >= 0) {
      const int n = std::min(options.partials_degree, options.degree);
      auto reduced = fm->field_.Truncated(n, std::min(n, options.order));
      if (!reduced.ok()) return reduced.status();
      fm->partials_field_ = *std::move(reduced);
    }
  } else {
    fm->field_ = GravityField::PointMass(ForceModelOptions::kDefaultGm, kDefaultRadiusM);
    if (options.partials_degree >= 0) fm->partials_field_ = fm->field_;
  }
  fm->gm_ = fm->field_.gm_m3_s2();
  const bool needs_rotation = options.degree > 0 || options.drag_cd_area_over_mass_m2_kg > 0 ||
                              options.estimate_drag;
  if (needs_rotation && options.rotation == EarthRotationModel::kIau2006) {
    // The tabulated environment reaches 8 h beyond the span (see Tabulate).
    auto cip = CipCache::Create(first + (-9 * 3600.0), last + 9 * 3600.0);
    if (!cip.ok()) return cip.status();
    fm->cip_ = *std::move(cip);
    if (options.eop) {
      for (const Epoch& t : {first, last}) {
        if (auto s = options.eop->At(t); !s.ok()) {
          return absl::OutOfRangeError(absl::StrCat(
              "force model: Earth orientation data do not cover the propagation span (",
              FormatIsoUtc(first), " to ", FormatIsoUtc(last), "): ", s.status().message()));
        }
      }
    }
  }
  const bool needs_sun = options.sun || options.srp_cr_area_over_mass_m2_kg > 0 ||
                         options.estimate_srp || options.drag_cd_area_over_mass_m2_kg > 0 ||
                         options.estimate_drag;
  if (needs_sun || options.moon) {
    fm->ephemeris_ = options.ephemeris ? options.ephemeris : std::make_shared<AnalyticEphemeris>();
    if (!fm->ephemeris_->Covers(first, last)) {
      return absl::OutOfRangeError(absl::StrCat("force model: ephemeris ", fm->ephemeris_->Name(),
                                                " does not cover ", FormatIsoUtc(first), " to ",
                                                FormatIsoUtc(last)));
    }
  }
  if (options.tabulate_environment) fm->Tabulate(first, last);
  if (options.estimate_drag) {
    fm->drag_index_ = fm->num_parameters();
    fm->parameter_names_.push_back("drag_cd_area_over_mass_m2_kg");
  }
  if (options.estimate_srp) {
    fm->srp_index_ = fm->num_parameters();
    fm->parameter_names_.push_back("srp_cr_area_over_mass_m2_kg");
  }
  for (const EmpiricalAcceleration& term : options.empirical) {
    fm->empirical_index_.push_back(term.estimate ? fm->num_parameters() : -1);
    if (term.estimate) fm->parameter_names_.push_back(term.Name());
  }
  return fm;
}

Eigen::VectorXd ForceModel::nominal_parameters() const {
  Eigen::VectorXd p(num_parameters());
  if (drag_index_ >= 0) p[drag_index_] = options_.drag_cd_area_over_mass_m2_kg;
  if (srp_index_ >= 0) p[srp_index_] = options_.srp_cr_area_over_mass_m2_kg;
  for (size_t k = 0; k < empirical_index_.size(); ++k) {
    if (empirical_index_[k] >= 0) p[empirical_index_[k]] = options_.empirical[k].value_m_s2;
  }
  return p;
}

Eigen::VectorXd ForceModel::parameter_scales() const {
  Eigen::VectorXd s = Eigen::VectorXd::Constant(num_parameters(), 1e-9);
  const Eigen::VectorXd nominal = nominal_parameters();
  for (int j : {drag_index_, srp_index_}) {
    if (j >= 0) s[j] = std::max(1e-4, 0.01 * std::abs(nominal[j]));
  }
  return s;
}

Eigen::Vector3d ForceModel::Empirical(const Epoch& t, const Eigen::Vector3d& r,
                                      const Eigen::Vector3d& v, const Eigen::VectorXd& params,
                                      AccelerationPartials* out, bool state_partials) const {
  Eigen::Vector3d a = Eigen::Vector3d::Zero();
  for (size_t k = 0; k < options_.empirical.size(); ++k) {
    const EmpiricalAcceleration& term = options_.empirical[k];
    if (!term.ActiveAt(t)) continue;
    const int j = empirical_index_[k];
    const double c = j >= 0 ? params[j] : term.value_m_s2;
    const double since = term.start ? t - *term.start : 0.0;
    if (out == nullptr || !state_partials) {
      const std::array<double, 3> b =
          EmpiricalBasis<double>(term, since, {r.x(), r.y(), r.z()}, {v.x(), v.y(), v.z()});
      const Eigen::Vector3d basis(b[0], b[1], b[2]);
      a += c * basis;
      if (out != nullptr && j >= 0) out->da_dp.col(j) = basis;
      continue;
    }
    std::array<D8, 3> r8, v8;
    for (int i = 0; i < 3; ++i) {
      r8[i] = D8::Variable(r[i], i);
      v8[i] = D8::Variable(v[i], 3 + i);
    }
    const std::array<D8, 3> b = EmpiricalBasis<D8>(term, since, r8, v8);
    for (int i = 0; i < 3; ++i) {
      a[i] += c * b[i].v;
      if (j >= 0) out->da_dp(i, j) = b[i].v;
      for (int m = 0; m < 3; ++m) {
        out->da_dr(i, m) += c * b[i].d[m];
        out->da_dv(i, m) += c * b[i].d[3 + m];
      }
    }
  }
  return a;
}

namespace {

// 8-point Lagrange weights at u (in node units) on a uniform grid of n ≥ 8
// nodes; returns the first node.
int LagrangeWeights(double u, int n, double w[8]) {
  int i0 = static_cast<int>(std::floor(u)) - 3;
  i0 = std::clamp(i0, 0, n - 8);
  const double x = u - i0;
  for (int j = 0; j < 8; ++j) {
    double num = 1, den = 1;
    for (int k = 0; k < 8; ++k) {
      if (k == j) continue;
      num *= x - k;
      den *= j - k;
    }
    w[j] = num / den;
  }
  return i0;
}

}  // namespace

void ForceModel::Tabulate(const Epoch& first, const Epoch& last) {
  table_start_ = first + (-8 * kBodyStepS);
  const double span = (last - first) + 16 * kBodyStepS;
  const int rot_nodes = static_cast<int>(std::ceil(span / kRotationStepS)) + 1;
  const int body_nodes = static_cast<int>(std::ceil(span / kBodyStepS)) + 1;
  rotation_table_.resize(rot_nodes);
  for (int i = 0; i < rot_nodes; ++i) {
    const Environment e = DirectEnvironmentAt(table_start_ + i * kRotationStepS, true, false);
    auto& row = rotation_table_[i];
    for (int k = 0; k < 9; ++k) row[k] = e.gcrf_to_itrf(k / 3, k % 3);
    for (int k = 0; k < 3; ++k) row[9 + k] = e.earth_rotation_gcrf[k];
  }
  if (ephemeris_) {
    body_table_.resize(body_nodes);
    for (int i = 0; i < body_nodes; ++i) {
      const Environment e = DirectEnvironmentAt(table_start_ + i * kBodyStepS, false, true);
      for (int k = 0; k < 3; ++k) {
        body_table_[i][k] = e.sun[k];
        body_table_[i][3 + k] = e.moon[k];
      }
    }
  }
  table_nodes_ = rot_nodes;
}

double ForceModel::DensityScaleAt(const Epoch& t) const {
  const std::vector<double>& d = options_.density_scale;
  if (d.empty()) return 1.0;
  const double x = (t - options_.density_scale_start) / options_.density_scale_step_s - 0.5;
  if (!(x > 0)) return d.front();
  const size_t i = static_cast<size_t>(x);
  if (i + 1 >= d.size()) return d.back();
  const double f = x - static_cast<double>(i);
  return (1 - f) * d[i] + f * d[i + 1];
}

ForceModel::Environment ForceModel::EnvironmentAt(const Epoch& t) const {
  if (table_nodes_ == 0) return DirectEnvironmentAt(t);
  Environment env;
  env.density_scale = DensityScaleAt(t);
  const double since = t - table_start_;
  double w[8];
  int i0 = LagrangeWeights(since / kRotationStepS, static_cast<int>(rotation_table_.size()), w);
  std::array<double, 12> acc{};
  for (int j = 0; j < 8; ++j)
    for (int k = 0; k < 12; ++k) acc[k] += w[j] * rotation_table_[i0 + j][k];
  for (int k = 0; k < 9; ++k) env.gcrf_to_itrf(k / 3, k % 3) = acc[k];
  env.earth_rotation_gcrf = Eigen::Vector3d(acc[9], acc[10], acc[11]);
  if (!body_table_.empty()) {
    i0 = LagrangeWeights(since / kBodyStepS, static_cast<int>(body_table_.size()), w);
    for (int k = 0; k < 3; ++k) {
      double sun = 0, moon = 0;
      for (int j = 0; j < 8; ++j) {
        sun += w[j] * body_table_[i0 + j][k];
        moon += w[j] * body_table_[i0 + j][3 + k];
      }
      env.sun[k] = sun;
      env.moon[k] = moon;
    }
  }
  return env;
}

ForceModel::Environment ForceModel::DirectEnvironmentAt(const Epoch& t, bool rotation,
                                                        bool bodies) const {
  Environment env;
  env.gcrf_to_itrf.setIdentity();
  env.earth_rotation_gcrf = Eigen::Vector3d::Zero();
  env.density_scale = DensityScaleAt(t);
  if (!rotation) {
    // Bodies only (a table node).
  } else if (options_.rotation == EarthRotationModel::kUniformZ) {
    const double w = options_.uniform_rotation_rate_rad_s;
    const double th = w * (t - reference_);
    env.gcrf_to_itrf << std::cos(th), std::sin(th), 0, -std::sin(th), std::cos(th), 0, 0, 0, 1;
    env.earth_rotation_gcrf = Eigen::Vector3d(0, 0, w);
  } else if (cip_.has_value()) {
    // Spans were checked at Create(). Table nodes in the margin beyond the
    // last EOP day take the EOP of the nearest covered instant.
    EopSample eop = ZeroEop(t);
    if (options_.eop) {
      if (auto s = options_.eop->At(t); s.ok()) {
        eop = *s;
      } else {
        const double mjd0 = options_.eop->first_mjd(), mjd1 = options_.eop->last_mjd();
        const double mjd = *UtcMjd(t);
        const double clamped = std::clamp(mjd, mjd0, mjd1);
        if (auto c = options_.eop->At(t + (clamped - mjd) * 86400.0); c.ok()) eop = *c;
      }
    }
    env.gcrf_to_itrf = *cip_->GcrfToItrfMatrix(t, eop);
    env.earth_rotation_gcrf =
        env.gcrf_to_itrf.transpose() * Eigen::Vector3d(0, 0, EarthRotationRate(eop));
  }
  if (ephemeris_ && bodies) {
    env.sun = ToArray(ephemeris_->SunGcrf(t));
    if (options_.moon) env.moon = ToArray(ephemeris_->MoonGcrf(t));
  }
  return env;
}

template <typename T>
void ForceModel::NonGravitational(const Environment& env, const T r[3], const T v[3],
                                  const T& cd, const T& cr, double sunlit, T a[3]) const {
  a[0] = a[1] = a[2] = T(0.0);
  auto add = [&](const Vec3T<T>& x) {
    for (int i = 0; i < 3; ++i) a[i] += x[i];
  };
  const Vec3T<T> rv = ToVec(r), vv = ToVec(v);
  if (options_.sun) add(ThirdBodyAcceleration(rv, env.sun, kGmSunM3S2));
  if (options_.moon) add(ThirdBodyAcceleration(rv, env.moon, kGmMoonM3S2));
  if (options_.relativity) add(RelativityAcceleration(rv, vv, gm_));
  if (srp_index_ >= 0 || options_.srp_cr_area_over_mass_m2_kg > 0) {
    add(SrpAcceleration(rv, env.sun, cr, sunlit));
  }
  if (drag_index_ >= 0 || options_.drag_cd_area_over_mass_m2_kg > 0) {
    const T rho = env.density_scale * HarrisPriesterDensity(rv, env.sun, options_.harris_priester_exponent);
    add(DragAcceleration(rv, vv, ToArray(env.earth_rotation_gcrf), rho, cd));
  }
}

Eigen::Vector3d ForceModel::Acceleration(const Epoch& t, const Eigen::Vector3d& r,
                                         const Eigen::Vector3d& v,
                                         const Eigen::VectorXd& params) const {
  const Environment env = EnvironmentAt(t);
  const Eigen::Vector3d r_itrf = env.gcrf_to_itrf * r;
  double a_itrf[3];
  field_.Acceleration(r_itrf.data(), a_itrf);
  Eigen::Vector3d a = env.gcrf_to_itrf.transpose() * Eigen::Vector3d(a_itrf[0], a_itrf[1], a_itrf[2]);
  const double cd = drag_index_ >= 0 ? params[drag_index_] : options_.drag_cd_area_over_mass_m2_kg;
  const double cr = srp_index_ >= 0 ? params[srp_index_] : options_.srp_cr_area_over_mass_m2_kg;
  const double sunlit = ephemeris_ ? SunlitFraction(r, Eigen::Vector3d(env.sun[0], env.sun[1], env.sun[2])) : 1.0;
  double ang[3];
  NonGravitational<double>(env, r.data(), v.data(), cd, cr, sunlit, ang);
  a += Eigen::Vector3d(ang[0], ang[1], ang[2]);
  if (!options_.empirical.empty()) a += Empirical(t, r, v, params, nullptr, false);
  return a;
}

Eigen::Vector3d ForceModel::AccelerationAndPartials(const Epoch& t, const Eigen::Vector3d& r,
                                                    const Eigen::Vector3d& v,
                                                    const Eigen::VectorXd& params,
                                                    AccelerationPartials* out) const {
  const Environment env = EnvironmentAt(t);
  Eigen::Vector3d a = partials_field_ ? ReducedPartials(env, r, v, params, out)
                                      : FullPartials(env, r, v, params, out);
  // The reduced partials leave out the empirical terms' ∂/∂r, ∂/∂v (the
  // RTN frame turning with the state: ~|c|/|r| ≈ 1e-14 s⁻² against the
  // field's 1e-6) and keep their exact ∂a/∂c.
  if (!options_.empirical.empty()) a += Empirical(t, r, v, params, out, !partials_field_);
  return a;
}

Eigen::Vector3d ForceModel::FullPartials(const Environment& env, const Eigen::Vector3d& r,
                                         const Eigen::Vector3d& v, const Eigen::VectorXd& params,
                                         AccelerationPartials* out) const {
  const Eigen::Matrix3d& m = env.gcrf_to_itrf;
  // Earth's field: analytic gradient in ITRF, rotated back.
  const Eigen::Vector3d r_itrf = m * r;
  Eigen::Vector3d a_itrf;
  double g[3][3];
  field_.AccelerationAndGradient(r_itrf.data(), a_itrf.data(), g);
  Eigen::Matrix3d g_itrf;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) g_itrf(i, j) = g[i][j];
  Eigen::Vector3d a = m.transpose() * a_itrf;
  out->da_dr = m.transpose() * g_itrf * m;
  out->da_dv.setZero();
  out->da_dp.setZero(3, num_parameters());
  const bool any_other = options_.sun || options_.moon || options_.relativity ||
                         options_.srp_cr_area_over_mass_m2_kg > 0 || srp_index_ >= 0 ||
                         options_.drag_cd_area_over_mass_m2_kg > 0 || drag_index_ >= 0;
  if (!any_other) return a;
  D8 r8[3], v8[3], a8[3];
  for (int i = 0; i < 3; ++i) {
    r8[i] = D8::Variable(r[i], i);
    v8[i] = D8::Variable(v[i], 3 + i);
  }
  const D8 cd = D8::Variable(
      drag_index_ >= 0 ? params[drag_index_] : options_.drag_cd_area_over_mass_m2_kg, 6);
  const D8 cr = D8::Variable(
      srp_index_ >= 0 ? params[srp_index_] : options_.srp_cr_area_over_mass_m2_kg, 7);
  const double sunlit = ephemeris_ ? SunlitFraction(r, Eigen::Vector3d(env.sun[0], env.sun[1], env.sun[2])) : 1.0;
  NonGravitational<D8>(env, r8, v8, cd, cr, sunlit, a8);
  for (int i = 0; i < 3; ++i) {
    a[i] += a8[i].v;
    for (int j = 0; j < 3; ++j) {
      out->da_dr(i, j) += a8[i].d[j];
      out->da_dv(i, j) += a8[i].d[3 + j];
    }
    if (drag_index_ >= 0) out->da_dp(i, drag_index_) = a8[i].d[6];
    if (srp_index_ >= 0) out->da_dp(i, srp_index_) = a8[i].d[7];
  }
  return a;
}

Eigen::Vector3d ForceModel::ReducedPartials(const Environment& env, const Eigen::Vector3d& r,
                                            const Eigen::Vector3d& v,
                                            const Eigen::VectorXd& params,
                                            AccelerationPartials* out) const {
  const Eigen::Matrix3d& m = env.gcrf_to_itrf;
  const Eigen::Vector3d r_itrf = m * r;
  // The full field's acceleration, the truncated field's gradient.
  Eigen::Vector3d a_itrf, a_reduced_itrf;
  field_.Acceleration(r_itrf.data(), a_itrf.data());
  double g[3][3];
  partials_field_->AccelerationAndGradient(r_itrf.data(), a_reduced_itrf.data(), g);
  const Eigen::Matrix3d g_itrf = Eigen::Map<const Eigen::Matrix<double, 3, 3, Eigen::RowMajor>>(&g[0][0]);
  Eigen::Vector3d a = m.transpose() * a_itrf;
  out->da_dr = m.transpose() * g_itrf * m;
  out->da_dv.setZero();
  out->da_dp.setZero(3, num_parameters());
  const Vec3T<double> rv = {r.x(), r.y(), r.z()}, vv = {v.x(), v.y(), v.z()};
  auto vec = [](const Vec3T<double>& x) { return Eigen::Vector3d(x[0], x[1], x[2]); };
  // Third bodies: a = μ (d/|d|³ − s/|s|³), d = s − r → ∂a/∂r = μ (3 d dᵀ/|d|⁵ − I/|d|³).
  auto third_body = [&](const std::array<double, 3>& body, double gm) {
    a += vec(ThirdBodyAcceleration(rv, body, gm));
    const Eigen::Vector3d d = Eigen::Vector3d(body[0], body[1], body[2]) - r;
    const double dn = d.norm(), d3 = dn * dn * dn;
    out->da_dr += gm * (3.0 * d * d.transpose() / (d3 * dn * dn) - Eigen::Matrix3d::Identity() / d3);
  };
  if (options_.sun) third_body(env.sun, kGmSunM3S2);
  if (options_.moon) third_body(env.moon, kGmMoonM3S2);
  if (options_.relativity) a += vec(RelativityAcceleration(rv, vv, gm_));
  // Solar radiation pressure and drag are linear in Cr·A/m and Cd·A/m: the
  // acceleration per unit coefficient is the parameter's partial.
  if (srp_index_ >= 0 || options_.srp_cr_area_over_mass_m2_kg > 0) {
    const double cr = srp_index_ >= 0 ? params[srp_index_] : options_.srp_cr_area_over_mass_m2_kg;
    const double sunlit =
        ephemeris_ ? SunlitFraction(r, Eigen::Vector3d(env.sun[0], env.sun[1], env.sun[2])) : 1.0;
    const Eigen::Vector3d per_cr = vec(SrpAcceleration(rv, env.sun, 1.0, sunlit));
    a += cr * per_cr;
    if (srp_index_ >= 0) out->da_dp.col(srp_index_) = per_cr;
  }
  if (drag_index_ >= 0 || options_.drag_cd_area_over_mass_m2_kg > 0) {
    const double cd = drag_index_ >= 0 ? params[drag_index_] : options_.drag_cd_area_over_mass_m2_kg;
    const double rho = env.density_scale * HarrisPriesterDensity(rv, env.sun, options_.harris_priester_exponent);
    const Eigen::Vector3d per_cd =
        vec(DragAcceleration(rv, vv, ToArray(env.earth_rotation_gcrf), rho, 1.0));
    a += cd * per_cd;
    if (drag_index_ >= 0) out->da_dp.col(drag_index_) = per_cd;
    // a = −k |w| w with w = v − ω × r: ∂a/∂w = −k |w| (I + ŵŵᵀ), k|w| = |a|/|w|;
    // ∂a/∂v = ∂a/∂w, ∂a/∂r = ∂a/∂w · (−[ω×]).
    const Eigen::Vector3d w = v - env.earth_rotation_gcrf.cross(r);
    const double wn = w.norm();
    if (wn > 0) {
      const Eigen::Vector3d u = w / wn;
      const Eigen::Matrix3d da_dw =
          -(cd * per_cd.norm() / wn) * (Eigen::Matrix3d::Identity() + u * u.transpose());
      Eigen::Matrix3d omega_cross;
      const Eigen::Vector3d& o = env.earth_rotation_gcrf;
      omega_cross << 0, -o.z(), o.y(), o.z(), 0, -o.x(), -o.y(), o.x(), 0;
      out->da_dv += da_dw;
      out->da_dr -= da_dw * omega_cross;
    }
  }
  return a;
}

}  // namespace sstrack::astro
