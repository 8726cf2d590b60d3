// Copyright sstrack authors.
//
// astro/formats/omm.h — CCSDS Orbit Mean-Elements Messages (CCSDS 502.0-B-2,
// ODM section 4) carrying SGP4 mean elements, in the three syntaxes met in
// practice: KVN (keyword = value), XML (CCSDS 505.0 NDM/XML) and the JSON
// that CelesTrak and Space-Track serve with FORMAT=json.
//
// Keywords read (units in brackets; a KVN unit, or an XML units="..."
// attribute, must match when given):
//   CCSDS_OMM_VERS (2.0 or 3.0)
//   header    CREATION_DATE, ORIGINATOR, [MESSAGE_ID]
//   metadata  OBJECT_NAME, OBJECT_ID, CENTER_NAME = EARTH, REF_FRAME = TEME,
//             [REF_FRAME_EPOCH], TIME_SYSTEM = UTC,
//             MEAN_ELEMENT_THEORY = SGP4 or SGP/SGP4 (SGP4-XP is refused:
//             its elements need the SGP4-XP propagator)
//   elements  EPOCH, MEAN_MOTION [rev/day], ECCENTRICITY, INCLINATION [deg],
//             RA_OF_ASC_NODE [deg], ARG_OF_PERICENTER [deg],
//             MEAN_ANOMALY [deg], [GM [km**3/s**2]], [SEMI_MAJOR_AXIS [km]]
//   spacecraft [MASS [kg]], [SOLAR_RAD_AREA [m**2]], [SOLAR_RAD_COEFF],
//             [DRAG_AREA [m**2]], [DRAG_COEFF] (checked, not kept)
//   TLE       [EPHEMERIS_TYPE] (0-3; 4 = SGP4-XP refused),
//             [CLASSIFICATION_TYPE] (one letter, default U), NORAD_CAT_ID,
//             ELEMENT_SET_NO, REV_AT_EPOCH, BSTAR [1/ER],
//             MEAN_MOTION_DOT [rev/day**2], MEAN_MOTION_DDOT [rev/day**3]
// COMMENT lines, the covariance (COV_REF_FRAME, CX_X ... CZ_DOT_Z_DOT, or a
// COV_START/COV_STOP block) and USER_DEFINED_* parameters are skipped.
// Times are "YYYY-MM-DDThh:mm:ss[.f][Z]" or "YYYY-DDDThh:mm:ss[.f][Z]", UTC.
//
// MEAN_MOTION_DOT and MEAN_MOTION_DDOT carry the numbers of the TLE fields
// (ṅ/2 and n̈/6), as every public catalog writes them, so a TLE and its OMM
// give the same MeanElements. An OBJECT_NAME or OBJECT_ID of "UNKNOWN" (the
// CCSDS placeholder) reads as empty, and the writer writes empty as UNKNOWN.
//
// All of the above is mandatory except what is in [brackets] — with two
// allowances for the public catalogs: CREATION_DATE and ORIGINATOR may be
// empty (CelesTrak's XML has <CREATION_DATE/>), and JSON objects may leave
// out the version, header and the fixed metadata (CENTER_NAME, REF_FRAME,
// TIME_SYSTEM, MEAN_ELEMENT_THEORY: CelesTrak does), which then default to
// EARTH, TEME, UTC and SGP4. JSON keys that Space-Track adds to its GP class
// (SEMIMAJOR_AXIS, PERIOD, TLE_LINE1, DECAY_DATE, ...) are ignored; JSON
// null counts as absent.
//
// Rejections name source:line and the keyword: a missing mandatory keyword
// (at the line where the message starts), an unknown or repeated keyword, a
// bad number or time, a wrong unit, and values out of range (e < 0 or e ≥ 1,
// inclination outside [0, 180] deg, mean motion ≤ 0). In a file every OMM is
// judged alone: a bad one never spoils the others. A catalog number given
// again with identical elements counts as a duplicate, with different
// elements it is rejected (as in the TLE reader).
//
// Example:
//   absl::StatusOr<ElementFileResult> r = ReadOmmFile("gp.json");
//   for (const ElementRejection& x : r->rejections) LOG(WARNING) << x.message;
//   std::string kvn = FormatOmmKvn(r->elements[0]);
#ifndef SSTRACK_ASTRO_FORMATS_OMM_H_
#define SSTRACK_ASTRO_FORMATS_OMM_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/elements/mean_elements.h"
#include "astro/formats/element_format.h"
#include "astro/time/epoch.h"

namespace sstrack::astro {

// Exactly one OMM, in KVN, XML or JSON (detected). Errors read
// "line N: KEYWORD: reason", N counted from the start of `text`.
absl::StatusOr<MeanElements> ParseOmm(absl::string_view text);

// Every OMM in a text: KVN messages each starting at CCSDS_OMM_VERS, an XML
// <omm> or <ndm> of several, a JSON array of objects or one object.
// `source` prefixes the rejections ("source:line: ...").
ElementFileResult ParseOmmKvnText(absl::string_view text,
                                  absl::string_view source);
ElementFileResult ParseOmmXmlText(absl::string_view text,
                                  absl::string_view source);
ElementFileResult ParseOmmJsonText(absl::string_view text,
                                   absl::string_view source);
// Picks the syntax with DetectElementFormat; a text that is none of the
// three yields one rejection at line 1.
ElementFileResult ParseOmmText(absl::string_view text,
                               absl::string_view source);
// NOT_FOUND when the file cannot be read.
absl::StatusOr<ElementFileResult> ReadOmmFile(const std::string& path);

struct OmmKvnWriteOptions {
  std::string originator = "SSTRACK";
  // The message's CREATION_DATE; the element epoch when not given (a
  // library takes no wall-clock time of its own).
  std::optional<Epoch> creation_date;
};

// One OMM in KVN (version 2.0, SGP4 theory, TEME, UTC) with units, numbers
// to 15 significant digits and the epoch to the microsecond, so that
// ParseOmm(FormatOmmKvn(e)) gives e back (angles to ~1e-14 rad).
std::string FormatOmmKvn(const MeanElements& elements,
                         const OmmKvnWriteOptions& options = {});

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_OMM_H_
