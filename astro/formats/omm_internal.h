// Copyright sstrack authors.
//
// astro/formats/omm_internal.h — the pieces the OMM readers share; not for
// use outside astro/formats/omm*.cc.
//
// Each syntax (KVN, XML, JSON) is first split into messages, each a flat
// list of keyword/value/unit fields with their lines; one checker then turns
// a message into MeanElements or names the first thing wrong with it.
#ifndef SSTRACK_ASTRO_FORMATS_OMM_INTERNAL_H_
#define SSTRACK_ASTRO_FORMATS_OMM_INTERNAL_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "astro/elements/mean_elements.h"

namespace sstrack::astro::omm_internal {

enum class Syntax { kKvn, kXml, kJson };

struct Field {
  std::string keyword;
  std::string value;                // trimmed
  std::optional<std::string> unit;  // "[...]" in KVN, units="..." in XML
  int line = 0;
};

struct Error {
  int line = 0;
  std::string what;  // "KEYWORD: reason"
};

struct Message {
  Syntax syntax = Syntax::kKvn;
  int line = 0;  // where the message starts
  std::vector<Field> fields;
  // A problem found while splitting (a malformed line, a misplaced element);
  // the message is rejected with it.
  std::optional<Error> error;
};

struct Split {
  std::vector<Message> messages;
  std::vector<Error> stray;  // problems outside any message
};

Split SplitKvn(absl::string_view text);
Split SplitXml(absl::string_view text);
Split SplitJson(absl::string_view text);

// Keywords whose value is free text in which a trailing "[...]" is part of
// the value, not a unit (OBJECT_NAME and the like).
bool IsFreeTextKeyword(absl::string_view keyword);
// Covariance and user-defined keywords, skipped wherever they appear.
bool IsSkippedKeyword(absl::string_view keyword);

// Keys Space-Track's GP class adds in its JSON, which are ignored.
bool IsJsonExtraKey(absl::string_view key);

// Checks a message and converts it; the first problem in line order when
// there is one.
std::optional<Error> ElementsFromMessage(const Message& message,
                                         MeanElements* elements);

}  // namespace sstrack::astro::omm_internal

#endif  // SSTRACK_ASTRO_FORMATS_OMM_INTERNAL_H_
