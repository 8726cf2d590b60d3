// Copyright sstrack authors.
#include "cli/force_model_flags.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "astro/bodies/jpl_ephemeris.h"

namespace sstrack::cli {
namespace {

absl::Status ApplyModelFile(const std::string& path, ForceModelFlags* f) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("--model-file ", path, ": cannot open"));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = absl::StrCat(path, ":", line_no, ": ");
    std::string text(absl::StripAsciiWhitespace(line.substr(0, line.find('#'))));
    if (text.empty()) continue;
    const size_t eq = text.find('=');
    if (eq == std::string::npos)
      return absl::InvalidArgumentError(absl::StrCat(where, "expected 'key = value'"));
    const std::string key(absl::StripAsciiWhitespace(text.substr(0, eq)));
    const std::string value(absl::StripAsciiWhitespace(text.substr(eq + 1)));
    auto bad = [&](const char* expected) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, key, ": '", value, "' is not ", expected));
    };
    auto as_bool = [&](std::optional<bool>* dst) -> absl::Status {
      bool b;
      if (!absl::SimpleAtob(value, &b)) return bad("true or false");
      if (!dst->has_value()) *dst = b;
      return absl::OkStatus();
    };
    auto as_int = [&](std::optional<int>* dst) -> absl::Status {
      int i;
      if (!absl::SimpleAtoi(value, &i)) return bad("an integer");
      if (!dst->has_value()) *dst = i;
      return absl::OkStatus();
    };
    auto as_double = [&](std::optional<double>* dst) -> absl::Status {
      double d;
      if (!absl::SimpleAtod(value, &d)) return bad("a number");
      if (!dst->has_value()) *dst = d;
      return absl::OkStatus();
    };
    absl::Status s;
    if (key == "gravity") {
      if (!f->gravity_file) f->gravity_file = value;
    } else if (key == "de") {
      if (!f->de_file) f->de_file = value;
    } else if (key == "degree") {
      s = as_int(&f->degree);
    } else if (key == "order") {
      s = as_int(&f->order);
    } else if (key == "sun") {
      s = as_bool(&f->sun);
    } else if (key == "moon") {
      s = as_bool(&f->moon);
    } else if (key == "relativity") {
      s = as_bool(&f->relativity);
    } else if (key == "drag-cda-m") {
      s = as_double(&f->drag_cda_m);
    } else if (key == "srp-cra-m") {
      s = as_double(&f->srp_cra_m);
    } else if (key == "empirical-accel") {
      if (!f->empirical_accel) f->empirical_accel = value;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          where, "unknown key '", key,
          "' (gravity, degree, order, sun, moon, relativity, drag-cda-m, srp-cra-m, de, "
          "empirical-accel)"));
    }
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<astro::EmpiricalAcceleration>> ParseEmpiricalList(
    const std::string& flag, const std::string& text, bool with_values) {
  std::vector<astro::EmpiricalAcceleration> out;
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    const std::string trimmed(absl::StripAsciiWhitespace(item));
    const size_t eq = trimmed.find('=');
    if (with_values != (eq != std::string::npos)) {
      return absl::InvalidArgumentError(absl::StrCat(
          flag, ": '", trimmed, "': ",
          with_values ? "expected AXIS[:SHAPE]=VALUE (m/s²)" : "expected AXIS[:SHAPE] (no value: it is estimated)"));
    }
    auto term = astro::ParseEmpiricalShape(trimmed.substr(0, eq));
    if (!term.ok()) return absl::InvalidArgumentError(absl::StrCat(flag, ": ", term.status().message()));
    if (with_values) {
      const std::string value = trimmed.substr(eq + 1);
      if (!absl::SimpleAtod(value, &term->value_m_s2) || !std::isfinite(term->value_m_s2)) {
        return absl::InvalidArgumentError(
            absl::StrCat(flag, ": '", trimmed, "': '", value, "' is not a number (m/s²)"));
      }
      term->estimate = false;
      if (term->shape == astro::EmpiricalShape::kPower && term->power > 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            flag, ": '", trimmed, "': a power of the time needs an origin; only const, cos, sin here"));
      }
    }
    if (absl::Status s = term->Validate(); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(flag, ": ", s.message()));
    }
    out.push_back(*term);
  }
  if (out.empty()) return absl::InvalidArgumentError(absl::StrCat(flag, ": empty list"));
  return out;
}

absl::StatusOr<astro::ForceModelOptions> BuildForceModelOptions(const ForceModelFlags& given) {
  ForceModelFlags f = given;
  if (!f.model_file.empty()) {
    if (absl::Status s = ApplyModelFile(f.model_file, &f); !s.ok()) return s;
  }
  astro::ForceModelOptions o;
  o.degree = f.degree.value_or(0);
  o.order = f.order.value_or(o.degree);
  if (f.gravity_file) {
    auto field = astro::GravityField::Read(*f.gravity_file);
    if (!field.ok()) return field.status();
    o.gravity = *std::move(field);
    if (!f.degree) o.degree = o.order = o.gravity->degree();
    if (!f.order) o.order = o.degree;
  }
  o.sun = f.sun.value_or(false);
  o.moon = f.moon.value_or(false);
  o.relativity = f.relativity.value_or(false);
  o.drag_cd_area_over_mass_m2_kg = f.drag_cda_m.value_or(0.0);
  o.srp_cr_area_over_mass_m2_kg = f.srp_cra_m.value_or(0.0);
  if (f.empirical_accel) {
    auto terms = ParseEmpiricalList("--empirical-accel", *f.empirical_accel, true);
    if (!terms.ok()) return terms.status();
    o.empirical = *std::move(terms);
  }
  if (f.de_file) {
    auto de = astro::JplEphemeris::Open(*f.de_file);
    if (!de.ok()) return de.status();
    o.ephemeris = std::make_shared<astro::JplEphemeris>(*std::move(de));
  }
  if (absl::Status s = o.Validate(); !s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(s.message(), " (check --degree/--order/--gravity/--drag-cda-m/--srp-cra-m)"));
  }
  return o;
}

std::string DescribeForceModel(const astro::ForceModelOptions& o) {
  std::string s = o.gravity ? absl::StrCat("gravity ", o.gravity->model_name(), " ", o.degree, "x",
                                           o.order)
                            : std::string("two-body");
  if (o.sun) absl::StrAppend(&s, ", Sun");
  if (o.moon) absl::StrAppend(&s, ", Moon");
  if (o.sun || o.moon)
    absl::StrAppend(&s, " (", o.ephemeris ? o.ephemeris->Name() : "ERFA series", ")");
  if (o.relativity) absl::StrAppend(&s, ", relativity");
  if (o.drag_cd_area_over_mass_m2_kg > 0)
    absl::StrAppend(&s, ", drag Cd·A/m ", o.drag_cd_area_over_mass_m2_kg, " m²/kg");
  if (o.srp_cr_area_over_mass_m2_kg > 0)
    absl::StrAppend(&s, ", SRP Cr·A/m ", o.srp_cr_area_over_mass_m2_kg, " m²/kg");
  for (const astro::EmpiricalAcceleration& e : o.empirical) {
    absl::StrAppend(&s, ", ", e.Name(), e.estimate ? " (estimated)" : absl::StrCat(" = ", e.value_m_s2));
  }
  return s;
}

}  // namespace sstrack::cli
