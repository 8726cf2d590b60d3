// Copyright sstrack authors.
#include "astro/propagation/numerical/dop853.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "astro/propagation/numerical/dop853_tableau.h"

namespace sstrack::astro {
namespace {

using namespace dop853;  // NOLINT: the tableau's names are the method's

constexpr double kSafety = 0.9;
constexpr double kMinFactor = 1.0 / 3.0;  // h_new ≥ h/3
constexpr double kMaxFactor = 6.0;        // h_new ≤ 6h

class Stepper {
 public:
  Stepper(const OdeFunction& f, int n, const Dop853Options& o, Dop853Summary* s)
      : f_(f), n_(n), o_(o), s_(s), k_(17, std::vector<double>(n)), tmp_(n), ynew_(n), comp_(n, 0.0), comp_new_(n, 0.0),
        cont_(8, std::vector<double>(n)) {}

  void Eval(double t, const double* y, double* dy) {
    f_(t, y, dy);
    ++s_->evaluations;
  }

  // y_tmp = y + h Σ coef_j K_j over the listed stages.
  void Combine(const std::vector<double>& y, double h,
               std::initializer_list<std::pair<int, double>> terms) {
    for (int i = 0; i < n_; ++i) {
      double acc = 0;
      for (const auto& [stage, coef] : terms) acc += coef * k_[stage][i];
      tmp_[i] = y[i] + h * acc;
    }
  }

  double Scale(int i, const std::vector<double>& y) const {
    const double atol = o_.absolute_tolerance.size() == 1 ? o_.absolute_tolerance[0]
                                                          : o_.absolute_tolerance[i];
    return atol + o_.relative_tolerance * std::max(std::abs(y[i]), std::abs(ynew_[i]));
  }

  // One trial step from (t, y) with K1 = f(t, y) in k_[1]; fills ynew_ and
  // returns the scaled error norm.
  double Trial(double t, const std::vector<double>& y, double h) {
    Combine(y, h, {{1, a21}});
    Eval(t + c2 * h, tmp_.data(), k_[2].data());
    Combine(y, h, {{1, a31}, {2, a32}});
    Eval(t + c3 * h, tmp_.data(), k_[3].data());
    Combine(y, h, {{1, a41}, {3, a43}});
    Eval(t + c4 * h, tmp_.data(), k_[4].data());
    Combine(y, h, {{1, a51}, {3, a53}, {4, a54}});
    Eval(t + c5 * h, tmp_.data(), k_[5].data());
    Combine(y, h, {{1, a61}, {4, a64}, {5, a65}});
    Eval(t + c6 * h, tmp_.data(), k_[6].data());
    Combine(y, h, {{1, a71}, {4, a74}, {5, a75}, {6, a76}});
    Eval(t + c7 * h, tmp_.data(), k_[7].data());
    Combine(y, h, {{1, a81}, {4, a84}, {5, a85}, {6, a86}, {7, a87}});
    Eval(t + c8 * h, tmp_.data(), k_[8].data());
    Combine(y, h, {{1, a91}, {4, a94}, {5, a95}, {6, a96}, {7, a97}, {8, a98}});
    Eval(t + c9 * h, tmp_.data(), k_[9].data());
    Combine(y, h, {{1, a101}, {4, a104}, {5, a105}, {6, a106}, {7, a107}, {8, a108}, {9, a109}});
    Eval(t + c10 * h, tmp_.data(), k_[10].data());
    Combine(y, h,
            {{1, a111}, {4, a114}, {5, a115}, {6, a116}, {7, a117}, {8, a118}, {9, a119},
             {10, a1110}});
    Eval(t + c11 * h, tmp_.data(), k_[11].data());
    Combine(y, h,
            {{1, a121}, {4, a124}, {5, a125}, {6, a126}, {7, a127}, {8, a128}, {9, a129},
             {10, a1210}, {11, a1211}});
    Eval(t + h, tmp_.data(), k_[12].data());
    // y_new = y + Δ with compensated (Kahan) summation: the low-order bits
    // of Δ lost in the addition are carried to the next step, which keeps
    // round-off from accumulating over 10^4–10^5 steps.
    for (int i = 0; i < n_; ++i) {
      const double delta = h * (b1 * k_[1][i] + b6 * k_[6][i] + b7 * k_[7][i] + b8 * k_[8][i] +
                                b9 * k_[9][i] + b10 * k_[10][i] + b11 * k_[11][i] +
                                b12 * k_[12][i]) +
                           comp_[i];
      ynew_[i] = y[i] + delta;
      comp_new_[i] = delta - (ynew_[i] - y[i]);
    }
    double err = 0, err2 = 0;
    const int nc = o_.controlled < 0 ? n_ : o_.controlled;
    for (int i = 0; i < nc; ++i) {
      const double sk = Scale(i, y);
      const double incr = b1 * k_[1][i] + b6 * k_[6][i] + b7 * k_[7][i] + b8 * k_[8][i] +
                          b9 * k_[9][i] + b10 * k_[10][i] + b11 * k_[11][i] + b12 * k_[12][i];
      const double e3 = incr - bhh1 * k_[1][i] - bhh2 * k_[9][i] - bhh3 * k_[12][i];
      const double e5 = er1 * k_[1][i] + er6 * k_[6][i] + er7 * k_[7][i] + er8 * k_[8][i] +
                        er9 * k_[9][i] + er10 * k_[10][i] + er11 * k_[11][i] + er12 * k_[12][i];
      err2 += (e3 / sk) * (e3 / sk);
      err += (e5 / sk) * (e5 / sk);
    }
    double deno = err + 0.01 * err2;
    if (deno <= 0) deno = 1.0;
    return std::abs(h) * err * std::sqrt(1.0 / (nc * deno));
  }

