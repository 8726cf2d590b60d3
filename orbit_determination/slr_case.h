// Copyright sstrack authors.
//
// orbit_determination/slr_case.h — a satellite-laser-ranging orbit
// determination case from real data files: ILRS CRD normal points, SINEX
// station coordinates and eccentricities, IERS EOP, a JPL DE ephemeris and
// an ICGEM gravity field (the LAGEOS-2 benchmark of docs/BENCHMARKS.md).
//
// Pipeline:
//   1. stations: SINEX position propagated to the data's mid-time plus the
//      eccentricity (up, north, east) of the optical reference point;
//   2. each normal point: observed range = c · time of flight / 2, tagged at
//      reception (CRD epoch event 2 = transmit time: t_r = t_t + tof);
//   3. corrections added to the computed range (range_corrections.h):
//      Mendes–Pavlis troposphere from the session's meteorological records,
//      solid Earth tides, Shapiro delay, centre-of-mass offset — evaluated
//      on the initial orbit (they change by < 0.1 mm between it and the
//      solution);
//   4. batch least squares: epoch state and one range bias per station,
//      force model from the case.
// Every model can be switched off to measure what it contributes.
#ifndef SSTRACK_ORBIT_DETERMINATION_SLR_CASE_H_
#define SSTRACK_ORBIT_DETERMINATION_SLR_CASE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "orbit_determination/batch_least_squares.h"

namespace sstrack::od {

struct SlrCase {
  std::string crd_file, sinex_file, eccentricity_file, de_file, gravity_file;
  std::vector<std::string> eop_files;
  std::string cpf_file;  // optional: a prediction to compare with
  int degree = 20, order = 20;
  bool sun = true, moon = true, relativity = true;
  bool troposphere = true, tides = true, shapiro = true;
  double com_offset_m = 0.251;
  bool estimate_range_bias = true;
  double sigma_m = 0.5;  // normal-point weight
  // Initial guess in EME2000 (the reference solution's frame).
  astro::Epoch epoch;
  astro::CartesianState initial_eme2000;
  // Optional reference solution (EME2000) to compare with.
  bool has_reference = false;
  astro::CartesianState reference_eme2000;
};

// Reads a case file: `key = value` lines, `#` comments; file paths relative
// to the case file's directory. Keys: crd, sinex, eccentricities, eop (may
// repeat), de, gravity, cpf, degree, order, sun, moon, relativity,
// troposphere, tides, shapiro, com_offset_m, range_bias, sigma_m, epoch,
// initial_eme2000_m (x,y,z,vx,vy,vz in m and m/s), reference_eme2000_m.
absl::StatusOr<SlrCase> ReadSlrCase(const std::string& path);

struct SlrCaseResult {
  BatchSummary fit;
  astro::CartesianState estimate_eme2000;
  int normal_points = 0;
  double residual_mean_m = 0, residual_std_m = 0;  // post-fit, kept points
  // vs the reference solution, when given
  double reference_position_diff_m = -1, reference_velocity_diff_m_s = -1;
  // vs the CPF prediction over the data span (ITRF), when given
  int cpf_points = 0;
  Eigen::Vector3d cpf_rms_ric_m = Eigen::Vector3d::Zero();
  double fit_wall_time_s = 0;
};

absl::StatusOr<SlrCaseResult> RunSlrCase(const SlrCase& c, const BatchOptions& options = {});

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_SLR_CASE_H_
