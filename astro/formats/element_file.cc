// Copyright sstrack authors.
#include "astro/formats/element_file.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "astro/formats/omm.h"

namespace sstrack::astro {

absl::StatusOr<ElementFileResult> ParseElementText(
    absl::string_view text, absl::string_view source,
    const TleParseOptions& tle_options) {
  switch (DetectElementFormat(text)) {
    case ElementFormat::kTle:
      return ParseTleText(text, source, tle_options);
    case ElementFormat::kOmmKvn:
      return ParseOmmKvnText(text, source);
    case ElementFormat::kOmmXml:
      return ParseOmmXmlText(text, source);
    case ElementFormat::kOmmJson:
      return ParseOmmJsonText(text, source);
    case ElementFormat::kUnknown:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(source,
                   ": not an element file (expected TLE, or a CCSDS OMM "
                   "in KVN, XML or JSON)"));
}

absl::StatusOr<ElementFileResult> ReadElementFile(
    const std::string& path, const TleParseOptions& tle_options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseElementText(ss.str(), path, tle_options);
}

}  // namespace sstrack::astro
