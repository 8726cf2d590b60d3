// Copyright sstrack authors.
//
// OMM files: syntax dispatch, per-message judgement, duplicates, and the KVN
// writer.
#include "astro/formats/omm.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "astro/formats/omm_internal.h"
#include "astro/formats/omm_time.h"

namespace sstrack::astro {
namespace {

using omm_internal::Error;
using omm_internal::Split;

constexpr double kDeg = M_PI / 180.0;
constexpr double kRevPerDayToRadPerMin = 2.0 * M_PI / 1440.0;

// Every field, exactly: two sets with the same key are the same set.
std::string ElementsKey(const MeanElements& e) {
  return absl::StrFormat(
      "%d|%s|%s|%c|%d|%d|%d|%.17g|%.17g|%.17g|%.17g|%.17g|%.17g|%.17g|%.17g|%."
      "17g|%.17g|"
      "%.17g|%.17g",
      e.catalog_number, e.international_designator, e.name, e.classification,
      e.element_set_number, e.revolution_number, e.epoch.tai_whole_seconds(),
      e.epoch.tai_fraction_seconds(), e.epoch_utc_jd1, e.epoch_utc_jd2,
      e.mean_motion_rad_per_min, e.eccentricity, e.inclination_rad, e.raan_rad,
      e.arg_perigee_rad, e.mean_anomaly_rad, e.bstar_per_earth_radii,
      e.mean_motion_dot_rad_per_min2, e.mean_motion_ddot_rad_per_min3);
}

ElementFileResult Judge(const Split& split, ElementFormat format,
                        absl::string_view source) {
  ElementFileResult out;
  out.format = format;
  auto reject = [&](const Error& e) {
    out.rejections.push_back(
        {e.line, absl::StrCat(source, ":", e.line, ": ", e.what)});
  };
  for (const Error& e : split.stray) reject(e);
  std::map<int, std::pair<std::string, int>> seen;  // number → (key, line)
  for (const omm_internal::Message& m : split.messages) {
    MeanElements el;
    if (std::optional<Error> e = omm_internal::ElementsFromMessage(m, &el)) {
      reject(*e);
      continue;
    }
    std::string key = ElementsKey(el);
    auto it = seen.find(el.catalog_number);
    if (it != seen.end()) {
      if (it->second.first == key) {
        ++out.duplicates;
      } else {
        reject({m.line,
                absl::StrCat("NORAD_CAT_ID: catalog number ", el.catalog_number,
                             " already given with different elements at line ",
                             it->second.second)});
      }
      continue;
    }
    seen[el.catalog_number] = {std::move(key), m.line};
    out.elements.push_back(std::move(el));
  }
  std::stable_sort(out.rejections.begin(), out.rejections.end(),
                   [](const ElementRejection& a, const ElementRejection& b) {
                     return a.line < b.line;
                   });
  return out;
}

// "%.15g": 15 significant digits drop the last-bit noise of the unit
// conversions and keep every digit a TLE or a catalog gives.
std::string Num(double v) { return absl::StrFormat("%.15g", v); }

}  // namespace

ElementFileResult ParseOmmKvnText(absl::string_view text,
                                  absl::string_view source) {
  return Judge(omm_internal::SplitKvn(text), ElementFormat::kOmmKvn, source);
}

ElementFileResult ParseOmmXmlText(absl::string_view text,
                                  absl::string_view source) {
  return Judge(omm_internal::SplitXml(text), ElementFormat::kOmmXml, source);
}

ElementFileResult ParseOmmJsonText(absl::string_view text,
                                   absl::string_view source) {
  return Judge(omm_internal::SplitJson(text), ElementFormat::kOmmJson, source);
}

ElementFileResult ParseOmmText(absl::string_view text,
                               absl::string_view source) {
  switch (DetectElementFormat(text)) {
    case ElementFormat::kOmmKvn:
      return ParseOmmKvnText(text, source);
    case ElementFormat::kOmmXml:
      return ParseOmmXmlText(text, source);
    case ElementFormat::kOmmJson:
      return ParseOmmJsonText(text, source);
    default:
      break;
  }
  ElementFileResult out;
  out.rejections.push_back(
      {1, absl::StrCat(source,
                       ":1: not an OMM (expected KVN starting with "
                       "CCSDS_OMM_VERS, XML <omm>/<ndm>, or JSON)")});
  return out;
}

absl::StatusOr<MeanElements> ParseOmm(absl::string_view text) {
  Split split;
  switch (DetectElementFormat(text)) {
    case ElementFormat::kOmmKvn:
      split = omm_internal::SplitKvn(text);
      break;
    case ElementFormat::kOmmXml:
      split = omm_internal::SplitXml(text);
      break;
    case ElementFormat::kOmmJson:
      split = omm_internal::SplitJson(text);
      break;
    default:
      return absl::InvalidArgumentError(
          "line 1: not an OMM (expected KVN, XML or JSON)");
  }
  if (!split.stray.empty()) {
    const Error& e = split.stray.front();
    return absl::InvalidArgumentError(
        absl::StrCat("line ", e.line, ": ", e.what));
  }
  if (split.messages.size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("line 1: ", split.messages.size(),
                     " OMMs in the text, expected exactly one"));
  }
  MeanElements el;
  if (std::optional<Error> e =
          omm_internal::ElementsFromMessage(split.messages[0], &el)) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", e->line, ": ", e->what));
  }
  return el;
}

