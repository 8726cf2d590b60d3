// Copyright sstrack authors.
//
// astro/bodies/jpl_ephemeris.h — JPL planetary and lunar ephemerides (DE4xx
// binary files, little-endian, as distributed by JPL as lnxpYYYY.4xx, and
// excerpts of them).
//
// File layout (JPL's "Format of the JPL ephemeris files"): record 1 holds the
// title (3 × 84 characters), the first 400 constant names (6 characters
// each), the span (start JD, end JD, days per record, TDB), the number of
// constants, AU (km), EMRAT (Earth/Moon mass ratio), the coefficient
// pointers IPT[12][3] (offset, coefficients per component, sub-intervals),
// the DE number and the libration pointer. Record 2 holds the constants'
// values. Each following record covers `days per record` and starts with its
// start and end JD; the rest are Chebyshev coefficients, positions in km.
// Record length = (largest coefficient index) × 8 bytes.
//
// Pointer rows: Mercury, Venus, Earth–Moon barycentre (2), Mars … Pluto,
// the Moon relative to the Earth (9), the Sun (10), nutations, librations;
// planets and the Sun are solar-system barycentric. Geocentric Sun:
//   r_sun,geo = r_sun − (r_emb − r_moon,geo / (1 + EMRAT)).
#ifndef SSTRACK_ASTRO_BODIES_JPL_EPHEMERIS_H_
#define SSTRACK_ASTRO_BODIES_JPL_EPHEMERIS_H_

#include <array>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/bodies/ephemeris.h"

namespace sstrack::astro {

class JplEphemeris final : public BodyEphemeris {
 public:
  // Reads the whole file (DE excerpts are small; a full DE430 is 100 MB).
  // Errors name the file and what was inconsistent.
  static absl::StatusOr<JplEphemeris> Open(const std::string& path);

  Eigen::Vector3d SunGcrf(const Epoch& t) const override;
  Eigen::Vector3d MoonGcrf(const Epoch& t) const override;
  bool Covers(const Epoch& start, const Epoch& end) const override;
  std::string Name() const override;

  int de_number() const { return de_number_; }
  double start_jd_tdb() const { return start_jd_; }
  double end_jd_tdb() const { return end_jd_; }
  // A named constant of the file ("EMRAT", "GMS", "CLIGHT", …), if present
  // among the first 400 names.
  absl::StatusOr<double> Constant(const std::string& name) const;

 private:
  JplEphemeris() = default;
  // Position (km) of pointer `body` (0-based IPT row) at TDB JD jd1 + jd2.
  Eigen::Vector3d Chebyshev(int body, double jd1, double jd2) const;

  std::string path_;
  int de_number_ = 0;
  double start_jd_ = 0, end_jd_ = 0, days_per_record_ = 0;
  double emrat_ = 0;
  std::array<std::array<int, 3>, 13> ipt_{};
  int record_doubles_ = 0;
  std::vector<double> data_;  // the data records, concatenated
  std::map<std::string, double> constants_;
};

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_BODIES_JPL_EPHEMERIS_H_
