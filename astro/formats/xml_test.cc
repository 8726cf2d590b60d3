// Copyright sstrack authors.
#include "astro/formats/xml.h"

#include <string>

#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

TEST(XmlTest, TreeTextAttributesAndLines) {
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

TEST(XmlTest, ErrorsNameTheLine) {
  struct Case {
    std::string doc, expect;
  } cases[] = {
      {"<a>\n<b>\n</a>", "line 3: Start-end tags mismatch"},
      {"<a>\n<b>text", "line 2: Start-end tags mismatch"},
      {"<a>\n<b x=1/></a>", "line 2: Error parsing element attribute"},
      {"<a>&#0;</a>", "line 1: character U+0000 is not allowed in XML"},
      {"<a>\n<b c='&#7;'/></a>", "line 2: character U+0007 is not allowed in XML"},
      {"<a/>\n<b/>", "line 2: a second root element <b> after the first"},
      {"<a/>\n  tail", "line 2: text outside the root element"},
      {"text", "line 1: text outside the root element"},
      {"<a>\n<!-- never closed", "line 2: Error parsing comment"},
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

// No entity a DOCTYPE declares is ever expanded (no "billion laughs", no
// external file): the reference stays as written, as an unknown one does.
TEST(XmlTest, DeclaredAndUnknownEntitiesStayAsWritten) {
  const std::string laughs =
      "<!DOCTYPE a [<!ENTITY x 'lol'><!ENTITY y '&x;&x;&x;&x;&x;&x;&x;&x;'>"
      "<!ENTITY f SYSTEM 'file:///etc/passwd'>]>\n<a k='&y;'>&y;&f;&bogus;</a>";
  absl::StatusOr<XmlElement> r = ParseXml(laughs);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->text, "&y;&f;&bogus;");
  EXPECT_EQ(*r->Attribute("k"), "&y;");
  EXPECT_EQ(r->line, 2);
}

}  // namespace
}  // namespace sstrack::astro
