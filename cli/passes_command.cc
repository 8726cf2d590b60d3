// Copyright sstrack authors.
#include "cli/passes_command.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "astro/formats/element_file.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "cli/cli_common.h"
#include "cli/sensors_command.h"
#include "sensors/visibility.h"

namespace sstrack::cli {
namespace {

constexpr double kDeg = M_PI / 180.0;

}  // namespace

absl::StatusOr<std::vector<astro::MeanElements>> LoadObjects(const std::vector<int>& ids,
                                                             const std::string& db,
                                                             const std::string& tle_file,
                                                             std::FILE* err, size_t* rejected) {
  if (tle_file.empty() == ids.empty()) {
    return absl::InvalidArgumentError(
        "give either --tle FILE or catalog numbers, not both or neither");
  }
  std::vector<astro::MeanElements> sets;
  if (!tle_file.empty()) {
    auto file = astro::ReadElementFile(tle_file);
    if (!file.ok()) return file.status();
    for (const auto& r : file->rejections) std::fprintf(err, "rejected: %s\n", r.message.c_str());
    *rejected = file->rejections.size();
    return std::move(file->elements);
  }
  auto cat = catalog::Catalog::Open(db, {.create_if_missing = false});
  if (!cat.ok()) return cat.status();
  for (int id : ids) {
    auto st = (*cat)->LatestState(id);
    if (!st.ok()) {
      return absl::Status(st.status().code(),
                          absl::StrCat("object ", id, " in ", db, ": ", st.status().message()));
    }
    sets.push_back(st->elements);
    if (auto obj = (*cat)->GetObject(id); obj.ok()) sets.back().name = obj->name;
  }
  return sets;
}

absl::Status RunPasses(const PassesOptions& o, std::FILE* out, std::FILE* err) {
  auto net = LoadNetwork(o.config);
  if (!net.ok()) return net.status();
  if (o.sensor.empty()) return absl::InvalidArgumentError("--sensor NAME is required");
  auto k = FindSensor(*net, o.sensor);
  if (!k.ok()) return k.status();
  auto start = astro::ParseIsoUtc(o.start_iso);
  if (!start.ok()) return absl::InvalidArgumentError(absl::StrCat("--start: ", start.status().message()));
  auto end = astro::ParseIsoUtc(o.end_iso);
  if (!end.ok()) return absl::InvalidArgumentError(absl::StrCat("--end: ", end.status().message()));
  if (!(*end > *start)) {
    return absl::InvalidArgumentError(absl::StrCat("empty or inverted span: --end ", o.end_iso,
                                                   " is not after --start ", o.start_iso));
  }
  size_t rejected = 0;
  auto sets = LoadObjects(o.ids, o.db, o.tle_file, err, &rejected);
  if (!sets.ok()) return sets.status();
  std::vector<sensors::VisibilityObject> objects;
  std::vector<const astro::MeanElements*> of;
  for (const astro::MeanElements& e : *sets) {
    auto sgp4 = astro::Sgp4::Create(e);
    if (!sgp4.ok()) {
      std::fprintf(err, "object %d: %s\n", e.catalog_number,
                   std::string(sgp4.status().message()).c_str());
      ++rejected;
      continue;
    }
    objects.push_back({*sgp4, {}});
    of.push_back(&e);
  }
  const std::vector<sensors::Sensor> one = {(*net)[*k]};
  auto windows = sensors::ComputeVisibility(objects, one, *start, *end);
  if (!windows.ok()) return windows.status();
  std::vector<sensors::VisibilityWindow> w = *std::move(windows);
  std::sort(w.begin(), w.end(), [](const auto& a, const auto& b) {
    return a.start != b.start ? a.start < b.start : a.object < b.object;
  });
  if (o.json) {
    std::fprintf(out, "[");
    for (size_t i = 0; i < w.size(); ++i) {
      const astro::MeanElements& e = *of[w[i].object];
      std::fprintf(
          out,
          "%s\n{\"object\":%d,\"name\":%s,\"sensor\":%s,\"start_utc\":%s,\"end_utc\":%s,"
          "\"duration_s\":%s,\"max_elevation_deg\":%s,\"max_elevation_utc\":%s,"
          "\"start_reason\":%s,\"end_reason\":%s}",
          i ? "," : "", e.catalog_number, JsonString(e.name).c_str(), JsonString(o.sensor).c_str(),
          JsonString(astro::FormatIsoUtc(w[i].start, 1)).c_str(),
          JsonString(astro::FormatIsoUtc(w[i].end, 1)).c_str(),
          JsonNumber(std::round(w[i].duration_s() * 10) / 10).c_str(),
          JsonNumber(std::round(w[i].max_elevation_rad / kDeg * 1e3) / 1e3).c_str(),
          JsonString(astro::FormatIsoUtc(w[i].max_elevation_time, 1)).c_str(),
          JsonString(sensors::ConstraintName(w[i].start_reason)).c_str(),
          JsonString(sensors::ConstraintName(w[i].end_reason)).c_str());
    }
    std::fprintf(out, "\n]\n");
  } else {
    std::fprintf(out, "%7s %-20s %-12s %-23s %-23s %8s %7s %-16s %-16s\n", "object", "name",
                 "sensor", "start_utc", "end_utc", "dur_s", "max_el", "start_reason",
                 "end_reason");
    for (const sensors::VisibilityWindow& x : w) {
      const astro::MeanElements& e = *of[x.object];
      std::fprintf(out, "%7d %-20.20s %-12.12s %-23s %-23s %8.1f %7.2f %-16s %-16s\n",
                   e.catalog_number, e.name.c_str(), o.sensor.c_str(),
                   astro::FormatIsoUtc(x.start, 1).c_str(), astro::FormatIsoUtc(x.end, 1).c_str(),
                   x.duration_s(), x.max_elevation_rad / kDeg,
                   std::string(sensors::ConstraintName(x.start_reason)).c_str(),
                   std::string(sensors::ConstraintName(x.end_reason)).c_str());
    }
  }
  if (rejected > 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(rejected, " record(s) rejected or not propagated (see above)"));
  }
  return absl::OkStatus();
}

}  // namespace sstrack::cli
