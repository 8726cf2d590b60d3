// Copyright sstrack authors.
// Fuzz target: a TDM in KVN or XML (astro/formats/tdm.h). Every rejection
// names the source; a file that was read, written as KVN, reads back with as
// many segments and observations and no rejection (the writer's promise).
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/match.h"
#include "astro/formats/tdm.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

size_t Observations(const sstrack::astro::TdmFile& f) {
  size_t n = 0;
  for (const auto& s : f.segments) n += s.observations.size();
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const sstrack::astro::TdmFile f = sstrack::astro::ParseTdmText(sstrack::fuzz::Text(data, size), "fuzz.tdm");
  for (const auto& r : f.rejections) {
    FUZZ_EXPECT(absl::StrContains(r.message, "fuzz.tdm"), r.message);
  }
  const auto kvn = sstrack::astro::FormatTdmKvn(f);
  if (kvn.ok()) {
    const sstrack::astro::TdmFile back = sstrack::astro::ParseTdmKvnText(*kvn, "back.tdm");
    FUZZ_EXPECT(back.rejections.empty(),
                (back.rejections.empty() ? std::string() : back.rejections[0].message) + "\n" + *kvn);
    FUZZ_EXPECT(back.segments.size() == f.segments.size() && Observations(back) == Observations(f), *kvn);
  }
  return 0;
}
