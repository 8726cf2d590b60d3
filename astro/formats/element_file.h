// Copyright sstrack authors.
//
// astro/formats/element_file.h — read any SGP4 element file: TLE (2- or
// 3-line) or CCSDS OMM in KVN, XML or JSON, told apart by
// DetectElementFormat, into the one ElementFileResult every reader fills.
//
// Example:
//   absl::StatusOr<ElementFileResult> r = ReadElementFile("gp.xml");
//   if (!r.ok()) return r.status();            // unreadable or unknown format
//   catalog->ImportElements(r->elements, ...);  // r->format says which reader
#ifndef SSTRACK_ASTRO_FORMATS_ELEMENT_FILE_H_
#define SSTRACK_ASTRO_FORMATS_ELEMENT_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/formats/element_format.h"
#include "astro/formats/tle.h"

namespace sstrack::astro {

// INVALID_ARGUMENT naming `source` when the text is none of the formats.
absl::StatusOr<ElementFileResult> ParseElementText(
    absl::string_view text, absl::string_view source,
    const TleParseOptions& tle_options = {});

// NOT_FOUND when the file cannot be read; INVALID_ARGUMENT when it is not a
// TLE or OMM file. Bad records are rejections inside the result.
absl::StatusOr<ElementFileResult> ReadElementFile(
    const std::string& path, const TleParseOptions& tle_options = {});

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_ELEMENT_FILE_H_
