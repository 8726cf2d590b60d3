// Copyright sstrack authors.
//
// orbit_determination/range_corrections.h — the corrections that turn the
// geometric two-way range of measurement_model.h (station reference point to
// satellite centre of mass, in vacuum, flat space-time, tide-free station)
// into what a satellite laser ranging station measures.
//
// SIGN CONVENTION. Every correction here is in metres and is ADDED TO THE
// COMPUTED RANGE (the model):
//   modelled observation = ComputeModel(...).value + RangeCorrections.total_m
//   residual             = observed − modelled observation.
// So the troposphere and the Shapiro delay are positive (light arrives later
// than in vacuum), the centre-of-mass term is −com_offset_m (the light is
// reflected in front of the centre of mass, so the station measures a shorter
// range), and the tide term is the change of the range when the station moves
// by its tidal displacement. (Subtracting the same numbers from the
// observation instead gives the same residual.)
//
// The terms:
//   troposphere  Mendes–Pavlis zenith delay × FCULa (troposphere.h), one way;
//                the up and down legs see the same atmosphere, so the two-way
//                range (half the round trip) carries the one-way delay.
//   tides        solid Earth tide (solid_tide.h): |s − (r + Δ)| − |s − r|, r
//                the station, s the satellite, Δ the displacement, all ITRF
//                (≈ −Δ·û, û the unit line of sight).
//   shapiro      the relativistic delay in the Earth's field (IERS 2010
//                eq. 11.17 in range units), per leg
//                  Δρ = (1 + γ) GM_E/c² ln((r1 + r2 + ρ)/(r1 + r2 − ρ)),
//                r1 = |station|, r2 = |satellite| (geocentric), ρ their
//                distance; both legs are equal to < 1 µm, so the two-way
//                range carries one leg's value. The Sun's term is not applied:
//                in the geocentric frame (GCRS with TT) the Sun's potential
//                enters only through its tidal part, ~GM_sun ρ²/(c² d_sun³)
//                ≈ 1e-17 m.
//   com          −com_offset_m: the satellite's centre-of-mass correction
//                (LAGEOS-1/2: 0.251 m, ILRS standard value), i.e. the distance
//                from the centre of mass to the effective reflection point
//                towards the station.
// Sizes for LAGEOS at 20–90° elevation: troposphere 2.4–7 m, Shapiro
// 6–8 mm, tides up to ±0.3 m, com −0.251 m.
//
// Geometry: pass the satellite position at the bounce time (the
// reception-time position r − v τ would move the elevation by ~2e-5 rad,
// 1 mm of troposphere at 10° elevation) and the GCRF → ITRF rotation at the
// reception time (the 20 ms of Earth rotation are negligible here).
//
// Example:
//   RangeCorrectionsOptions options;
//   options.com_offset_m = kLageosComOffsetM;
//   absl::StatusOr<RangeCorrections> c = ComputeRangeCorrections(
//       station, sat_gcrf_at_bounce, t_reception, astro::GcrfToItrfMatrix(t,
//       eop), eop, eph.SunGcrf(t), eph.MoonGcrf(t), {p_pa, t_k, rh_percent},
//       options);
//   double computed = model.value + c->total_m;
#ifndef SSTRACK_ORBIT_DETERMINATION_RANGE_CORRECTIONS_H_
#define SSTRACK_ORBIT_DETERMINATION_RANGE_CORRECTIONS_H_

#include <Eigen/Core>
#include <cmath>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "astro/time/eop_sample.h"
#include "astro/time/epoch.h"
#include "orbit_determination/measurement.h"
#include "orbit_determination/solid_tide.h"
#include "orbit_determination/troposphere.h"

