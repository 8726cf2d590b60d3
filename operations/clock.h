// Copyright sstrack authors.
//
// operations/clock.h — the time the cycle runs on: the real UTC clock, or a
// simulated one that only moves when told to (tests and the demo drive the
// cycle through nights in seconds).
//
// Example:
//   SimulatedClock clock(*astro::ParseIsoUtc("2018-01-20T00:00:00Z"));
//   clock.AdvanceTo(clock.Now() + 600.0);
#ifndef SSTRACK_OPERATIONS_CLOCK_H_
#define SSTRACK_OPERATIONS_CLOCK_H_

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "astro/time/epoch.h"

namespace sstrack::operations {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual astro::Epoch Now() const = 0;
  virtual bool simulated() const = 0;
};

// absl::Now() as a UTC instant (leap seconds from the built-in table).
class RealClock final : public Clock {
 public:
  astro::Epoch Now() const override;
  bool simulated() const override { return false; }
};

// Starts at `start`; moves forward only by AdvanceTo. Thread-safe.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(const astro::Epoch& start) : now_(start) {}
  astro::Epoch Now() const override;
  bool simulated() const override { return true; }
  // INVALID_ARGUMENT when `t` is before Now() (time does not run back).
  absl::Status AdvanceTo(const astro::Epoch& t);

 private:
  mutable absl::Mutex mu_;
  astro::Epoch now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sstrack::operations

#endif  // SSTRACK_OPERATIONS_CLOCK_H_
