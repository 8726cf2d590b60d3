// Copyright sstrack authors.
//
// astro/time/eop.h — Earth orientation parameters from IERS data.
//
// Reads the IERS `finals2000A` file (fixed columns, daily, IAU 2000A series:
// x_p, y_p in arcsec, UT1−UTC in s, LOD in ms, dX, dY in mas) and IERS
// Bulletin B (section 1, daily final values: x, y in mas, UT1−UTC in ms,
// dX, dY in mas; LOD is derived from the UT1 slope), and interpolates them.
//
// Interpolation is 4-point Lagrange (cubic) in time on the daily nodes. UT1 is
// interpolated as UT1−TAI, which is smooth across a leap second, and turned
// back into UT1−UTC with the leap table at the requested instant.
// Outside the data's span → OUT_OF_RANGE naming the date and the span; a
// caller without data chooses ZeroEop() explicitly.
#ifndef SSTRACK_ASTRO_TIME_EOP_H_
#define SSTRACK_ASTRO_TIME_EOP_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/eop_sample.h"
#include "astro/time/epoch.h"
#include "astro/time/utc.h"

namespace sstrack::astro {

class EopTable {
 public:
  static absl::StatusOr<EopTable> FromFinals2000AText(
      absl::string_view text, absl::string_view source,
      const LeapSecondTable& ls = LeapSecondTable::Builtin());
  // One or several Bulletin B files, merged by date (later files win).
  static absl::StatusOr<EopTable> FromBulletinBText(
      const std::vector<std::pair<std::string, std::string>>& source_and_text,
      const LeapSecondTable& ls = LeapSecondTable::Builtin());
  // Reads files and detects the format (Bulletin B or finals2000A).
  static absl::StatusOr<EopTable> FromFiles(
      const std::vector<std::string>& paths,
      const LeapSecondTable& ls = LeapSecondTable::Builtin());

  absl::StatusOr<EopSample> At(const Epoch& t) const;
  double first_mjd() const { return nodes_.front().mjd; }
  double last_mjd() const { return nodes_.back().mjd; }
  size_t size() const { return nodes_.size(); }

  struct Node {
    double mjd;  // UTC, 0h
    double x_p_rad, y_p_rad, ut1_minus_tai_s, lod_s, dx_rad, dy_rad;
  };

 private:
  EopTable(std::vector<Node> nodes, const LeapSecondTable* ls)
      : nodes_(std::move(nodes)), ls_(ls) {}
  std::vector<Node> nodes_;
  const LeapSecondTable* ls_;
};

// Zero polar motion, UT1 = UTC, no pole offsets; leap seconds still right.
// For callers that explicitly accept the ~10 m error of ignoring EOP.
EopSample ZeroEop(const Epoch& t,
                  const LeapSecondTable& ls = LeapSecondTable::Builtin());

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_TIME_EOP_H_
