// Copyright sstrack authors.
//
// service/ingest.h — validation of a sensor's observation batch and its
// conversion to catalog records (SI units, radians).
//
// Per observation i, in this order; the first violation fails the whole
// batch (all-or-nothing) with INVALID_ARGUMENT "observations[i].FIELD: what
// was wrong, what was expected":
//   observation_id   non-empty, at most 128 characters
//   catalog_number   a catalog object
//   epoch_utc        ISO-8601 UTC
//   type             RANGE, RANGE_RATE, AZEL or RADEC
//   values           finite; range_m > 0; azimuth/right ascension in
//                    [0, 360) deg; elevation/declination in [-90, 90] deg
//   sigmas           finite and > 0 (range_sigma_m, range_rate_sigma_m_s,
//                    angle_sigma_arcsec)
//   task_id          0, or a task of this sensor for this object
// The sensor itself must be in the network (NOT_FOUND otherwise, checked by
// the caller). An epoch outside its task's [start − margin, end + margin] is
// not an error: the observation is kept without its task link and its index
// is listed in `flagged`.
#ifndef SSTRACK_SERVICE_INGEST_H_
#define SSTRACK_SERVICE_INGEST_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "catalog/catalog.h"
#include "proto/sstrack/v1/sstrack.pb.h"

namespace sstrack::service {

struct IngestBatch {
  std::vector<catalog::ObservationRecord> records;
  std::vector<int> flagged;
};

struct IngestLookups {
  // Is this a catalog object?
  std::function<bool(int catalog_number)> object_exists;
  // The task with this id, if it exists.
  std::function<std::optional<catalog::TaskRecord>(int64_t task_id)> task;
  double task_window_margin_s = 300.0;
};

absl::StatusOr<IngestBatch> ValidateObservations(const std::string& sensor,
                                                 const sstrack::v1::SubmitObservationsRequest& request,
                                                 const IngestLookups& lookups);

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_INGEST_H_
