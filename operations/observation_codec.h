// Copyright sstrack authors.
//
// operations/observation_codec.h — the one encoding of observations in the
// catalog (catalog::ObservationRecord, docs/CATALOG.md) to and from the
// orbit determiner's measurements. Every row is one measurement instant of
// one kind: RANGE, RANGE_RATE, an angle pair (AZEL, RADEC: value1/value2),
// or one angle alone (AZIMUTH, ELEVATION, RIGHT_ASCENSION, DECLINATION —
// files that give one). The gRPC ingest writes pairs; `od run` writes what
// its files hold through ToObservationRecords, pairing the two angles of a
// station and epoch; the fits read them all through ToMeasurements.
//
// Example:
//   std::vector<catalog::ObservationRecord> rows = ToObservationRecords(meas, 25544);
//   std::vector<od::Measurement> back = ToMeasurements(rows, stations);  // == meas
#ifndef SSTRACK_OPERATIONS_OBSERVATION_CODEC_H_
#define SSTRACK_OPERATIONS_OBSERVATION_CODEC_H_

#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "orbit_determination/measurement.h"
#include "orbit_determination/measurement_model.h"

namespace sstrack::operations {

// Stored observations as measurements (AZEL and RADEC give two each), each
// with its sensor's entry of `corrections` (none: geometric), sorted by
// epoch; observations of sensors missing from `stations` are skipped.
std::vector<od::Measurement> ToMeasurements(
    const std::vector<catalog::ObservationRecord>& obs,
    const std::map<std::string, od::Station>& stations,
    const std::map<std::string, od::StationCorrections>& corrections = {});

// Measurements as rows for `catalog_number`: the azimuth and elevation (or
// RA and Dec) of one station at one epoch become one pair row — its
// external id "source:id" of the first angle —, an angle without its partner
// a single-angle row, ranges and range rates a row each. Idempotent keys:
// the same file stores the same ids.
std::vector<catalog::ObservationRecord> ToObservationRecords(
    const std::vector<od::Measurement>& measurements, int catalog_number);

}  // namespace sstrack::operations

#endif  // SSTRACK_OPERATIONS_OBSERVATION_CODEC_H_
