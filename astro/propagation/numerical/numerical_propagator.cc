// Copyright sstrack authors.
#include "astro/propagation/numerical/numerical_propagator.h"

#include <algorithm>
#include <numeric>
#include <thread>

#include "absl/strings/str_cat.h"
#include "astro/propagation/numerical/dop853.h"

namespace sstrack::astro {

absl::Status NumericalPropagatorOptions::Validate() const {
  if (!(relative_tolerance > 0 && relative_tolerance < 1e-3) || !(position_tolerance_m > 0) ||
      !(velocity_tolerance_m_s > 0) || !(max_step_s >= 0) || max_steps <= 0) {
    return absl::InvalidArgumentError(
        "numerical propagator: tolerances must be > 0 (relative < 1e-3), max_step_s >= 0");
  }
  return absl::OkStatus();
}

namespace {

// One direction: all `dts` on the same side of 0, sorted away from 0.
absl::Status Integrate(const ForceModel& fm, const Epoch& t0, const CartesianState& x0,
                       const std::vector<double>& dts, const NumericalPropagatorOptions& o,
                       const Eigen::VectorXd& params, std::vector<std::vector<double>>* out,
                       NumericalPropagationSummary* summary) {
  const int p = fm.num_parameters();
  const int n = o.variational ? 6 + 36 + 6 * p : 6;
  std::vector<double> y0 = {x0.position_m.x(),   x0.position_m.y(),   x0.position_m.z(),
                            x0.velocity_m_s.x(), x0.velocity_m_s.y(), x0.velocity_m_s.z()};
  y0.resize(n, 0.0);
  if (o.variational)
    for (int j = 0; j < 6; ++j) y0[6 + 6 * j + j] = 1.0;

  AccelerationPartials partials;
  OdeFunction f = [&](double t, const double* y, double* dy) {
    const Epoch epoch = t0 + t;
    const Eigen::Vector3d r(y[0], y[1], y[2]), v(y[3], y[4], y[5]);
    Eigen::Vector3d a;
    if (!o.variational) {
      a = fm.Acceleration(epoch, r, v, params);
    } else {
      a = fm.AccelerationAndPartials(epoch, r, v, params, &partials);
    }
    for (int i = 0; i < 3; ++i) {
      dy[i] = y[3 + i];
      dy[3 + i] = a[i];
    }
    if (!o.variational) return;
    // Columns of Φ then S, each 6 long: (δr, δv)' = (δv, ∂a/∂r δr + ∂a/∂v δv [+ ∂a/∂p]).
    const int columns = 6 + p;
    for (int c = 0; c < columns; ++c) {
      const double* col = y + 6 + 6 * c;
      double* dcol = dy + 6 + 6 * c;
      const Eigen::Map<const Eigen::Vector3d> dr(col), dv(col + 3);
      Eigen::Map<Eigen::Vector3d> ddr(dcol), ddv(dcol + 3);
      ddr = dv;
      ddv = partials.da_dr * dr + partials.da_dv * dv;
      if (c >= 6) ddv += partials.da_dp.col(c - 6);
    }
  };
  Dop853Options d;
  d.relative_tolerance = o.relative_tolerance;
  d.absolute_tolerance = {o.position_tolerance_m, o.position_tolerance_m, o.position_tolerance_m,
                          o.velocity_tolerance_m_s, o.velocity_tolerance_m_s,
                          o.velocity_tolerance_m_s};
  d.controlled = 6;
  d.max_step = o.max_step_s;
  d.max_steps = o.max_steps;
  Dop853Summary s;
  absl::Status status = IntegrateDop853(f, 0.0, y0, dts, d, out, &s);
  if (summary) {
    summary->accepted_steps += s.accepted_steps;
    summary->rejected_steps += s.rejected_steps;
    summary->evaluations += s.evaluations;
  }
  return status;
}

}  // namespace

absl::StatusOr<std::vector<PropagatedState>> PropagateNumerically(
    const ForceModel& fm, const Epoch& t0, const CartesianState& x0,
    const std::vector<Epoch>& times, const NumericalPropagatorOptions& o,
    NumericalPropagationSummary* summary) {
  if (absl::Status s = o.Validate(); !s.ok()) return s;
  if (absl::Status s = ValidateState(x0); !s.ok()) return s;
  const int p = fm.num_parameters();
  Eigen::VectorXd params = o.parameters.size() == 0 ? fm.nominal_parameters() : o.parameters;
  if (params.size() != p) {
    return absl::InvalidArgumentError(absl::StrCat("numerical propagator: ", params.size(),
                                                   " parameter values for ", p, " parameters"));
  }
  if (summary) *summary = NumericalPropagationSummary();
  std::vector<PropagatedState> result(times.size());
  std::vector<size_t> order(times.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> dt(times.size());
  for (size_t i = 0; i < times.size(); ++i) dt[i] = times[i] - t0;
  // One integration per direction; with output times on both sides of t0
  // the backward one runs on a second thread (the force model is read-only
  // and its scratch space is per thread).
  struct Leg {
    std::vector<size_t> idx;
    std::vector<double> dts;
    std::vector<std::vector<double>> ys;
    NumericalPropagationSummary summary;
    absl::Status status;
  };
  Leg legs[2];
  for (int l = 0; l < 2; ++l) {
    const int direction = l == 0 ? +1 : -1;
    for (size_t i : order)
      if ((direction > 0 && dt[i] >= 0) || (direction < 0 && dt[i] < 0)) legs[l].idx.push_back(i);
    std::sort(legs[l].idx.begin(), legs[l].idx.end(),
              [&](size_t a, size_t b) { return std::abs(dt[a]) < std::abs(dt[b]); });
    for (size_t i : legs[l].idx) legs[l].dts.push_back(dt[i]);
  }
  auto run = [&](Leg& leg) {
    if (!leg.idx.empty()) leg.status = Integrate(fm, t0, x0, leg.dts, o, params, &leg.ys, &leg.summary);
  };
  if (o.parallel_directions && !legs[0].idx.empty() && !legs[1].idx.empty()) {
    std::thread backward(run, std::ref(legs[1]));
    run(legs[0]);
    backward.join();
  } else {
    run(legs[0]);
    run(legs[1]);
  }
  for (Leg& leg : legs) {
    if (!leg.status.ok()) return leg.status;
    if (summary) {
      summary->accepted_steps += leg.summary.accepted_steps;
      summary->rejected_steps += leg.summary.rejected_steps;
      summary->evaluations += leg.summary.evaluations;
    }
    for (size_t k = 0; k < leg.idx.size(); ++k) {
      const std::vector<double>& y = leg.ys[k];
      PropagatedState& out = result[leg.idx[k]];
      out.epoch = times[leg.idx[k]];
      out.gcrf.position_m = Eigen::Vector3d(y[0], y[1], y[2]);
      out.gcrf.velocity_m_s = Eigen::Vector3d(y[3], y[4], y[5]);
      if (o.variational) {
        out.stm = Eigen::Map<const Matrix6d>(y.data() + 6);
        out.sensitivity = Eigen::Map<const Eigen::Matrix<double, 6, Eigen::Dynamic>>(
            y.data() + 42, 6, p);
      } else {
        out.sensitivity.resize(6, 0);
      }
    }
  }
  return result;
}

Matrix6d PropagateCovariance(const Matrix6d& p0, const Matrix6d& stm, double dt, double q) {
  Matrix6d p = stm * p0 * stm.transpose();
  if (q > 0) {
    const double a = std::abs(dt);
    const Eigen::Matrix3d i3 = Eigen::Matrix3d::Identity();
    p.topLeftCorner<3, 3>() += q * a * a * a / 3.0 * i3;
    p.topRightCorner<3, 3>() += q * dt * dt / 2.0 * i3;
    p.bottomLeftCorner<3, 3>() += q * dt * dt / 2.0 * i3;
    p.bottomRightCorner<3, 3>() += q * a * i3;
  }
  return 0.5 * (p + p.transpose());
}

}  // namespace sstrack::astro
