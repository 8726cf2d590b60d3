// Copyright sstrack authors.
//
// astro/formats/utf8.h — appends a Unicode code point as UTF-8 (for the
// small XML and JSON readers' character references and escapes).
#ifndef SSTRACK_ASTRO_FORMATS_UTF8_H_
#define SSTRACK_ASTRO_FORMATS_UTF8_H_

#include <cstdint>
#include <string>

namespace sstrack::astro {

inline void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_UTF8_H_
