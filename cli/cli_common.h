// Copyright sstrack authors.
//
// cli/cli_common.h — small helpers shared by the `sstrack` commands: parsing
// comma-separated number lists from flags, and the JSON string escaping the
// commands' --json output uses.
#ifndef SSTRACK_CLI_CLI_COMMON_H_
#define SSTRACK_CLI_CLI_COMMON_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sstrack::cli {

// Parses "a,b,c" into exactly `count` finite doubles. The error names the
// flag and the offending item (1-based).
absl::StatusOr<std::vector<double>> ParseNumberList(absl::string_view flag,
                                                    absl::string_view text,
                                                    int count);

// JSON string literal (with quotes) for `s`.
std::string JsonString(absl::string_view s);

// A double as JSON: shortest round-trip form; NaN/∞ → null.
std::string JsonNumber(double value);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_CLI_COMMON_H_
