// Copyright sstrack authors.
#include "astro/formats/xml.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "pugixml.hpp"

namespace sstrack::astro {
namespace {

constexpr int kMaxDepth = 100;

absl::string_view LocalName(absl::string_view qualified) {
  const size_t colon = qualified.rfind(':');
  return colon == absl::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// 1-based line of a byte offset into the document.
class Lines {
 public:
  explicit Lines(absl::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') newlines_.push_back(i);
    }
  }
  int At(ptrdiff_t offset) const {
    if (offset < 0) return 1;
    return 1 + static_cast<int>(std::lower_bound(newlines_.begin(), newlines_.end(),
                                                 static_cast<size_t>(offset)) -
                                newlines_.begin());
  }

 private:
  std::vector<size_t> newlines_;
};

// XML 1.0 allows no control character but tab, line feed and carriage
// return, also not as a character reference (&#0;).
absl::Status CheckChars(absl::string_view v, int line) {
  for (const char ch : v) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') {
      return absl::InvalidArgumentError(absl::StrFormat(
          "line %d: character U+%04X is not allowed in XML", line, u));
    }
  }
  return absl::OkStatus();
}

absl::Status Convert(const pugi::xml_node& node, const Lines& lines, int depth, XmlElement* out) {
  out->line = lines.At(node.offset_debug());
  if (depth > kMaxDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", out->line, ": elements nested too deeply (more than ", kMaxDepth, ")"));
  }
  out->name = std::string(LocalName(node.name()));
  for (const pugi::xml_attribute& a : node.attributes()) {
    out->attributes.emplace_back(std::string(LocalName(a.name())), a.value());
    if (absl::Status s = CheckChars(a.value(), out->line); !s.ok()) return s;
  }
  for (const pugi::xml_node& c : node.children()) {
    switch (c.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        if (absl::Status s = CheckChars(c.value(), lines.At(c.offset_debug())); !s.ok()) return s;
        out->text += c.value();
        break;
      case pugi::node_element: {
        XmlElement child;
        if (absl::Status s = Convert(c, lines, depth + 1, &child); !s.ok()) return s;
        out->children.push_back(std::move(child));
        break;
      }
      default:  // comments, processing instructions
        break;
    }
  }
  return absl::OkStatus();
}

}  // namespace

const std::string* XmlElement::Attribute(absl::string_view local_name) const {
  for (const auto& [k, v] : attributes) {
    if (k == local_name) return &v;
  }
  return nullptr;
}

absl::StatusOr<XmlElement> ParseXml(absl::string_view text) {
  const Lines lines(text);
  // pugixml keeps text as C strings: a NUL, written or as a reference
  // (&#0;, &#x00;), would cut a value short without a word. XML allows none.
  for (size_t i = 0; i < text.size(); ++i) {
    bool nul = text[i] == '\0';
    if (text[i] == '&' && i + 2 < text.size() && text[i + 1] == '#') {
      size_t j = i + 2;
      if (j < text.size() && (text[j] == 'x' || text[j] == 'X')) ++j;
      const size_t digits = j;
      while (j < text.size() && text[j] == '0') ++j;
      nul = j > digits && j < text.size() && text[j] == ';';
    }
    if (nul) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", lines.At(static_cast<ptrdiff_t>(i)), ": character U+0000 is not allowed in XML"));
    }
  }
  pugi::xml_document doc;
  // parse_ws_pcdata keeps character data as given; parse_fragment keeps text
  // outside the root as nodes, so that it is refused below rather than
  // dropped; no DTD processing of any kind (pugixml has none).
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_fragment;
  const pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size(), options, pugi::encoding_utf8);
  if (!r) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", lines.At(r.offset), ": ", r.description()));
  }
  const pugi::xml_node* root = nullptr;
  std::vector<pugi::xml_node> elements;
  for (const pugi::xml_node& c : doc.children()) {
    if (c.type() == pugi::node_element) {
      elements.push_back(c);
    } else if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      const absl::string_view v = c.value();
      const size_t first = v.find_first_not_of(" \t\r\n");
      if (first != absl::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", lines.At(c.offset_debug() + static_cast<ptrdiff_t>(first)),
            ": text outside the root element"));
      }
    }
  }
  if (elements.empty()) return absl::InvalidArgumentError("line 1: expected the root element");
  if (elements.size() > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "line ", lines.At(elements[1].offset_debug()), ": a second root element <",
        LocalName(elements[1].name()), "> after the first"));
  }
  root = &elements[0];
  XmlElement out;
  if (absl::Status s = Convert(*root, lines, 1, &out); !s.ok()) return s;
  return out;
}

}  // namespace sstrack::astro
