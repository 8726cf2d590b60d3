// Copyright sstrack authors.
//
// The OMM keyword table and the checker that turns one message's fields into
// MeanElements (see omm.h for the rules).
#include <cmath>
#include <initializer_list>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "astro/formats/omm_internal.h"
#include "astro/formats/omm_time.h"

namespace sstrack::astro::omm_internal {
namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kRevPerDayToRadPerMin = 2.0 * M_PI / 1440.0;

enum class Kind { kText, kReal, kInt, kTime };
enum class Need {
  kOptional,
  kMandatory,   // in every syntax
  kStructural,  // mandatory in KVN and XML; JSON may leave it out
  kHeader,      // mandatory in KVN and XML but may be empty; JSON optional
};

struct Spec {
  absl::string_view keyword;
  Kind kind;
  absl::string_view unit;  // "" = none
  Need need;
};

constexpr Spec kSpecs[] = {
    {"CCSDS_OMM_VERS", Kind::kText, "", Need::kStructural},
    {"CREATION_DATE", Kind::kTime, "", Need::kHeader},
    {"ORIGINATOR", Kind::kText, "", Need::kHeader},
    {"MESSAGE_ID", Kind::kText, "", Need::kOptional},
    {"OBJECT_NAME", Kind::kText, "", Need::kMandatory},
    {"OBJECT_ID", Kind::kText, "", Need::kMandatory},
    {"CENTER_NAME", Kind::kText, "", Need::kStructural},
    {"REF_FRAME", Kind::kText, "", Need::kStructural},
    {"REF_FRAME_EPOCH", Kind::kTime, "", Need::kOptional},
    {"TIME_SYSTEM", Kind::kText, "", Need::kStructural},
    {"MEAN_ELEMENT_THEORY", Kind::kText, "", Need::kStructural},
    {"EPOCH", Kind::kTime, "", Need::kMandatory},
    {"SEMI_MAJOR_AXIS", Kind::kReal, "km", Need::kOptional},
    {"MEAN_MOTION", Kind::kReal, "rev/day", Need::kMandatory},
    {"ECCENTRICITY", Kind::kReal, "", Need::kMandatory},
    {"INCLINATION", Kind::kReal, "deg", Need::kMandatory},
    {"RA_OF_ASC_NODE", Kind::kReal, "deg", Need::kMandatory},
    {"ARG_OF_PERICENTER", Kind::kReal, "deg", Need::kMandatory},
    {"MEAN_ANOMALY", Kind::kReal, "deg", Need::kMandatory},
    {"GM", Kind::kReal, "km**3/s**2", Need::kOptional},
    {"MASS", Kind::kReal, "kg", Need::kOptional},
    {"SOLAR_RAD_AREA", Kind::kReal, "m**2", Need::kOptional},
    {"SOLAR_RAD_COEFF", Kind::kReal, "", Need::kOptional},
    {"DRAG_AREA", Kind::kReal, "m**2", Need::kOptional},
    {"DRAG_COEFF", Kind::kReal, "", Need::kOptional},
    {"EPHEMERIS_TYPE", Kind::kInt, "", Need::kOptional},
    {"CLASSIFICATION_TYPE", Kind::kText, "", Need::kOptional},
    {"NORAD_CAT_ID", Kind::kInt, "", Need::kMandatory},
    {"ELEMENT_SET_NO", Kind::kInt, "", Need::kMandatory},
    {"REV_AT_EPOCH", Kind::kInt, "", Need::kMandatory},
    {"BSTAR", Kind::kReal, "1/ER", Need::kMandatory},
    {"MEAN_MOTION_DOT", Kind::kReal, "rev/day**2", Need::kMandatory},
    {"MEAN_MOTION_DDOT", Kind::kReal, "rev/day**3", Need::kMandatory},
};

// Keys Space-Track's GP class adds to the OMM keywords in its JSON.
constexpr absl::string_view kJsonExtras[] = {
    "SEMIMAJOR_AXIS", "PERIOD",       "APOAPSIS",    "PERIAPSIS", "OBJECT_TYPE",
    "RCS_SIZE",       "COUNTRY_CODE", "LAUNCH_DATE", "SITE",      "DECAY_DATE",
    "FILE",           "GP_ID",        "TLE_LINE0",   "TLE_LINE1", "TLE_LINE2",
    "DECAYED",        "ORDINAL",
};

const Spec* FindSpec(absl::string_view keyword) {
  for (const Spec& s : kSpecs) {
    if (s.keyword == keyword) return &s;
  }
  return nullptr;
}

std::string NormalizedUnit(absl::string_view u) {
  return absl::AsciiStrToLower(absl::StrReplaceAll(u, {{" ", ""}, {"\t", ""}}));
}

// The parsed value of one field.
struct Value {
  const Field* field = nullptr;
  double real = 0.0;
  int64_t integer = 0;
  OmmTime time;
};

Error At(const Field& f, absl::string_view why) {
  return {f.line, absl::StrCat(f.keyword, ": ", why)};
}

std::optional<Error> ParseValue(const Spec& spec, const Field& f, Value* v) {
  v->field = &f;
  if (f.unit.has_value()) {
    const std::string got = NormalizedUnit(*f.unit);
    if (spec.unit.empty() && !got.empty()) {
      return At(f, absl::StrCat("takes no unit, got [", *f.unit, "]"));
    }
    if (!spec.unit.empty() && got != NormalizedUnit(spec.unit)) {
      return At(
          f, absl::StrCat("unit [", *f.unit, "], expected [", spec.unit, "]"));
    }
  }
  switch (spec.kind) {
    case Kind::kText:
      return std::nullopt;
    case Kind::kReal:
      if (!absl::SimpleAtod(f.value, &v->real) || !std::isfinite(v->real)) {
        return At(f, absl::StrCat("'", f.value, "' is not a number"));
      }
      return std::nullopt;
    case Kind::kInt:
      if (!absl::SimpleAtoi(f.value, &v->integer)) {
        return At(f, absl::StrCat("'", f.value, "' is not an integer"));
      }
      return std::nullopt;
    case Kind::kTime: {
      absl::StatusOr<OmmTime> t = ParseOmmTime(f.value);
      if (!t.ok()) return At(f, t.status().message());
      v->time = *t;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// Range and value rules that need only the field itself.
std::optional<Error> CheckValue(const Value& v) {
  const Field& f = *v.field;
  const absl::string_view k = f.keyword;
  auto one_of = [&](std::initializer_list<absl::string_view> ok,
                    absl::string_view why) -> std::optional<Error> {
    for (absl::string_view o : ok) {
      if (absl::EqualsIgnoreCase(f.value, o)) return std::nullopt;
    }
    return At(f, absl::StrCat("'", f.value, "' ", why));
  };
  if (k == "CCSDS_OMM_VERS") {
    return one_of({"2.0", "3.0", "2", "3"},
                  "is not a supported version (2.0, 3.0)");
  } else if (k == "CENTER_NAME") {
    return one_of({"EARTH"}, "but SGP4 elements are Earth-centred (EARTH)");
  } else if (k == "REF_FRAME") {
    return one_of({"TEME"}, "but SGP4 elements are in TEME");
  } else if (k == "TIME_SYSTEM") {
    return one_of({"UTC"}, "but SGP4 epochs are UTC");
  } else if (k == "MEAN_ELEMENT_THEORY") {
    if (absl::EqualsIgnoreCase(f.value, "SGP4-XP")) {
      return At(f,
                "SGP4-XP elements need the SGP4-XP propagator; only SGP4 "
                "(SGP/SGP4) mean elements are supported");
    }
    return one_of({"SGP4", "SGP/SGP4"},
                  "is not SGP4 (expected SGP4 or SGP/SGP4)");
  } else if (k == "MEAN_MOTION" && v.real <= 0) {
    return At(f,
              absl::StrCat(f.value, " rev/day: mean motion must be positive"));
  } else if (k == "ECCENTRICITY" && (v.real < 0 || v.real >= 1)) {
    return At(f, absl::StrCat(f.value, " not in [0, 1)"));
  } else if (k == "INCLINATION" && (v.real < 0 || v.real > 180)) {
    return At(f, absl::StrCat(f.value, " deg not in [0, 180]"));
  } else if ((k == "GM" || k == "SEMI_MAJOR_AXIS") && v.real <= 0) {
    return At(f, absl::StrCat(f.value, " must be positive"));
  } else if (k == "EPHEMERIS_TYPE") {
    if (v.integer == 4 || v.integer == 5) {
      return At(f, absl::StrCat(v.integer,
                                " is an SGP4-XP/SGP8 element set, not SGP4"));
    }
    if (v.integer < 0 || v.integer > 3)
      return At(f, absl::StrCat(v.integer, " not in 0-3"));
  } else if (k == "CLASSIFICATION_TYPE") {
    if (f.value.size() != 1 || !absl::ascii_isalpha(f.value[0])) {
      return At(f, absl::StrCat("'", f.value, "' is not one letter (U, C, S)"));
    }
  } else if (k == "NORAD_CAT_ID" && (v.integer < 0 || v.integer > 999999999)) {
    return At(f, absl::StrCat(v.integer, " not in 0-999999999"));
  } else if (k == "ELEMENT_SET_NO" && (v.integer < 0 || v.integer > 9999)) {
    return At(f, absl::StrCat(v.integer, " not in 0-9999"));
  } else if (k == "REV_AT_EPOCH" && (v.integer < 0 || v.integer > 2147483647)) {
    return At(f, absl::StrCat(v.integer, " must be a non-negative integer"));
  }
  return std::nullopt;
}

bool IsCovarianceKeyword(absl::string_view k) {
  // CX_X, CY_DOT_X, CZ_DOT_Z_DOT, ...: C, an axis, optional _DOT, _, an
  // axis, optional _DOT.
  auto axis = [&](absl::string_view* s) {
    if (s->empty() || ((*s)[0] != 'X' && (*s)[0] != 'Y' && (*s)[0] != 'Z'))
      return false;
    s->remove_prefix(1);
    absl::ConsumePrefix(s, "_DOT");
    return true;
  };
  if (!absl::ConsumePrefix(&k, "C") || !axis(&k) ||
      !absl::ConsumePrefix(&k, "_")) {
    return false;
  }
  return axis(&k) && k.empty();
}

}  // namespace

bool IsFreeTextKeyword(absl::string_view keyword) {
  return keyword == "OBJECT_NAME" || keyword == "OBJECT_ID" ||
         keyword == "ORIGINATOR" || keyword == "MESSAGE_ID" ||
         keyword == "COMMENT";
}

bool IsJsonExtraKey(absl::string_view key) {
  for (absl::string_view e : kJsonExtras) {
    if (e == key) return true;
  }
  return false;
}

bool IsSkippedKeyword(absl::string_view keyword) {
  return keyword == "COMMENT" || keyword == "COV_REF_FRAME" ||
         absl::StartsWith(keyword, "USER_DEFINED_") ||
         IsCovarianceKeyword(keyword);
}

std::optional<Error> ElementsFromMessage(const Message& m, MeanElements* out) {
  if (m.error.has_value()) return m.error;
  std::map<absl::string_view, Value> values;
  for (const Field& f : m.fields) {
    if (IsSkippedKeyword(f.keyword)) continue;
    const Spec* spec = FindSpec(f.keyword);
    if (spec == nullptr) {
      if (m.syntax == Syntax::kJson && IsJsonExtraKey(f.keyword)) continue;
      return At(f, "unknown keyword");
    }
    // A value is one line of text, as KVN writes it (XML and JSON could
    // carry a line break or a tab; found by tests/fuzz:omm_fuzz).
    for (const char ch : f.value) {
      if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
        return At(f, absl::StrFormat("control character 0x%02X in the value", static_cast<unsigned char>(ch)));
      }
    }
    if (auto it = values.find(f.keyword); it != values.end()) {
      return At(f, absl::StrCat("given twice (first at line ",
                                it->second.field->line, ")"));
    }
    if (f.value.empty()) {
      if (spec->need == Need::kHeader) {
        values[spec->keyword].field = &f;
        continue;
      }
      return At(f, "empty value");
    }
    Value v;
    if (auto e = ParseValue(*spec, f, &v)) return e;
    if (auto e = CheckValue(v)) return e;
    values[spec->keyword] = v;
  }
  for (const Spec& s : kSpecs) {
    const bool needed =
        s.need == Need::kMandatory ||
        (m.syntax != Syntax::kJson && s.need != Need::kOptional);
    if (needed && !values.contains(s.keyword)) {
      return Error{m.line,
                   absl::StrCat(s.keyword, ": missing (mandatory keyword)")};
    }
  }

  auto real = [&](absl::string_view k) { return values[k].real; };
  auto text = [&](absl::string_view k) -> std::string {
    const std::string& s = values[k].field->value;
    return s == "UNKNOWN" ? "" : s;
  };
  MeanElements el;
  el.catalog_number = static_cast<int32_t>(values["NORAD_CAT_ID"].integer);
  el.international_designator = text("OBJECT_ID");
  el.name = text("OBJECT_NAME");
  if (auto it = values.find("CLASSIFICATION_TYPE"); it != values.end()) {
    el.classification = absl::ascii_toupper(it->second.field->value[0]);
  }
  el.element_set_number =
      static_cast<int32_t>(values["ELEMENT_SET_NO"].integer);
  el.revolution_number = static_cast<int32_t>(values["REV_AT_EPOCH"].integer);
  const OmmTime& epoch = values["EPOCH"].time;
  el.epoch = epoch.epoch;
  el.epoch_utc_jd1 = epoch.utc_jd1;
  el.epoch_utc_jd2 = epoch.utc_jd2;
  // Same arithmetic as the TLE reader, so that the two agree to the bit.
  el.mean_motion_rad_per_min = real("MEAN_MOTION") * kRevPerDayToRadPerMin;
  el.eccentricity = real("ECCENTRICITY");
  el.inclination_rad = real("INCLINATION") * kDeg;
  el.raan_rad = real("RA_OF_ASC_NODE") * kDeg;
  el.arg_perigee_rad = real("ARG_OF_PERICENTER") * kDeg;
  el.mean_anomaly_rad = real("MEAN_ANOMALY") * kDeg;
  el.bstar_per_earth_radii = real("BSTAR");
  el.mean_motion_dot_rad_per_min2 =
      real("MEAN_MOTION_DOT") * 2 * M_PI / (1440.0 * 1440.0);
  el.mean_motion_ddot_rad_per_min3 =
      real("MEAN_MOTION_DDOT") * 2 * M_PI / (1440.0 * 1440.0 * 1440.0);
  *out = std::move(el);
  return std::nullopt;
}

}  // namespace sstrack::astro::omm_internal
