// Copyright sstrack authors.
#include "tasking/value.h"

#include <algorithm>
#include <cmath>

namespace sstrack::tasking {

Matrix6d ClohessyWiltshireStm(double n, double t) {
  const double s = std::sin(n * t), c = std::cos(n * t);
  Matrix6d f = Matrix6d::Zero();
  // Position rows.
  f(0, 0) = 4 - 3 * c;
  f(0, 3) = s / n;
  f(0, 4) = 2 * (1 - c) / n;
  f(1, 0) = 6 * (s - n * t);
  f(1, 1) = 1;
  f(1, 3) = -2 * (1 - c) / n;
  f(1, 4) = (4 * s - 3 * n * t) / n;
  f(2, 2) = c;
  f(2, 5) = s / n;
  // Velocity rows.
  f(3, 0) = 3 * n * s;
  f(3, 3) = c;
  f(3, 4) = 2 * s;
  f(4, 0) = -6 * n * (1 - c);
  f(4, 3) = -2 * s;
  f(4, 4) = 4 * c - 3;
  f(5, 2) = -n * s;
  f(5, 5) = c;
  return f;
}

double InTrackSigmaFromCovariance(const Matrix6d& p, double n, double dt) {
  const Matrix6d phi = ClohessyWiltshireStm(n, dt);
  const Eigen::Matrix<double, 1, 6> row = phi.row(1);
  return std::sqrt(std::max(0.0, (row * p * row.transpose())(0, 0)));
}

double InTrackSigmaByAge(double age_s, bool deep_space, const AgeSigmaModel& m) {
  const double rate = deep_space ? m.growth_deep_space_m_per_day : m.growth_near_earth_m_per_day;
  const double grown = rate * std::abs(age_s) / 86400.0;
  return std::sqrt(m.sigma0_m * m.sigma0_m + grown * grown);
}

double CategoryWeight(int category) {
  return std::ldexp(1.0, 5 - std::clamp(category, 1, 5));
}

double StalenessFactor(double days) {
  if (!(days >= 0)) days = 0;
  return 1.0 + std::min(days, 7.0) / 7.0;
}

double RankFactor(int rank, int requested) {
  if (rank < 1 || rank > requested) return 0.0;
  return std::ldexp(1.0, -(rank - 1));
}

double InformationGainBits(double pred, double post) {
  if (!(post > 0)) return 0.0;
  const double r = pred / post;
  return 0.5 * std::log2(1.0 + r * r);
}

double PostTrackSigma(double angle_noise_rad, double range_noise_m, bool radar, double range_m,
                      int observations) {
  double single = angle_noise_rad > 0 ? angle_noise_rad * range_m
                                      : std::numeric_limits<double>::infinity();
  if (radar && range_noise_m > 0) single = std::min(single, range_noise_m);
  return single / std::sqrt(static_cast<double>(std::max(1, observations)));
}

double TrackValue(const ValueInputs& in) {
  return CategoryWeight(in.category) * StalenessFactor(in.days_since_last_track) *
         InformationGainBits(in.sigma_pred_m, in.sigma_post_m);
}

double SearchLeadS(double sigma, double speed, double duration, double sigmas, double max_fraction) {
  const double cap = std::max(0.0, max_fraction * duration);
  if (!(sigma > 0) || !(speed > 0) || !(sigmas > 0)) return 0.0;
  return std::min(cap, sigmas * sigma / speed);
}

int RequestedTracks(int category) {
  switch (std::clamp(category, 1, 5)) {
    case 1: return 4;
    case 2: return 3;
    case 3: return 2;
    default: return 1;
  }
}

}  // namespace sstrack::tasking
