// Copyright sstrack authors.
//
// astro/formats/cpf.h — ILRS Consolidated Prediction Format (CPF), version 1:
// the tabulated orbit predictions that laser stations point with.
//
// Blank-separated records, the type first:
//   H1 "CPF", version, ephemeris source, production year month day hour,
//      ephemeris sequence number, target name, [notes]
//   H2 ILRS id, SIC, NORAD, start y m d h m s, end y m d h m s, step (s),
//      TIV compatibility, target class, reference frame (0 ITRF, 1 true of
//      date, 2 J2000), rotation angle type, centre-of-mass correction applied
//   H3 along-track run-off, H4 transponder (skipped)
//   H5 centre-of-mass correction (m, for spheres)
//   H9 end of header
//   10 direction flag (0 common epoch; 1 transmit, 2 receive for one-way
//      targets), MJD, seconds of day, leap-second flag (0, or the new
//      TAI−UTC on a leap-second day), x y z (m, geocentric, the H2 frame)
//   20 velocity, 30 corrections, 40 transponder, 50 offset, 60 rotation,
//      70 Earth orientation (skipped)    00 comment    99 end of file
// Epochs are UTC: the MJD's midnight plus the seconds elapsed since, so a
// record inside an inserted leap second is placed right.
//
// Only reference frame 0 is read (the positions are ITRF); other frames are
// UNIMPLEMENTED. Only direction-0 records are kept (the others are counted),
// and their epochs must increase. Errors are INVALID_ARGUMENT
// "<file>:<line>: record <type>: field <i> (<name>): <reason>".
//
// Interpolation: Lagrange polynomial through the `num_points` nodes nearest
// t (a window centred on t, shifted inward at the ends of the table), in
// times relative to t. On a smooth orbit of LAGEOS-2's size tabulated every
// 5 minutes, 10 points are good to 0.04 mm inside the table and ~2 mm in its
// first and last interval. The SGF LAGEOS-2 prediction itself is not smooth
// below a few cm (its nodes alternate by 1–4 cm about a smooth curve, see
// cpf_test.cc), and is only accurate to metres anyway.
//
// Example:
//   absl::StatusOr<CpfFile> cpf = ReadCpfFile("lageos2_cpf_160213_5441.sgf");
//   absl::StatusOr<Eigen::Vector3d> r = CpfPositionAt(*cpf, t);
#ifndef SSTRACK_ASTRO_FORMATS_CPF_H_
#define SSTRACK_ASTRO_FORMATS_CPF_H_

#include <Eigen/Core>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/epoch.h"
#include "astro/time/utc.h"

namespace sstrack::astro {

struct CpfHeader {
  // H1
  int format_version = 1;
  std::string ephemeris_source;  // e.g. "SGF"
  int production_year = 0, production_month = 0, production_day = 0,
      production_hour = 0;
  int sequence_number = 0;
  std::string target_name;
  // H2
  std::string ilrs_id;  // e.g. "9207002"
  int sic = -1;
  int norad_id = -1;
  Epoch start;
  Epoch end;
  int step_s = 0;
  int tiv_compatibility = 0;
  int target_class = 0;     // 1 passive retroreflector
  int reference_frame = 0;  // 0 ITRF
  int rotation_angle_type = 0;
  bool center_of_mass_applied = false;
  // H5
  double center_of_mass_correction_m = 0.0;
};

struct CpfPosition {
  Epoch epoch;  // UTC
  Eigen::Vector3d position_itrf_m = Eigen::Vector3d::Zero();
  int leap_second_flag = 0;
  int line = 0;
};

struct CpfFile {
  CpfHeader header;
  std::vector<CpfPosition> positions;  // direction 0, increasing epochs
  int num_other_direction_records = 0;
  int num_skipped_records = 0;  // 20..70
};

absl::StatusOr<CpfFile> ParseCpfText(
    absl::string_view text, absl::string_view source,
    const LeapSecondTable& leap_seconds = LeapSecondTable::Builtin());
absl::StatusOr<CpfFile> ReadCpfFile(
    const std::string& path,
    const LeapSecondTable& leap_seconds = LeapSecondTable::Builtin());

// ITRF position at t by Lagrange interpolation (see the header).
// OUT_OF_RANGE outside [first, last] epoch; INVALID_ARGUMENT for
// num_points outside [2, 16]; FAILED_PRECONDITION with fewer nodes.
absl::StatusOr<Eigen::Vector3d> CpfPositionAt(const CpfFile& cpf,
                                              const Epoch& t,
                                              int num_points = 10);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_CPF_H_
