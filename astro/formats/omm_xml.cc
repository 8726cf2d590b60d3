// Copyright sstrack authors.
//
// NDM/XML OMMs → messages of fields. The walk is tolerant: the containers
// of the schema (header, body, segment, metadata, data, meanElements,
// tleParameters, spacecraftParameters) are entered wherever they stand, the
// covariance and user-defined blocks are skipped, and every other element is
// a keyword whose text is the value.
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "astro/formats/omm_internal.h"
#include "astro/formats/xml.h"

namespace sstrack::astro::omm_internal {
namespace {

bool IsContainer(absl::string_view name) {
  return name == "header" || name == "body" || name == "segment" ||
         name == "metadata" || name == "data" || name == "meanElements" ||
         name == "tleParameters" || name == "spacecraftParameters";
}

bool IsSkippedBlock(absl::string_view name) {
  return name == "covarianceMatrix" || name == "userDefinedParameters" ||
         name == "COMMENT";
}

void Walk(const XmlElement& e, int* segments, Message* m) {
  for (const XmlElement& c : e.children) {
    if (m->error.has_value()) return;
    if (IsSkippedBlock(c.name)) continue;
    if (c.name == "segment" && ++*segments > 1) {
      m->error = Error{c.line, "<segment>: an OMM holds exactly one segment"};
      return;
    }
    if (IsContainer(c.name)) {
      Walk(c, segments, m);
      continue;
    }
    if (!c.children.empty()) {
      m->error = Error{c.children.front().line,
                       absl::StrCat(c.name, ": unexpected element <",
                                    c.children.front().name, "> inside it")};
      return;
    }
    Field f;
    f.keyword = c.name;
    f.value = std::string(absl::StripAsciiWhitespace(c.text));
    f.line = c.line;
    if (const std::string* u = c.Attribute("units")) f.unit = *u;
    m->fields.push_back(std::move(f));
  }
}

Message FromOmmElement(const XmlElement& omm) {
  Message m;
  m.syntax = Syntax::kXml;
  m.line = omm.line;
  // The version is the version attribute of <omm id="CCSDS_OMM_VERS">.
  if (const std::string* v = omm.Attribute("version")) {
    m.fields.push_back({"CCSDS_OMM_VERS",
                        std::string(absl::StripAsciiWhitespace(*v)),
                        std::nullopt, omm.line});
  }
  int segments = 0;
  Walk(omm, &segments, &m);
  return m;
}

}  // namespace

Split SplitXml(absl::string_view text) {
  Split out;
  absl::StatusOr<XmlElement> root = ParseXml(text);
  if (!root.ok()) {
    // "line N: why" from the XML reader (astro/formats/xml.h).
    absl::string_view msg = root.status().message();
    int line = 1;
    if (absl::ConsumePrefix(&msg, "line ")) {
      const size_t colon = msg.find(':');
      if (colon != msg.npos && absl::SimpleAtoi(msg.substr(0, colon), &line)) {
        msg.remove_prefix(colon + 1);
      }
    }
    out.stray.push_back({line, absl::StrCat("XML:", msg)});
    return out;
  }
  if (root->name == "omm") {
    out.messages.push_back(FromOmmElement(*root));
  } else if (root->name == "ndm") {
    for (const XmlElement& c : root->children) {
      if (c.name == "omm") {
        out.messages.push_back(FromOmmElement(c));
      } else if (c.name != "COMMENT" && c.name != "MESSAGE_ID") {
        out.stray.push_back(
            {c.line,
             absl::StrCat("<", c.name, ">: not an OMM (only <omm> is read)")});
      }
    }
  } else {
    out.stray.push_back(
        {root->line,
         absl::StrCat("<", root->name, ">: expected <omm> or <ndm>")});
  }
  return out;
}

}  // namespace sstrack::astro::omm_internal