namespace sstrack::od {

inline constexpr double kSpeedOfLightM_S = 299792458.0;
inline constexpr double kGmEarthM3S2 = 3.986004418e14;
// LAGEOS-1/2 centre-of-mass correction (ILRS standard, m).
inline constexpr double kLageosComOffsetM = 0.251;
// FCULa was fitted down to 3° elevation (Mendes et al. 2002).
inline constexpr double kMinTroposphereElevationRad = 3.0 * M_PI / 180.0;

// One-leg Shapiro delay [m], IERS (2010) eq. 11.17 times c:
//   (1 + γ) GM/c² ln((r1 + r2 + ρ)/(r1 + r2 − ρ)),
// r1, r2 the geocentric distances of the end points, ρ the distance between
// them (ρ < r1 + r2). γ = 1 in general relativity.
double ShapiroDelay(double r1_m, double r2_m, double rho_m,
                    double gm_m3_s2 = kGmEarthM3S2, double gamma = 1.0);

// The same from the end points (any geocentric frame).
double ShapiroDelay(const Eigen::Vector3d& a_m, const Eigen::Vector3d& b_m,
                    double gm_m3_s2 = kGmEarthM3S2, double gamma = 1.0);

// The centre-of-mass term to add to the computed range: −com_offset_m.
// com_offset_m > 0 when the reflection happens in front of the centre of
// mass (on the station's side), as for every retroreflector array.
inline double CentreOfMassCorrection(double com_offset_m) {
  return -com_offset_m;
}

// The range change when the station moves by `displacement_itrf_m`:
// |s − (r + Δ)| − |s − r| (exact, not linearised).
double StationDisplacementRangeChange(
    const Eigen::Vector3d& station_itrf_m,
    const Eigen::Vector3d& satellite_itrf_m,
    const Eigen::Vector3d& displacement_itrf_m);

// Surface meteorology at the station, SI.
struct Meteo {
  double pressure_pa = 101325.0;
  double temperature_k = 288.15;
  double relative_humidity_percent = 50.0;
};

struct RangeCorrectionsOptions {
  bool troposphere = true;
  bool tides = true;
  bool shapiro = true;
  double com_offset_m = 0.0;  // e.g. kLageosComOffsetM
  double wavelength_um = kSlrWavelengthUm;
  double gm_earth_m3_s2 = kGmEarthM3S2;
  double gamma = 1.0;                            // PPN γ of the Shapiro delay
  double sun_mass_ratio = kSunEarthMassRatio;    // GM_sun / GM_earth
  double moon_mass_ratio = kMoonEarthMassRatio;  // GM_moon / GM_earth
  SolidTideOptions tide;

  // INVALID_ARGUMENT naming the field: wavelength outside (0.3, 2) µm,
  // non-finite or negative com offset, GM or mass ratios ≤ 0.
  absl::Status Validate() const;
};

// Each term and their sum [m], to ADD to the computed range.
struct RangeCorrections {
  double troposphere_m = 0.0;
  double tide_m = 0.0;
  double shapiro_m = 0.0;
  double com_m = 0.0;
  double total_m = 0.0;
  // The geometry used: geometric elevation of the satellite at the station
  // and the tidal displacement of the station (ITRF).
  double elevation_rad = 0.0;
  Eigen::Vector3d tide_displacement_itrf_m = Eigen::Vector3d::Zero();
};

// INVALID_ARGUMENT for unphysical meteorology: pressure outside
// [4e4, 1.2e5] Pa (every station is below 7 km; this also catches hPa),
// temperature outside [180, 340] K (catches °C), humidity outside
// [0, 100] %, any non-finite value.
absl::Status ValidateMeteo(const Meteo& meteo);

// All corrections of one two-way range measurement.
//   station            ITRF position and geodetic coordinates (the
//                      tide-free conventional position)
//   satellite_gcrf_m   satellite centre of mass at the bounce time
//   epoch              reception time (tides' Doodson arguments)
//   gcrf_to_itrf       rotation at `epoch` (frames.h GcrfToItrfMatrix)
//   eop                for UT1 (step-2 tides); pass the sample used above
//   sun_gcrf_m, moon_gcrf_m   geocentric, at `epoch` (ephemeris.h)
//   meteo              station surface meteorology (troposphere only)
// Errors: INVALID_ARGUMENT from options.Validate() or ValidateMeteo() (the
// latter only when the troposphere is on); OUT_OF_RANGE when the
// troposphere is on and the satellite is below kMinTroposphereElevationRad.
absl::StatusOr<RangeCorrections> ComputeRangeCorrections(
    const Station& station, const Eigen::Vector3d& satellite_gcrf_m,
    const astro::Epoch& epoch, const Eigen::Matrix3d& gcrf_to_itrf,
    const astro::EopSample& eop, const Eigen::Vector3d& sun_gcrf_m,
    const Eigen::Vector3d& moon_gcrf_m, const Meteo& meteo,
    const RangeCorrectionsOptions& options);

// The hour of the UT1 day at `epoch` (for the step-2 tides), in [0, 24).
double Ut1HourOfDay(const astro::Epoch& epoch, const astro::EopSample& eop);

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_RANGE_CORRECTIONS_H_
