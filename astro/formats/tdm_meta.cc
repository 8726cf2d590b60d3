// Copyright sstrack authors.
//
// TDM metadata blocks: the keyword checks and unit conversions of
// CCSDS 503.0-B-2 §3.3, for the subset documented in tdm.h.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "astro/formats/ccsds_time.h"
#include "astro/formats/tdm_internal.h"

namespace sstrack::astro::tdm_internal {
namespace {

// "PREFIX<n>" with n in 1..5 → n, else 0.
int IndexedKeyword(absl::string_view keyword, absl::string_view prefix) {
  if (!absl::ConsumePrefix(&keyword, prefix) || keyword.size() != 1) return 0;
  const char c = keyword[0];
  return c >= '1' && c <= '5' ? c - '0' : 0;
}

// Valid metadata of data types this reader does not convert: accepted and
// not kept.
bool IsIgnoredMetaKeyword(absl::string_view k) {
  static const std::set<absl::string_view> kIgnored = {
      "TRACK_ID",           "DATA_TYPES",           "TRANSMIT_BAND",
      "RECEIVE_BAND",       "TURNAROUND_NUMERATOR", "TURNAROUND_DENOMINATOR",
      "FREQ_OFFSET",        "INTERPOLATION",        "INTERPOLATION_DEGREE",
      "DOPPLER_COUNT_BIAS", "DOPPLER_COUNT_SCALE",  "DOPPLER_COUNT_ROLLOVER",
      "CORRECTION_MAG",     "CORRECTION_RCS",       "CORRECTION_RECEIVE",
      "CORRECTION_TRANSMIT"};
  return kIgnored.count(k) > 0 || IndexedKeyword(k, "EPHEMERIS_NAME_") > 0;
}

// The unit a numeric keyword may carry in brackets; "" when it takes none.
// RANGE_MODULUS and CORRECTION_RANGE follow RANGE_UNITS (checked later).
absl::string_view UnitOf(absl::string_view k) {
  if (k == "INTEGRATION_INTERVAL" || IndexedKeyword(k, "TRANSMIT_DELAY_") ||
      IndexedKeyword(k, "RECEIVE_DELAY_")) {
    return "s";
  }
  if (k == "CORRECTION_ANGLE_1" || k == "CORRECTION_ANGLE_2" ||
      k == "CORRECTION_ABERRATION_YEARLY" ||
      k == "CORRECTION_ABERRATION_DIURNAL") {
    return "deg";
  }
  if (k == "CORRECTION_DOPPLER") return "km/s";
  return "";
}

bool IsRangeValued(absl::string_view k) {
  return k == "RANGE_MODULUS" || k == "CORRECTION_RANGE";
}

// `value` must be one of `allowed`.
bool OneOf(absl::string_view value,
           std::initializer_list<absl::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

}  // namespace

bool ParseNumber(absl::string_view text, double* value) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(c) && c != '+' && c != '-' && c != '.' &&
        c != 'e' && c != 'E') {
      return false;
    }
  }
  return absl::SimpleAtod(text, value) && std::isfinite(*value);
}

bool IsUnsupportedDataKeyword(absl::string_view k) {
  static const std::set<absl::string_view> kOthers = {
      "CARRIER_POWER", "CLOCK_BIAS",  "CLOCK_DRIFT",  "DOPPLER_COUNT",
      "DOR",           "MAG",         "PC_N0",        "PR_N0",
      "PRESSURE",      "RCS",         "RECEIVE_FREQ", "RHUMIDITY",
      "STEC",          "TEMPERATURE", "TROPO_DRY",    "TROPO_WET",
      "VLBI_DELAY"};
  return kOthers.count(k) > 0 || IndexedKeyword(k, "RECEIVE_FREQ_") > 0 ||
         IndexedKeyword(k, "RECEIVE_PHASE_CT_") > 0 ||
         IndexedKeyword(k, "TRANSMIT_FREQ_") > 0 ||
         IndexedKeyword(k, "TRANSMIT_FREQ_RATE_") > 0 ||
         IndexedKeyword(k, "TRANSMIT_PHASE_CT_") > 0;
}

