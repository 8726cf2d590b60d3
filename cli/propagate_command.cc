// Copyright sstrack authors.
#include "cli/propagate_command.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "astro/formats/element_file.h"
#include "astro/frames/frames.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "cli/astro_io.h"
#include "cli/cli_common.h"
#include "cli/element_sets.h"

namespace sstrack::cli {
namespace {

absl::Status CheckCommon(const PropagateOptions& o, astro::Epoch* start, astro::Epoch* end) {
  absl::StatusOr<astro::Epoch> s = astro::ParseIsoUtc(o.start_iso);
  if (!s.ok()) return absl::InvalidArgumentError(absl::StrCat("--start: ", s.status().message()));
  absl::StatusOr<astro::Epoch> e = astro::ParseIsoUtc(o.end_iso);
  if (!e.ok()) return absl::InvalidArgumentError(absl::StrCat("--end: ", e.status().message()));
  if (*e < *s) {
    return absl::InvalidArgumentError(
        absl::StrCat("--end ", o.end_iso, " is before --start ", o.start_iso));
  }
  if (!(o.step_s > 0.0) || !std::isfinite(o.step_s)) {
    return absl::InvalidArgumentError(absl::StrCat("--step ", o.step_s, " must be > 0 seconds"));
  }
  if (o.format != "csv" && o.format != "table" && o.format != "json") {
    return absl::InvalidArgumentError(
        absl::StrCat("--format '", o.format, "': expected table, csv or json"));
  }
  *start = *s;
  *end = *e;
  return absl::OkStatus();
}

}  // namespace

absl::Status RunPropagate(const PropagateOptions& o, std::FILE* out, std::FILE* err) {
  if (o.model == "numerical") return RunPropagateNumerical(o, out, err);
  if (o.model != "sgp4") {
    return absl::InvalidArgumentError(
        absl::StrCat("--model '", o.model, "': expected sgp4 or numerical"));
  }
  astro::Epoch start, end;
  if (absl::Status s = CheckCommon(o, &start, &end); !s.ok()) return s;
  absl::StatusOr<astro::Frame> frame = astro::ParseFrame(o.frame.empty() ? "teme" : o.frame);
  if (!frame.ok()) return absl::InvalidArgumentError(absl::StrCat("--frame: ", frame.status().message()));
  auto loaded = LoadElementSets(o.tle_file, o.ids, o.db, err);
  if (!loaded.ok()) return loaded.status();
  const std::vector<astro::MeanElements>& sets = loaded->sets;
  const size_t rejected = loaded->rejected;
  const int64_t steps = static_cast<int64_t>(std::floor((end - start) / o.step_s + 1e-9));
  // Earth orientation once for the span's start (frames other than TEME).
  astro::EopSample eop;
  if (*frame != astro::Frame::kTeme) {
    absl::StatusOr<astro::EopSample> e = EopAt(start, o.eop_files, err);
    if (!e.ok()) return e.status();
    eop = *e;
  }
  EphemerisPrinter printer(out, o.format, *frame);
  printer.Begin();
  int init_failures = 0;
  for (const astro::MeanElements& el : sets) {
    absl::StatusOr<astro::Sgp4> sgp4 = astro::Sgp4::Create(el);
    if (!sgp4.ok()) {
      std::fprintf(err, "object %d: %s\n", el.catalog_number,
                   std::string(sgp4.status().message()).c_str());
      ++init_failures;
      continue;
    }
    for (int64_t k = 0; k <= steps; ++k) {
      const astro::Epoch t = start + static_cast<double>(k) * o.step_s;
      const double tsince = (t - el.epoch) / 60.0;
      const astro::Sgp4State s = sgp4->Propagate(tsince);
      astro::CartesianState c{s.position_teme_m, s.velocity_teme_m_s};
      if (s.error == astro::Sgp4Error::kNone && *frame != astro::Frame::kTeme) {
        absl::StatusOr<astro::CartesianState> conv =
            astro::ConvertState(c, astro::Frame::kTeme, *frame, t, eop);
        if (!conv.ok()) return conv.status();
        c = *conv;
      }
      const int code = static_cast<int>(s.error);
      printer.Row(el.catalog_number, t, tsince, c, code);
      if (code != 0) break;  // the object's rows stop at its first error
    }
  }
  printer.End();
  if (rejected > 0 || init_failures > 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(rejected, " element record(s) rejected and ", init_failures,
                     " could not be initialized in ", o.tle_file, " (see above)"));
  }
  return absl::OkStatus();
}

}  // namespace sstrack::cli
