// Copyright sstrack authors.
//
// astro/formats/crd.h — ILRS Consolidated laser Ranging Data format (CRD),
// version 1 (1.01): normal points, meteorological and calibration records.
//
// A CRD file is a sequence of sessions (passes). Records are blank-separated
// and the record type is case-insensitive ("h1" = "H1"):
//   H1 "CRD" version, production date          H2 station name, CDP pad id,
//   H3 target name, ILRS id, SIC, NORAD, ...      system no., occupancy no.,
//   H4 data type, start and end date-time,        station time scale
//      data release, correction flags, range type indicator, quality alert
//   C0..C7 configuration (skipped)   10 full-rate range (counted, skipped)
//   11 normal point                  20 meteorological
//   40 calibration                   12, 21, 30, 41, 42, 50, 60, 9x (skipped)
//   00 comment                       H8 end of session   H9 end of file
//
// Record 11: seconds of day, time of flight (s), system configuration id,
// epoch event, window length (s), number of raw ranges, bin RMS (ps), bin
// skew, bin kurtosis, bin peak−mean (ps), return rate (%), detector channel.
// Record 20: seconds of day, pressure (hPa = mbar), temperature (K),
// relative humidity (%), origin (0 measured, 1 interpolated).
// Record 40: seconds of day, type of data, system configuration id, points
// recorded, points used, one-way target distance (m), system delay (ps),
// delay shift (ps), RMS (ps), skew, kurtosis, peak−mean (ps), calibration
// type, shift type, detector channel.
//
// Epoch event (the instant the time tag refers to): 0 ground receive time,
// 1 spacecraft bounce time, 2 ground transmit time (all two-way), 3..6 one-way
// variants. Range type indicator (H4): 0 none, 1 one-way, 2 two-way,
// 3 receive times only, 4 mixed. Station time scale (H2): 3 UTC(USNO),
// 4 UTC(GPS), 7 UTC(BIPM), 10 UTC(station) — all read as UTC.
//
// Time tags: a record gives only the seconds of the day; the date comes from
// H4. A pass may cross midnight (seconds of day wrap to 0) and a met record
// may precede the H4 start, so each time tag is placed on the day (H4 start
// day −1, 0, +1, +2) that puts it nearest the middle of the H4 interval. This
// is exact for sessions shorter than 24 h, which a pass always is.
//
// Units: SI in the result (seconds, pascal, kelvin); the file's picoseconds
// and hectopascals are converted on reading. Errors are INVALID_ARGUMENT and
// read "<file>:<line>: record <type>: field <i> (<name>): <reason>"; the first
// error stops the reading.
//
// Example:
//   absl::StatusOr<CrdFile> crd = ReadCrdFile("lageos2_20160214.npt");
//   for (const CrdSession& s : crd->sessions)
//     for (const CrdNormalPoint& np : s.normal_points) {
//       absl::StatusOr<CrdMeteo> met = MeteoAt(s, np.epoch);
//       ...
//     }
#ifndef SSTRACK_ASTRO_FORMATS_CRD_H_
#define SSTRACK_ASTRO_FORMATS_CRD_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/epoch.h"
#include "astro/time/utc.h"

namespace sstrack::astro {

struct CrdNormalPoint {
  Epoch epoch;  // the time tag (UTC), meaning given by epoch_event
  double two_way_time_of_flight_s = 0.0;
  std::string system_configuration_id;
  int epoch_event = 0;
  double window_length_s = 0.0;
  int num_ranges = 0;
  double bin_rms_s = 0.0;           // RMS of the raw ranges about the mean
  double return_rate_percent = -1;  // -1 when not given
  int line = 0;                     // line in the file
};

struct CrdMeteo {
  Epoch epoch;
  double pressure_pa = 0.0;
  double temperature_k = 0.0;
  double relative_humidity_percent = 0.0;
  int origin = 0;  // 0 measured, 1 interpolated
  int line = 0;
};

struct CrdCalibration {
  Epoch epoch;
  int data_type = 0;  // 0 station combined, 1 transmit, 2 receive, 3.. target
  std::string system_configuration_id;
  int num_points_recorded = -1;
  int num_points_used = -1;
  double target_distance_one_way_m = -1.0;
  double system_delay_s = 0.0;
  double delay_shift_s = 0.0;
  double rms_s = 0.0;
  int calibration_type = 0;  // 0 undefined, 1 nominal, 2 external, ...
  int shift_type = 0;
  int line = 0;
};

struct CrdSession {
  int first_line = 0;  // the H1 line
  int format_version = 1;
  // H2
  std::string station_name;
  int station_id = 0;  // CDP pad identifier, e.g. 7090
  int system_number = 0;
  int occupancy_number = 0;
  int station_time_scale = 0;
  // H3
  std::string target_name;
  std::string ilrs_id;  // COSPAR-derived, e.g. "9207002"
  int sic = -1;
  int norad_id = -1;  // -1 when the file does not give it
  int spacecraft_time_scale = 0;
  int target_type = 0;  // 1 passive retroreflector, ...
  // H4
  int data_type = 0;  // 0 full rate, 1 normal points, 2 sampled engineering
  Epoch start;
  Epoch end;
  int data_release = 0;
  bool troposphere_corrected = false;
  bool center_of_mass_corrected = false;
  bool amplitude_corrected = false;
  bool station_delay_applied = false;
  bool spacecraft_delay_applied = false;
  int range_type = 0;  // 2 = two-way
  int data_quality_alert = 0;
  // The normal points' epoch event when they all share one (the usual
  // case), −1 when they differ or there are none.
  int epoch_event = -1;

  std::vector<CrdNormalPoint> normal_points;
  std::vector<CrdMeteo> meteo;
  std::vector<CrdCalibration> calibrations;
  int num_full_rate_records = 0;  // record 10, not kept
};

struct CrdFile {
  std::vector<CrdSession> sessions;
};

absl::StatusOr<CrdFile> ParseCrdText(
    absl::string_view text, absl::string_view source,
    const LeapSecondTable& leap_seconds = LeapSecondTable::Builtin());
absl::StatusOr<CrdFile> ReadCrdFile(
    const std::string& path,
    const LeapSecondTable& leap_seconds = LeapSecondTable::Builtin());

// The session's weather at `t`: linear interpolation in time between the two
// records that bracket it (each quantity separately); before the first or
// after the last record, that record unchanged (met stations report every
// few minutes, so holding the end value is the honest extrapolation). The
// epoch of the result is `t`; `origin` is 1 unless `t` falls on a record.
// FAILED_PRECONDITION when the session has no meteorological record.
absl::StatusOr<CrdMeteo> MeteoAt(const CrdSession& session, const Epoch& t);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_CRD_H_
