// Copyright sstrack authors.
#include "cli/cli_common.h"

#include <charconv>
#include <cmath>
#include <system_error>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace sstrack::cli {

absl::StatusOr<std::vector<double>> ParseNumberList(absl::string_view flag,
                                                    absl::string_view text,
                                                    int count) {
  std::vector<std::string> items = absl::StrSplit(text, ',');
  if (static_cast<int>(items.size()) != count) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": expected ", count,
                     " comma-separated numbers, got ", items.size(), " in '",
                     text, "'"));
  }
  std::vector<double> out;
  out.reserve(count);
  for (int i = 0; i < count; ++i) {
    absl::string_view item = absl::StripAsciiWhitespace(items[i]);
    double v = 0.0;
    if (!absl::SimpleAtod(item, &v) || !std::isfinite(v)) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag, ": item ", i + 1, " '", item,
                       "' is not a finite number"));
    }
    out.push_back(v);
  }
  return out;
}

std::string JsonString(absl::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  out += "\"";
  return out;
}

std::string JsonNumber(double value) {
  if (!std::isfinite(value)) return "null";
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof(buf), value);
  if (res.ec != std::errc()) return absl::StrFormat("%.17g", value);
  return std::string(buf, res.ptr);
}

}  // namespace sstrack::cli
