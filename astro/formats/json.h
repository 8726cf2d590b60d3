// Copyright sstrack authors.
//
// astro/formats/json.h — strict JSON (RFC 8259) read with RapidJSON
// (Debian's rapidjson-dev, its SAX reader, iterative: no recursion) into a
// small tree that remembers where each value stood, for the OMM JSON the
// public catalogs serve.
//
// Numbers are kept as the text they were written in, so that a caller parses
// "15.54190080" exactly as it would the same digits in a KVN or XML file, and
// integers of any size survive. Strings are decoded to UTF-8 (\uXXXX and
// surrogate pairs included) and must be valid UTF-8. Object members keep
// their order; repeated keys are kept (the caller decides). Errors say what
// was wrong and on which line ("line N: why").
//
// Example:
//   absl::StatusOr<JsonValue> doc = ParseJson(R"([{"NORAD_CAT_ID": 25544}])");
//   const JsonValue& obj = doc->items[0];
//   obj.keys[0] == "NORAD_CAT_ID", obj.items[0].text == "25544"
#ifndef SSTRACK_ASTRO_FORMATS_JSON_H_
#define SSTRACK_ASTRO_FORMATS_JSON_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sstrack::astro {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;  // kBool
  std::string text;      // kString: decoded; kNumber: as written
  // kArray: the elements. kObject: the member values, keys[i] naming items[i].
  std::vector<JsonValue> items;
  std::vector<std::string> keys;
  int line = 0;  // 1-based line where the value starts
};

// "null", "boolean", "number", "string", "array", "object".
absl::string_view JsonTypeName(JsonValue::Type type);

// One JSON text (white space around it allowed, a UTF-8 byte-order mark
// skipped). Nesting deeper than 100 levels is refused.
absl::StatusOr<JsonValue> ParseJson(absl::string_view text);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_JSON_H_
