// Copyright sstrack authors.
//
// simulation/scoring.h — how far the catalog is from the simulated truth,
// and whether its covariance says so honestly: the demo's and the
// benchmarks' figures.
//
// One sample is an estimate (position, optionally its 3×3 covariance) of
// an object against its true state at the same instant. Its error is given
// as a norm and in the truth's radial / in-track / cross-track axes; with a
// covariance, the squared Mahalanobis distance d² = δᵀP⁻¹δ, which for an
// honest covariance is χ² with 3 degrees of freedom: inside the 99 %
// ellipsoid when d² ≤ 11.345 (χ²₃ 0.99 quantile), mean 3. An object is in
// **custody** when its true position is inside the 99 % ellipsoid and
// under `custody_limit_m` (10 km) of the estimate: the sensors, pointed
// along the prediction, would find it. Percentiles are nearest-rank
// (median the mean of the two middle values for an even count).
//
// Example:
//   Scoreboard b;
//   b.Add(ScoreEstimate(truth, p_est, &cov), astro::OrbitRegime::kLeo, true);
//   ErrorSummary s = b.Summary();        // all samples
//   ErrorSummary leo = b.Summary("LEO");
#ifndef SSTRACK_SIMULATION_SCORING_H_
#define SSTRACK_SIMULATION_SCORING_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "astro/elements/regime.h"
#include "astro/frames/frames.h"

namespace sstrack::simulation {

inline constexpr double kChiSquare3Quantile99 = 11.3449;  // χ²₃, 0.99
inline constexpr double kCustodyLimitM = 10e3;

struct Percentiles {
  size_t count = 0;
  double median = 0, p95 = 0;
};
Percentiles PercentilesOf(std::vector<double> values);

struct ErrorSample {
  double error_m = 0;
  Eigen::Vector3d ric_m = Eigen::Vector3d::Zero();  // estimate − truth in the truth's RIC axes
  std::optional<double> mahalanobis2;               // with a positive-definite covariance
  bool inside_99 = false;
  bool custody = false;  // inside_99 and error_m < kCustodyLimitM
};

// `covariance_m2`: the estimate's 3×3 position covariance (GCRF), or null.
// A covariance that is not positive definite gives no Mahalanobis distance
// (and no custody).
ErrorSample ScoreEstimate(const astro::CartesianState& truth_gcrf,
                          const Eigen::Vector3d& estimate_position_gcrf_m,
                          const Eigen::Matrix3d* covariance_m2);

struct ErrorSummary {
  size_t count = 0;
  Percentiles error_m, radial_m, in_track_m, cross_track_m;  // of |component|
  size_t with_covariance = 0, inside_99 = 0, custody = 0;
  double mean_mahalanobis2 = 0;
};

// Samples sorted by regime and by a group label ("od_state" / "elements").
class Scoreboard {
 public:
  void Add(const ErrorSample& sample, astro::OrbitRegime regime, const std::string& group = "");
  // Over every sample, or those of one regime ("LEO") or group.
  ErrorSummary Summary(const std::string& regime_or_group = "") const;
  size_t size() const { return samples_.size(); }

 private:
  struct Entry {
    ErrorSample sample;
    std::string regime, group;
  };
  std::vector<Entry> samples_;
};

}  // namespace sstrack::simulation

#endif  // SSTRACK_SIMULATION_SCORING_H_
