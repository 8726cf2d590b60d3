// Copyright sstrack authors.
//
// cli/od_command.h — `sstrack od run | simulate | runs`: orbit determination
// from CCSDS TDM files (or the catalog's stored observations) and a
// simulator that writes TDM files of a known orbit.
#ifndef SSTRACK_CLI_OD_COMMAND_H_
#define SSTRACK_CLI_OD_COMMAND_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "cli/force_model_flags.h"

namespace sstrack::cli {

struct OdRunOptions {
  int id = 0;  // catalog number; 0 = none (no catalog read or update)
  std::string db = "sstrack.db";
  std::vector<std::string> tdm_files;
  std::string sites_file;  // CSV name,lat_deg,lon_deg,alt_m[,atmosphere]
  std::string config;      // sensor network textproto: its sensors are stations too
  std::string since_iso;
  std::string initial;     // EPOCH_ISO,x,y,z,vx,vy,vz (GCRF km, km/s)
  std::string estimate;    // drag,srp,biases
  // Per unknown: NAME=VALUE (its initial value), NAME=VALUE,SIGMA (a-priori
  // value and 1σ, in the unknown's unit) or NAME=VALUE,fixed (held).
  std::vector<std::string> parameters;
  // Empirical accelerations to estimate (AXIS[:SHAPE],…), piecewise over
  // intervals of this many hours (0: one over the data), with this a-priori
  // σ each (m/s²; 0: none).
  std::string empirical;
  double empirical_interval_h = 0;
  double empirical_sigma_m_s2 = 0;
  ForceModelFlags force;
  std::vector<std::string> eop_files;
  double sigma_range_m = 1.0, sigma_range_rate_m_s = 0.01, sigma_angle_arcsec = 1.0;
  // Editing controls (od::BatchOptions; docs/CLI.md "od run").
  double edit_sigma = 3.0;
  int edit_after_iterations = 0;
  double edit_initial_sigma = 0;
  double max_edited_share = 0.5;
  bool no_update = false;
  bool json = false;
  std::string case_file;  // a laser-ranging case (orbit_determination/slr_case.h)
};

struct OdSimulateOptions {
  std::string state;  // truth EPOCH_ISO,x,y,z,vx,vy,vz (GCRF km, km/s)
  std::string sites_file;  // CSV name,lat_deg,lon_deg,alt_m[,atmosphere]
  std::string config;      // sensor network textproto: its sensors are stations too
  std::string object = "OBJECT";
  std::string start_iso, end_iso;
  double step_s = 60;
  std::string types = "range,range-rate";  // range, range-rate, azel, radec
  double sigma_range_m = 1.0, sigma_range_rate_m_s = 0.01, sigma_angle_arcsec = 1.0;
  double min_elevation_deg = 10;
  uint64_t seed = 1;
  ForceModelFlags force;
  std::vector<std::string> eop_files;
  std::string out;  // TDM file to write
};

absl::Status RunOd(const OdRunOptions& options, std::FILE* out, std::FILE* err);
absl::Status RunOdSimulate(const OdSimulateOptions& options, std::FILE* out, std::FILE* err);
absl::Status RunOdRuns(const std::string& db, int id, bool json, std::FILE* out);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_OD_COMMAND_H_
