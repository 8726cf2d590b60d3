// Copyright sstrack authors.
#include "operations/clock.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "astro/time/utc.h"

namespace sstrack::operations {

astro::Epoch RealClock::Now() const {
  // Unix time counts UTC days of 86400 s from MJD 40587.
  const double unix_s = absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch());
  absl::StatusOr<astro::Epoch> t = astro::EpochFromUtcMjd(40587.0 + unix_s / astro::kSecondsPerDay);
  return t.ok() ? *t : astro::Epoch();
}

astro::Epoch SimulatedClock::Now() const {
  absl::MutexLock l(&mu_);
  return now_;
}

absl::Status SimulatedClock::AdvanceTo(const astro::Epoch& t) {
  absl::MutexLock l(&mu_);
  if (t - now_ < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("the simulated clock is at ", astro::FormatIsoUtc(now_, 3), "; ",
                     astro::FormatIsoUtc(t, 3), " is before it (time does not run back)"));
  }
  now_ = t;
  return absl::OkStatus();
}

}  // namespace sstrack::operations
