// Copyright sstrack authors.
//
// astro/formats/element_format.h — what every SGP4 element-set reader
// returns, and a detector that tells the file formats apart.
//
// The TLE reader (tle.h) and the CCSDS OMM readers (omm.h, in KVN, XML and
// JSON syntax) all fill one `ElementFileResult`: the element sets that were
// read, one rejection per record that was not (naming source:line and the
// field or keyword), and the number of identical repeats dropped. A caller
// such as the catalog import can take any of them; `ReadElementFile`
// (element_file.h) picks the reader by `DetectElementFormat`.
//
// Example:
//   switch (DetectElementFormat(text)) {
//     case ElementFormat::kOmmJson: ...   // CelesTrak/Space-Track FORMAT=json
//   }
#ifndef SSTRACK_ASTRO_FORMATS_ELEMENT_FORMAT_H_
#define SSTRACK_ASTRO_FORMATS_ELEMENT_FORMAT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "astro/elements/mean_elements.h"

namespace sstrack::astro {

enum class ElementFormat {
  kUnknown,
  kTle,      // two- or three-line element sets
  kOmmKvn,   // CCSDS 502.0-B-2 OMM, keyword = value notation
  kOmmXml,   // CCSDS 505.0 NDM/XML: <omm> or an <ndm> holding several
  kOmmJson,  // an array of OMM objects (or one object), keywords as keys
};

// "unknown", "TLE", "OMM KVN", "OMM XML", "OMM JSON".
absl::string_view ElementFormatName(ElementFormat format);

// Looks at the start of the text only (after a UTF-8 byte-order mark, blank
// lines and, for KVN, COMMENT lines):
//   '<' and an <omm> or <ndm> element     → kOmmXml
//   '[' or '{'                             → kOmmJson
//   a first keyword line CCSDS_OMM_VERS    → kOmmKvn
//   "1 " followed by a "2 " line, possibly
//   after one name line                    → kTle
// anything else → kUnknown. It does not validate: the reader does.
ElementFormat DetectElementFormat(absl::string_view text);

struct ElementRejection {
  int line = 0;         // 1-based line where the record starts
  std::string message;  // "source:line: what was wrong"
};

struct ElementFileResult {
  ElementFormat format = ElementFormat::kUnknown;
  std::vector<MeanElements> elements;
  std::vector<ElementRejection> rejections;
  int duplicates = 0;  // identical repeats dropped silently
};

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_ELEMENT_FORMAT_H_