absl::StatusOr<ElementFileResult> ReadOmmFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseOmmText(ss.str(), path);
}

std::string FormatOmmKvn(const MeanElements& e, const OmmKvnWriteOptions& o) {
  std::string out;
  auto kv = [&](absl::string_view k, absl::string_view v,
                absl::string_view unit = "") {
    absl::StrAppend(&out, absl::StrFormat("%-19s = %s", k, v));
    if (!unit.empty()) absl::StrAppend(&out, " [", unit, "]");
    absl::StrAppend(&out, "\n");
  };
  auto or_unknown = [](const std::string& s) {
    return s.empty() ? std::string("UNKNOWN") : s;
  };
  const double rev_per_day2 = 1440.0 * 1440.0 / (2 * M_PI);
  kv("CCSDS_OMM_VERS", "2.0");
  kv("CREATION_DATE", FormatOmmTime(o.creation_date.value_or(e.epoch)));
  kv("ORIGINATOR", o.originator.empty() ? "UNKNOWN" : o.originator);
  out += "\n";
  kv("OBJECT_NAME", or_unknown(e.name));
  kv("OBJECT_ID", or_unknown(e.international_designator));
  kv("CENTER_NAME", "EARTH");
  kv("REF_FRAME", "TEME");
  kv("TIME_SYSTEM", "UTC");
  kv("MEAN_ELEMENT_THEORY", "SGP4");
  out += "\n";
  kv("EPOCH", FormatOmmTime(e.epoch));
  kv("MEAN_MOTION", Num(e.mean_motion_rad_per_min / kRevPerDayToRadPerMin),
     "rev/day");
  kv("ECCENTRICITY", Num(e.eccentricity));
  kv("INCLINATION", Num(e.inclination_rad / kDeg), "deg");
  kv("RA_OF_ASC_NODE", Num(e.raan_rad / kDeg), "deg");
  kv("ARG_OF_PERICENTER", Num(e.arg_perigee_rad / kDeg), "deg");
  kv("MEAN_ANOMALY", Num(e.mean_anomaly_rad / kDeg), "deg");
  out += "\n";
  kv("EPHEMERIS_TYPE", "0");
  kv("CLASSIFICATION_TYPE", std::string(1, e.classification));
  kv("NORAD_CAT_ID", absl::StrCat(e.catalog_number));
  kv("ELEMENT_SET_NO", absl::StrCat(e.element_set_number));
  kv("REV_AT_EPOCH", absl::StrCat(e.revolution_number));
  kv("BSTAR", Num(e.bstar_per_earth_radii), "1/ER");
  kv("MEAN_MOTION_DOT", Num(e.mean_motion_dot_rad_per_min2 * rev_per_day2),
     "rev/day**2");
  kv("MEAN_MOTION_DDOT",
     Num(e.mean_motion_ddot_rad_per_min3 * rev_per_day2 * 1440.0),
     "rev/day**3");
  return out;
}

}  // namespace sstrack::astro
