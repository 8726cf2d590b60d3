// Copyright sstrack authors.
#include "sensors/photometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sstrack::sensors {

double DiffuseSpherePhase(double phi) {
  phi = std::clamp(phi, 0.0, M_PI);
  if (phi >= M_PI) return 0.0;
  return ((M_PI - phi) * std::cos(phi) + std::sin(phi)) / M_PI;
}

double DiffuseSphereMagnitude(double radius_m, double albedo, double range_m, double phi) {
  const double f = DiffuseSpherePhase(phi);
  const double flux = (2.0 / 3.0) * albedo * (radius_m / range_m) * (radius_m / range_m) * f;
  if (!(flux > 0)) return std::numeric_limits<double>::infinity();
  return kSunVisualMagnitude - 2.5 * std::log10(flux);
}

double RadarSnrDb(double reference_snr_db, double reference_range_m, double rcs_m2,
                  double range_m) {
  if (!(rcs_m2 > 0)) return -std::numeric_limits<double>::infinity();
  return reference_snr_db + 10.0 * std::log10(rcs_m2) -
         40.0 * std::log10(range_m / reference_range_m);
}

}  // namespace sstrack::sensors
