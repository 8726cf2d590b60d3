// Copyright sstrack authors.
#include "astro/formats/json_lite.h"

#include <cstdint>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "astro/formats/utf8.h"

namespace sstrack::astro {
namespace {

constexpr int kMaxDepth = 100;


class Parser {
 public:
  explicit Parser(absl::string_view text) : s_(text) {
    absl::ConsumePrefix(&s_, "\xEF\xBB\xBF");
  }

  absl::StatusOr<JsonValue> Document() {
    JsonValue v;
    SkipSpace();
    if (absl::Status st = Value(0, &v); !st.ok()) return st;
    SkipSpace();
    if (!AtEnd()) return Error("text after the JSON value");
    return v;
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return s_[pos_]; }
  void Advance() {
    if (s_[pos_] == '\n') ++line_;
    ++pos_;
  }
  void SkipSpace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' ||
                        Peek() == '\r')) {
      Advance();
    }
  }
  absl::Status Error(absl::string_view why) const {
    return absl::InvalidArgumentError(absl::StrCat("line ", line_, ": ", why));
  }
  absl::Status Unexpected(absl::string_view expected) const {
    if (AtEnd())
      return Error(absl::StrCat("unexpected end, expected ", expected));
    return Error(absl::StrCat("unexpected '", s_.substr(pos_, 1),
                              "', expected ", expected));
  }

  absl::Status Value(int depth, JsonValue* v) {
    if (depth > kMaxDepth) return Error("values nested too deeply");
    v->line = line_;
    if (AtEnd()) return Unexpected("a value");
    switch (Peek()) {
      case '{':
        return Object(depth, v);
      case '[':
        return Array(depth, v);
      case '"':
        v->type = JsonValue::Type::kString;
        return String(&v->text);
      default:
        break;
    }
    for (auto [word, type, b] :
         {std::tuple{"true", JsonValue::Type::kBool, true},
          std::tuple{"false", JsonValue::Type::kBool, false},
          std::tuple{"null", JsonValue::Type::kNull, false}}) {
      if (absl::StartsWith(s_.substr(pos_), word)) {
        v->type = type;
        v->boolean = b;
        pos_ += absl::string_view(word).size();
        return absl::OkStatus();
      }
    }
    v->type = JsonValue::Type::kNumber;
    return Number(&v->text);
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  absl::Status Number(std::string* out) {
    const size_t start = pos_;
    auto digits = [&] {
      const size_t d = pos_;
      while (!AtEnd() && absl::ascii_isdigit(Peek())) ++pos_;
      return pos_ - d;
    };
    if (!AtEnd() && Peek() == '-') ++pos_;
    if (!AtEnd() && Peek() == '0') {
      ++pos_;
    } else if (digits() == 0) {
      pos_ = start;
      return Unexpected("a value");
    }
    if (!AtEnd() && Peek() == '.') {
      ++pos_;
      if (digits() == 0) return Error("a digit must follow the decimal point");
    }
    if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
      ++pos_;
      if (!AtEnd() && (Peek() == '+' || Peek() == '-')) ++pos_;
      if (digits() == 0) return Error("a digit must follow the exponent");
    }
    *out = std::string(s_.substr(start, pos_ - start));
    return absl::OkStatus();
  }

  absl::StatusOr<uint32_t> Hex4() {
    uint32_t cp = 0;
    if (s_.size() - pos_ < 4) return Error("\\u needs four hex digits");
    for (size_t i = pos_; i < pos_ + 4; ++i) {
      if (!absl::ascii_isxdigit(s_[i]))
        return Error("\\u needs four hex digits");
    }
    if (!absl::SimpleHexAtoi(s_.substr(pos_, 4), &cp)) {
      return Error("\\u needs four hex digits");
    }
    pos_ += 4;
    return cp;
  }

  absl::Status String(std::string* out) {
    const int start_line = line_;
    Advance();  // '"'
    while (true) {
      if (AtEnd() || Peek() == '\n') {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", start_line, ": unterminated string"));
      }
      const char c = Peek();
      if (c == '"') {
        Advance();
        return absl::OkStatus();
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        return Error("control character inside a string");
      }
      Advance();
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (AtEnd()) return Error("unterminated escape");
      const char e = Peek();
      Advance();
      switch (e) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          absl::StatusOr<uint32_t> cp = Hex4();
          if (!cp.ok()) return cp.status();
          if (*cp >= 0xD800 && *cp < 0xDC00) {  // high surrogate
            if (s_.substr(pos_, 2) != "\\u")
              return Error("lone surrogate in \\u escape");
            pos_ += 2;
            absl::StatusOr<uint32_t> lo = Hex4();
            if (!lo.ok()) return lo.status();
            if (*lo < 0xDC00 || *lo >= 0xE000)
              return Error("bad surrogate pair");
            *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*lo - 0xDC00);
          } else if (*cp >= 0xDC00 && *cp < 0xE000) {
            return Error("lone surrogate in \\u escape");
          }
          AppendUtf8(*cp, out);
          break;
        }
        default:
          return Error(
              absl::StrCat("unknown escape '\\", std::string(1, e), "'"));
      }
    }
  }

  absl::Status Array(int depth, JsonValue* v) {
    v->type = JsonValue::Type::kArray;
    Advance();  // '['
    SkipSpace();
    if (!AtEnd() && Peek() == ']') {
      Advance();
      return absl::OkStatus();
    }
    while (true) {
      v->items.emplace_back();
      if (absl::Status st = Value(depth + 1, &v->items.back()); !st.ok())
        return st;
      SkipSpace();
      if (AtEnd() || (Peek() != ',' && Peek() != ']'))
        return Unexpected("',' or ']'");
      const bool end = Peek() == ']';
      Advance();
      if (end) return absl::OkStatus();
      SkipSpace();
    }
  }

  absl::Status Object(int depth, JsonValue* v) {
    v->type = JsonValue::Type::kObject;
    Advance();  // '{'
    SkipSpace();
    if (!AtEnd() && Peek() == '}') {
      Advance();
      return absl::OkStatus();
    }
    while (true) {
      if (AtEnd() || Peek() != '"') return Unexpected("a string key");
      std::string key;
      if (absl::Status st = String(&key); !st.ok()) return st;
      SkipSpace();
      if (AtEnd() || Peek() != ':') return Unexpected("':'");
      Advance();
      SkipSpace();
      v->keys.push_back(std::move(key));
      v->items.emplace_back();
      if (absl::Status st = Value(depth + 1, &v->items.back()); !st.ok())
        return st;
      SkipSpace();
      if (AtEnd() || (Peek() != ',' && Peek() != '}'))
        return Unexpected("',' or '}'");
      const bool end = Peek() == '}';
      Advance();
      if (end) return absl::OkStatus();
      SkipSpace();
    }
  }

  absl::string_view s_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

absl::string_view JsonTypeName(JsonValue::Type type) {
  switch (type) {
    case JsonValue::Type::kNull:
      return "null";
    case JsonValue::Type::kBool:
      return "boolean";
    case JsonValue::Type::kNumber:
      return "number";
    case JsonValue::Type::kString:
      return "string";
    case JsonValue::Type::kArray:
      return "array";
    case JsonValue::Type::kObject:
      return "object";
  }
  return "?";
}

absl::StatusOr<JsonValue> ParseJson(absl::string_view text) {
  return Parser(text).Document();
}

}  // namespace sstrack::astro
