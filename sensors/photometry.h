// Copyright sstrack authors.
//
// sensors/photometry.h — how bright an object looks to a telescope and how
// strong its echo is for a radar.
//
// Visual magnitude of a diffusely reflecting (Lambertian) sphere of radius
// R, geometric albedo p, at range d and solar phase angle φ (angle
// Sun–object–observer):
//   m = m_sun − 2.5 log10( (2/3) p (R/d)² F(φ) ),
//   F(φ) = ((π − φ) cos φ + sin φ) / π          (F(0) = 1, F(π) = 0),
// with m_sun = −26.74 (apparent V magnitude of the Sun at 1 AU; the object
// is at ~1 AU from the Sun). Reference: e.g. Hejduk (2011), "Specular and
// diffuse components in spherical satellite photometric modeling".
//
// Radar equation, monostatic, relative to a reference detection: the echo
// power goes as RCS / R⁴, so
//   SNR_dB = SNR_ref_dB + 10 log10(σ / 1 m²) − 40 log10(R / R_ref),
// where SNR_ref_dB is the sensor's SNR for a 1 m² target at R_ref.
#ifndef SSTRACK_SENSORS_PHOTOMETRY_H_
#define SSTRACK_SENSORS_PHOTOMETRY_H_

namespace sstrack::sensors {

inline constexpr double kSunVisualMagnitude = -26.74;

// Size and reflectivity of an object; defaults for objects with no data: a
// 1 m² radar cross-section and a sphere of the same cross-section
// (R = √(σ/π)) with albedo 0.1.
struct ObjectSignature {
  double radius_m = 0.5641895835477563;  // √(1/π)
  double albedo = 0.1;
  double rcs_m2 = 1.0;
};

// Diffuse-sphere phase function F(φ), φ in [0, π].
double DiffuseSpherePhase(double phase_angle_rad);

// Estimated visual magnitude (larger = fainter); +∞ at φ = π.
double DiffuseSphereMagnitude(double radius_m, double albedo, double range_m,
                              double phase_angle_rad);

// Radar signal-to-noise ratio in dB.
double RadarSnrDb(double reference_snr_db, double reference_range_m, double rcs_m2,
                  double range_m);

}  // namespace sstrack::sensors

#endif  // SSTRACK_SENSORS_PHOTOMETRY_H_
