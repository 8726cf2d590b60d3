// Copyright sstrack authors.
//
// JSON OMMs (CelesTrak / Space-Track FORMAT=json) → messages of fields:
// an array of objects, or one object, with the OMM keywords as keys and the
// values as strings or numbers.
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "astro/formats/json.h"
#include "astro/formats/omm_internal.h"

namespace sstrack::astro::omm_internal {
namespace {

Message FromObject(const JsonValue& obj) {
  Message m;
  m.syntax = Syntax::kJson;
  m.line = obj.line;
  for (size_t i = 0; i < obj.keys.size(); ++i) {
    const JsonValue& v = obj.items[i];
    const std::string& key = obj.keys[i];
    if (v.type == JsonValue::Type::kNull) continue;  // absent
    if (v.type != JsonValue::Type::kString &&
        v.type != JsonValue::Type::kNumber) {
      if (m.error.has_value() || IsJsonExtraKey(key)) continue;
      m.error =
          Error{v.line, absl::StrCat(key, ": ", JsonTypeName(v.type),
                                     " value, expected a string or a number")};
      continue;
    }
    Field f;
    f.keyword = key;
    f.value = std::string(absl::StripAsciiWhitespace(v.text));
    f.line = v.line;
    m.fields.push_back(std::move(f));
  }
  return m;
}

}  // namespace

Split SplitJson(absl::string_view text) {
  Split out;
  absl::StatusOr<JsonValue> doc = ParseJson(text);
  if (!doc.ok()) {
    absl::string_view msg = doc.status().message();
    int line = 1;
    if (absl::ConsumePrefix(&msg, "line ")) {
      const size_t colon = msg.find(':');
      if (colon != msg.npos && absl::SimpleAtoi(msg.substr(0, colon), &line)) {
        msg.remove_prefix(colon + 1);
      }
    }
    out.stray.push_back({line, absl::StrCat("JSON:", msg)});
    return out;
  }
  if (doc->type == JsonValue::Type::kObject) {
    out.messages.push_back(FromObject(*doc));
  } else if (doc->type == JsonValue::Type::kArray) {
    for (size_t i = 0; i < doc->items.size(); ++i) {
      const JsonValue& item = doc->items[i];
      if (item.type == JsonValue::Type::kObject) {
        out.messages.push_back(FromObject(item));
      } else {
        out.stray.push_back(
            {item.line, absl::StrCat("JSON: array item ", i + 1,
                                     " is not an OMM object but a ",
                                     JsonTypeName(item.type))});
      }
    }
  } else {
    out.stray.push_back(
        {doc->line,
         absl::StrCat("JSON: the document is a ", JsonTypeName(doc->type),
                      ", expected an array of OMM objects")});
  }
  return out;
}

}  // namespace sstrack::astro::omm_internal
