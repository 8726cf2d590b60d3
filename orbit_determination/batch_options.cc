// Copyright sstrack authors.
// BatchOptions::Validate: the options' ranges, each refusal naming its option.
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "orbit_determination/batch_least_squares.h"

namespace sstrack::od {

absl::Status BatchOptions::Validate() const {
  if (editing_start_iterations < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "batch options: editing_start_iterations ", editing_start_iterations, " must be >= 0"));
  }
  if (initial_editing_threshold != 0 &&
      !(initial_editing_threshold >= editing_threshold && editing_threshold > 0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "batch options: initial_editing_threshold ", initial_editing_threshold,
        " must be 0 (none) or >= editing_threshold (", editing_threshold, ") with editing on"));
  }
  if (!(max_edited_fraction > 0 && max_edited_fraction <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat("batch options: max_edited_fraction ",
                                                   max_edited_fraction, " must be in (0, 1]"));
  }
  if (max_iterations < 1 || max_editing_passes < 1 || editing_threshold < 0 ||
      !(function_tolerance > 0) || !(parameter_tolerance > 0) || convergence_step_sigma < 0 ||
      editing_start_sigma < 0 || !(max_wrms > 0) ||
      !(position_scale_m > 0) || !(velocity_scale_m_s > 0) || partials_degree < -1) {
    return absl::InvalidArgumentError(
        "batch options: iterations and passes >= 1, tolerances, scales and max_wrms > 0, "
        "editing threshold and convergence_step_sigma >= 0, partials_degree >= -1");
  }
  return propagator.Validate();
}

}  // namespace sstrack::od
