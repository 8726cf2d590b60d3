// Copyright sstrack authors.
//
// orbit_determination/tdm_measurements.h — CCSDS TDM observations turned
// into measurements for the orbit determiner.
//
// Per segment: the participant found among the known stations is the
// station; the other participant is the object (its name is kept). PATH
// 1,2,1 (or 2,1,2) is a two-way measurement, 2 participants one-way. Time
// tags must be reception times (TIMETAG_REF = RECEIVE, the default).
// CORRECTION_* values are added to the data when CORRECTIONS_APPLIED = NO
// (CCSDS 503.0-B-2 §3.3.2: "the correction that should be added").
// The aberration keywords are not added that way (rule below).
// DOPPLER_INTEGRATED is not modelled (an average over the count interval):
// those observations are skipped with a note. Sigmas come from the options
// (TDM carries none).
//
// Corrections (TdmCorrections; measurement.h, measurement_model.h):
//  * Atmosphere: a TDM does not say whether a participant is a telescope or
//    a radar, so the caller does, per station: kOptical for an optical site
//    (its AZEL elevations get optical refraction), kRadio for a radar (radio
//    refraction of the elevations, troposphere delay of RANGE and
//    DOPPLER_INSTANTANEOUS). Stations not listed: kNone, as before. No
//    weather is in a TDM: the model uses the standard atmosphere at the
//    station's height.
//  * Aberration of RADEC angles, per segment and per term (yearly, diurnal):
//      CORRECTION_ABERRATION_<term> given, CORRECTIONS_APPLIED = YES: the
//        sender removed the term; the data are geometric in it (flag off).
//      given, CORRECTIONS_APPLIED = NO or absent: the data still contain the
//        term; the flag is set and the model computes it exactly for each
//        direction. The number itself is NOT added to the data: one scalar
//        cannot be split between RA and Dec, and adding it as well as
//        modelling the term would apply aberration twice (a note says so).
//      not given: the caller's radec_aberration of the station, else its
//        default_radec_aberration (default: none).
//    "Yearly" is the annual term of a star-catalogue reduction and "diurnal"
//    the station's rotation velocity; aberration.h derives both.
//    CORRECTION_ANGLE_1/2 keep their rule (added when not applied).
#ifndef SSTRACK_ORBIT_DETERMINATION_TDM_MEASUREMENTS_H_
#define SSTRACK_ORBIT_DETERMINATION_TDM_MEASUREMENTS_H_

#include <map>
#include <string>
#include <vector>

#include "astro/formats/tdm.h"
#include "orbit_determination/measurement.h"

namespace sstrack::od {

struct MeasurementSigmas {
  double range_m = 1.0;
  double range_rate_m_s = 0.01;
  double angle_rad = 1.0 / 3600.0 * M_PI / 180.0;  // 1 arcsec
};

struct TdmCorrections {
  std::map<std::string, Atmosphere> atmosphere;  // by station name
  RaDecAberration default_radec_aberration;      // when the TDM is silent
  // Per station (e.g. the sensor's config): replaces
  // default_radec_aberration for that station's segments.
  std::map<std::string, RaDecAberration> radec_aberration;
};

struct TdmConversion {
  std::vector<Measurement> measurements;
  std::vector<std::string> objects;  // participant names that are not stations
  std::vector<std::string> notes;    // "file:line: what was skipped and why"
};

// `source` names the file in notes and in the measurements' ids (ids are
// the TDM line numbers, unique within a file).
TdmConversion MeasurementsFromTdm(const astro::TdmFile& file, const std::string& source,
                                  const std::map<std::string, Station>& stations,
                                  const MeasurementSigmas& sigmas = {},
                                  const TdmCorrections& corrections = {});

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_TDM_MEASUREMENTS_H_
