// Copyright sstrack authors.
#include "simulation/scoring.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Cholesky>

namespace sstrack::simulation {

Percentiles PercentilesOf(std::vector<double> v) {
  Percentiles p;
  p.count = v.size();
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  p.median = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  const size_t rank = static_cast<size_t>(std::ceil(0.95 * static_cast<double>(n)));
  p.p95 = v[std::clamp<size_t>(rank, 1, n) - 1];
  return p;
}

ErrorSample ScoreEstimate(const astro::CartesianState& truth_gcrf,
                          const Eigen::Vector3d& estimate_position_gcrf_m,
                          const Eigen::Matrix3d* covariance_m2) {
  ErrorSample s;
  const Eigen::Vector3d d = estimate_position_gcrf_m - truth_gcrf.position_m;
  s.error_m = d.norm();
  s.ric_m = astro::RicMatrix(truth_gcrf.position_m, truth_gcrf.velocity_m_s) * d;
  if (covariance_m2 && covariance_m2->allFinite()) {
    const Eigen::LLT<Eigen::Matrix3d> llt(0.5 * (*covariance_m2 + covariance_m2->transpose()));
    if (llt.info() == Eigen::Success) {
      s.mahalanobis2 = d.dot(llt.solve(d));
      s.inside_99 = *s.mahalanobis2 <= kChiSquare3Quantile99;
      s.custody = s.inside_99 && s.error_m < kCustodyLimitM;
    }
  }
  return s;
}

void Scoreboard::Add(const ErrorSample& sample, astro::OrbitRegime regime, const std::string& group) {
  samples_.push_back({sample, std::string(astro::OrbitRegimeName(regime)), group});
}

ErrorSummary Scoreboard::Summary(const std::string& key) const {
  ErrorSummary out;
  std::vector<double> e, r, i, c;
  double m2 = 0;
  for (const Entry& x : samples_) {
    if (!key.empty() && x.regime != key && x.group != key) continue;
    const ErrorSample& s = x.sample;
    e.push_back(s.error_m);
    r.push_back(std::abs(s.ric_m.x()));
    i.push_back(std::abs(s.ric_m.y()));
    c.push_back(std::abs(s.ric_m.z()));
    if (s.mahalanobis2) {
      ++out.with_covariance;
      m2 += *s.mahalanobis2;
    }
    out.inside_99 += s.inside_99;
    out.custody += s.custody;
  }
  out.count = e.size();
  out.error_m = PercentilesOf(std::move(e));
  out.radial_m = PercentilesOf(std::move(r));
  out.in_track_m = PercentilesOf(std::move(i));
  out.cross_track_m = PercentilesOf(std::move(c));
  out.mean_mahalanobis2 = out.with_covariance ? m2 / static_cast<double>(out.with_covariance) : 0.0;
  return out;
}

}  // namespace sstrack::simulation
