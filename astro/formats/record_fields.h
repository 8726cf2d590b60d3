// Copyright sstrack authors.
//
// astro/formats/record_fields.h — the blank-separated records of the laser
// ranging files (ILRS CRD and CPF, SINEX data lines) as typed fields whose
// errors say where they came from.
//
// A `RecordFields` is one line split on blanks; each accessor takes the
// field's index (0 = the record type) and its name in the format's spec, and
// fails with INVALID_ARGUMENT reading
//   "<source>:<line>: record <type>: field <index> (<name>): <reason>".
//
// Example:
//   RecordFields f("np.crd", 12, "11 49382.4 0.039 std 2 120.0 94 57.0");
//   absl::StatusOr<double> tof_s = f.Double(2, "time of flight");
#ifndef SSTRACK_ASTRO_FORMATS_RECORD_FIELDS_H_
#define SSTRACK_ASTRO_FORMATS_RECORD_FIELDS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/utc.h"

// `lhs = *expr;` when the StatusOr `expr` is OK, otherwise returns its status
// from the enclosing function (which returns Status or StatusOr).
#define SSTRACK_ASSIGN_OR_RETURN(lhs, expr)            \
  do {                                                 \
    auto sstrack_assign_or_return_value_ = (expr);     \
    if (!sstrack_assign_or_return_value_.ok()) {       \
      return sstrack_assign_or_return_value_.status(); \
    }                                                  \
    lhs = *std::move(sstrack_assign_or_return_value_); \
  } while (0)

namespace sstrack::astro {

// Reads a whole text file; NOT_FOUND names the path.
absl::StatusOr<std::string> ReadTextFile(const std::string& path);

// Seconds split exactly at the decimal point, so that the 12 decimals of a
// CRD time tag ("49382.400562600000") keep picosecond resolution.
struct SplitSeconds {
  int64_t whole_s = 0;
  double fraction_s = 0.0;  // [0, 1)
};

class RecordFields {
 public:
  // Splits `line` on blanks and tabs; the first field names the record
  // (upper-cased, since CRD allows "h1" for "H1").
  RecordFields(absl::string_view source, int line_no, absl::string_view line);

  // What errors call the line, "record <type>" unless set (SINEX names its
  // block instead).
  void set_label(absl::string_view label) { label_ = std::string(label); }

  size_t size() const { return fields_.size(); }
  const std::string& type() const { return type_; }
  int line_no() const { return line_no_; }

  // The raw field, or an error naming it when the record is too short.
  absl::StatusOr<std::string> Text(size_t i, absl::string_view name) const;
  absl::StatusOr<int> Int(size_t i, absl::string_view name) const;
  // Int() that must lie in [lo, hi].
  absl::StatusOr<int> IntIn(size_t i, absl::string_view name, int lo,
                            int hi) const;
  absl::StatusOr<double> Double(size_t i, absl::string_view name) const;
  // A non-negative decimal number of seconds split at the point.
  absl::StatusOr<SplitSeconds> Seconds(size_t i, absl::string_view name) const;

  // INVALID_ARGUMENT "<source>:<line>: <label>: <message>".
  absl::Status Error(absl::string_view message) const;
  // Same, naming field i.
  absl::Status FieldError(size_t i, absl::string_view name,
                          absl::string_view reason) const;

 private:
  std::string source_;
  int line_no_;
  std::string type_;
  std::string label_;
  std::vector<std::string> fields_;
};

// A UTC instant from six fields "year month day hour minute second"
// starting at field i (CRD H4, CPF H2); errors name the field and `what`.
absl::StatusOr<Epoch> RecordDateTimeAt(const RecordFields& f, size_t i, absl::string_view what,
                                       const LeapSecondTable& ls);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_RECORD_FIELDS_H_