std::optional<Error> MetaFromFields(const std::vector<Field>& fields,
                                    int segment_line, TdmSegmentMeta* meta) {
  *meta = TdmSegmentMeta();
  meta->line = segment_line;
  std::vector<Error> errors;
  auto fail = [&](const Field& f, absl::string_view why) {
    errors.push_back({f.line, absl::StrCat(f.keyword, ": ", why)});
  };
  auto number = [&](const Field& f, double* out) {
    if (ParseNumber(f.value, out)) return true;
    fail(f, absl::StrCat("'", f.value, "' is not a number"));
    return false;
  };
  auto bad_value = [&](const Field& f, absl::string_view expected) {
    fail(f, absl::StrCat("'", f.value, "' not supported (", expected, ")"));
  };
  std::map<std::string, const Field*> seen;
  std::map<int, const Field*> participants;
  for (const Field& f : fields) {
    const std::string& k = f.keyword;
    if (k == "COMMENT") {
      meta->comments.push_back(f.value);
      continue;
    }
    if (!seen.emplace(k, &f).second) {
      fail(f, absl::StrCat("given twice (first at line ", seen[k]->line, ")"));
      continue;
    }
    if (f.unit.has_value() && !IsRangeValued(k) && *f.unit != UnitOf(k)) {
      fail(f, UnitOf(k).empty()
                  ? absl::StrCat("unit [", *f.unit, "] not expected")
                  : absl::StrCat("unit [", *f.unit, "], expected [", UnitOf(k),
                                 "]"));
      continue;
    }
    double x = 0.0;
    if (k == "TIME_SYSTEM") {
      absl::StatusOr<TimeScale> ts = ParseTimeScale(f.value);
      if (ts.ok() && IsCcsdsTimeScaleSupported(*ts) &&
          f.value == TimeScaleName(*ts)) {
        meta->time_system = *ts;
      } else {
        bad_value(f, "UTC, TAI, TT, GPS");
      }
    } else if (k == "START_TIME" || k == "STOP_TIME") {
      // Read below, once TIME_SYSTEM is known.
    } else if (int n = IndexedKeyword(k, "PARTICIPANT_")) {
      if (f.value.empty()) {
        fail(f, "empty");
      } else {
        participants[n] = &f;
      }
    } else if (k == "MODE") {
      if (f.value == "SEQUENTIAL") {
        meta->mode = f.value;
      } else if (f.value == "SINGLE_DIFF") {
        fail(f, "SINGLE_DIFF not supported (only SEQUENTIAL)");
      } else {
        bad_value(f, "SEQUENTIAL");
      }
    } else if (k == "PATH") {
      for (absl::string_view p : absl::StrSplit(f.value, ',')) {
        int i = 0;
        // TDM §3.3.2.9: digits and commas only (SimpleAtoi would take
        // surrounding blanks).
        if (p.size() != 1 || !absl::SimpleAtoi(p, &i) || i < 1 || i > 5) {
          meta->path.clear();
          break;
        }
        meta->path.push_back(i);
      }
      if (meta->path.size() < 2) {
        fail(f, absl::StrCat("'", f.value,
                             "': expected participant numbers 1-5 separated "
                             "by commas without spaces, at least two (e.g. 1,2,1)"));
      }
    } else if (k == "PATH_1" || k == "PATH_2") {
      fail(f, "single-difference paths not supported (only PATH)");
    } else if (k == "TIMETAG_REF") {
      if (f.value == "RECEIVE") {
        meta->timetag_ref = TdmTimetagRef::kReceive;
      } else if (f.value == "TRANSMIT") {
        meta->timetag_ref = TdmTimetagRef::kTransmit;
      } else {
        bad_value(f, "TRANSMIT, RECEIVE");
      }
    } else if (k == "INTEGRATION_INTERVAL") {
      if (number(f, &x)) {
        if (x > 0.0) {
          meta->integration_interval_s = x;
        } else {
          fail(f, absl::StrCat(f.value, " not > 0"));
        }
      }
    } else if (k == "INTEGRATION_REF") {
      if (f.value == "START") {
        meta->integration_ref = TdmIntegrationRef::kStart;
      } else if (f.value == "MIDDLE") {
        meta->integration_ref = TdmIntegrationRef::kMiddle;
      } else if (f.value == "END") {
        meta->integration_ref = TdmIntegrationRef::kEnd;
      } else {
        bad_value(f, "START, MIDDLE, END");
      }
    } else if (k == "RANGE_MODE") {
      if (OneOf(f.value, {"COHERENT", "CONSTANT", "ONE_WAY"})) {
        meta->range_mode = f.value;
      } else {
        bad_value(f, "COHERENT, CONSTANT, ONE_WAY");
      }
    } else if (k == "RANGE_UNITS") {
      if (f.value == "km") {
        meta->range_units = TdmRangeUnits::kKm;
      } else if (f.value == "s") {
        meta->range_units = TdmRangeUnits::kSeconds;
      } else if (f.value == "RU") {
        fail(f,
             "RU (range units) need the ranging code; not supported "
             "(km, s)");
      } else {
        bad_value(f, "km, s");
      }
    } else if (k == "ANGLE_TYPE") {
      if (f.value == "AZEL") {
        meta->angle_type = TdmAngleType::kAzEl;
      } else if (f.value == "RADEC") {
        meta->angle_type = TdmAngleType::kRaDec;
      } else {
        bad_value(f, "AZEL, RADEC");
      }
    } else if (k == "REFERENCE_FRAME") {
      meta->reference_frame = f.value;  // checked below with ANGLE_TYPE
    } else if (int n = IndexedKeyword(k, "TRANSMIT_DELAY_")) {
      if (number(f, &x)) meta->transmit_delay_s[n] = x;
    } else if (int n = IndexedKeyword(k, "RECEIVE_DELAY_")) {
      if (number(f, &x)) meta->receive_delay_s[n] = x;
    } else if (k == "DATA_QUALITY") {
      if (OneOf(f.value, {"RAW", "VALIDATED", "DEGRADED"})) {
        meta->data_quality = f.value;
      } else {
        bad_value(f, "RAW, VALIDATED, DEGRADED");
      }
    } else if (IsRangeValued(k)) {
      // Converted below, once RANGE_UNITS and PATH are known.
      if (number(f, &x) && k == "RANGE_MODULUS" && x <= 0.0) {
        fail(f, absl::StrCat(f.value, " not > 0"));
      }
    } else if (k == "CORRECTION_ANGLE_1" || k == "CORRECTION_ANGLE_2" ||
               k == "CORRECTION_ABERRATION_YEARLY" ||
               k == "CORRECTION_ABERRATION_DIURNAL") {
      if (number(f, &x)) {
        const double rad = x * kRadPerDeg;
        if (k == "CORRECTION_ANGLE_1") meta->correction_angle_1_rad = rad;
        if (k == "CORRECTION_ANGLE_2") meta->correction_angle_2_rad = rad;
        if (k == "CORRECTION_ABERRATION_YEARLY")
          meta->correction_aberration_yearly_rad = rad;
        if (k == "CORRECTION_ABERRATION_DIURNAL")
          meta->correction_aberration_diurnal_rad = rad;
      }
    } else if (k == "CORRECTION_DOPPLER") {
      if (number(f, &x)) meta->correction_doppler_m_per_s = x * kMPerKm;
    } else if (k == "CORRECTIONS_APPLIED") {
      if (f.value == "YES" || f.value == "NO") {
        meta->corrections_applied = f.value == "YES";
      } else {
        bad_value(f, "YES, NO");
      }
    } else if (!IsIgnoredMetaKeyword(k)) {
      fail(f, IsUnsupportedDataKeyword(k) ||
                      OneOf(k, {"RANGE", "ANGLE_1", "ANGLE_2",
                                "DOPPLER_INSTANTANEOUS", "DOPPLER_INTEGRATED"})
                  ? "data line inside the metadata block"
                  : "not a TDM metadata keyword");
    }
  }

  auto field = [&](absl::string_view k) -> const Field* {
    auto it = seen.find(std::string(k));
    return it == seen.end() ? nullptr : it->second;
  };
  auto missing = [&](absl::string_view k, absl::string_view why) {
    errors.push_back({segment_line, absl::StrCat(k, ": missing (", why, ")")});
  };
  if (field("TIME_SYSTEM") == nullptr) missing("TIME_SYSTEM", "mandatory");
  if (participants.count(1) == 0) missing("PARTICIPANT_1", "mandatory");
  for (const auto& [n, f] : participants) {
    if (n > 1 && participants.count(n - 1) == 0) {
      fail(*f, absl::StrCat("PARTICIPANT_", n - 1, " not given"));
    }
    if (n == static_cast<int>(meta->participants.size()) + 1) {
      meta->participants.push_back(f->value);
    }
  }
  if (const Field* f = field("PATH")) {
    for (int p : meta->path) {
      if (participants.count(p) == 0) {
        fail(*f, absl::StrCat("participant ", p, " not given"));
        break;
      }
    }
  }
  for (absl::string_view k : {"START_TIME", "STOP_TIME"}) {
    const Field* f = field(k);
    if (f == nullptr) continue;
    absl::StatusOr<Epoch> t = ParseCcsdsTime(f->value, meta->time_system);
    if (!t.ok()) {
      fail(*f, t.status().message());
    } else {
      (k == "START_TIME" ? meta->start_time : meta->stop_time) = *t;
    }
  }
  if (meta->start_time && meta->stop_time &&
      *meta->stop_time < *meta->start_time) {
    fail(*field("STOP_TIME"), "before START_TIME");
  }
  if (const Field* f = field("RANGE_UNITS");
      f != nullptr && meta->range_units == TdmRangeUnits::kSeconds &&
      meta->path.size() < 2) {
    fail(*f, "s (light time) needs a PATH to tell one-way from round-trip");
  }
  if (absl::StatusOr<double> scale = TdmRangeScale(*meta); scale.ok()) {
    const absl::string_view unit =
        meta->range_units == TdmRangeUnits::kSeconds ? "s" : "km";
    for (absl::string_view k : {"RANGE_MODULUS", "CORRECTION_RANGE"}) {
      const Field* f = field(k);
      double x = 0.0;
      if (f == nullptr || !ParseNumber(f->value, &x)) continue;
      if (f->unit.has_value() && *f->unit != unit) {
        fail(*f, absl::StrCat("unit [", *f->unit, "], expected [", unit,
                              "] (RANGE_UNITS)"));
      }
      (k == "RANGE_MODULUS" ? meta->range_modulus_m
                            : meta->correction_range_m) = x * *scale;
    }
  }
  if (meta->angle_type == TdmAngleType::kRaDec) {
    const Field* f = field("REFERENCE_FRAME");
    if (f == nullptr) {
      fail(*field("ANGLE_TYPE"),
           "RADEC needs REFERENCE_FRAME (EME2000, ICRF, GCRF)");
    } else if (!OneOf(f->value, {"EME2000", "ICRF", "GCRF"})) {
      bad_value(*f, "EME2000, ICRF, GCRF with ANGLE_TYPE = RADEC");
    }
  }
  if (errors.empty()) return std::nullopt;
  return *std::min_element(
      errors.begin(), errors.end(),
      [](const Error& a, const Error& b) { return a.line < b.line; });
}

}  // namespace sstrack::astro::tdm_internal
