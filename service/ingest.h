// Copyright sstrack authors.
//
// service/ingest.h — validation of a sensor's observation batch and its
// conversion to catalog records (SI units, radians).
//
// Per observation i, in this order; the first violation fails the whole
// batch (all-or-nothing) with INVALID_ARGUMENT "observations[i].FIELD: what
// was wrong, what was expected":
//   observation_id   1–128 printable ASCII characters
//   catalog_number   a catalog object
//   epoch_utc        RFC 3339 ("…Z" or "…±hh:mm", at most 9 decimals),
//                    within [now − max_epoch_age_s, now + max_epoch_lead_s]
//                    of the server's clock
//   type             RANGE, RANGE_RATE, AZEL or RADEC
//   values           range_m in (0, 1e9]; range_rate_m_s in [−2e4, 2e4];
//                    azimuth/right ascension in [0, 360) deg;
//                    elevation/declination in [−90, 90] deg
//   sigmas           range_sigma_m in (0, 1e6]; range_rate_sigma_m_s in
//                    (0, 1e4]; angle_sigma_arcsec in (0, 36000]
//   task_id          0, or a task of this sensor for this object
// Non-finite numbers fail their bound. The sensor itself must be in the
// network (NOT_FOUND otherwise, checked by the caller). An epoch outside its
// task's [start − margin, end + margin] is not an error: the observation is
// kept without its task link and its index is listed in `flagged`.
#ifndef SSTRACK_SERVICE_INGEST_H_
#define SSTRACK_SERVICE_INGEST_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/time/epoch.h"
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
  // The server's clock, and how far from it an epoch may lie.
  astro::Epoch now;
  double max_epoch_age_s = 30 * 86400.0;
  double max_epoch_lead_s = 3600.0;
};

absl::StatusOr<IngestBatch> ValidateObservations(const std::string& sensor,
                                                 const sstrack::v1::SubmitObservationsRequest& request,
                                                 const IngestLookups& lookups);

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_INGEST_H_
