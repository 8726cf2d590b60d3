// Copyright sstrack authors.
//
// astro/frames/cip_cache.h — GCRF ↔ ITRF on dense time grids.
//
// The expensive part of the IAU 2006/2000A transformation is the CIP X, Y and
// the CIO locator s (eraXys06a sums ~2,700 luni-solar and planetary terms).
// They vary slowly: the shortest significant nutation periods are days. This
// cache evaluates X, Y, s once per node (default every hour of TT) over a span
// and interpolates them with 4-point Lagrange polynomials; the cheap parts
// (ERA, polar motion, s′, the rotation matrices) are still computed at every
// instant. Interpolation error < 1e-12 rad (tested against the direct series
// over a week at random instants): far below a millimetre at GEO.
//
// The nodes lie on a grid fixed in time (multiples of the spacing since
// J2000 TAI) and are kept for the process (thread-safe): every cache of the
// same spacing shares them, so a server that builds a force model for each
// of its propagations evaluates the series once per hour of its span, not
// once per propagation.
//
// Example:
//   auto cache = CipCache::Create(t0, t0 + 86400.0);
//   Eigen::Matrix3d m = cache->GcrfToItrfMatrix(t, eop);  // ≈ 1 µs
#ifndef SSTRACK_ASTRO_FRAMES_CIP_CACHE_H_
#define SSTRACK_ASTRO_FRAMES_CIP_CACHE_H_

#include <Eigen/Core>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/frames/frames.h"

namespace sstrack::astro {

class CipCache {
 public:
  // Nodes cover [start − spacing, end + 2·spacing]. spacing_s in (0, 6 h].
  static absl::StatusOr<CipCache> Create(const Epoch& start, const Epoch& end,
                                         double spacing_s = 3600.0);

  // Interpolated X, Y (CIP, without dX/dY) and s (rad); t must be in span.
  absl::StatusOr<Eigen::Vector3d> Xys(const Epoch& t) const;
  // Same result as GcrfToItrfMatrix() in frames.h, using the cache.
  absl::StatusOr<Eigen::Matrix3d> GcrfToItrfMatrix(const Epoch& t,
                                                   const EopSample& eop) const;
  absl::StatusOr<CartesianState> GcrfToItrf(const CartesianState& gcrf,
                                            const Epoch& t,
                                            const EopSample& eop) const;

 private:
  CipCache(Epoch first, double spacing_s, std::vector<Eigen::Vector3d> nodes)
      : first_(first), spacing_s_(spacing_s), nodes_(std::move(nodes)) {}
  Epoch first_;
  double spacing_s_;
  std::vector<Eigen::Vector3d> nodes_;
};

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FRAMES_CIP_CACHE_H_
