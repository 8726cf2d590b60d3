// Copyright sstrack authors.
#include "astro/formats/json.h"

#include <string>

#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

using Type = JsonValue::Type;

TEST(JsonTest, ValuesKeepTheirTextOrderAndLines) {
  const std::string doc =
      "\xEF\xBB\xBF [\n"
      "  {\"MEAN_MOTION\": 15.54190080, \"NORAD_CAT_ID\": 25544,\n"
      "   \"BSTAR\": -3.855E-5, \"Z\": 0, \"N\": null, \"T\": true, \"F\": "
      "false,\n"
      "   \"S\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude80\", \"E\": {}, "
      "\"A\": []},\n"
      "  \"x\"\n"
      "]\n";
  absl::StatusOr<JsonValue> v = ParseJson(doc);
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_EQ(v->type, Type::kArray);
  ASSERT_EQ(v->items.size(), 2u);
  const JsonValue& o = v->items[0];
  ASSERT_EQ(o.type, Type::kObject);
  EXPECT_EQ(o.line, 2);
  ASSERT_EQ(o.keys.size(), 10u);
  ASSERT_EQ(o.items.size(), 10u);
  EXPECT_EQ(o.keys[0], "MEAN_MOTION");
  EXPECT_EQ(o.items[0].type, Type::kNumber);
  EXPECT_EQ(o.items[0].text, "15.54190080");  // as written, trailing zero kept
  EXPECT_EQ(o.items[1].text, "25544");
  EXPECT_EQ(o.items[2].text, "-3.855E-5");
  EXPECT_EQ(o.items[2].line, 3);
  EXPECT_EQ(o.items[3].text, "0");
  EXPECT_EQ(o.items[4].type, Type::kNull);
  EXPECT_TRUE(o.items[5].boolean);
  EXPECT_EQ(o.items[6].type, Type::kBool);
  EXPECT_FALSE(o.items[6].boolean);
  EXPECT_EQ(o.items[7].text,
            "a\"b\\c/d\n\t\xC3\xA9\xF0\x9F\x9A\x80");  // é, U+1F680
  EXPECT_EQ(o.items[8].type, Type::kObject);
  EXPECT_TRUE(o.items[8].keys.empty());
  EXPECT_EQ(o.items[9].type, Type::kArray);
  EXPECT_EQ(v->items[1].text, "x");
  EXPECT_EQ(v->items[1].line, 5);
}

TEST(JsonTest, StrictGrammarErrorsNameTheLine) {
  struct Case {
    std::string doc, expect;
  } cases[] = {
      {"[1,\n2,]", "line 2: Invalid value."},
      {"{\"a\": 1,\n}", "line 2: Missing a name for object member."},
      {"{\"a\" 1}", "line 1: Missing a colon after a name of object member."},
      {"[01]", "line 1: Missing a comma or ']' after an array element."},
      {"[1.]", "line 1: Miss fraction part in number."},
      {"[1e+]", "line 1: Miss exponent in number."},
      {"[.5]", "line 1: Invalid value."},
      {"[NaN]", "line 1: Invalid value."},
      {"\n\"abc", "line 2: Missing a closing quotation mark in string."},
      {"\"a\\qb\"", "line 1: Invalid escape character in string."},
      {"\"\\u12G4\"", "line 1: Incorrect hex digit after \\u escape in string."},
      {"\"\\ud83d\"", "line 1: The surrogate pair in string is invalid."},
      {"[\n\"\\udc00\"]", "line 2: a string is not valid UTF-8 (a lone surrogate?)"},
      {"[\"\xC3\x28\"]", "line 1: Invalid encoding in string."},
      {"\"a\tb\"", "line 1: Invalid escape character in string."},
      {"[1] [2]", "line 1: The document root must not be followed by other values."},
      {std::string("[1]\n\0[2]", 8), "line 2: a NUL byte inside the JSON text"},
      {"", "line 1: The document is empty."},
  };
  for (const Case& c : cases) {
    absl::StatusOr<JsonValue> r = ParseJson(c.doc);
    ASSERT_FALSE(r.ok()) << c.doc;
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos)
        << c.doc << " → " << r.status().message();
  }
  std::string deep(200, '[');
  deep += std::string(200, ']');
  EXPECT_NE(ParseJson(deep).status().message().find("nested too deeply"),
            std::string::npos);
}

}  // namespace
}  // namespace sstrack::astro
