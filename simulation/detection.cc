// Copyright sstrack authors.
#include "simulation/detection.h"

#include <algorithm>
#include <cmath>
#include <limits>

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

StareResult Stare(const sensors::Sensor& sensor, double az, double el, const astro::Epoch& start,
                  const astro::Epoch& end, const TruthItrfAt& truth_itrf, double rcs_m2,
                  const DetectionOptions& o, double resolution_s) {
  StareResult out;
  const double half = sensors::IsRadar(sensor.type()) ? o.radar_half_beam_rad : o.optical_half_field_rad;
  const double span = end - start;
  const double resolution = std::max(1e-3, resolution_s);
  double closest = std::numeric_limits<double>::infinity();
  double t = 0, previous = -1;  // previous: the last instant looked at, outside
  while (t <= span) {
    auto x = truth_itrf(start + t);
    if (!x.ok()) {
      out.detection.reason = absl::StrFormat("no truth at +%.1f s: %s", t, x.status().message());
      return out;
    }
    const Detection d = Detect(sensor, az, el, *x, rcs_m2, o);
    if (d.detected) {
      // Refine the entry between the last step outside and here.
      double lo = previous, hi = t;
      Detection at = d;
      while (lo >= 0 && hi - lo > resolution) {
        const double mid = 0.5 * (lo + hi);
        auto xm = truth_itrf(start + mid);
        if (!xm.ok()) break;
        const Detection dm = Detect(sensor, az, el, *xm, rcs_m2, o);
        if (dm.detected) {
          hi = mid;
          at = dm;
        } else {
          lo = mid;
        }
      }
      out.acquired = start + hi;
      out.detection = at;
      return out;
    }
    if (d.separation_rad < closest) {
      closest = d.separation_rad;
      out.detection = d;
    }
    previous = t;
    if (t >= span) break;
    // The separation shrinks no faster than the object's angular rate across
    // the line of sight (the site is fixed in ITRF); half of that bound, for
    // the rate's own change over the step.
    const Eigen::Vector3d los = x->position_m - sensor.site().position_itrf_m;
    const double range = los.norm();
    const Eigen::Vector3d u = los / range;
    const double rate = (x->velocity_m_s - x->velocity_m_s.dot(u) * u).norm() / range;
    double step = 30.0;
    const double gap = d.separation_rad > half ? d.separation_rad - half : 0.0;
    if (gap > 0 && rate > 0) step = std::min(step, 0.5 * gap / rate);
    if (gap == 0) step = std::min(step, 1.0);  // inside but too faint: look again
    step = std::max(step, resolution);
    t = std::min(span, t + step);
  }
  out.detection.reason = absl::StrFormat("not found in the %.0f s stare: closest %s", span,
                                         out.detection.reason.empty() ? "inside the field but too faint"
                                                                      : out.detection.reason);
  return out;
}

}  // namespace sstrack::simulation
