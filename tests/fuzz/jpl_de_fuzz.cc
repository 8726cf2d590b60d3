// Copyright sstrack authors.
// Fuzz target: a JPL DE binary ephemeris (astro/bodies/jpl_ephemeris.h). The
// reader takes a path, so the input goes to an in-memory file
// (memfd_create, /proc/self/fd/N). A file that opens gives the Sun and the
// Moon at its start, middle and end without reading out of bounds.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "astro/bodies/jpl_ephemeris.h"
#include "astro/time/epoch.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int fd = memfd_create("fuzz.de", 0);
  if (fd < 0) return 0;
  size_t done = 0;
  while (done < size) {
    const ssize_t w = write(fd, data + done, size - done);
    if (w <= 0) break;
    done += static_cast<size_t>(w);
  }
  const std::string path = absl::StrCat("/proc/self/fd/", fd);
  const auto eph = sstrack::astro::JplEphemeris::Open(path);
  close(fd);
  if (!eph.ok()) return 0;
  const double a = eph->start_jd_tdb(), b = eph->end_jd_tdb();
  for (double jd : {a, 0.5 * (a + b), b}) {
    const sstrack::astro::Epoch t = sstrack::astro::Epoch::FromTt(jd, 0.0);  // TT ≈ TDB here
    if (!eph->Covers(t, t)) continue;
    (void)eph->SunGcrf(t);
    (void)eph->MoonGcrf(t);
  }
  (void)eph->Constant("EMRAT");
  return 0;
}
