// Copyright sstrack authors.
#include "astro/formats/element_format.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace sstrack::astro {
namespace {

bool IsTleLine(absl::string_view line, char which) {
  return line.size() >= 2 && line[0] == which && line[1] == ' ';
}

// The first few non-blank lines, trailing white space removed.
std::vector<absl::string_view> FirstLines(absl::string_view text, size_t n) {
  std::vector<absl::string_view> out;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripTrailingAsciiWhitespace(line);
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    out.push_back(line);
    if (out.size() == n) break;
  }
  return out;
}

// After '<': skip the XML declaration, comments and DOCTYPE, then look at the
// name of the first element (a namespace prefix is allowed).
bool FirstXmlElementIsOmm(absl::string_view s) {
  while (!s.empty()) {
    s = absl::StripLeadingAsciiWhitespace(s);
    if (absl::StartsWith(s, "<?")) {
      const size_t end = s.find("?>");
      if (end == s.npos) return false;
      s.remove_prefix(end + 2);
    } else if (absl::StartsWith(s, "<!--")) {
      const size_t end = s.find("-->");
      if (end == s.npos) return false;
      s.remove_prefix(end + 3);
    } else if (absl::StartsWith(s, "<!")) {
      const size_t end = s.find('>');
      if (end == s.npos) return false;
      s.remove_prefix(end + 1);
    } else if (absl::StartsWith(s, "<")) {
      s.remove_prefix(1);
      size_t n = 0;
      while (n < s.size() && (absl::ascii_isalnum(s[n]) || s[n] == '_' ||
                              s[n] == ':' || s[n] == '-' || s[n] == '.')) {
        ++n;
      }
      absl::string_view name = s.substr(0, n);
      if (const size_t colon = name.rfind(':'); colon != name.npos) {
        name.remove_prefix(colon + 1);
      }
      return absl::EqualsIgnoreCase(name, "omm") ||
             absl::EqualsIgnoreCase(name, "ndm");
    } else {
      return false;
    }
  }
  return false;
}

}  // namespace

absl::string_view ElementFormatName(ElementFormat format) {
  switch (format) {
    case ElementFormat::kTle:
      return "TLE";
    case ElementFormat::kOmmKvn:
      return "OMM KVN";
    case ElementFormat::kOmmXml:
      return "OMM XML";
    case ElementFormat::kOmmJson:
      return "OMM JSON";
    case ElementFormat::kUnknown:
      break;
  }
  return "unknown";
}

ElementFormat DetectElementFormat(absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");  // UTF-8 byte-order mark
  absl::string_view s = absl::StripLeadingAsciiWhitespace(text);
  if (s.empty()) return ElementFormat::kUnknown;
  if (s[0] == '<') {
    return FirstXmlElementIsOmm(s) ? ElementFormat::kOmmXml
                                   : ElementFormat::kUnknown;
  }
  if (s[0] == '[' || s[0] == '{') return ElementFormat::kOmmJson;

  // KVN: COMMENT lines may come before the version line.
  for (absl::string_view line : absl::StrSplit(s, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    if (line == "COMMENT" || absl::StartsWith(line, "COMMENT ") ||
        absl::StartsWith(line, "COMMENT\t")) {
      continue;
    }
    if (absl::StartsWith(line, "CCSDS_OMM_VERS")) {
      absl::string_view rest =
          absl::StripLeadingAsciiWhitespace(line.substr(14));
      if (absl::StartsWith(rest, "=")) return ElementFormat::kOmmKvn;
    }
    break;
  }

  const std::vector<absl::string_view> lines = FirstLines(s, 3);
  if (lines.size() >= 2 && IsTleLine(lines[0], '1') &&
      IsTleLine(lines[1], '2')) {
    return ElementFormat::kTle;
  }
  if (lines.size() >= 3 && !IsTleLine(lines[0], '1') &&
      !IsTleLine(lines[0], '2') && IsTleLine(lines[1], '1') &&
      IsTleLine(lines[2], '2')) {
    return ElementFormat::kTle;
  }
  return ElementFormat::kUnknown;
}

}  // namespace sstrack::astro
