// Copyright sstrack authors.
//
// service/object_fit.h — the orbit determination of one catalog object from
// its stored observations (catalog ↔ orbit_determination wiring; the maths
// is in orbit_determination/): observations → measurements at the sensors'
// sites, an initial state from the catalog (its latest OD state propagated
// numerically, else its element set through SGP4) at the first measurement,
// SolveBatch, and the run recorded with RecordOdRun — the state written only
// when the fit passed its quality gates.
#ifndef SSTRACK_SERVICE_OBJECT_FIT_H_
#define SSTRACK_SERVICE_OBJECT_FIT_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "catalog/catalog.h"
#include "orbit_determination/batch_least_squares.h"
#include "orbit_determination/measurement.h"
#include "sensors/sensor.h"

namespace sstrack::service {

struct FitSettings {
  astro::ForceModelOptions force_model;  // of the fit and of the catalog-state propagation
  od::BatchOptions batch;
};

// The catalog's latest state of `id` at `t` in GCRF.
absl::StatusOr<astro::CartesianState> CatalogStateAt(catalog::Catalog& cat, int id,
                                                     const astro::Epoch& t,
                                                     const astro::ForceModelOptions& fo);

// Stored observations as measurements (AZEL and RADEC give two each);
// observations of sensors missing from `stations` are skipped.
std::vector<od::Measurement> ToMeasurements(const std::vector<catalog::ObservationRecord>& obs,
                                            const std::map<std::string, od::Station>& stations);

struct ObjectFit {
  int64_t run_id = 0;
  std::string status;  // CONVERGED, REJECTED, DIVERGED
  od::BatchSummary summary;
};

// FAILED_PRECONDITION when the object has no usable observations.
absl::StatusOr<ObjectFit> FitObject(catalog::Catalog& cat,
                                    const std::vector<sensors::Sensor>& network,
                                    int catalog_number, const FitSettings& settings);

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_OBJECT_FIT_H_
