// Copyright sstrack authors.
//
// astro/formats/tdm.h — CCSDS Tracking Data Messages (CCSDS 503.0-B-2,
// versions 1.0 and 2.0): the raw range, Doppler and angle measurements of
// ground stations and telescopes, for orbit determination. Read from KVN
// (keyword = value) and from NDM/XML (CCSDS 505.0); written as KVN.
//
// A message is a header (CCSDS_TDM_VERS, CREATION_DATE, ORIGINATOR,
// [MESSAGE_ID], COMMENTs) and segments, each a metadata block
// (META_START ... META_STOP) and a data block (DATA_START ... DATA_STOP)
// of lines "KEYWORD = time-tag value". Values are converted to SI:
//
//   data keyword           file unit      observable          SI value
//   RANGE                  km             kRange              m (× 1000)
//                          s (RANGE_UNITS = s): light time    m, c·t/(n−1)
//   DOPPLER_INSTANTANEOUS  km/s           kRangeRate          m/s
//   DOPPLER_INTEGRATED     km/s           kRangeRateIntegrated m/s
//   ANGLE_1 (AZEL, RADEC)  deg            kAzimuth, kRightAscension   rad
//   ANGLE_2 (AZEL, RADEC)  deg            kElevation, kDeclination    rad
//
// RANGE in seconds is the light time along the whole PATH of n participants
// (n − 1 legs); the reader gives the one-way equivalent c·t/(n − 1): c·t for
// a one-way path (2,1), c·t/2 for a round trip (1,2,1). RANGE_UNITS = RU
// (ranging units) needs the ranging code and is refused. Doppler follows the
// CCSDS sign: positive when the range increases. DOPPLER_INTEGRATED is the
// mean range rate over INTEGRATION_INTERVAL, tagged per INTEGRATION_REF.
// ANGLE_1 must lie in [−180, 360) deg, ANGLE_2 (elevation, declination) in
// [−90, 90] deg; values are kept as written, not wrapped.
//
// Time tags: in the segment's TIME_SYSTEM (UTC, TAI, TT or GPS; see
// ccsds_time.h), calendar or day-of-year form. An observation's epoch is its
// time tag as written: TIMETAG_REF says whether that is the time of
// transmission or of reception (default RECEIVE) and INTEGRATION_REF where it
// sits in the integration interval; the reader shifts nothing.
//
// Metadata kept (TdmSegmentMeta): TIME_SYSTEM (mandatory), PARTICIPANT_1
// (mandatory) .. PARTICIPANT_5, MODE (SEQUENTIAL), PATH, START_TIME,
// STOP_TIME, TIMETAG_REF, INTEGRATION_INTERVAL [s], INTEGRATION_REF,
// RANGE_MODE, RANGE_MODULUS, RANGE_UNITS, ANGLE_TYPE (AZEL, RADEC),
// REFERENCE_FRAME (with RADEC mandatory: EME2000, ICRF or GCRF),
// TRANSMIT_DELAY_n / RECEIVE_DELAY_n [s], DATA_QUALITY, CORRECTION_RANGE,
// CORRECTION_ANGLE_1/2, CORRECTION_DOPPLER, CORRECTION_ABERRATION_YEARLY /
// _DIURNAL [deg], CORRECTIONS_APPLIED, COMMENTs. Accepted and ignored (they
// only concern data types this reader does not read): TRACK_ID, DATA_TYPES,
// EPHEMERIS_NAME_n, TRANSMIT_BAND, RECEIVE_BAND, TURNAROUND_NUMERATOR,
// TURNAROUND_DENOMINATOR, FREQ_OFFSET, INTERPOLATION, INTERPOLATION_DEGREE,
// DOPPLER_COUNT_BIAS/SCALE/ROLLOVER, CORRECTION_MAG, CORRECTION_RCS,
// CORRECTION_RECEIVE, CORRECTION_TRANSMIT. A numeric metadata value may
// carry its unit, in brackets in KVN ("INTEGRATION_INTERVAL = 1.0 [s]") or
// as units="s" in XML; it is checked.
//
// Rejection policy — every rejection reads "source:line: KEYWORD: reason":
//   * a bad data line rejects that line only; the lines beside it are kept.
//     Bad: an unknown keyword, a TDM data type not read here (RECEIVE_FREQ,
//     TRANSMIT_FREQ_n, CARRIER_POWER, ...), not "time value", a bad time or
//     number, an angle out of range, an ANGLE_n without ANGLE_TYPE, a data
//     line outside DATA_START/DATA_STOP (in XML: an <observation> without
//     <EPOCH> or with two measurements).
//   * a bad metadata block rejects its segment, with one message (the first
//     problem in line order) and its data lines unread; the other segments
//     are kept. Bad: a missing TIME_SYSTEM or PARTICIPANT_1, an unknown or
//     repeated keyword, an unsupported value (TIME_SYSTEM UT1, ANGLE_TYPE
//     XSYE, MODE SINGLE_DIFF, RANGE_UNITS RU, RANGE_UNITS s without PATH, a
//     RADEC frame other than EME2000/ICRF/GCRF), a PATH naming a participant
//     not given, a bad number or time, a block not closed (no META_STOP or
//     DATA_STOP), a DATA_START with no metadata block before it.
//   * header problems (missing or unknown CCSDS_TDM_VERS, CREATION_DATE,
//     ORIGINATOR; unknown header keyword) are rejections too, but the
//     segments are still read.
//
// Example:
//   absl::StatusOr<TdmFile> tdm = ReadTdmFile("pass.tdm");
//   for (const TdmRejection& r : tdm->rejections) LOG(WARNING) << r.message;
//   for (const TdmSegment& s : tdm->segments)
//     for (const TdmObservation& o : s.observations) fit.Add(o);
//   absl::StatusOr<std::string> kvn = FormatTdmKvn(*tdm);
#ifndef SSTRACK_ASTRO_FORMATS_TDM_H_
#define SSTRACK_ASTRO_FORMATS_TDM_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/epoch.h"

