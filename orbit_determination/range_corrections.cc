// Copyright sstrack authors.
#include "orbit_determination/range_corrections.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace sstrack::od {
namespace {

absl::Status InvalidField(absl::string_view field, double value,
                          absl::string_view expected) {
  return absl::InvalidArgumentError(
      absl::StrCat(field, " = ", value, ": expected ", expected));
}

}  // namespace

double ShapiroDelay(double r1_m, double r2_m, double rho_m, double gm_m3_s2,
                    double gamma) {
  const double sum = r1_m + r2_m;
  // IERS (2010) eq. 11.17, multiplied by c to give metres.
  return (1.0 + gamma) * gm_m3_s2 / (kSpeedOfLightM_S * kSpeedOfLightM_S) *
         std::log((sum + rho_m) / (sum - rho_m));
}

double ShapiroDelay(const Eigen::Vector3d& a_m, const Eigen::Vector3d& b_m,
                    double gm_m3_s2, double gamma) {
  return ShapiroDelay(a_m.norm(), b_m.norm(), (b_m - a_m).norm(), gm_m3_s2,
                      gamma);
}

double StationDisplacementRangeChange(
    const Eigen::Vector3d& station_itrf_m,
    const Eigen::Vector3d& satellite_itrf_m,
    const Eigen::Vector3d& displacement_itrf_m) {
  const Eigen::Vector3d los = satellite_itrf_m - station_itrf_m;
  // |los − Δ| − |los| written to keep its digits for |Δ| ≪ |los|:
  // (|los − Δ|² − |los|²) / (|los − Δ| + |los|) = (Δ·Δ − 2 los·Δ) / (...).
  const double moved = (los - displacement_itrf_m).norm();
  return (displacement_itrf_m.squaredNorm() -
          2.0 * los.dot(displacement_itrf_m)) /
         (moved + los.norm());
}

absl::Status RangeCorrectionsOptions::Validate() const {
  if (!(wavelength_um > 0.3 && wavelength_um < 2.0)) {
    return InvalidField("wavelength_um", wavelength_um, "in (0.3, 2) µm");
  }
  if (!(std::isfinite(com_offset_m) && com_offset_m >= 0.0)) {
    return InvalidField("com_offset_m", com_offset_m, "finite and >= 0");
  }
  if (!(gm_earth_m3_s2 > 0.0 && std::isfinite(gm_earth_m3_s2))) {
    return InvalidField("gm_earth_m3_s2", gm_earth_m3_s2, "> 0");
  }
  if (!(std::isfinite(gamma))) return InvalidField("gamma", gamma, "finite");
  if (!(sun_mass_ratio > 0.0 && std::isfinite(sun_mass_ratio))) {
    return InvalidField("sun_mass_ratio", sun_mass_ratio, "> 0");
  }
  if (!(moon_mass_ratio > 0.0 && std::isfinite(moon_mass_ratio))) {
    return InvalidField("moon_mass_ratio", moon_mass_ratio, "> 0");
  }
  return absl::OkStatus();
}

absl::Status ValidateMeteo(const Meteo& meteo) {
  if (!(meteo.pressure_pa >= 4.0e4 && meteo.pressure_pa <= 1.2e5)) {
    return InvalidField("meteo.pressure_pa", meteo.pressure_pa,
                        "in [40000, 120000] Pa");
  }
  if (!(meteo.temperature_k >= 180.0 && meteo.temperature_k <= 340.0)) {
    return InvalidField("meteo.temperature_k", meteo.temperature_k,
                        "in [180, 340] K");
  }
  if (!(meteo.relative_humidity_percent >= 0.0 &&
        meteo.relative_humidity_percent <= 100.0)) {
    return InvalidField("meteo.relative_humidity_percent",
                        meteo.relative_humidity_percent, "in [0, 100] %");
  }
  return absl::OkStatus();
}

double Ut1HourOfDay(const astro::Epoch& epoch, const astro::EopSample& eop) {
  // Epoch counts TAI seconds from J2000.0 = 12 h; shift to the start of the
  // day and keep whole and fractional seconds apart for the modulo.
  constexpr int64_t kDay = 86400;
  const int64_t whole = epoch.tai_whole_seconds() + kDay / 2;
  const int64_t day_seconds = ((whole % kDay) + kDay) % kDay;
  double seconds = static_cast<double>(day_seconds) +
                   epoch.tai_fraction_seconds() + eop.ut1_minus_tai_s();
  seconds = std::fmod(seconds, 86400.0);
  if (seconds < 0.0) seconds += 86400.0;
  return seconds / 3600.0;
}

absl::StatusOr<RangeCorrections> ComputeRangeCorrections(
    const Station& station, const Eigen::Vector3d& satellite_gcrf_m,
    const astro::Epoch& epoch, const Eigen::Matrix3d& gcrf_to_itrf,
    const astro::EopSample& eop, const Eigen::Vector3d& sun_gcrf_m,
    const Eigen::Vector3d& moon_gcrf_m, const Meteo& meteo,
    const RangeCorrectionsOptions& options) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  if (options.troposphere) {
    if (absl::Status s = ValidateMeteo(meteo); !s.ok()) return s;
  }
  const Eigen::Vector3d& r = station.position_itrf_m;
  const Eigen::Vector3d sat = gcrf_to_itrf * satellite_gcrf_m;
  const Eigen::Vector3d los = sat - r;

  RangeCorrections c;
  // Geometric elevation: the angle of the line of sight above the plane
  // normal to the ellipsoidal up vector (third row of ITRF → ENU).
  const Eigen::Vector3d up = station.itrf_to_enu.row(2).transpose();
  c.elevation_rad = std::asin(std::clamp(up.dot(los) / los.norm(), -1.0, 1.0));

  if (options.troposphere) {
    if (c.elevation_rad < kMinTroposphereElevationRad) {
      return absl::OutOfRangeError(
          absl::StrCat("satellite elevation ", c.elevation_rad * 180.0 / M_PI,
                       " deg at station '", station.name,
                       "': the FCULa mapping function needs >= 3 deg"));
    }
    c.troposphere_m = MendesPavlisSlantDelay(
        meteo.pressure_pa, meteo.temperature_k, meteo.relative_humidity_percent,
        options.wavelength_um, station.geodetic.latitude_rad,
        station.geodetic.height_m, c.elevation_rad);
  }
  if (options.tides) {
    const TideBody sun{gcrf_to_itrf * sun_gcrf_m, options.sun_mass_ratio};
    const TideBody moon{gcrf_to_itrf * moon_gcrf_m, options.moon_mass_ratio};
    c.tide_displacement_itrf_m =
        SolidEarthTideDisplacement(r, sun, moon, epoch.TtCenturiesSinceJ2000(),
                                   Ut1HourOfDay(epoch, eop), options.tide);
    c.tide_m =
        StationDisplacementRangeChange(r, sat, c.tide_displacement_itrf_m);
  }
  if (options.shapiro) {
    c.shapiro_m = ShapiroDelay(r, sat, options.gm_earth_m3_s2, options.gamma);
  }
  c.com_m = CentreOfMassCorrection(options.com_offset_m);
  c.total_m = c.troposphere_m + c.tide_m + c.shapiro_m + c.com_m;
  return c;
}

}  // namespace sstrack::od
