// Copyright sstrack authors.
//
// TDM files: syntax dispatch, the header, and the data lines of each
// segment judged one by one.
#include "astro/formats/tdm.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "astro/formats/ccsds_time.h"
#include "astro/formats/tdm_internal.h"

namespace sstrack::astro {
namespace {

using tdm_internal::DataRecord;
using tdm_internal::Error;
using tdm_internal::Field;
using tdm_internal::RawSegment;
using tdm_internal::RawTdm;

constexpr absl::string_view kReadKeywords =
    "RANGE, DOPPLER_INSTANTANEOUS, DOPPLER_INTEGRATED, ANGLE_1, ANGLE_2";

// The header fields → file.header; problems → errors.
void ReadHeader(const RawTdm& raw, TdmHeader* header,
                std::vector<Error>* errors) {
  auto fail = [&](const Field& f, absl::string_view why) {
    errors->push_back({f.line, absl::StrCat(f.keyword, ": ", why)});
  };
  std::set<std::string> seen;
  for (size_t i = 0; i < raw.header.size(); ++i) {
    const Field& f = raw.header[i];
    if (f.keyword == "COMMENT") {
      header->comments.push_back(f.value);
      continue;
    }
    if (!seen.insert(f.keyword).second) {
      fail(f, "given twice");
    } else if (f.keyword == "CCSDS_TDM_VERS") {
      if (f.value != "1.0" && f.value != "2.0") {
        fail(f,
             absl::StrCat("version '", f.value, "' not supported (1.0, 2.0)"));
      } else {
        header->version = f.value;
      }
      if (seen.size() != 1) fail(f, "must be the first keyword");
    } else if (f.keyword == "CREATION_DATE") {
      absl::StatusOr<Epoch> t = ParseCcsdsTime(f.value, TimeScale::kUtc);
      if (t.ok()) {
        header->creation_date = *t;
      } else {
        fail(f, t.status().message());
      }
    } else if (f.keyword == "ORIGINATOR") {
      header->originator = f.value;
    } else if (f.keyword == "MESSAGE_ID") {
      header->message_id = f.value;
    } else {
      fail(f, "not a TDM header keyword (before the first META_START)");
    }
  }
  for (absl::string_view k :
       {"CCSDS_TDM_VERS", "CREATION_DATE", "ORIGINATOR"}) {
    if (seen.count(std::string(k)) == 0) {
      errors->push_back(
          {raw.first_line, absl::StrCat(k, ": missing (mandatory keyword)")});
    }
  }
}

// One data record of a segment whose metadata was accepted.
std::optional<Error> Observe(const DataRecord& r, const TdmSegmentMeta& meta,
                             TdmObservation* obs) {
  auto fail = [&](absl::string_view why) {
    return Error{r.line, absl::StrCat(r.keyword, ": ", why)};
  };
  if (!r.error.empty()) return Error{r.line, r.error};
  double scale = 1.0;
  if (r.keyword == "RANGE") {
    absl::StatusOr<double> s = TdmRangeScale(meta);
    if (!s.ok()) return fail(s.status().message());
    obs->type = TdmObservable::kRange;
    scale = *s;
  } else if (r.keyword == "DOPPLER_INSTANTANEOUS") {
    obs->type = TdmObservable::kRangeRate;
    scale = tdm_internal::kMPerKm;
  } else if (r.keyword == "DOPPLER_INTEGRATED") {
    obs->type = TdmObservable::kRangeRateIntegrated;
    scale = tdm_internal::kMPerKm;
  } else if (r.keyword == "ANGLE_1" || r.keyword == "ANGLE_2") {
    const bool first = r.keyword == "ANGLE_1";
    if (meta.angle_type == TdmAngleType::kNone) {
      return fail("no ANGLE_TYPE in the metadata");
    }
    const bool azel = meta.angle_type == TdmAngleType::kAzEl;
    obs->type =
        first
            ? (azel ? TdmObservable::kAzimuth : TdmObservable::kRightAscension)
            : (azel ? TdmObservable::kElevation : TdmObservable::kDeclination);
    scale = tdm_internal::kRadPerDeg;
  } else if (tdm_internal::IsUnsupportedDataKeyword(r.keyword)) {
    return fail(
        absl::StrCat("data type not supported (read: ", kReadKeywords, ")"));
  } else {
    return fail("not a TDM data keyword");
  }
  absl::StatusOr<Epoch> t = ParseCcsdsTime(r.time, meta.time_system);
  if (!t.ok()) return fail(t.status().message());
  double v = 0.0;
  if (!tdm_internal::ParseNumber(r.value, &v)) {
    return fail(absl::StrCat("'", r.value, "' is not a number"));
  }
  if (r.keyword == "ANGLE_1" && !(v >= -180.0 && v < 360.0)) {
    return fail(absl::StrCat(r.value, " deg not in [-180, 360)"));
  }
  if (r.keyword == "ANGLE_2" && !(v >= -90.0 && v <= 90.0)) {
    return fail(absl::StrCat(r.value, " deg not in [-90, 90]"));
  }
  obs->epoch = *t;
  obs->value = v * scale;
  obs->line = r.line;
  return std::nullopt;
}

TdmFile Judge(const RawTdm& raw, absl::string_view source) {
  TdmFile out;
  std::vector<Error> errors = raw.stray;
  if (!raw.unreadable) ReadHeader(raw, &out.header, &errors);
  for (const RawSegment& rs : raw.segments) {
    if (rs.error.has_value()) {
      errors.push_back(*rs.error);
      continue;
    }
    TdmSegment seg;
    if (std::optional<Error> e =
            tdm_internal::MetaFromFields(rs.meta, rs.line, &seg.meta)) {
      errors.push_back(*e);
      continue;
    }
    seg.data_comments = rs.data_comments;
    const int index = static_cast<int>(out.segments.size());
    for (const DataRecord& r : rs.data) {
      TdmObservation obs;
      obs.segment = index;
      if (std::optional<Error> e = Observe(r, seg.meta, &obs)) {
        errors.push_back(*e);
      } else {
        seg.observations.push_back(obs);
      }
    }
    out.segments.push_back(std::move(seg));
  }
  std::stable_sort(
      errors.begin(), errors.end(),
      [](const Error& a, const Error& b) { return a.line < b.line; });
  for (const Error& e : errors) {
    out.rejections.push_back(
        {e.line, absl::StrCat(source, ":", e.line, ": ", e.what)});
  }
  return out;
}

}  // namespace

absl::string_view TdmObservableName(TdmObservable type) {
  switch (type) {
    case TdmObservable::kRange:
      return "range";
    case TdmObservable::kRangeRate:
      return "range rate";
    case TdmObservable::kRangeRateIntegrated:
      return "integrated range rate";
    case TdmObservable::kAzimuth:
      return "azimuth";
    case TdmObservable::kElevation:
      return "elevation";
    case TdmObservable::kRightAscension:
      return "right ascension";
    case TdmObservable::kDeclination:
      return "declination";
  }
  return "?";
}

absl::StatusOr<double> TdmRangeScale(const TdmSegmentMeta& meta) {
  if (meta.range_units.value_or(TdmRangeUnits::kKm) == TdmRangeUnits::kKm) {
    return tdm_internal::kMPerKm;
  }
  if (meta.path.size() < 2) {
    return absl::InvalidArgumentError(
        "RANGE_UNITS = s (light time) needs a PATH to tell one-way from "
        "round-trip");
  }
  return kSpeedOfLightMPerS / static_cast<double>(meta.path.size() - 1);
}

TdmFile ParseTdmKvnText(absl::string_view text, absl::string_view source) {
  return Judge(tdm_internal::SplitKvn(text), source);
}

TdmFile ParseTdmXmlText(absl::string_view text, absl::string_view source) {
  return Judge(tdm_internal::SplitXml(text), source);
}

TdmFile ParseTdmText(absl::string_view text, absl::string_view source) {
  absl::string_view s = text;
  absl::ConsumePrefix(&s, "\xEF\xBB\xBF");
  s = absl::StripLeadingAsciiWhitespace(s);
  if (!s.empty() && s[0] == '<') return ParseTdmXmlText(text, source);
  return ParseTdmKvnText(text, source);
}

absl::StatusOr<TdmFile> ReadTdmFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseTdmText(buffer.str(), path);
}

}  // namespace sstrack::astro