  // After an accepted step (ynew_ and K13 = f(t+h, ynew_) in k_[13]):
  // coefficients of the continuous extension on [t, t+h].
  void PrepareDense(double t, const std::vector<double>& y, double h) {
    Combine(y, h,
            {{1, a141}, {7, a147}, {8, a148}, {9, a149}, {10, a1410}, {11, a1411}, {12, a1412},
             {13, a1413}});
    Eval(t + c14 * h, tmp_.data(), k_[14].data());
    Combine(y, h,
            {{1, a151}, {6, a156}, {7, a157}, {8, a158}, {11, a1511}, {12, a1512}, {13, a1513},
             {14, a1514}});
    Eval(t + c15 * h, tmp_.data(), k_[15].data());
    Combine(y, h,
            {{1, a161}, {6, a166}, {7, a167}, {8, a168}, {9, a169}, {13, a1613}, {14, a1614},
             {15, a1615}});
    Eval(t + c16 * h, tmp_.data(), k_[16].data());
    for (int i = 0; i < n_; ++i) {
      const double ydiff = ynew_[i] - y[i];
      const double bspl = h * k_[1][i] - ydiff;
      cont_[0][i] = y[i];
      cont_[1][i] = ydiff;
      cont_[2][i] = bspl;
      cont_[3][i] = ydiff - h * k_[13][i] - bspl;
      for (int row = 0; row < 4; ++row) {
        double acc = 0;
        for (int s = 1; s <= 16; ++s) {
          if (d[row][s - 1] != 0.0) acc += d[row][s - 1] * k_[s][i];
        }
        cont_[4 + row][i] = h * acc;
      }
    }
  }

  void Dense(double theta, std::vector<double>* out) const {
    const double theta1 = 1.0 - theta;
    out->resize(n_);
    for (int i = 0; i < n_; ++i) {
      const double par =
          cont_[4][i] + theta * (cont_[5][i] + theta1 * (cont_[6][i] + theta * cont_[7][i]));
      (*out)[i] = cont_[0][i] +
                  theta * (cont_[1][i] +
                           theta1 * (cont_[2][i] + theta * (cont_[3][i] + theta1 * par)));
    }
  }

  // Hairer's starting step (order 8).
  double InitialStep(double t, const std::vector<double>& y, double direction, double hmax) {
    const int nc = o_.controlled < 0 ? n_ : o_.controlled;
    double dnf = 0, dny = 0;
    ynew_ = y;
    for (int i = 0; i < nc; ++i) {
      const double sk = Scale(i, y);
      dnf += (k_[1][i] / sk) * (k_[1][i] / sk);
      dny += (y[i] / sk) * (y[i] / sk);
    }
    double h = (dnf <= 1e-10 || dny <= 1e-10) ? 1e-6 : std::sqrt(dny / dnf) * 0.01;
    h = std::min(h, hmax) * direction;
    for (int i = 0; i < n_; ++i) tmp_[i] = y[i] + h * k_[1][i];
    Eval(t + h, tmp_.data(), k_[2].data());
    double der2 = 0;
    for (int i = 0; i < nc; ++i) {
      const double sk = Scale(i, y);
      const double q = (k_[2][i] - k_[1][i]) / sk;
      der2 += q * q;
    }
    der2 = std::sqrt(der2) / std::abs(h);
    const double der12 = std::max(der2, std::sqrt(dnf));
    const double h1 = der12 <= 1e-15 ? std::max(1e-6, std::abs(h) * 1e-3)
                                     : std::pow(0.01 / der12, 1.0 / 8.0);
    return direction * std::min({100 * std::abs(h), h1, hmax});
  }

  std::vector<std::vector<double>>& k() { return k_; }
  void AcceptCompensation() { comp_.swap(comp_new_); }
  const std::vector<double>& ynew() const { return ynew_; }

