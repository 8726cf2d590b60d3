// Copyright sstrack authors.
//
// KVN (keyword = value notation) TDMs → a raw message: header fields, then
// segments of META_START ... META_STOP and DATA_START ... DATA_STOP blocks.
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "astro/formats/tdm_internal.h"

namespace sstrack::astro::tdm_internal {
namespace {

enum class State {
  kHeader,     // before the first META_START
  kMeta,       // inside META_START ... META_STOP
  kAfterMeta,  // after META_STOP, before DATA_START
  kData,       // inside DATA_START ... DATA_STOP
  kAfterData,  // after DATA_STOP, before the next META_START
};

// "COMMENT text" → true and the text (possibly empty).
bool IsComment(absl::string_view line, absl::string_view* text) {
  if (line == "COMMENT") {
    *text = "";
    return true;
  }
  if (absl::StartsWith(line, "COMMENT ") ||
      absl::StartsWith(line, "COMMENT\t")) {
    *text = absl::StripLeadingAsciiWhitespace(line.substr(7));
    return true;
  }
  return false;
}

constexpr absl::string_view kOutside =
    ": outside META_START/META_STOP and DATA_START/DATA_STOP";

}  // namespace

bool IsKeyword(absl::string_view k) {
  if (k.empty()) return false;
  for (char c : k) {
    if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c) && c != '_')
      return false;
  }
  return true;
}

RawTdm SplitKvn(absl::string_view text) {
  RawTdm out;
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  State state = State::kHeader;
  RawSegment* seg = nullptr;
  bool first_keyword = true;
  int meta_stop = 0, data_start = 0;
  // A structural problem: the segment's first one rejects it; outside a
  // segment the line alone is rejected.
  auto fail_segment = [&](int line, std::string what) {
    if (seg == nullptr) {
      out.stray.push_back({line, std::move(what)});
    } else if (!seg->error.has_value()) {
      seg->error = Error{line, std::move(what)};
    }
  };
  auto new_segment = [&](int line) {
    out.segments.emplace_back();
    seg = &out.segments.back();
    seg->line = line;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const int n = static_cast<int>(i) + 1;
    absl::string_view line = absl::StripAsciiWhitespace(lines[i]);
    if (line.empty()) continue;
    absl::string_view comment;
    if (IsComment(line, &comment)) {
      if (state == State::kHeader) {
        out.header.push_back({"COMMENT", std::string(comment), {}, n});
      } else if (state == State::kMeta) {
        seg->meta.push_back({"COMMENT", std::string(comment), {}, n});
      } else if (state == State::kData) {
        seg->data_comments.emplace_back(comment);
      }  // comments between blocks belong to nothing: skipped
      continue;
    }
    if (first_keyword) {
      out.first_line = n;
      first_keyword = false;
    }
    if (line == "META_START") {
      if (state == State::kMeta) {
        fail_segment(n,
                     "META_START: the metadata block before has no "
                     "META_STOP");
      } else if (state == State::kAfterMeta) {
        fail_segment(n,
                     "META_START: the metadata block before has no "
                     "DATA_START ... DATA_STOP block");
      } else if (state == State::kData) {
        fail_segment(n, "META_START: the data block before has no DATA_STOP");
      }
      new_segment(n);
      state = State::kMeta;
      continue;
    }
    if (line == "META_STOP") {
      if (state == State::kMeta) {
        state = State::kAfterMeta;
        meta_stop = n;
      } else {
        out.stray.push_back({n, "META_STOP: without META_START"});
      }
      continue;
    }
    if (line == "DATA_START") {
      if (state == State::kMeta) {
        fail_segment(n, "DATA_START: the metadata block has no META_STOP");
      } else if (state == State::kData) {
        fail_segment(n, "DATA_START: the data block before has no DATA_STOP");
        new_segment(n);
        fail_segment(n,
                     "DATA_START: no metadata block (META_START ... "
                     "META_STOP) before it");
      } else if (state != State::kAfterMeta) {
        new_segment(n);
        fail_segment(n,
                     "DATA_START: no metadata block (META_START ... "
                     "META_STOP) before it");
      }
      state = State::kData;
      data_start = n;
      continue;
    }
    if (line == "DATA_STOP") {
      if (state == State::kData) {
        state = State::kAfterData;
      } else {
        out.stray.push_back({n, "DATA_STOP: without DATA_START"});
      }
      continue;
    }

    const size_t eq = line.find('=');
    const std::string keyword =
        eq == line.npos ? std::string(line)
                        : std::string(absl::StripTrailingAsciiWhitespace(
                              line.substr(0, eq)));
    absl::string_view value =
        eq == line.npos
            ? absl::string_view()
            : absl::StripLeadingAsciiWhitespace(line.substr(eq + 1));
    std::string problem;
    if (eq == line.npos) {
      problem = absl::StrCat("'", line, "': expected KEYWORD = value");
    } else if (!IsKeyword(keyword)) {
      problem = absl::StrCat(
          "'", keyword, "' is not a keyword (upper-case letters, digits, _)");
    }
    switch (state) {
      case State::kHeader:
        if (!problem.empty()) {
          out.stray.push_back({n, problem});
        } else {
          out.header.push_back({keyword, std::string(value), {}, n});
        }
        break;
      case State::kMeta: {
        if (!problem.empty()) {
          fail_segment(n, problem);
          break;
        }
        Field f{keyword, std::string(value), {}, n};
        // A trailing "[unit]".
        if (absl::EndsWith(value, "]")) {
          const size_t open = value.rfind('[');
          if (open == value.npos) {
            fail_segment(n, absl::StrCat(keyword, ": ']' without '['"));
            break;
          }
          f.unit = std::string(absl::StripAsciiWhitespace(
              value.substr(open + 1, value.size() - open - 2)));
          f.value = std::string(
              absl::StripTrailingAsciiWhitespace(value.substr(0, open)));
        }
        seg->meta.push_back(std::move(f));
        break;
      }
      case State::kData: {
        DataRecord r;
        r.keyword = keyword;
        r.line = n;
        std::vector<absl::string_view> parts =
            absl::StrSplit(value, absl::ByAnyChar(" \t"), absl::SkipEmpty());
        if (!problem.empty()) {
          r.error = problem;
        } else if (parts.size() != 2) {
          r.error = absl::StrCat(keyword, ": expected 'time-tag value', got '",
                                 value, "'");
        } else {
          r.time = std::string(parts[0]);
          r.value = std::string(parts[1]);
        }
        seg->data.push_back(std::move(r));
        break;
      }
      case State::kAfterMeta:
      case State::kAfterData:
        out.stray.push_back(
            {n, problem.empty() ? absl::StrCat(keyword, kOutside) : problem});
        break;
    }
  }
  if (state == State::kMeta) {
    fail_segment(seg->line, "META_START: no META_STOP before the end");
  } else if (state == State::kAfterMeta) {
    fail_segment(meta_stop,
                 "META_STOP: no DATA_START ... DATA_STOP block "
                 "after the metadata");
  } else if (state == State::kData) {
    fail_segment(data_start, "DATA_START: no DATA_STOP before the end");
  }
  return out;
}

}  // namespace sstrack::astro::tdm_internal
