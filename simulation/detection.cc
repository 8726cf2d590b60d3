// Copyright sstrack authors.
#include "simulation/detection.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_format.h"
#include "astro/frames/topocentric.h"
#include "sensors/photometry.h"

namespace sstrack::simulation {

double AzElSeparation(double az1, double el1, double az2, double el2) {
  // Haversine form: accurate for small separations.
  const double s_el = std::sin(0.5 * (el2 - el1));
  const double s_az = std::sin(0.5 * (az2 - az1));
  const double h = s_el * s_el + std::cos(el1) * std::cos(el2) * s_az * s_az;
  return 2.0 * std::asin(std::min(1.0, std::sqrt(std::max(0.0, h))));
}

Detection Detect(const sensors::Sensor& sensor, double az, double el,
                 const astro::CartesianState& truth_itrf, double rcs_m2,
                 const DetectionOptions& o) {
  Detection d;
  const astro::LookAngles look = astro::ComputeLookAngles(sensor.site(), truth_itrf);
  d.separation_rad = AzElSeparation(az, el, look.azimuth_rad, look.elevation_rad);
  const bool radar = sensors::IsRadar(sensor.type());
  const double half = radar ? o.radar_half_beam_rad : o.optical_half_field_rad;
  if (look.elevation_rad < 0) {
    d.reason = "below the horizon";
    return d;
  }
  if (d.separation_rad > half) {
    d.reason = absl::StrFormat("%.3f deg from the pointing (half-%s %.2f deg)",
                               d.separation_rad * 180 / M_PI, radar ? "beam" : "field",
                               half * 180 / M_PI);
    return d;
  }
  if (radar) {
    const sensors::RadarLimits& r = sensor.spec().radar;
    d.snr_db = sensors::RadarSnrDb(r.reference_snr_db, r.reference_range_m, rcs_m2, look.range_m);
    if (d.snr_db < r.min_snr_db) {
      d.reason = absl::StrFormat("SNR %.1f dB below %.1f dB (RCS %.2g m2, range %.0f km)",
                                 d.snr_db, r.min_snr_db, rcs_m2, look.range_m / 1e3);
      return d;
    }
  }
  d.detected = true;
  return d;
}

}  // namespace sstrack::simulation