 private:
  const OdeFunction& f_;
  int n_;
  const Dop853Options& o_;
  Dop853Summary* s_;
  std::vector<std::vector<double>> k_;  // k_[s] = stage s (1-based), 13 = FSAL
  std::vector<double> tmp_, ynew_;
  std::vector<double> comp_, comp_new_;  // Kahan compensation of y
  std::vector<std::vector<double>> cont_;
};

}  // namespace

absl::Status IntegrateDop853(const OdeFunction& f, double t0, const std::vector<double>& y0,
                             const std::vector<double>& t_out, const Dop853Options& o,
                             std::vector<std::vector<double>>* y_out, Dop853Summary* summary) {
  const int n = static_cast<int>(y0.size());
  Dop853Summary local;
  Dop853Summary* s = summary ? summary : &local;
  *s = Dop853Summary();
  y_out->assign(t_out.size(), {});
  if (n == 0) return absl::InvalidArgumentError("DOP853: empty state");
  const int nc = o.controlled < 0 ? n : o.controlled;
  if (nc > n || !(o.relative_tolerance > 0) ||
      (o.absolute_tolerance.size() != 1 && static_cast<int>(o.absolute_tolerance.size()) != nc)) {
    return absl::InvalidArgumentError(
        "DOP853: need rtol > 0, one atol or one per controlled component, controlled <= n");
  }
  for (double a : o.absolute_tolerance)
    if (!(a > 0)) return absl::InvalidArgumentError("DOP853: absolute tolerances must be > 0");
  if (t_out.empty()) return absl::OkStatus();
  const double direction = t_out.back() >= t0 ? 1.0 : -1.0;
  for (size_t i = 0; i < t_out.size(); ++i) {
    const double prev = i == 0 ? t0 : t_out[i - 1];
    if ((t_out[i] - prev) * direction < 0) {
      return absl::InvalidArgumentError(
          "DOP853: output times must be sorted in the direction of integration");
    }
  }
  Stepper st(f, n, o, s);
  std::vector<double> y = y0;
  double t = t0;
  size_t next = 0;
  while (next < t_out.size() && t_out[next] == t0) (*y_out)[next++] = y0;
  if (next == t_out.size()) return absl::OkStatus();
  const double t_end = t_out.back();
  const double hmax = o.max_step > 0 ? o.max_step : std::abs(t_end - t0);
  st.Eval(t, y.data(), st.k()[1].data());
  double h = o.initial_step > 0 ? direction * std::min(o.initial_step, hmax)
                                : st.InitialStep(t, y, direction, hmax);
  bool last_rejected = false;
  int non_finite = 0;
  while (next < t_out.size()) {
    if (s->accepted_steps + s->rejected_steps >= o.max_steps) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "DOP853: more than ", o.max_steps, " steps before t = ", t_end, " (reached t = ", t, ")"));
    }
    if (std::abs(h) <= std::abs(t) * 4 * std::numeric_limits<double>::epsilon() ||
        std::abs(h) < 1e-12) {
      return absl::InternalError(absl::StrCat("DOP853: step size underflow at t = ", t));
    }
    // Do not step past the end.
    if ((t + 1.01 * h - t_end) * direction > 0) h = t_end - t;
    // Make t + h exact, so that the time the state has advanced by (the sum
    // of the h used in the stages) equals t: otherwise the rounding of
    // t + h adds up to ~1e-8 s over 10^4 steps — 0.1 mm along a LEO track.
    h = (t + h) - t;
    const double err = st.Trial(t, y, h);
    if (!std::isfinite(err)) {
      // Non-finite state or derivative: retry with much smaller steps, a
      // few times, then give up.
      if (++non_finite > 8) {
        return absl::InvalidArgumentError(absl::StrCat(
            "DOP853: the derivative is not finite near t = ", t, " (state diverged?)"));
      }
      h *= 0.1;
      ++s->rejected_steps;
      last_rejected = true;
      continue;
    }
    const double fac11 = std::pow(err, 1.0 / 8.0);
    double fac = std::max(1.0 / kMaxFactor, std::min(1.0 / kMinFactor, fac11 / kSafety));
    double h_new = h / fac;
    non_finite = 0;
    if (err <= 1.0) {
      ++s->accepted_steps;
      const double t_new = t + h;
      st.Eval(t_new, st.ynew().data(), st.k()[13].data());
      bool dense_ready = false;
      while (next < t_out.size() && (t_out[next] - t_new) * direction <= 0) {
        if (t_out[next] == t_new) {
          (*y_out)[next++] = st.ynew();
          continue;
        }
        if (!dense_ready) {
          st.PrepareDense(t, y, h);
          dense_ready = true;
        }
        st.Dense((t_out[next] - t) / h, &(*y_out)[next]);
        ++next;
      }
      if (std::abs(h_new) > hmax) h_new = direction * hmax;
      if (last_rejected) h_new = direction * std::min(std::abs(h_new), std::abs(h));
      last_rejected = false;
      y = st.ynew();
      st.AcceptCompensation();
      std::swap(st.k()[1], st.k()[13]);
      t = t_new;
    } else {
      h_new = h / std::min(1.0 / kMinFactor, fac11 / kSafety);
      if (s->accepted_steps > 0) ++s->rejected_steps;
      last_rejected = true;
    }
    h = h_new;
  }
  return absl::OkStatus();
}

}  // namespace sstrack::astro
