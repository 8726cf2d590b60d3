// Copyright sstrack authors.
//
// `sstrack propagate --model numerical`: Cowell integration from an initial
// GCRF state (--state) or a catalog object (its latest element set, turned
// into an osculating state by SGP4 at the element epoch and rotated
// TEME → GCRF), optional covariance from --sigma.
#include <cmath>

#include <Eigen/Geometry>

#include "absl/strings/str_cat.h"
#include "astro/frames/frames.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "cli/astro_io.h"
#include "cli/cli_common.h"
#include "cli/od_support.h"
#include "cli/propagate_command.h"

namespace sstrack::cli {
namespace {

struct Initial {
  int norad = 0;
  astro::Epoch epoch;
  astro::CartesianState gcrf;
};

absl::StatusOr<Initial> InitialState(const PropagateOptions& o,
                                     const std::shared_ptr<const astro::EopTable>& eop) {
  Initial init;
  if (!o.state.empty()) {
    auto spec = ParseStateSpec("--state", o.state);
    if (!spec.ok()) return spec.status();
    init.epoch = spec->epoch;
    init.gcrf = spec->gcrf;
    return init;
  }
  auto cat = catalog::Catalog::Open(o.db);
  if (!cat.ok()) return cat.status();
  init.norad = o.ids[0];
  auto st = (*cat)->LatestState(init.norad);
  if (!st.ok()) {
    return absl::Status(st.status().code(), absl::StrCat("object ", init.norad, " in ", o.db,
                                                         ": ", st.status().message()));
  }
  auto sgp4 = astro::Sgp4::Create(st->elements);
  if (!sgp4.ok()) return sgp4.status();
  const astro::Sgp4State s = sgp4->Propagate(0.0);
  init.epoch = st->elements.epoch;
  astro::EopSample sample = astro::ZeroEop(init.epoch);
  if (eop) {
    auto at = eop->At(init.epoch);
    if (!at.ok()) return absl::OutOfRangeError(absl::StrCat("--eop: ", at.status().message()));
    sample = *at;
  }
  auto gcrf = astro::ConvertState({s.position_teme_m, s.velocity_teme_m_s}, astro::Frame::kTeme,
                                  astro::Frame::kGcrf, init.epoch, sample);
  if (!gcrf.ok()) return gcrf.status();
  init.gcrf = *gcrf;
  return init;
}

// 1σ radial / in-track / cross-track position (m) from a GCRF covariance.
void RicSigmas(const astro::CartesianState& s, const astro::Matrix6d& p, double out[3]) {
  const Eigen::Matrix3d m = astro::RicMatrix(s.position_m, s.velocity_m_s);
  const Eigen::Matrix3d ric = m * p.topLeftCorner<3, 3>() * m.transpose();
  for (int k = 0; k < 3; ++k) out[k] = std::sqrt(std::max(0.0, ric(k, k)));
}

}  // namespace

absl::Status RunPropagateNumerical(const PropagateOptions& o, std::FILE* out, std::FILE* err) {
  auto start = astro::ParseIsoUtc(o.start_iso);
  if (!start.ok()) return absl::InvalidArgumentError(absl::StrCat("--start: ", start.status().message()));
  auto end = astro::ParseIsoUtc(o.end_iso);
  if (!end.ok()) return absl::InvalidArgumentError(absl::StrCat("--end: ", end.status().message()));
  if (*end < *start || !(o.step_s > 0) || !std::isfinite(o.step_s)) {
    return absl::InvalidArgumentError("--end must not precede --start and --step must be > 0");
  }
  if (o.format != "csv" && o.format != "table" && o.format != "json") {
    return absl::InvalidArgumentError(absl::StrCat("--format '", o.format, "': expected table, csv or json"));
  }
  if (o.state.empty() == o.ids.empty() || o.ids.size() > 1 || !o.tle_file.empty()) {
    return absl::InvalidArgumentError(
        "--model numerical takes either --state EPOCH_ISO,x,y,z,vx,vy,vz or one catalog number");
  }
  auto frame = astro::ParseFrame(o.frame.empty() ? "gcrf" : o.frame);
  if (!frame.ok()) return absl::InvalidArgumentError(absl::StrCat("--frame: ", frame.status().message()));
  std::shared_ptr<const astro::EopTable> eop;
  if (!o.eop_files.empty()) {
    auto table = astro::EopTable::FromFiles(o.eop_files);
    if (!table.ok()) return table.status();
    eop = std::make_shared<astro::EopTable>(*std::move(table));
  } else {
    std::fprintf(err,
                 "warning: no --eop file: using zero Earth orientation (x_p = y_p = UT1-UTC = 0); "
                 "the Earth's field and Earth-fixed output may be off by hundreds of metres\n");
  }
  absl::StatusOr<Initial> init = InitialState(o, eop);
  if (!init.ok()) return init.status();
  absl::StatusOr<astro::ForceModelOptions> fo = BuildForceModelOptions(o.force);
  if (!fo.ok()) return fo.status();
  fo->eop = eop;
  const astro::Epoch first = std::min(*start, init->epoch);
  const astro::Epoch last = std::max(*end, init->epoch);
  auto fm = astro::ForceModel::Create(*fo, first, last);
  if (!fm.ok()) return fm.status();

  bool with_sigma = !o.sigma.empty();
  astro::Matrix6d p0 = astro::Matrix6d::Zero();
  if (with_sigma) {
    auto sig = ParseNumberList("--sigma", o.sigma, 2);
    if (!sig.ok()) return sig.status();
    if (!((*sig)[0] > 0) || !((*sig)[1] > 0))
      return absl::InvalidArgumentError("--sigma: both 1σ values must be > 0 (metres, m/s)");
    const double vr = (*sig)[0] * (*sig)[0], vv = (*sig)[1] * (*sig)[1];
    p0.diagonal() << vr, vr, vr, vv, vv, vv;
  }
  std::vector<astro::Epoch> times;
  const int64_t steps = static_cast<int64_t>(std::floor((*end - *start) / o.step_s + 1e-9));
  for (int64_t k = 0; k <= steps; ++k) times.push_back(*start + static_cast<double>(k) * o.step_s);
  astro::NumericalPropagatorOptions po;
  po.variational = with_sigma;
  auto states = astro::PropagateNumerically(**fm, init->epoch, init->gcrf, times, po);
  if (!states.ok()) return states.status();

  EphemerisPrinter printer(out, o.format, *frame, with_sigma);
  printer.Begin();
  for (const astro::PropagatedState& s : *states) {
    astro::CartesianState c = s.gcrf;
    if (*frame != astro::Frame::kGcrf) {
      astro::EopSample sample = astro::ZeroEop(s.epoch);
      if (eop) {
        auto at = eop->At(s.epoch);
        if (!at.ok()) return absl::OutOfRangeError(absl::StrCat("--eop: ", at.status().message()));
        sample = *at;
      }
      auto conv = astro::ConvertState(c, astro::Frame::kGcrf, *frame, s.epoch, sample);
      if (!conv.ok()) return conv.status();
      c = *conv;
    }
    double sig[3] = {0, 0, 0};
    if (with_sigma) RicSigmas(s.gcrf, astro::PropagateCovariance(p0, s.stm), sig);
    printer.Row(init->norad, s.epoch, (s.epoch - init->epoch) / 60.0, c, 0,
                with_sigma ? sig : nullptr);
  }
  printer.End();
  return absl::OkStatus();
}

}  // namespace sstrack::cli
