// Copyright sstrack authors.
#include "astro/formats/xml_lite.h"

#include <string>

#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

TEST(XmlLiteTest, TreeTextAttributesAndLines) {
  const std::string doc =
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE ndm>\n"
      "<!-- a comment with <tags> -->\n"
      "<ndm:ndm xmlns:ndm=\"urn:x\" a='1' b = \"x &amp; y\">\n"
      "  <omm version=\"2.0\">\n"
      "    <OBJECT_NAME>A &lt;B&gt; &quot;C&quot; &apos;D&apos; "
      "&#65;&#x42;&#xE9;</OBJECT_NAME>\n"
      "    <EMPTY/><EMPTY2 units=\"deg\" />\n"
      "    <X><![CDATA[1 < 2 & <y>]]></X>\n"
      "    <?pi inside?><!-- c -->\n"
      "  </omm>\n"
      "</ndm:ndm>\n"
      "<!-- trailing -->\n";
  absl::StatusOr<XmlElement> root = ParseXml(doc);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(root->name, "ndm");
  EXPECT_EQ(root->line, 4);
  ASSERT_NE(root->Attribute("b"), nullptr);
  EXPECT_EQ(*root->Attribute("b"), "x & y");
  EXPECT_EQ(*root->Attribute("ndm"), "urn:x");  // xmlns:ndm → local name "ndm"
  EXPECT_EQ(root->Attribute("c"), nullptr);
  ASSERT_EQ(root->children.size(), 1u);
  const XmlElement& omm = root->children[0];
  EXPECT_EQ(omm.line, 5);
  EXPECT_EQ(*omm.Attribute("version"), "2.0");
  ASSERT_EQ(omm.children.size(), 4u);
  EXPECT_EQ(omm.children[0].text, "A <B> \"C\" 'D' AB\xC3\xA9");
  EXPECT_EQ(omm.children[0].line, 6);
  EXPECT_EQ(omm.children[1].name, "EMPTY");
  EXPECT_TRUE(omm.children[1].text.empty());
  EXPECT_EQ(*omm.children[2].Attribute("units"), "deg");
  EXPECT_EQ(omm.children[2].line, 7);
  EXPECT_EQ(omm.children[3].text, "1 < 2 & <y>");
  EXPECT_EQ(omm.children[3].line, 8);
}

TEST(XmlLiteTest, ErrorsNameTheLine) {
  struct Case {
    std::string doc, expect;
  } cases[] = {
      {"<a>\n<b>\n</a>", "line 3: </a> closes <b> opened at line 2"},
      {"<a>\n<b>text", "line 2: element <b> is never closed"},
      {"<a>\n<b x=1/></a>", "line 2: attribute x value is not quoted"},
      {"<a>\n&bogus;</a>", "line 2: unknown entity '&bogus;'"},
      {"<a>&#0;</a>", "line 1: bad character reference '&#0;'"},
      {"<a/>\n<b/>", "line 2: text after the root element"},
      {"text", "line 1: expected the root element"},
      {"<a>\n<!-- never closed", "line 2: unterminated comment"},
      {"<!DOCTYPE a [<!ENTITY x 'y'>]><a/>",
       "internal subset is not supported"},
      {"", "line 1: expected the root element"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<XmlElement> r = ParseXml(c.doc);
    ASSERT_FALSE(r.ok()) << c.doc;
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos)
        << c.doc << " → " << r.status().message();
  }
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "<a>";
  for (int i = 0; i < 200; ++i) deep += "</a>";
  EXPECT_NE(ParseXml(deep).status().message().find("nested too deeply"),
            std::string::npos);
}

}  // namespace
}  // namespace sstrack::astro
