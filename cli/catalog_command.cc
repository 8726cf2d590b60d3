// Copyright sstrack authors.
#include "cli/catalog_command.h"

#include <cmath>

#include <Eigen/Geometry>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "astro/frames/frames.h"
#include "astro/formats/element_file.h"
#include "astro/time/utc.h"
#include "catalog/backup.h"
#include "catalog/catalog.h"
#include "cli/cli_common.h"

namespace sstrack::cli {

absl::Status RunCatalogImport(const CatalogOptions& o, std::FILE* out, std::FILE* err) {
  auto cat = catalog::Catalog::Open(o.db);
  if (!cat.ok()) return cat.status();
  catalog::ImportSummary total;
  int rejected = 0;
  for (const std::string& f : o.files) {
    // TLE or CCSDS OMM (KVN, XML, JSON), told apart by content.
    absl::StatusOr<astro::ElementFileResult> r = astro::ReadElementFile(f);
    if (!r.ok()) return r.status();
    const catalog::StateSource source = r->format == astro::ElementFormat::kTle
                                            ? catalog::StateSource::kTle
                                            : catalog::StateSource::kOmm;
    for (const auto& rej : r->rejections) std::fprintf(err, "rejected: %s\n", rej.message.c_str());
    rejected += static_cast<int>(r->rejections.size());
    auto s = (*cat)->ImportElements(r->elements, source, f);
    if (!s.ok()) return s.status();
    total.added += s->added;
    total.updated += s->updated;
    total.unchanged += s->unchanged;
  }
  if (o.json) {
    std::fprintf(out, "{\"added\":%d,\"updated\":%d,\"unchanged\":%d,\"rejected\":%d}\n",
                 total.added, total.updated, total.unchanged, rejected);
  } else {
    std::fprintf(out, "added %d, updated %d, unchanged %d, rejected %d\n", total.added,
                 total.updated, total.unchanged, rejected);
  }
  if (rejected > 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(rejected, " record(s) rejected (listed above); the valid ones were imported"));
  }
  return absl::OkStatus();
}

absl::Status RunCatalogBackup(const CatalogOptions& o, std::FILE* out) {
  auto b = catalog::BackupDatabase(o.db, o.destination);
  if (!b.ok()) return b.status();
  if (o.json) {
    std::fprintf(out,
                 "{\"destination\":%s,\"bytes\":%lld,\"schema_version\":%d,\"objects\":%lld,"
                 "\"observations\":%lld,\"fits\":%lld,\"copy_s\":%.3f}\n",
                 JsonString(o.destination).c_str(), static_cast<long long>(b->bytes), b->schema_version,
                 static_cast<long long>(b->objects), static_cast<long long>(b->observations),
                 static_cast<long long>(b->fits), b->seconds);
  } else {
    std::fprintf(out, "backup %s: %lld bytes, schema v%d, %lld objects, %lld observations, %lld fits (copied in %.2f s)\n",
                 o.destination.c_str(), static_cast<long long>(b->bytes), b->schema_version,
                 static_cast<long long>(b->objects), static_cast<long long>(b->observations),
                 static_cast<long long>(b->fits), b->seconds);
  }
  return absl::OkStatus();
}

absl::Status RunCatalogList(const CatalogOptions& o, std::FILE* out) {
  catalog::OpenOptions oo;
  oo.create_if_missing = false;
  auto cat = catalog::Catalog::Open(o.db, oo);
  if (!cat.ok()) return cat.status();
  auto objs = (*cat)->ListObjects();
  if (!objs.ok()) return objs.status();
  if (o.json) std::fprintf(out, "[");
  bool first = true;
  for (const auto& ob : *objs) {
    if (o.json) {
      std::fprintf(out, "%s\n{\"norad\":%d,\"name\":%s,\"intl_designator\":%s,\"category\":%d}",
                   first ? "" : ",", ob.catalog_number, JsonString(ob.name).c_str(),
                   JsonString(ob.international_designator).c_str(), ob.category);
    } else {
      std::fprintf(out, "%6d  %-11s  %-24s  cat %d\n", ob.catalog_number,
                   ob.international_designator.c_str(), ob.name.c_str(), ob.category);
    }
    first = false;
  }
  if (o.json) std::fprintf(out, "\n]\n");
  return absl::OkStatus();
}

