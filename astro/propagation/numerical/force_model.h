// Copyright sstrack authors.
//
// astro/propagation/numerical/force_model.h — the sum of the accelerations
// acting on an Earth satellite, in GCRF, and its partial derivatives.
//
// Each term is switchable (ForceModelOptions). The Earth's field is
// evaluated in ITRF: r_itrf = M(t) r, a = Mᵀ a_itrf, ∂a/∂r = Mᵀ (∂a_itrf/∂r_itrf) M,
// with M from the IAU 2006/2000A CIO chain and EOP (interpolated CIP, see
// frames/cip_cache.h), or — for tests against closed forms — a uniform
// rotation about the z axis. Estimable force parameters (Cd·A/m for drag,
// Cr·A/m for solar radiation pressure) are passed with each evaluation so
// that an estimator can change them; `parameter_names()` lists them in order.
//
// Partials: ∂a/∂r of the Earth's field from its analytic second
// derivatives (checked against automatic differentiation), ∂a/∂r, ∂a/∂v and
// ∂a/∂p of the other terms by automatic differentiation (Dual<8>) of the
// same code that computes the acceleration.
//
// Example:
//   ForceModelOptions o;
//   o.gravity = *GravityField::Read("eigen-6s.gfc");
//   o.degree = o.order = 20; o.sun = o.moon = true;
//   auto fm = ForceModel::Create(o, start, end);   // checks EOP/DE spans
//   Eigen::Vector3d a = (*fm)->Acceleration(t, r, v, (*fm)->nominal_parameters());
#ifndef SSTRACK_ASTRO_PROPAGATION_NUMERICAL_FORCE_MODEL_H_
#define SSTRACK_ASTRO_PROPAGATION_NUMERICAL_FORCE_MODEL_H_

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "absl/status/statusor.h"
#include "astro/bodies/ephemeris.h"
#include "astro/frames/cip_cache.h"
#include "astro/propagation/numerical/empirical.h"
#include "astro/propagation/numerical/gravity_field.h"
#include "astro/time/eop.h"

namespace sstrack::astro {

enum class EarthRotationModel {
  kIau2006,     // GCRF→ITRF, IAU 2006/2000A CIO based, with EOP
  kUniformZ,    // rotation about GCRF z at a constant rate (tests)
};

struct ForceModelOptions {
  // Earth gravity. Without a field: a point mass with kDefaultGm.
  std::optional<GravityField> gravity;
  int degree = 0;  // 0 = two-body
  int order = 0;
  bool sun = false;
  bool moon = false;
  bool relativity = false;
  // Drag (Harris–Priester) when > 0; Cd·A/m in m²/kg.
  double drag_cd_area_over_mass_m2_kg = 0;
  double harris_priester_exponent = 4;  // 2 low inclination … 6 polar
  // A multiplier on the density through time (a simulated atmosphere that
  // changes from day to day): density_scale[k] holds at
  // density_scale_start + (k + ½)·density_scale_step_s, linearly
  // interpolated between and held beyond the ends. Empty: 1. Not a
  // parameter: the partials hold it fixed like the density.
  std::vector<double> density_scale;
  Epoch density_scale_start;
  double density_scale_step_s = 86400.0;
  // Solar radiation pressure (conical shadow) when > 0; Cr·A/m in m²/kg.
  double srp_cr_area_over_mass_m2_kg = 0;
  bool estimate_drag = false;  // adds "drag_cd_area_over_mass_m2_kg"
  bool estimate_srp = false;   // adds "srp_cr_area_over_mass_m2_kg"
  // Empirical accelerations (empirical.h): each term's amplitude is a
  // parameter (after Cd·A/m and Cr·A/m, in this order) when it is
  // `estimate`d, else a fixed force (e.g. a simulated leak in a truth).
  std::vector<EmpiricalAcceleration> empirical;
  // Earth orientation; null = zero EOP (ignoring ~10 m of UT1 and polar
  // motion), which the caller must choose knowingly.
  std::shared_ptr<const EopTable> eop;
  // Sun and Moon; null = ERFA's analytic series.
  std::shared_ptr<const BodyEphemeris> ephemeris;
  EarthRotationModel rotation = EarthRotationModel::kIau2006;
  // Tabulate the Earth's orientation (every 10 min) and the Sun and Moon
  // (hourly) over the span at Create() and interpolate (8-point Lagrange:
  // accelerations within 1e-13 relative — see force_model_test) instead of evaluating the
  // IAU/ERFA series and TDB at every one of the ~12 evaluations per step.
  bool tabulate_environment = true;
  double uniform_rotation_rate_rad_s = 7.292115146706979e-5;  // kUniformZ only
  // Partial derivatives (the variational equations) of a reduced model when
  // ≥ 0: the Earth's field truncated to this degree and order (analytic
  // gradient), the Sun's and Moon's tidal gradients, drag's ∂a/∂v and
  // ∂a/∂r through the relative velocity with the density held fixed, and
  // ∂a/∂(Cd·A/m), ∂a/∂(Cr·A/m); no relativity or shadow partials. The
  // acceleration itself is always the full model's. An estimator needs
  // the Jacobian only to find its steps and its covariance, so a ~1e-3
  // relative error in Φ costs it nothing measurable, and these partials
  // cost a fraction of the full ones (−1 = the full model's partials).
  int partials_degree = -1;

