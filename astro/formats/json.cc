// Copyright sstrack authors.
#include "astro/formats/json.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "rapidjson/error/en.h"
#include "rapidjson/reader.h"

namespace sstrack::astro {
namespace {

constexpr int kMaxDepth = 100;

// A RapidJSON input stream over the text that counts lines. At the end it
// reads as NUL, which RapidJSON takes for the end of the document: ParseJson
// checks afterwards that the whole text was read (a NUL byte inside it would
// otherwise end the document early without a word).
class LineStream {
 public:
  typedef char Ch;
  explicit LineStream(absl::string_view text) : p_(text.data()), begin_(text.data()), end_(text.data() + text.size()) {}
  Ch Peek() const { return p_ < end_ ? *p_ : '\0'; }
  Ch Take() {
    if (p_ >= end_) return '\0';
    const Ch c = *p_++;
    if (c == '\n') ++line_;
    return c;
  }
  size_t Tell() const { return static_cast<size_t>(p_ - begin_); }
  bool AtEnd() const { return p_ >= end_; }
  int line() const { return line_; }
  // Output, for in-situ parsing only (not used).
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  size_t PutEnd(Ch*) { return 0; }

 private:
  const Ch* p_;
  const Ch* begin_;
  const Ch* end_;
  int line_ = 1;
};

// Well-formed UTF-8 (no overlong forms, no surrogates, ≤ U+10FFFF).
bool ValidUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    for (int k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

// Builds the tree from the SAX events; each value gets the line the stream
// is on when its event arrives (a value never spans lines but an object or
// array, whose line is that of its opening bracket).
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  explicit TreeBuilder(const LineStream& in) : in_(in) {}

  bool Null() { return Add(JsonValue::Type::kNull); }
  bool Bool(bool b) {
    JsonValue* v = Add(JsonValue::Type::kBool);
    if (v != nullptr) v->boolean = b;
    return v != nullptr;
  }
  bool RawNumber(const char* str, rapidjson::SizeType len, bool) {
    JsonValue* v = Add(JsonValue::Type::kNumber);
    if (v != nullptr) v->text.assign(str, len);
    return v != nullptr;
  }
  bool String(const char* str, rapidjson::SizeType len, bool) {
    if (!Utf8(str, len)) return false;
    JsonValue* v = Add(JsonValue::Type::kString);
    if (v != nullptr) v->text.assign(str, len);
    return v != nullptr;
  }
  bool Key(const char* str, rapidjson::SizeType len, bool) {
    if (!Utf8(str, len)) return false;
    stack_.back()->keys.emplace_back(str, len);
    return true;
  }
  bool StartObject() { return Open(JsonValue::Type::kObject); }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(JsonValue::Type::kArray); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  JsonValue& root() { return root_; }
  // Why a handler stopped the parse, if one did.
  const std::string& refusal() const { return refusal_; }

 private:
  JsonValue* Add(JsonValue::Type t) {
    JsonValue* v;
    if (stack_.empty()) {
      v = &root_;
    } else {
      stack_.back()->items.emplace_back();
      v = &stack_.back()->items.back();
    }
    v->type = t;
    v->line = in_.line();
    return v;
  }
  bool Open(JsonValue::Type t) {
    if (static_cast<int>(stack_.size()) >= kMaxDepth) {
      refusal_ = absl::StrCat("line ", in_.line(), ": nested too deeply (more than ", kMaxDepth, " levels)");
      return false;
    }
    stack_.push_back(Add(t));
    return true;
  }
  bool Close() {
    stack_.pop_back();
    return true;
  }
  bool Utf8(const char* str, rapidjson::SizeType len) {
    if (ValidUtf8(absl::string_view(str, len))) return true;
    refusal_ = absl::StrCat("line ", in_.line(), ": a string is not valid UTF-8 (a lone surrogate?)");
    return false;
  }

  const LineStream& in_;
  JsonValue root_;
  // The open arrays and objects. Pointers stay valid: a value is only added
  // to the innermost open container, whose own storage does not move then.
  std::vector<JsonValue*> stack_;
  std::string refusal_;
};

}  // namespace

absl::string_view JsonTypeName(JsonValue::Type type) {
  switch (type) {
    case JsonValue::Type::kNull: return "null";
    case JsonValue::Type::kBool: return "boolean";
    case JsonValue::Type::kNumber: return "number";
    case JsonValue::Type::kString: return "string";
    case JsonValue::Type::kArray: return "array";
    case JsonValue::Type::kObject: return "object";
  }
  return "value";
}

absl::StatusOr<JsonValue> ParseJson(absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");  // a UTF-8 byte-order mark
  LineStream in(text);
  TreeBuilder builder(in);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag;
  const rapidjson::ParseResult r = reader.Parse<kFlags>(in, builder);
  if (r.IsError()) {
    if (!builder.refusal().empty()) return absl::InvalidArgumentError(builder.refusal());
    // The error's line: count to its offset.
    int line = 1;
    for (size_t i = 0; i < r.Offset() && i < text.size(); ++i) line += text[i] == '\n';
    return absl::InvalidArgumentError(
        absl::StrCat("line ", line, ": ", rapidjson::GetParseError_En(r.Code())));
  }
  if (!in.AtEnd()) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", in.line(), ": a NUL byte inside the JSON text"));
  }
  return std::move(builder.root());
}

}  // namespace sstrack::astro
