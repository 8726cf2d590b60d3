// Copyright sstrack authors.
//
// NDM/XML TDMs (CCSDS 505.0) → the raw message the KVN splitter also makes:
//   <tdm id="CCSDS_TDM_VERS" version="2.0">
//     <header> <COMMENT/> <CREATION_DATE/> <ORIGINATOR/> </header>
//     <body> <segment>
//       <metadata> <TIME_SYSTEM>UTC</TIME_SYSTEM> ... </metadata>
//       <data> <COMMENT/>
//         <observation> <EPOCH>...</EPOCH> <RANGE>...</RANGE> </observation>
//       </data>
//     </segment> ... </body>
//   </tdm>
// An <ndm> wrapper holding one <tdm> is accepted as well.
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "astro/formats/tdm_internal.h"
#include "astro/formats/xml.h"

namespace sstrack::astro::tdm_internal {
namespace {

std::string Text(const XmlElement& e) {
  return std::string(absl::StripAsciiWhitespace(e.text));
}

Field FieldOf(const XmlElement& e) {
  Field f{e.name, Text(e), {}, e.line};
  if (const std::string* u = e.Attribute("units")) f.unit = *u;
  return f;
}

DataRecord RecordOf(const XmlElement& obs) {
  DataRecord r;
  r.line = obs.line;
  const XmlElement* epoch = nullptr;
  const XmlElement* value = nullptr;
  for (const XmlElement& c : obs.children) {
    if (c.name == "EPOCH") {
      if (epoch != nullptr) {
        r.error = "EPOCH: given twice in one <observation>";
        return r;
      }
      epoch = &c;
    } else if (value != nullptr) {
      r.keyword = value->name;
      r.error = absl::StrCat(c.name,
                             ": a second measurement in one "
                             "<observation> (",
                             value->name, ")");
      r.line = c.line;
      return r;
    } else {
      value = &c;
    }
  }
  if (value == nullptr) {
    r.error = "observation: no measurement element besides <EPOCH>";
    return r;
  }
  r.keyword = value->name;
  r.line = value->line;
  if (epoch == nullptr) {
    r.error = absl::StrCat(r.keyword, ": <observation> without <EPOCH>");
    return r;
  }
  r.time = Text(*epoch);
  r.value = Text(*value);
  return r;
}

void ReadSegment(const XmlElement& s, RawTdm* out) {
  RawSegment seg;
  seg.line = s.line;
  bool have_meta = false, have_data = false;
  for (const XmlElement& block : s.children) {
    if (block.name == "metadata" && !have_meta) {
      have_meta = true;
      seg.line = block.line;
      for (const XmlElement& f : block.children) {
        if (!f.children.empty() && !seg.error) {
          seg.error = Error{f.line, absl::StrCat(f.name,
                                                 ": unexpected child "
                                                 "elements")};
        }
        seg.meta.push_back(FieldOf(f));
      }
    } else if (block.name == "data" && !have_data) {
      have_data = true;
      for (const XmlElement& o : block.children) {
        if (o.name == "COMMENT") {
          seg.data_comments.push_back(Text(o));
        } else if (o.name == "observation") {
          seg.data.push_back(RecordOf(o));
        } else {
          DataRecord r;
          r.keyword = o.name;
          r.line = o.line;
          r.error = absl::StrCat(o.name, ": expected <observation> in <data>");
          seg.data.push_back(std::move(r));
        }
      }
    } else if (!seg.error) {
      seg.error =
          Error{block.line, absl::StrCat(block.name,
                                         ": expected one <metadata> "
                                         "and one <data> in <segment>")};
    }
  }
  if (!seg.error && !have_meta) {
    seg.error = Error{s.line, "segment: no <metadata>"};
  } else if (!seg.error && !have_data) {
    seg.error = Error{s.line, "segment: no <data>"};
  }
  out->segments.push_back(std::move(seg));
}

}  // namespace

RawTdm SplitXml(absl::string_view text) {
  RawTdm out;
  absl::StatusOr<XmlElement> root = ParseXml(text);
  if (!root.ok()) {
    out.stray.push_back({1, absl::StrCat("XML: ", root.status().message())});
    out.unreadable = true;
    return out;
  }
  const XmlElement* tdm = &*root;
  if (tdm->name == "ndm") {
    const XmlElement* inner = nullptr;
    for (const XmlElement& c : tdm->children) {
      if (c.name == "tdm" && inner == nullptr) inner = &c;
    }
    if (inner == nullptr) {
      out.stray.push_back({tdm->line, "ndm: no <tdm> inside"});
      out.unreadable = true;
      return out;
    }
    tdm = inner;
  }
  if (tdm->name != "tdm") {
    out.stray.push_back(
        {tdm->line, absl::StrCat(tdm->name, ": expected a <tdm> element")});
    out.unreadable = true;
    return out;
  }
  out.first_line = tdm->line;
  const std::string* id = tdm->Attribute("id");
  const std::string* version = tdm->Attribute("version");
  if (id != nullptr && *id == "CCSDS_TDM_VERS" && version != nullptr) {
    out.header.push_back({"CCSDS_TDM_VERS", *version, {}, tdm->line});
  }
  for (const XmlElement& part : tdm->children) {
    if (part.name == "header") {
      for (const XmlElement& f : part.children)
        out.header.push_back(FieldOf(f));
    } else if (part.name == "body") {
      for (const XmlElement& s : part.children) {
        if (s.name == "segment") {
          ReadSegment(s, &out);
        } else {
          out.stray.push_back(
              {s.line, absl::StrCat(s.name, ": expected <segment> in <body>")});
        }
      }
    } else {
      out.stray.push_back(
          {part.line,
           absl::StrCat(part.name, ": expected <header> or <body> in <tdm>")});
    }
  }
  return out;
}

}  // namespace sstrack::astro::tdm_internal
