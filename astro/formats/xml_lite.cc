// Copyright sstrack authors.
#include "astro/formats/xml_lite.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "astro/formats/utf8.h"

namespace sstrack::astro {
namespace {

constexpr int kMaxDepth = 100;

bool IsNameChar(char c) {
  return absl::ascii_isalnum(c) || c == '_' || c == ':' || c == '-' ||
         c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

std::string LocalName(absl::string_view name) {
  if (const size_t colon = name.rfind(':'); colon != name.npos) {
    name.remove_prefix(colon + 1);
  }
  return std::string(name);
}


class Parser {
 public:
  explicit Parser(absl::string_view text) : s_(text) {
    absl::ConsumePrefix(&s_, "\xEF\xBB\xBF");  // UTF-8 byte-order mark
  }

  absl::StatusOr<XmlElement> Document() {
    absl::Status st = SkipMisc();
    if (!st.ok()) return st;
    if (AtEnd() || Peek() != '<') return Error("expected the root element");
    XmlElement root;
    if (st = Element(0, &root); !st.ok()) return st;
    if (st = SkipMisc(); !st.ok()) return st;
    if (!AtEnd()) return Error("text after the root element");
    return root;
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return s_[pos_]; }
  bool LookingAt(absl::string_view p) const {
    return absl::StartsWith(s_.substr(pos_), p);
  }
  void Advance(size_t n) {
    for (size_t i = 0; i < n && pos_ < s_.size(); ++i, ++pos_) {
      if (s_[pos_] == '\n') ++line_;
    }
  }
  void SkipSpace() {
    while (!AtEnd() &&
           absl::ascii_isspace(static_cast<unsigned char>(Peek()))) {
      Advance(1);
    }
  }
  absl::Status Error(absl::string_view why) const {
    return absl::InvalidArgumentError(absl::StrCat("line ", line_, ": ", why));
  }
  // Skips to just after `end`; an error naming `what` if it never comes.
  absl::Status SkipPast(absl::string_view end, absl::string_view what) {
    const int start_line = line_;
    const size_t at = s_.find(end, pos_);
    if (at == s_.npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", start_line, ": unterminated ", what));
    }
    Advance(at + end.size() - pos_);
    return absl::OkStatus();
  }

  // White space, comments, processing instructions and DOCTYPE.
  absl::Status SkipMisc() {
    while (true) {
      SkipSpace();
      absl::Status st;
      if (LookingAt("<?")) {
        st = SkipPast("?>", "processing instruction");
      } else if (LookingAt("<!--")) {
        st = SkipPast("-->", "comment");
      } else if (LookingAt("<!DOCTYPE")) {
        if (s_.substr(pos_, s_.find('>', pos_) - pos_).find('[') != s_.npos) {
          return Error("DOCTYPE with an internal subset is not supported");
        }
        st = SkipPast(">", "DOCTYPE");
      } else {
        return absl::OkStatus();
      }
      if (!st.ok()) return st;
    }
  }

  absl::StatusOr<std::string> Name() {
    const size_t start = pos_;
    while (!AtEnd() && IsNameChar(Peek())) Advance(1);
    if (pos_ == start) return Error("expected a name");
    return std::string(s_.substr(start, pos_ - start));
  }

  // Decodes character data up to (not including) a '<' or `stop`.
  absl::Status CharData(char stop, std::string* out) {
    while (!AtEnd() && Peek() != '<' && Peek() != stop) {
      if (Peek() != '&') {
        out->push_back(Peek());
        Advance(1);
        continue;
      }
      const size_t semi = s_.find(';', pos_);
      if (semi == s_.npos || semi - pos_ > 12)
        return Error("bad entity reference");
      absl::string_view ref = s_.substr(pos_ + 1, semi - pos_ - 1);
      if (ref == "lt") {
        out->push_back('<');
      } else if (ref == "gt") {
        out->push_back('>');
      } else if (ref == "amp") {
        out->push_back('&');
      } else if (ref == "quot") {
        out->push_back('"');
      } else if (ref == "apos") {
        out->push_back('\'');
      } else if (absl::StartsWith(ref, "#")) {
        uint32_t cp = 0;
        const bool hex =
            absl::StartsWith(ref, "#x") || absl::StartsWith(ref, "#X");
        const bool ok = hex ? absl::SimpleHexAtoi(ref.substr(2), &cp)
                            : absl::SimpleAtoi(ref.substr(1), &cp);
        if (!ok || cp == 0 || cp > 0x10FFFF) {
          return Error(absl::StrCat("bad character reference '&", ref, ";'"));
        }
        AppendUtf8(cp, out);
      } else {
        return Error(absl::StrCat("unknown entity '&", ref, ";'"));
      }
      Advance(semi + 1 - pos_);
    }
    return absl::OkStatus();
  }

  absl::Status Attributes(XmlElement* e) {
    while (true) {
      SkipSpace();
      if (AtEnd())
        return Error(absl::StrCat("unterminated tag <", e->name, ">"));
      if (Peek() == '>' || LookingAt("/>")) return absl::OkStatus();
      absl::StatusOr<std::string> name = Name();
      if (!name.ok()) return name.status();
      SkipSpace();
      if (AtEnd() || Peek() != '=') {
        return Error(absl::StrCat("attribute ", *name, " without '='"));
      }
      Advance(1);
      SkipSpace();
      if (AtEnd() || (Peek() != '"' && Peek() != '\'')) {
        return Error(absl::StrCat("attribute ", *name, " value is not quoted"));
      }
      const char quote = Peek();
      Advance(1);
      std::string value;
      if (absl::Status st = CharData(quote, &value); !st.ok()) return st;
      if (AtEnd() || Peek() != quote) {
        return Error(absl::StrCat("attribute ", *name, " value is not closed"));
      }
      Advance(1);
      e->attributes.emplace_back(LocalName(*name), std::move(value));
    }
  }

  // At '<' of a start tag.
  absl::Status Element(int depth, XmlElement* e) {
    if (depth > kMaxDepth) return Error("elements nested too deeply");
    e->line = line_;
    Advance(1);
    absl::StatusOr<std::string> raw = Name();
    if (!raw.ok()) return raw.status();
    e->name = LocalName(*raw);
    if (absl::Status st = Attributes(e); !st.ok()) return st;
    if (LookingAt("/>")) {
      Advance(2);
      return absl::OkStatus();
    }
    Advance(1);  // '>'
    while (true) {
      if (AtEnd()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", e->line, ": element <", *raw, "> is never closed"));
      }
      absl::Status st;
      if (LookingAt("</")) {
        Advance(2);
        absl::StatusOr<std::string> end = Name();
        if (!end.ok()) return end.status();
        if (*end != *raw) {
          return Error(absl::StrCat("</", *end, "> closes <", *raw,
                                    "> opened at line ", e->line));
        }
        SkipSpace();
        if (AtEnd() || Peek() != '>')
          return Error(absl::StrCat("unterminated </", *end));
        Advance(1);
        return absl::OkStatus();
      } else if (LookingAt("<!--")) {
        st = SkipPast("-->", "comment");
      } else if (LookingAt("<![CDATA[")) {
        Advance(9);
        const size_t end = s_.find("]]>", pos_);
        if (end == s_.npos) return Error("unterminated CDATA section");
        absl::StrAppend(&e->text, s_.substr(pos_, end - pos_));
        Advance(end + 3 - pos_);
      } else if (LookingAt("<?")) {
        st = SkipPast("?>", "processing instruction");
      } else if (Peek() == '<') {
        e->children.emplace_back();
        st = Element(depth + 1, &e->children.back());
      } else {
        st = CharData('<', &e->text);
      }
      if (!st.ok()) return st;
    }
  }

  absl::string_view s_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

const std::string* XmlElement::Attribute(absl::string_view local_name) const {
  for (const auto& [k, v] : attributes) {
    if (k == local_name) return &v;
  }
  return nullptr;
}

absl::StatusOr<XmlElement> ParseXml(absl::string_view text) {
  return Parser(text).Document();
}

}  // namespace sstrack::astro
