// Copyright sstrack authors.
//
// astro/time/eop_sample.h — Earth orientation at one instant, the input every
// Earth-fixed frame transformation takes. Produced by EopTable (eop.h) from
// IERS data, or all-zero when a caller explicitly accepts no EOP.
#ifndef SSTRACK_ASTRO_TIME_EOP_SAMPLE_H_
#define SSTRACK_ASTRO_TIME_EOP_SAMPLE_H_

namespace sstrack::astro {

struct EopSample {
  double x_p_rad = 0.0;          // polar motion x
  double y_p_rad = 0.0;          // polar motion y
  double ut1_minus_utc_s = 0.0;  // UT1 − UTC
  double tai_minus_utc_s = 0.0;  // TAI − UTC (leap seconds) at this instant
  double lod_s = 0.0;            // excess length of day
  double dx_rad = 0.0;           // celestial pole offset dX (IAU 2000A, CIO)
  double dy_rad = 0.0;           // celestial pole offset dY
  // UT1 − TAI, what converting an Epoch (TAI) to UT1 needs.
  double ut1_minus_tai_s() const { return ut1_minus_utc_s - tai_minus_utc_s; }
};

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_TIME_EOP_SAMPLE_H_