  static constexpr double kDefaultGm = 3.986004418e14;
  absl::Status Validate() const;
};

struct AccelerationPartials {
  Eigen::Matrix3d da_dr;
  Eigen::Matrix3d da_dv;
  Eigen::Matrix<double, 3, Eigen::Dynamic> da_dp;
};

class ForceModel {
 public:
  // Checks options and that EOP / ephemeris cover [start, end] (any order).
  static absl::StatusOr<std::unique_ptr<ForceModel>> Create(const ForceModelOptions& options,
                                                            const Epoch& start,
                                                            const Epoch& end);

  int num_parameters() const { return static_cast<int>(parameter_names_.size()); }
  const std::vector<std::string>& parameter_names() const { return parameter_names_; }
  Eigen::VectorXd nominal_parameters() const;
  // The solver's natural unit step per parameter: 1 % of Cd·A/m or Cr·A/m
  // (at least 1e-4 m²/kg), 1e-9 m/s² for an empirical amplitude.
  Eigen::VectorXd parameter_scales() const;
  // Cd·A/m and Cr·A/m are physically ≥ 0; an empirical amplitude has
  // either sign.
  bool parameter_is_nonnegative(int j) const { return j == drag_index_ || j == srp_index_; }
  double gm_m3_s2() const { return gm_; }
  const ForceModelOptions& options() const { return options_; }

  // Acceleration (m/s², GCRF) at r (m), v (m/s); `params` as parameter_names().
  Eigen::Vector3d Acceleration(const Epoch& t, const Eigen::Vector3d& r,
                               const Eigen::Vector3d& v, const Eigen::VectorXd& params) const;
  // Same, and the partial derivatives.
  Eigen::Vector3d AccelerationAndPartials(const Epoch& t, const Eigen::Vector3d& r,
                                          const Eigen::Vector3d& v,
                                          const Eigen::VectorXd& params,
                                          AccelerationPartials* partials) const;

 private:
  ForceModel() = default;
  struct Environment {
    Eigen::Matrix3d gcrf_to_itrf;
    Eigen::Vector3d earth_rotation_gcrf;  // ω⊕ in GCRF (rad/s)
    std::array<double, 3> sun{}, moon{};
    double density_scale = 1.0;  // ForceModelOptions::density_scale at the instant
  };
  Environment EnvironmentAt(const Epoch& t) const;
  double DensityScaleAt(const Epoch& t) const;
  // The Earth's orientation and/or the Sun and Moon, from the series.
  Environment DirectEnvironmentAt(const Epoch& t, bool rotation = true, bool bodies = true) const;
  void Tabulate(const Epoch& first, const Epoch& last);
  Eigen::Vector3d FullPartials(const Environment& env, const Eigen::Vector3d& r,
                               const Eigen::Vector3d& v, const Eigen::VectorXd& params,
                               AccelerationPartials* out) const;
  Eigen::Vector3d ReducedPartials(const Environment& env, const Eigen::Vector3d& r,
                                  const Eigen::Vector3d& v, const Eigen::VectorXd& params,
                                  AccelerationPartials* out) const;
  template <typename T>
  void NonGravitational(const Environment& env, const T r[3], const T v[3], const T& cd,
                        const T& cr, double sunlit, T a[3]) const;

  ForceModelOptions options_;
  GravityField field_;
  std::optional<GravityField> partials_field_;  // partials_degree ≥ 0
  double gm_ = 0;
  Epoch reference_;  // uniform rotation reference
  std::optional<CipCache> cip_;
  std::shared_ptr<const BodyEphemeris> ephemeris_;
  std::vector<std::string> parameter_names_;
  // Tabulated environment (tabulate_environment): nodes from table_start_.
  Epoch table_start_;
  int table_nodes_ = 0;
  static constexpr double kRotationStepS = 600.0;
  static constexpr double kBodyStepS = 3600.0;
  std::vector<std::array<double, 12>> rotation_table_;  // M (row-major), ω
  std::vector<std::array<double, 6>> body_table_;       // Sun, Moon
  int drag_index_ = -1, srp_index_ = -1;
  std::vector<int> empirical_index_;  // per options_.empirical term: parameter or −1
  // Σ c_k b_k(t, r, v) of the active empirical terms; with `partials`,
  // also adds ∂/∂r, ∂/∂v (when `state_partials`) and ∂a/∂c_k.
  Eigen::Vector3d Empirical(const Epoch& t, const Eigen::Vector3d& r, const Eigen::Vector3d& v,
                            const Eigen::VectorXd& params, AccelerationPartials* partials,
                            bool state_partials) const;
};

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_PROPAGATION_NUMERICAL_FORCE_MODEL_H_
