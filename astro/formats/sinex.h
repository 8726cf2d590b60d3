// Copyright sstrack authors.
//
// astro/formats/sinex.h — SINEX 2.x (Solution INdependent EXchange) station
// files as the ILRS distributes them: the SLRF/ITRF positions and velocities
// of the laser stations, and the eccentricities of their optical reference
// points.
//
// A SINEX file is "%=SNX ..." then blocks "+NAME" ... "-NAME" and "%ENDSNX";
// '*' lines are comments. Blocks read here (others are skipped):
//   +SITE/ID            code A4, point A2, DOMES A9, technique A1, description
//                       A22 (columns 22–43), approximate longitude and
//                       latitude "DDD MM SS.S" (45–55, 57–67; a '-' on any
//                       part makes it negative), height m (69–75)
//   +SOLUTION/EPOCHS    code, point, solution id, technique, data start,
//                       data end, mean epoch
//   +SOLUTION/ESTIMATE  index, type (STAX STAY STAZ in m, VELX VELY VELZ in
//                       m/y; other types skipped), code, point, solution id,
//                       reference epoch, unit, constraint, value, sigma
//   +SITE/ECCENTRICITY  code (2–5), point (7–8), solution id (10–13),
//                       technique (15), start (17–28), end (30–41), reference
//                       system UNE or XYZ (43–45), three offsets in m, F9.4
//                       each (46–54, 55–63, 64–72; up, north, east for UNE)
// SITE/ID and SITE/ECCENTRICITY are read by column (descriptions hold blanks,
// offsets may touch); SOLUTION/* by blank-separated fields.
// Epochs are "YY:DDD:SSSSS" (YY ≤ 50 → 20YY, else 19YY; day of year from 1;
// seconds of day), read as UTC; "00:000:00000" means open-ended. An end epoch
// covers its whole second, so "14:079:86399" is valid to the end of the day.
// Velocities: m/y with the Julian year of 365.25 days, converted to m/s.
//
// Station position at t (no post-seismic or other corrections):
//   r(t) = r(t_ref) + v · (t − t_ref)
// from the solution of that site whose SOLUTION/EPOCHS interval contains t
// (a solution without an EPOCHS row is valid always; among several, the one
// starting last). Errors are INVALID_ARGUMENT "<file>:<line>: <block>:
// <field>: <reason>" for bad text, NOT_FOUND for an unknown site, and
// OUT_OF_RANGE when no solution or eccentricity covers t.
//
// Example:
//   absl::StatusOr<SinexFile> snx = ReadSinexFile("SLRF2014_POS+VEL.snx");
//   absl::StatusOr<Eigen::Vector3d> r = snx->StationPositionAt("7090", t);
//   absl::StatusOr<SinexFile> ecc = ReadSinexFile("ecc_une.snx");
//   absl::StatusOr<Eigen::Vector3d> une = ecc->EccentricityAt("7090", t);
#ifndef SSTRACK_ASTRO_FORMATS_SINEX_H_
#define SSTRACK_ASTRO_FORMATS_SINEX_H_

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/epoch.h"
#include "astro/time/utc.h"

namespace sstrack::astro {

// A validity interval; an absent bound is open.
struct SinexInterval {
  std::optional<Epoch> start;
  std::optional<Epoch> end;  // inclusive of its whole second
  bool Contains(const Epoch& t) const;
};

struct SinexSite {
  std::string code;      // e.g. "7090"
  std::string point;     // e.g. "A"
  std::string domes;     // e.g. "50107M001"
  char technique = ' ';  // 'L' laser ranging, 'P' GNSS, ...
  std::string description;
  double approx_longitude_deg = 0.0;  // east, [0, 360)
  double approx_latitude_deg = 0.0;
  double approx_height_m = 0.0;
  int line = 0;
};

struct SinexStationSolution {
  std::string code;
  std::string point;
  std::string solution;  // the SOLN field, e.g. "1"
  Epoch reference_epoch;
  Eigen::Vector3d position_itrf_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d velocity_itrf_m_per_s = Eigen::Vector3d::Zero();
  Eigen::Vector3d position_sigma_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d velocity_sigma_m_per_s = Eigen::Vector3d::Zero();
  int num_parameters = 0;  // of STAX..VELZ found (6 when complete)
  SinexInterval validity;  // SOLUTION/EPOCHS data start..end
  int line = 0;            // the STAX line
  Eigen::Vector3d PositionAt(const Epoch& t) const {
    return position_itrf_m + velocity_itrf_m_per_s * (t - reference_epoch);
  }
};

struct SinexEccentricity {
  std::string code;
  std::string point;
  std::string solution;
  SinexInterval validity;
  std::string reference_system;  // "UNE" or "XYZ"
  // UNE: up, north, east; XYZ: x, y, z. Metres, from the marker (the
  // SINEX position) to the optical reference point.
  Eigen::Vector3d offset_m = Eigen::Vector3d::Zero();
  int line = 0;
};

struct SinexFile {
  std::string source;
  std::vector<SinexSite> sites;  // first row of each code+point
  std::vector<SinexStationSolution> solutions;
  std::vector<SinexEccentricity> eccentricities;

  const SinexSite* FindSite(absl::string_view code) const;
  // The solution of site `code` valid at t (see the header).
  absl::StatusOr<const SinexStationSolution*> SolutionAt(absl::string_view code,
                                                         const Epoch& t) const;
  // Its position propagated linearly to t, ITRF (the file's frame), metres.
  absl::StatusOr<Eigen::Vector3d> StationPositionAt(absl::string_view code,
                                                    const Epoch& t) const;
  // The eccentricity record valid at t; among overlapping ones the one
  // starting last.
  absl::StatusOr<const SinexEccentricity*> EccentricityRecordAt(
      absl::string_view code, const Epoch& t) const;
  // Its (up, north, east) offset in metres; FAILED_PRECONDITION for an XYZ
  // record.
  absl::StatusOr<Eigen::Vector3d> EccentricityAt(absl::string_view code,
                                                 const Epoch& t) const;
};

// "YY:DDD:SSSSS" → the instant (UTC); nullopt for "00:000:00000".
absl::StatusOr<std::optional<Epoch>> ParseSinexEpoch(
    absl::string_view text,
    const LeapSecondTable& leap_seconds = LeapSecondTable::Builtin());

absl::StatusOr<SinexFile> ParseSinexText(
    absl::string_view text, absl::string_view source,
    const LeapSecondTable& leap_seconds = LeapSecondTable::Builtin());
absl::StatusOr<SinexFile> ReadSinexFile(
    const std::string& path,
    const LeapSecondTable& leap_seconds = LeapSecondTable::Builtin());

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_SINEX_H_