namespace sstrack::astro {

// Speed of light (m/s), exact by the definition of the metre.
inline constexpr double kSpeedOfLightMPerS = 299792458.0;

enum class TdmObservable {
  kRange,                // m, one-way equivalent
  kRangeRate,            // m/s, instantaneous, positive = receding
  kRangeRateIntegrated,  // m/s, mean over the integration interval
  kAzimuth,              // rad (ANGLE_1, AZEL)
  kElevation,            // rad (ANGLE_2, AZEL)
  kRightAscension,       // rad (ANGLE_1, RADEC)
  kDeclination,          // rad (ANGLE_2, RADEC)
};
// "range", "range rate", ... for messages.
absl::string_view TdmObservableName(TdmObservable type);

enum class TdmAngleType { kNone, kAzEl, kRaDec };
enum class TdmRangeUnits { kKm, kSeconds };
enum class TdmTimetagRef { kReceive, kTransmit };
enum class TdmIntegrationRef { kStart, kMiddle, kEnd };

struct TdmObservation {
  Epoch epoch;  // the time tag (see TIMETAG_REF / INTEGRATION_REF)
  TdmObservable type = TdmObservable::kRange;
  double value = 0.0;  // m, m/s or rad
  int segment = 0;     // index into TdmFile::segments
  int line = 0;        // source line (0 for observations built in code)
};

struct TdmSegmentMeta {
  std::vector<std::string> comments;
  TimeScale time_system = TimeScale::kUtc;
  std::optional<Epoch> start_time, stop_time;
  std::vector<std::string> participants;     // [0] is PARTICIPANT_1
  std::string mode;                          // "SEQUENTIAL" or empty
  std::vector<int> path;                     // {1, 2, 1}: participant numbers
  std::optional<TdmTimetagRef> timetag_ref;  // absent: RECEIVE
  std::optional<double> integration_interval_s;
  std::optional<TdmIntegrationRef> integration_ref;
  std::string range_mode;                    // COHERENT, CONSTANT, ONE_WAY
  std::optional<double> range_modulus_m;     // in the range's SI form
  std::optional<TdmRangeUnits> range_units;  // absent: km
  TdmAngleType angle_type = TdmAngleType::kNone;
  std::string reference_frame;  // EME2000, ICRF, GCRF for RADEC
  std::map<int, double> transmit_delay_s, receive_delay_s;  // by participant
  std::string data_quality;  // RAW, VALIDATED, DEGRADED
  std::optional<double> correction_range_m;
  std::optional<double> correction_angle_1_rad, correction_angle_2_rad;
  std::optional<double> correction_doppler_m_per_s;
  std::optional<double> correction_aberration_yearly_rad;
  std::optional<double> correction_aberration_diurnal_rad;
  std::optional<bool> corrections_applied;
  int line = 0;  // META_START
};

struct TdmSegment {
  TdmSegmentMeta meta;
  std::vector<std::string> data_comments;    // COMMENTs of the data block
  std::vector<TdmObservation> observations;  // in file order
};

struct TdmHeader {
  std::string version = "2.0";
  std::vector<std::string> comments;
  Epoch creation_date;  // UTC in the file
  std::string originator;
  std::string message_id;  // optional (version 2.0)
};

struct TdmRejection {
  int line = 0;
  std::string message;  // "source:line: KEYWORD: reason"
};

struct TdmFile {
  TdmHeader header;
  std::vector<TdmSegment> segments;      // the segments that were read
  std::vector<TdmRejection> rejections;  // in line order
};

// Metres of one-way range per unit of a RANGE value (and of RANGE_MODULUS,
// CORRECTION_RANGE) in `meta.range_units`: 1000 for km, c/(n − 1) for
// seconds of light time over a PATH of n ≥ 2 participants.
absl::StatusOr<double> TdmRangeScale(const TdmSegmentMeta& meta);

// KVN or XML, told apart by the first non-blank character ('<' → XML).
TdmFile ParseTdmText(absl::string_view text, absl::string_view source);
TdmFile ParseTdmKvnText(absl::string_view text, absl::string_view source);
TdmFile ParseTdmXmlText(absl::string_view text, absl::string_view source);
// NOT_FOUND when the file cannot be read; bad content is in rejections.
absl::StatusOr<TdmFile> ReadTdmFile(const std::string& path);

// KVN, version 2.0. Times to the nanosecond in each segment's TIME_SYSTEM,
// values as the shortest decimal (≤ 17 digits) in the file unit that the
// reader turns back into the same double, so ParseTdmKvnText(FormatTdmKvn(f))
// gives f again bit for bit (line numbers apart) for every file the reader
// produced; a value computed elsewhere comes back within one unit in the last
// place (some doubles are not the product of any decimal and π/180).
// INVALID_ARGUMENT for what KVN cannot say: an unsupported time system, an
// observable that does not match the segment's ANGLE_TYPE, RANGE_UNITS = s
// without a PATH, a PATH number with no participant, a comment with a newline.
absl::StatusOr<std::string> FormatTdmKvn(const TdmFile& file);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_TDM_H_
