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
// DOPPLER_INTEGRATED is not modelled (an average over the count interval):
// those observations are skipped with a note. Sigmas come from the options
// (TDM carries none).
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

struct TdmConversion {
  std::vector<Measurement> measurements;
  std::vector<std::string> objects;  // participant names that are not stations
  std::vector<std::string> notes;    // "file:line: what was skipped and why"
};

// `source` names the file in notes and in the measurements' ids (ids are
// the TDM line numbers, unique within a file).
TdmConversion MeasurementsFromTdm(const astro::TdmFile& file, const std::string& source,
                                  const std::map<std::string, Station>& stations,
                                  const MeasurementSigmas& sigmas = {});

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_TDM_MEASUREMENTS_H_
