// Copyright sstrack authors.
#include "astro/formats/record_fields.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sstrack::astro {

absl::StatusOr<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RecordFields::RecordFields(absl::string_view source, int line_no,
                           absl::string_view line)
    : source_(source), line_no_(line_no) {
  for (absl::string_view f :
       absl::StrSplit(line, absl::ByAnyChar(" \t\r"), absl::SkipEmpty())) {
    fields_.emplace_back(f);
  }
  if (!fields_.empty()) type_ = absl::AsciiStrToUpper(fields_[0]);
  label_ = absl::StrCat("record ", type_);
}

absl::Status RecordFields::Error(absl::string_view message) const {
  return absl::InvalidArgumentError(
      absl::StrCat(source_, ":", line_no_, ": ", label_, ": ", message));
}

absl::Status RecordFields::FieldError(size_t i, absl::string_view name,
                                      absl::string_view reason) const {
  return Error(absl::StrCat("field ", i, " (", name, "): ", reason));
}

absl::StatusOr<std::string> RecordFields::Text(size_t i,
                                               absl::string_view name) const {
  if (i >= fields_.size()) {
    return FieldError(
        i, name,
        absl::StrCat("missing (the record has ", fields_.size(), " fields)"));
  }
  return fields_[i];
}

absl::StatusOr<int> RecordFields::Int(size_t i, absl::string_view name) const {
  absl::StatusOr<std::string> t = Text(i, name);
  if (!t.ok()) return t.status();
  int v = 0;
  if (!absl::SimpleAtoi(*t, &v)) {
    return FieldError(i, name, absl::StrCat("'", *t, "' is not an integer"));
  }
  return v;
}

absl::StatusOr<int> RecordFields::IntIn(size_t i, absl::string_view name,
                                        int lo, int hi) const {
  absl::StatusOr<int> v = Int(i, name);
  if (!v.ok()) return v.status();
  if (*v < lo || *v > hi) {
    return FieldError(i, name,
                      absl::StrCat(*v, " not in [", lo, ", ", hi, "]"));
  }
  return v;
}

absl::StatusOr<double> RecordFields::Double(size_t i,
                                            absl::string_view name) const {
  absl::StatusOr<std::string> t = Text(i, name);
  if (!t.ok()) return t.status();
  double v = 0.0;
  if (!absl::SimpleAtod(*t, &v) || !std::isfinite(v)) {
    return FieldError(i, name, absl::StrCat("'", *t, "' is not a number"));
  }
  return v;
}

absl::StatusOr<SplitSeconds> RecordFields::Seconds(
    size_t i, absl::string_view name) const {
  absl::StatusOr<std::string> t = Text(i, name);
  if (!t.ok()) return t.status();
  const std::string& s = *t;
  const size_t dot = s.find('.');
  const std::string whole = s.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  SplitSeconds out;
  const bool digits_only =
      !s.empty() && s != "." &&
      std::all_of(whole.begin(), whole.end(), absl::ascii_isdigit) &&
      std::all_of(frac.begin(), frac.end(), absl::ascii_isdigit);
  if (!digits_only ||
      (!whole.empty() && !absl::SimpleAtoi(whole, &out.whole_s)) ||
      (!frac.empty() &&
       !absl::SimpleAtod(absl::StrCat("0.", frac), &out.fraction_s))) {
    return FieldError(i, name,
                      absl::StrCat("'", s, "' is not a non-negative decimal"));
  }
  return out;
}

absl::StatusOr<Epoch> RecordDateTimeAt(const RecordFields& f, size_t i, absl::string_view what,
                                       const LeapSecondTable& ls) {
  UtcCalendar c;
  SSTRACK_ASSIGN_OR_RETURN(c.year, f.IntIn(i, absl::StrCat(what, " year"), kFirstFileYear, kLastFileYear));
  SSTRACK_ASSIGN_OR_RETURN(c.month, f.IntIn(i + 1, absl::StrCat(what, " month"), 1, 12));
  SSTRACK_ASSIGN_OR_RETURN(c.day, f.IntIn(i + 2, absl::StrCat(what, " day"), 1, 31));
  SSTRACK_ASSIGN_OR_RETURN(c.hour, f.IntIn(i + 3, absl::StrCat(what, " hour"), 0, 23));
  SSTRACK_ASSIGN_OR_RETURN(c.minute, f.IntIn(i + 4, absl::StrCat(what, " minute"), 0, 59));
  int second = 0;
  SSTRACK_ASSIGN_OR_RETURN(second, f.IntIn(i + 5, absl::StrCat(what, " second"), 0, 60));
  c.second = second;
  absl::StatusOr<Epoch> t = EpochFromUtc(c, ls);
  if (!t.ok()) {
    return f.FieldError(i, absl::StrCat(what, " date-time"), t.status().message());
  }
  return t;
}

}  // namespace sstrack::astro
