// Copyright sstrack authors.
//
// orbit_determination/initial_orbit.h — a starting state for the batch fit
// of an object with no prior orbit, from its measurements alone.
//
// Within the first pass (measurements until the first gap > 30 min):
//   - three or more RA/Dec pairs → Gauss angles-only (refined);
//   - else three or more range + azimuth/elevation triples at the same
//     station and epoch → positions (station + range along the line of
//     sight, light time neglected: ≲ 1e-5 relative), then Gibbs or
//     Herrick–Gibbs on the first, middle and last.
// The result is a guess for the batch fit, not a product.
#ifndef SSTRACK_ORBIT_DETERMINATION_INITIAL_ORBIT_H_
#define SSTRACK_ORBIT_DETERMINATION_INITIAL_ORBIT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/frames/frames.h"
#include "astro/time/eop.h"
#include "orbit_determination/measurement.h"

namespace sstrack::od {

struct InitialOrbit {
  astro::Epoch epoch;
  astro::CartesianState state_gcrf;
  std::string method;  // "gauss", "gibbs", "herrick-gibbs"
};

absl::StatusOr<InitialOrbit> InitialOrbitFromMeasurements(
    const std::vector<Measurement>& measurements, const std::map<std::string, Station>& stations,
    const astro::EopTable* eop);

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_INITIAL_ORBIT_H_
