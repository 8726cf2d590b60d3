// Copyright sstrack authors.
//
// astro/formats/xml.h — XML documents for the CCSDS navigation data messages
// (NDM/XML), read with pugixml into a small tree the OMM and TDM readers walk.
//
// pugixml reads elements, attributes, character data with the five
// predefined entities and numeric character references, CDATA sections,
// comments, processing instructions and a DOCTYPE. It never loads a DTD or
// an external entity and never expands an entity a DOCTYPE declares (such a
// reference stays in the text as written, like any unknown entity, and the
// field it is in then fails its own check). Namespace prefixes are dropped
// from element and attribute names ("ndm:omm" → "omm"). Text is UTF-8 as
// given. Errors say what was wrong and on which line.
//
// Example:
//   absl::StatusOr<XmlElement> root = ParseXml(text);
//   for (const XmlElement& omm : root->children) { ... omm.line ... }
#ifndef SSTRACK_ASTRO_FORMATS_XML_H_
#define SSTRACK_ASTRO_FORMATS_XML_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sstrack::astro {

struct XmlElement {
  std::string name;  // local name, prefix removed
  std::vector<std::pair<std::string, std::string>> attributes;
  // Character data directly inside this element (all pieces, CDATA
  // included, concatenated, entities decoded, not trimmed).
  std::string text;
  std::vector<XmlElement> children;
  int line = 0;  // 1-based line of the start tag

  // The value of the attribute with this local name, or nullptr.
  const std::string* Attribute(absl::string_view local_name) const;
};

// One document: exactly one root element, with optional declaration,
// comments and DOCTYPE around it. Nesting deeper than 100 levels is refused.
absl::StatusOr<XmlElement> ParseXml(absl::string_view text);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_XML_H_
