// Copyright sstrack authors.
//
// cli/astro_io.h — what several commands share: Earth orientation from
// --eop files (or zero EOP with a warning), and printing a state in km, km/s
// as a table or JSON.
#ifndef SSTRACK_CLI_ASTRO_IO_H_
#define SSTRACK_CLI_ASTRO_IO_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/frames/frames.h"
#include "astro/time/eop_sample.h"
#include "astro/time/epoch.h"

namespace sstrack::cli {

// EOP at t from the files; with no files, zero EOP and a warning on `err`.
absl::StatusOr<astro::EopSample> EopAt(const astro::Epoch& t,
                                       const std::vector<std::string>& files,
                                       std::FILE* err);

// "FRAME  epoch  x y z [km]  vx vy vz [km/s]" or one JSON object.
void PrintState(std::FILE* out, absl::string_view frame, const astro::Epoch& t,
                const astro::CartesianState& s, bool json);

// Ephemeris rows in the format `sstrack propagate` prints (csv | table |
// json): norad,epoch_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,
// error — with optional 1σ position columns in RIC (radial, in-track,
// cross-track, metres) when covariance is propagated.
class EphemerisPrinter {
 public:
  EphemerisPrinter(std::FILE* out, std::string format, astro::Frame frame, bool sigmas = false);
  void Begin();
  void Row(int norad, const astro::Epoch& t, double tsince_min, const astro::CartesianState& s,
           int error_code, const double* sigma_ric_m = nullptr);
  void End();

 private:
  std::FILE* out_;
  std::string format_;
  astro::Frame frame_;
  bool sigmas_;
  bool first_ = true;
};

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_ASTRO_IO_H_
