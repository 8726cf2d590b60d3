// Copyright sstrack authors.
#include "service/ingest.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "astro/time/utc.h"

namespace sstrack::service {
namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kArcsec = kDeg / 3600.0;
// Physical bounds (ingest.h).
constexpr double kMaxRangeM = 1e9;
constexpr double kMaxRangeSigmaM = 1e6;
constexpr double kMaxRangeRateSigmaMS = 1e4;
constexpr double kMaxAngleSigmaArcsec = 36000;

absl::Status Bad(int i, absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("observations[", i, "].", field, ": ", what));
}

// v in (0, hi].
absl::Status CheckSigma(int i, absl::string_view field, double v, double hi) {
  if (!std::isfinite(v) || v <= 0 || v > hi) {
    return Bad(i, field, absl::StrCat(v, ": expected a finite value in (0, ", hi, "]"));
  }
  return absl::OkStatus();
}

absl::Status CheckRange(int i, absl::string_view field, double v, double lo, double hi,
                        bool hi_open) {
  const bool ok = std::isfinite(v) && v >= lo && (hi_open ? v < hi : v <= hi);
  if (!ok) {
    return Bad(i, field, absl::StrCat(v, ": expected a finite value in [", lo, ", ", hi,
                                      hi_open ? ")" : "]"));
  }
  return absl::OkStatus();
}

bool PrintableAscii(absl::string_view s) {
  for (char c : s) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<IngestBatch> ValidateObservations(const std::string& sensor,
                                                 const sstrack::v1::SubmitObservationsRequest& req,
                                                 const IngestLookups& look) {
  using sstrack::v1::Observation;
  IngestBatch batch;
  batch.records.reserve(static_cast<size_t>(req.observations_size()));
  for (int i = 0; i < req.observations_size(); ++i) {
    const Observation& o = req.observations(i);
    if (o.observation_id().empty() || o.observation_id().size() > 128 ||
        !PrintableAscii(o.observation_id())) {
      return Bad(i, "observation_id", "must be 1-128 printable ASCII characters, no spaces");
    }
    if (o.catalog_number() <= 0 || !look.object_exists(o.catalog_number())) {
      return Bad(i, "catalog_number", absl::StrCat(o.catalog_number(), ": not in the catalog"));
    }
    auto t = astro::ParseRfc3339(o.epoch_utc());
    if (!t.ok()) return Bad(i, "epoch_utc", t.status().message());
    if (const double ahead = *t - look.now; ahead > look.max_epoch_lead_s) {
      return Bad(i, "epoch_utc", absl::StrCat(o.epoch_utc(), " is ", ahead, " s after the server's clock (",
                                              astro::FormatIsoUtc(look.now, 0), "); at most ",
                                              look.max_epoch_lead_s, " s ahead is accepted"));
    } else if (-ahead > look.max_epoch_age_s) {
      return Bad(i, "epoch_utc", absl::StrCat(o.epoch_utc(), " is ", -ahead / 86400, " days before the server's clock (",
                                              astro::FormatIsoUtc(look.now, 0), "); at most ",
                                              look.max_epoch_age_s / 86400, " days old is accepted"));
    }
    catalog::ObservationRecord r;
    r.sensor = sensor;
    r.external_id = o.observation_id();
    r.catalog_number = o.catalog_number();
    r.epoch = *t;
    absl::Status s;
    switch (o.type()) {
      case sstrack::v1::RANGE:
        r.type = "RANGE";
        s = CheckSigma(i, "range_m", o.range_m(), kMaxRangeM);
        if (s.ok()) s = CheckSigma(i, "range_sigma_m", o.range_sigma_m(), kMaxRangeSigmaM);
        r.value1 = o.range_m();
        r.sigma1 = o.range_sigma_m();
        break;
      case sstrack::v1::RANGE_RATE:
        r.type = "RANGE_RATE";
        s = CheckRange(i, "range_rate_m_s", o.range_rate_m_s(), -20000, 20000, false);
        if (s.ok()) s = CheckSigma(i, "range_rate_sigma_m_s", o.range_rate_sigma_m_s(), kMaxRangeRateSigmaMS);
        r.value1 = o.range_rate_m_s();
        r.sigma1 = o.range_rate_sigma_m_s();
        break;
      case sstrack::v1::AZEL:
        r.type = "AZEL";
        s = CheckRange(i, "azimuth_deg", o.azimuth_deg(), 0, 360, true);
        if (s.ok()) s = CheckRange(i, "elevation_deg", o.elevation_deg(), -90, 90, false);
        if (s.ok()) s = CheckSigma(i, "angle_sigma_arcsec", o.angle_sigma_arcsec(), kMaxAngleSigmaArcsec);
        r.value1 = o.azimuth_deg() * kDeg;
        r.value2 = o.elevation_deg() * kDeg;
        break;
      case sstrack::v1::RADEC:
        r.type = "RADEC";
        s = CheckRange(i, "right_ascension_deg", o.right_ascension_deg(), 0, 360, true);
        if (s.ok()) s = CheckRange(i, "declination_deg", o.declination_deg(), -90, 90, false);
        if (s.ok()) s = CheckSigma(i, "angle_sigma_arcsec", o.angle_sigma_arcsec(), kMaxAngleSigmaArcsec);
        r.value1 = o.right_ascension_deg() * kDeg;
        r.value2 = o.declination_deg() * kDeg;
        break;
      default:
        return Bad(i, "type", "expected RANGE, RANGE_RATE, AZEL or RADEC");
    }
    if (!s.ok()) return s;
    if (r.value2) {
      r.sigma1 = o.angle_sigma_arcsec() * kArcsec;
      r.sigma2 = r.sigma1;
    }
    if (o.task_id() != 0) {
      std::optional<catalog::TaskRecord> task = look.task(o.task_id());
      if (!task || task->sensor != sensor) {
        return Bad(i, "task_id", absl::StrCat(o.task_id(), ": not a task of sensor ", sensor));
      }
      if (task->catalog_number != o.catalog_number()) {
        return Bad(i, "catalog_number", absl::StrCat(o.catalog_number(), ": task ", o.task_id(),
                                                     " is for object ", task->catalog_number));
      }
      const double tai = r.epoch.TaiSecondsSinceJ2000();
      if (tai < task->start_tai_s - look.task_window_margin_s ||
          tai > task->end_tai_s + look.task_window_margin_s) {
        batch.flagged.push_back(i);
      } else {
        r.task_id = o.task_id();
      }
    }
    batch.records.push_back(std::move(r));
  }
  return batch;
}

}  // namespace sstrack::service