absl::Status RunCatalogShow(const CatalogOptions& o, absl::Time now, std::FILE* out) {
  catalog::OpenOptions oo;
  oo.create_if_missing = false;
  auto cat = catalog::Catalog::Open(o.db, oo);
  if (!cat.ok()) return cat.status();
  auto ob = (*cat)->GetObject(o.id);
  if (!ob.ok()) return ob.status();
  auto st = (*cat)->LatestState(o.id);
  if (!st.ok()) return st.status();
  const astro::MeanElements& e = st->elements;
  // Age: wall clock (UTC) minus the state's epoch.
  auto now_epoch = astro::EpochFromUtcMjd(40587.0 + absl::ToUnixSeconds(now) / 86400.0);
  const double age_days = now_epoch.ok() ? (*now_epoch - e.epoch) / 86400.0 : NAN;
  const double deg = 180.0 / M_PI;
  const std::string epoch = astro::FormatIsoUtc(e.epoch, 6);
  // The latest orbit-determination state, with its 1σ in radial/in-track/
  // cross-track when it has a covariance.
  std::string od_json = "null", od_text;
  if (auto c = (*cat)->LatestCartesianState(o.id); c.ok()) {
    const Eigen::Vector3d r(c->state[0], c->state[1], c->state[2]);
    const Eigen::Vector3d v(c->state[3], c->state[4], c->state[5]);
    std::string sig_json = "null";
    if (c->covariance) {
      Eigen::Matrix3d p;
      for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) p(i, j) = (*c->covariance)[6 * i + j];
      const Eigen::Matrix3d m = astro::RicMatrix(r, v);
      const Eigen::Vector3d var = (m * p * m.transpose()).diagonal().cwiseMax(0.0);
      const double sr = std::sqrt(var.x()), si = std::sqrt(var.y()), sc = std::sqrt(var.z());
      sig_json = absl::StrCat("[", JsonNumber(sr), ",", JsonNumber(si), ",", JsonNumber(sc), "]");
      od_text = absl::StrFormat("  1-sigma radial %.3f m, in-track %.3f m, cross-track %.3f m\n", sr, si, sc);
    }
    const std::string od_epoch = astro::FormatIsoUtc(c->epoch, 6);
    od_json = absl::StrCat("{\"epoch_utc\":", JsonString(od_epoch), ",\"frame\":", JsonString(c->frame),
                           ",\"position_m\":[", JsonNumber(r.x()), ",", JsonNumber(r.y()), ",",
                           JsonNumber(r.z()), "],\"velocity_m_s\":[", JsonNumber(v.x()), ",",
                           JsonNumber(v.y()), ",", JsonNumber(v.z()), "],\"sigma_ric_m\":", sig_json,
                           ",\"weighted_rms\":", JsonNumber(c->quality), ",\"source_ref\":",
                           JsonString(c->source_ref), "}");
    od_text = absl::StrFormat(
                  "orbit determination state: epoch %s %s, WRMS %.3f (%s)\n"
                  "  r = %.4f %.4f %.4f km  v = %.7f %.7f %.7f km/s\n",
                  od_epoch, c->frame, c->quality, c->source_ref, r.x() / 1e3, r.y() / 1e3,
                  r.z() / 1e3, v.x() / 1e3, v.y() / 1e3, v.z() / 1e3) +
              od_text;
  }
  if (o.json) {
    std::fprintf(out,
                 "{\"norad\":%d,\"name\":%s,\"intl_designator\":%s,\"epoch_utc\":%s,"
                 "\"age_days\":%s,\"source\":%s,\"source_ref\":%s,"
                 "\"mean_motion_rev_day\":%s,\"eccentricity\":%s,\"inclination_deg\":%s,"
                 "\"raan_deg\":%s,\"arg_perigee_deg\":%s,\"mean_anomaly_deg\":%s,"
                 "\"bstar\":%s,\"covariance\":null,\"od_state\":%s}\n",
                 ob->catalog_number, JsonString(ob->name).c_str(),
                 JsonString(ob->international_designator).c_str(), JsonString(epoch).c_str(),
                 JsonNumber(age_days).c_str(),
                 JsonString(catalog::StateSourceName(st->source)).c_str(),
                 JsonString(st->source_ref).c_str(),
                 JsonNumber(e.mean_motion_rad_per_min * 1440.0 / (2 * M_PI)).c_str(),
                 JsonNumber(e.eccentricity).c_str(), JsonNumber(e.inclination_rad * deg).c_str(),
                 JsonNumber(e.raan_rad * deg).c_str(), JsonNumber(e.arg_perigee_rad * deg).c_str(),
                 JsonNumber(e.mean_anomaly_rad * deg).c_str(),
                 JsonNumber(e.bstar_per_earth_radii).c_str(), od_json.c_str());
    return absl::OkStatus();
  }
  std::fprintf(out, "%d %s (%s)\n", ob->catalog_number, ob->name.c_str(),
               ob->international_designator.c_str());
  std::fprintf(out, "latest state: SGP4 mean elements, epoch %s (%.2f days old), source %s %s\n",
               epoch.c_str(), age_days, catalog::StateSourceName(st->source),
               st->source_ref.c_str());
  std::fprintf(out, "  n %.8f rev/day  e %.7f  i %.4f deg  raan %.4f deg  argp %.4f deg  M %.4f deg  B* %.5g\n",
               e.mean_motion_rad_per_min * 1440.0 / (2 * M_PI), e.eccentricity,
               e.inclination_rad * deg, e.raan_rad * deg, e.arg_perigee_rad * deg,
               e.mean_anomaly_rad * deg, e.bstar_per_earth_radii);
  std::fprintf(out, "  covariance: none (element sets carry none)\n");
  std::fprintf(out, "%s", od_text.empty() ? "orbit determination state: none yet\n" : od_text.c_str());
  return absl::OkStatus();
}

}  // namespace sstrack::cli
