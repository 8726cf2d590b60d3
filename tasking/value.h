// Copyright sstrack authors.
//
// tasking/value.h — what one track of an object is worth.
//
// The value of the k-th track of object i in a night, taken by sensor s:
//
//   V = w(c) · a(Δt_last) · r(k, n_req) · ½ log2(1 + σ_pred² / σ_post²)
//
//   w(c)      = 2^(5 − c): category 1 (highest) → 16 … category 5 → 1;
//   a(Δt)     = 1 + min(Δt_last, 7 d) / 7 d: staleness, 1 (just tracked) … 2
//               (a week or more, or never tracked);
//   r(k, n)   = 2^−(k−1) for k ≤ n_req, 0 beyond: each further track of the
//               same night is worth half the previous one, and tracks beyond
//               the requested number nothing;
//   ½ log2(1 + σ_pred²/σ_post²) = the information the track adds, in bits,
//               about the in-track position: the entropy drop of a 1-D
//               Gaussian from σ_pred to σ_after = (σ_pred⁻² + σ_post⁻²)^−½.
//
// σ_pred is the predicted in-track 1σ at the pass:
//   * with a covariance (RIC, at the state's epoch): propagated with the
//     Clohessy–Wiltshire state-transition matrix of the orbit's mean motion
//     n, P(t) = Φ P Φᵀ (exact for linear relative motion about a circular
//     orbit; the secular in-track growth −3 δẏ₀ t and 6 n δx₀ t is what matters);
//   * without one (plain TLEs), by element age: σ = √(σ0² + (ρ Δt)²),
//     σ0 = 1 km, ρ = 2 km/day near-earth and 0.5 km/day deep space — the
//     order of TLE prediction error growth reported in the literature.
// σ_post is what one track gives: σ_single / √N, N = observations per
// track, σ_single = angle noise × range, or for a radar the smaller of that
// and the range noise.
#ifndef SSTRACK_TASKING_VALUE_H_
#define SSTRACK_TASKING_VALUE_H_

#include <Eigen/Core>
#include <limits>

namespace sstrack::tasking {

using Matrix6d = Eigen::Matrix<double, 6, 6>;

struct AgeSigmaModel {
  double sigma0_m = 1000.0;
  double growth_near_earth_m_per_day = 2000.0;
  double growth_deep_space_m_per_day = 500.0;
};

// Hill/CW frame: x radial, y in-track, z cross-track; state (x, y, z, ẋ, ẏ, ż).
Matrix6d ClohessyWiltshireStm(double mean_motion_rad_s, double dt_s);
// √[Φ P Φᵀ]_yy.
double InTrackSigmaFromCovariance(const Matrix6d& covariance_ric, double mean_motion_rad_s,
                                  double dt_s);
double InTrackSigmaByAge(double age_s, bool deep_space, const AgeSigmaModel& model = {});

double CategoryWeight(int category);  // 1..5 (clamped)
double StalenessFactor(double days_since_last_track);  // +∞: never tracked
double RankFactor(int rank, int requested_tracks);     // rank 1-based
double InformationGainBits(double sigma_pred_m, double sigma_post_m);
double PostTrackSigma(double angle_noise_rad, double range_noise_m, bool radar, double range_m,
                      int observations);

struct ValueInputs {
  int category = 5;
  double days_since_last_track = std::numeric_limits<double>::infinity();
  double sigma_pred_m = 1000.0;
  double sigma_post_m = 100.0;
};
// The value of a first track (r = 1); the k-th track is this × RankFactor.
double TrackValue(const ValueInputs& in);

// The search lead of a task (catalog::TaskRecord::pointing_lead_s): the task
// points at the object's predicted direction this long after its start and
// the sensor stares there from the start, so that an object ahead of its
// prediction by `sigmas` in-track σ (an in-track error δ is a time error
// δ/v) still passes through the field; at most `max_fraction` of the track,
// the rest being the room for an object behind its prediction.
double SearchLeadS(double sigma_in_track_m, double speed_m_s, double duration_s,
                   double sigmas = 4.0, double max_fraction = 0.5);

// Requested tracks per night by category: 1 → 4, 2 → 3, 3 → 2, 4–5 → 1.
int RequestedTracks(int category);

}  // namespace sstrack::tasking

#endif  // SSTRACK_TASKING_VALUE_H_
