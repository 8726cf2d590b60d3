// Copyright sstrack authors.
#include "cli/convert_state_command.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "astro/frames/frames.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "cli/astro_io.h"
#include "cli/cli_common.h"

namespace sstrack::cli {

using astro::CartesianState;

absl::Status RunConvertState(const ConvertStateOptions& o, std::FILE* out,
                             std::FILE* err) {
  absl::StatusOr<astro::Frame> from = astro::ParseFrame(o.from);
  if (!from.ok()) return absl::InvalidArgumentError(absl::StrCat("--from: ", from.status().message()));
  absl::StatusOr<astro::Frame> to = astro::ParseFrame(o.to);
  if (!to.ok()) return absl::InvalidArgumentError(absl::StrCat("--to: ", to.status().message()));
  absl::StatusOr<astro::Epoch> t = astro::ParseIsoUtc(o.epoch_iso);
  if (!t.ok()) return absl::InvalidArgumentError(absl::StrCat("--epoch: ", t.status().message()));
  absl::StatusOr<std::vector<double>> v = ParseNumberList("--state", o.state, 6);
  if (!v.ok()) return v.status();
  absl::StatusOr<astro::EopSample> eop = EopAt(*t, o.eop_files, err);
  if (!eop.ok()) return eop.status();

  CartesianState s;
  s.position_m = Eigen::Vector3d((*v)[0], (*v)[1], (*v)[2]) * 1e3;
  s.velocity_m_s = Eigen::Vector3d((*v)[3], (*v)[4], (*v)[5]) * 1e3;
  absl::StatusOr<CartesianState> r = astro::ConvertState(s, *from, *to, *t, *eop);
  if (!r.ok()) return absl::InvalidArgumentError(absl::StrCat("--state: ", r.status().message()));
  PrintState(out, astro::FrameName(*to), *t, *r, o.json);
  return absl::OkStatus();
}

}  // namespace sstrack::cli
