// Copyright sstrack authors.
//
// KVN (keyword = value notation) OMMs → messages of fields.
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "astro/formats/omm_internal.h"

namespace sstrack::astro::omm_internal {
namespace {

bool IsKeyword(absl::string_view k) {
  if (k.empty()) return false;
  for (char c : k) {
    if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c) && c != '_')
      return false;
  }
  return true;
}

bool IsComment(absl::string_view line) {
  return line == "COMMENT" || absl::StartsWith(line, "COMMENT ") ||
         absl::StartsWith(line, "COMMENT\t");
}

}  // namespace

Split SplitKvn(absl::string_view text) {
  Split out;
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  Message* current = nullptr;
  bool in_covariance = false;
  auto fail = [&](int line, std::string what) {
    if (current == nullptr) {
      out.stray.push_back({line, std::move(what)});
    } else if (!current->error.has_value()) {
      current->error = Error{line, std::move(what)};
    }
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    absl::string_view line = absl::StripAsciiWhitespace(lines[i]);
    if (line.empty() || IsComment(line)) continue;
    if (in_covariance) {
      if (line == "COV_STOP") in_covariance = false;
      continue;
    }
    // Block markers of ODM 3.0 (no '=').
    if (line == "COV_START") {
      in_covariance = true;
      continue;
    }
    if (line == "META_START" || line == "META_STOP" || line == "COV_STOP")
      continue;

    const size_t eq = line.find('=');
    if (eq == line.npos) {
      fail(line_no, absl::StrCat("'", line, "': expected KEYWORD = value"));
      continue;
    }
    Field f;
    f.keyword =
        std::string(absl::StripTrailingAsciiWhitespace(line.substr(0, eq)));
    f.line = line_no;
    absl::string_view value =
        absl::StripLeadingAsciiWhitespace(line.substr(eq + 1));
    if (!IsKeyword(f.keyword)) {
      fail(line_no,
           absl::StrCat("'", f.keyword,
                        "' is not a keyword (upper-case letters, digits, _)"));
      continue;
    }
    if (f.keyword == "CCSDS_OMM_VERS") {
      out.messages.emplace_back();
      current = &out.messages.back();
      current->syntax = Syntax::kKvn;
      current->line = line_no;
    } else if (current == nullptr) {
      fail(line_no,
           absl::StrCat(f.keyword, ": before the first CCSDS_OMM_VERS"));
      continue;
    }
    // A trailing [unit], except in free text where brackets are the value's.
    if (!IsFreeTextKeyword(f.keyword) && absl::EndsWith(value, "]")) {
      const size_t open = value.rfind('[');
      if (open == value.npos) {
        fail(line_no, absl::StrCat(f.keyword, ": ']' without '['"));
        continue;
      }
      f.unit = std::string(absl::StripAsciiWhitespace(
          value.substr(open + 1, value.size() - open - 2)));
      value = absl::StripTrailingAsciiWhitespace(value.substr(0, open));
    }
    f.value = std::string(value);
    current->fields.push_back(std::move(f));
  }
  if (in_covariance)
    fail(static_cast<int>(lines.size()), "COV_START without COV_STOP");
  return out;
}

}  // namespace sstrack::astro::omm_internal
