// Copyright sstrack authors.
//
// astro/formats/tdm_internal.h — the pieces the TDM reader and writer
// share; not for use outside astro/formats/tdm*.cc.
//
// Each syntax (KVN, XML) is first split into a raw message: header fields,
// and segments of metadata fields and data records, all as text with their
// lines, plus the structural problems met on the way. One judge
// (tdm.cc) then checks and converts them, so both syntaxes obey the same
// rules and give the same messages.
#ifndef SSTRACK_ASTRO_FORMATS_TDM_INTERNAL_H_
#define SSTRACK_ASTRO_FORMATS_TDM_INTERNAL_H_

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/formats/tdm.h"

namespace sstrack::astro::tdm_internal {

// Degrees → radians, the one factor the reader multiplies by and the writer
// inverts.
inline constexpr double kRadPerDeg = M_PI / 180.0;
// km → m and km/s → m/s.
inline constexpr double kMPerKm = 1000.0;

struct Error {
  int line = 0;
  std::string what;  // "KEYWORD: reason"
};

struct Field {
  std::string keyword;
  std::string value;                // trimmed
  std::optional<std::string> unit;  // "[...]" in KVN, units="..." in XML
  int line = 0;
};

// One data line: "KEYWORD = time value" in KVN, an <observation> in XML.
struct DataRecord {
  std::string keyword;
  std::string time;
  std::string value;
  int line = 0;
  std::string error;  // non-empty: the line is malformed ("KEYWORD: ...")
};

struct RawSegment {
  int line = 0;             // META_START (DATA_START when there is none)
  std::vector<Field> meta;  // COMMENTs included, keyword "COMMENT"
  std::vector<std::string> data_comments;
  std::vector<DataRecord> data;
  std::optional<Error> error;  // structural problem: the segment is rejected
};

struct RawTdm {
  std::vector<Field> header;  // CCSDS_TDM_VERS first when present
  int first_line = 1;         // where the message starts (for "missing")
  std::vector<RawSegment> segments;
  std::vector<Error> stray;  // line-level problems outside any segment
  bool unreadable = false;   // not a TDM at all: the stray error says why
};

RawTdm SplitKvn(absl::string_view text);
RawTdm SplitXml(absl::string_view text);

// Checks a segment's metadata fields and fills `meta`; the first problem in
// line order when there is one (`segment_line` is where "missing" points).
std::optional<Error> MetaFromFields(const std::vector<Field>& fields,
                                    int segment_line, TdmSegmentMeta* meta);

// True for the data keywords of CCSDS 503.0-B-2 that this reader does not
// convert (frequencies, phase counts, powers, media, clock, ...).
bool IsUnsupportedDataKeyword(absl::string_view keyword);

// "KEYWORD = value" lines: keyword of upper-case letters, digits and '_'.
bool IsKeyword(absl::string_view keyword);

// A strictly parsed finite decimal number.
bool ParseNumber(absl::string_view text, double* value);

}  // namespace sstrack::astro::tdm_internal

#endif  // SSTRACK_ASTRO_FORMATS_TDM_INTERNAL_H_
