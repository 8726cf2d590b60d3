// Copyright sstrack authors.
//
// astro/propagation/sgp4/sgp4_batch.h — SGP4 for many satellites at many
// times, structure of arrays.
//
// Sgp4Batch copies the time-independent terms of initialized near-earth
// satellites (period < 225 min) into one array per quantity and propagates
// them two at a time (SSE2 vectors, sgp4_batch_kernel.h): for each block of
// satellites, for each time, for each vector, with no branches but lane
// masks (the drag terms of "simple" satellites are zero coefficients;
// Kepler's equation iterates until every lane has met the per-call
// convergence test, each lane frozen at its own last iterate). Deep-space
// satellites (SDP4) stay on the per-call path, Sgp4::Propagate.
//
// The maths is the per-call one, term by term, with vector sin/cos and
// angle reduction (simd_math.h) instead of <cmath>, sum formulas for sines
// of small corrections and Newton steps, and atan2 + sin/cos of the
// argument of latitude replaced by the normalized (sin u, cos u) rotated by
// the short-period correction. A lane where a test of the per-call code
// (Kepler convergence at 1e-12, error codes) falls too close to its
// threshold for those rounding differences, or whose state is
// ill-conditioned (long past decay), is redone with Sgp4::Propagate. So the
// results carry the same error codes and agree with Sgp4::Propagate to
// 2e-7 m, 2e-10 m/s on the 5.8 million states of the 20k benchmark grid
// (sgp4_batch_test: ≤ 1e-6 m on the verification set and a 2,000-object
// sample).
//
// Example:
//   std::vector<Sgp4> sats = ...;                    // Sgp4::Create each
//   Sgp4Batch batch = Sgp4Batch::Create(sats);
//   std::vector<double> t_min = {-1440, -1430, ..., 1440};
//   Sgp4BatchResult r;
//   batch.PropagateSince(t_min, &r);                 // minutes since epoch
//   double x = r.x_m[r.Index(time_index, satellite_index)];
//
// Throughput, one thread (docs/BENCHMARKS.md, sgp4_benchmark): 6.7 M
// propagations/s on the 20k catalog (3.2 M/s per call); the near-earth part
// alone 12.7 M/s, the deep-space part runs at the per-call 2.6 M/s.
#ifndef SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_BATCH_H_
#define SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <new>
#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/elements/mean_elements.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/epoch.h"

namespace sstrack::astro {
namespace sgp4_internal {
struct Stage;
}  // namespace sgp4_internal

// States of every satellite at every time, TEME, SI units, structure of
// arrays: element [Index(time, satellite)] = [time · num_satellites +
// satellite], satellites in the order given to Sgp4Batch::Create. Where
// error is kEccentricity, kMeanMotion, kPerturbedEccentricity or
// kSemiLatusRectum the state is zero; kDecayed keeps the computed state, as
// Sgp4::Propagate does.
struct Sgp4BatchResult {
  size_t num_satellites = 0;
  size_t num_times = 0;
  std::vector<double> x_m, y_m, z_m;
  std::vector<double> vx_m_s, vy_m_s, vz_m_s;
  std::vector<Sgp4Error> error;

  size_t Index(size_t time, size_t satellite) const {
    return time * num_satellites + satellite;
  }
  Sgp4State State(size_t time, size_t satellite) const;
};

class Sgp4Batch {
 public:
  // Copies the satellites (any mix of near-earth and deep-space).
  static Sgp4Batch Create(std::span<const Sgp4> satellites);
  // Sgp4::Create of every element set; the first failure is returned.
  static absl::StatusOr<Sgp4Batch> FromElements(
      std::span<const MeanElements> elements);

  size_t num_satellites() const { return num_satellites_; }
  // Satellites on the vector path (near-earth) and the per-call one.
  size_t num_vectorized() const { return num_near_; }
  size_t num_deep_space() const { return deep_.size(); }

  // Every satellite at the same times since its own epoch (minutes), as
  // Sgp4::Propagate. Resizes *out (keeps its storage when the size does not
  // change). Const and thread-safe for distinct outputs.
  void PropagateSince(std::span<const double> tsince_min,
                      Sgp4BatchResult* out) const;
  // Every satellite at the same instants, as Sgp4::PropagateTo.
  void PropagateTo(std::span<const Epoch> times, Sgp4BatchResult* out) const;

 private:
  // 64-byte aligned storage for one quantity of every lane.
  template <typename T>
  struct AlignedAllocator {
    using value_type = T;
    AlignedAllocator() = default;
    template <typename U>
    AlignedAllocator(const AlignedAllocator<U>&) {}
    T* allocate(size_t n) {
      return static_cast<T*>(
          ::operator new (n * sizeof(T), std::align_val_t{64}));
    }
    void deallocate(T* p, size_t) {
      ::operator delete (p, std::align_val_t{64});
    }
    bool operator==(const AlignedAllocator&) const { return true; }
  };
  using Column = std::vector<double, AlignedAllocator<double>>;

 public:
  // The time-independent terms of the near-earth satellites, one column per
  // quantity, names as in Sgp4 (padded to whole vectors). Public for the
  // kernel (sgp4_batch_kernel.h) only.
  struct Columns {
    Column mo, mdot, argpo, argpdot, nodeo, nodedot, nodecf, cc1, bstar_cc4,
        t2cof, omgcof, xmcof, eta, delmo, d2, d3, d4, bstar_cc5, sinmao, t3cof,
        t4cof, t5cof, no, ecco, ao, aycof, xlcof, con41, x1mth2, x7thm1, sinio,
        cosio;
  };

 private:
  Sgp4Batch() = default;
  template <typename TsinceOfLane>
  void Run(size_t num_times, const TsinceOfLane& tsince_of_lane,
           Sgp4BatchResult* out) const;
  // Finishes the kernel's lanes after Kepler's equation and writes them at
  // time index `time`, redoing those it hands back with Sgp4::Propagate.
  void FinishAndStore(size_t time, const sgp4_internal::Stage& g,
                      Sgp4BatchResult* out) const;

  size_t num_satellites_ = 0;
  size_t num_near_ = 0;
  Columns c_;
  std::vector<int64_t> lane_satellite_;  // satellite index of a lane, −1 pad
  std::vector<bool> contiguous_;  // a vector's lanes are consecutive satellites
  std::vector<Epoch> lane_epoch_;
  std::vector<Sgp4> near_;  // by lane, for the lanes Sgp4::Propagate redoes
  std::vector<Sgp4> deep_;
  std::vector<size_t> deep_satellite_;
};

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_BATCH_H_
