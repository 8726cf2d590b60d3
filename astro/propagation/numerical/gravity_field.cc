// Copyright sstrack authors.
#include "astro/propagation/numerical/gravity_field.h"

#include <Eigen/Core>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "erfa.h"

namespace sstrack::astro {
namespace {

constexpr double kSecondsPerJulianYear = 365.25 * 86400.0;

bool ParseDouble(absl::string_view s, double* out) {
  std::string t(s);
  for (char& c : t)
    if (c == 'D' || c == 'd') c = 'e';  // Fortran exponents
  return absl::SimpleAtod(t, out);
}

absl::StatusOr<std::string> ReadText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open gravity field"));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

void GravityField::Resize(int degree) {
  degree_ = degree;
  order_ = degree;
  c_.assign(Index(degree + 1, 0), 0.0);
  s_.assign(Index(degree + 1, 0), 0.0);
}

void GravityField::SetCoefficient(int n, int m, double c, double s) {
  c_[Index(n, m)] = c;
  s_[Index(n, m)] = s;
  if (!sum_k4_.empty()) PrepareDerivedSums();
}

GravityField GravityField::PointMass(double gm, double radius) {
  GravityField f;
  f.model_name_ = "point mass";
  f.gm_ = gm;
  f.radius_ = radius;
  f.Resize(0);
  f.SetCoefficient(0, 0, 1.0, 0.0);
  f.PrepareRecursion();
  return f;
}

absl::StatusOr<GravityField> GravityField::Read(const std::string& path, int max_degree) {
  absl::StatusOr<std::string> text = ReadText(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path, max_degree);
}

absl::StatusOr<GravityField> GravityField::ReadGrgs(const std::string& path, int max_degree) {
  absl::StatusOr<std::string> text = ReadText(path);
  if (!text.ok()) return text.status();
  return ParseGrgs(*text, path, max_degree);
}

absl::StatusOr<GravityField> GravityField::ReadAny(const std::string& path, int max_degree) {
  absl::StatusOr<std::string> text = ReadText(path);
  if (!text.ok()) return text.status();
  const absl::string_view first_line = absl::string_view(*text).substr(0, text->find('\n'));
  if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(first_line), "FIELD -")) {
    return ParseGrgs(*text, path, max_degree);
  }
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), "end_of_head")) {
      return Parse(*text, path, max_degree);
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat(path, ": neither a GRGS gravity field (first line 'FIELD - ...') nor an "
                         "ICGEM one (no 'end_of_head' line)"));
}

absl::StatusOr<GravityField> GravityField::Parse(const std::string& text,
                                                 const std::string& source,
                                                 int max_degree) {
  GravityField f;
  std::map<std::string, std::string> head;
  bool in_data = false;
  int line_no = 0;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> row_lines;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    std::vector<std::string> tok =
        absl::StrSplit(absl::StripAsciiWhitespace(line), absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (tok.empty()) continue;
    if (!in_data) {
      if (absl::StartsWith(tok[0], "end_of_head")) {
        in_data = true;
      } else if (tok.size() >= 2) {
        head[tok[0]] = tok[1];
      }
      continue;
    }
    rows.push_back(std::move(tok));
    row_lines.push_back(line_no);
  }
  auto err = [&](int line, const std::string& what) {
    return absl::InvalidArgumentError(absl::StrCat(source, ":", line, ": ", what));
  };
  if (!in_data) return err(line_no, "no end_of_head line: not an ICGEM file");
  for (const char* key : {"earth_gravity_constant", "radius", "max_degree"}) {
    if (!head.count(key)) return err(0, absl::StrCat("header lacks ", key));
  }
  double maxdeg_d = 0;
  if (!ParseDouble(head["earth_gravity_constant"], &f.gm_) || !(f.gm_ > 0) ||
      !ParseDouble(head["radius"], &f.radius_) || !(f.radius_ > 0) ||
      !ParseDouble(head["max_degree"], &maxdeg_d) || !(maxdeg_d >= 0)) {
    return err(0, "bad earth_gravity_constant, radius or max_degree in header");
  }
  if (maxdeg_d > kMaxFileDegree || maxdeg_d != std::floor(maxdeg_d)) {
    return err(0, absl::StrCat("header max_degree ", head["max_degree"], ": not a whole number from 0 to ",
                               kMaxFileDegree));
  }
  if (head.count("norm") && head["norm"] != "fully_normalized") {
    return err(0, absl::StrCat("norm '", head["norm"], "' not supported (fully_normalized only)"));
  }
  f.model_name_ = head.count("modelname") ? head["modelname"] : source;
  f.tide_system_ = head.count("tide_system") ? head["tide_system"] : "unknown";
  int degree = static_cast<int>(maxdeg_d);
  if (max_degree >= 0) degree = std::min(degree, max_degree);
  if (degree > kMaxHeldDegree) {
    return err(0, absl::StrCat("header max_degree ", degree, ": a field holds at most degree ",
                               kMaxHeldDegree, "; read it with a maximum degree"));
  }
  f.Resize(degree);
  std::map<int, double> t0_by_index;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& t = rows[i];
    const int line = row_lines[i];
    const std::string& key = t[0];
    if (key != "gfc" && key != "gfct" && key != "trnd" && key != "acos" && key != "asin") {
      return err(line, absl::StrCat("unknown key '", key, "'"));
    }
    int n = 0, m = 0;
    double c = 0, s = 0;
    if (t.size() < 5 || !absl::SimpleAtoi(t[1], &n) || !absl::SimpleAtoi(t[2], &m) ||
        !ParseDouble(t[3], &c) || !ParseDouble(t[4], &s) || n < 0 || m < 0 || m > n) {
      return err(line, absl::StrCat("malformed '", key, "' line (expected key n m C S ...)"));
    }
    if (n > degree) continue;
    const int idx = Index(n, m);
    if (key == "gfc") {
      f.c_[idx] = c;
      f.s_[idx] = s;
    } else if (key == "gfct") {
      int ymd = 0;
      if (t.size() < 8 || !absl::SimpleAtoi(t[7], &ymd))
        return err(line, "gfct line lacks its t0 (yyyymmdd) in column 8");
      double jd0, jd1;
      if (eraCal2jd(ymd / 10000, ymd / 100 % 100, ymd % 100, &jd0, &jd1) != 0)
        return err(line, absl::StrCat("bad t0 date ", t[7]));
      f.c_[idx] = c;
      f.s_[idx] = s;
      t0_by_index[idx] = (Epoch::FromTt(jd0, jd1) - Epoch::FromTt(kJ2000Jd, 0.0));
    } else {
      if (!t0_by_index.count(idx))
        return err(line, absl::StrCat("'", key, "' for (", n, ",", m, ") before its gfct line"));
      TimeTerm term{idx, TimeTerm::kTrend, c, s, 0.0};
      if (key != "trnd") {
        term.kind = key == "acos" ? TimeTerm::kCos : TimeTerm::kSin;
        if (t.size() < 8 || !ParseDouble(t[7], &term.period_years) || !(term.period_years > 0))
          return err(line, absl::StrCat("'", key, "' line lacks a positive period (years) in column 8"));
      }
      f.t0_tt_s_ = t0_by_index[idx];
      f.time_terms_.push_back(term);
    }
  }
  f.PrepareRecursion();
  return f;
}

GravityField GravityField::AtEpoch(const Epoch& t) const {
  GravityField out = *this;
  out.time_terms_.clear();
  const double years =
      ((t - Epoch::FromTt(kJ2000Jd, 0.0)) - t0_tt_s_) / kSecondsPerJulianYear;
  for (const TimeTerm& term : time_terms_) {
    double factor = years;
    if (term.kind == TimeTerm::kCos) factor = std::cos(2 * M_PI * years / term.period_years);
    if (term.kind == TimeTerm::kSin) factor = std::sin(2 * M_PI * years / term.period_years);
    out.c_[term.index] += term.c * factor;
    out.s_[term.index] += term.s * factor;
  }
  out.PrepareDerivedSums();
  return out;
}

absl::StatusOr<GravityField> GravityField::Truncated(int degree, int order) const {
  if (degree < 0 || order < 0 || order > degree || degree > degree_) {
    return absl::InvalidArgumentError(absl::StrCat(
        "gravity field ", model_name_, ": degree ", degree, " / order ", order,
        " not available (need 0 <= order <= degree <= ", degree_, ")"));
  }
  GravityField out = *this;
  out.Resize(degree);
  out.order_ = order;
  for (int n = 0; n <= degree; ++n)
    for (int m = 0; m <= std::min(n, order); ++m) {
      out.c_[Index(n, m)] = c_[Index(n, m)];
      out.s_[Index(n, m)] = s_[Index(n, m)];
    }
  std::erase_if(out.time_terms_, [&](const TimeTerm& t) { return t.index >= Index(degree + 1, 0); });
  out.PrepareRecursion();
  return out;
}

void GravityField::PrepareConstants() {
  // One degree beyond the acceleration's needs: the gradient uses V̄, W̄ to
  // degree + 2 and the sums to degree + 1.
  const int nmax = degree_ + 2;
  // Constants of the acceleration sums (ratios of normalization factors).
  sum_k12_.assign(Index(degree_ + 2, 0), 0.0);
  sum_k3_.assign(Index(degree_ + 2, 0), 0.0);
  sum_k4_.assign(Index(degree_ + 2, 0), 0.0);
  for (int n = 0; n <= degree_ + 1; ++n) {
    const double ratio = (2.0 * n + 1) / (2.0 * n + 3);
    for (int m = 0; m <= n; ++m) {
      const int nm = Index(n, m);
      sum_k4_[nm] = std::sqrt(ratio * (n + m + 1.0) * (n - m + 1.0));
      if (m == 0) {
        sum_k12_[nm] = std::sqrt((2.0 * n + 1) * (n + 1.0) * (n + 2.0) / (2.0 * (2 * n + 3)));
      } else {
        sum_k12_[nm] = std::sqrt(ratio * (n + m + 1.0) * (n + m + 2.0));
        sum_k3_[nm] = std::sqrt((m == 1 ? 2.0 : 1.0) * ratio * (n - m + 2.0) * (n - m + 1.0));
      }
    }
  }
  rec_a_.assign(Index(nmax + 1, 0), 0.0);
  rec_b_.assign(Index(nmax + 1, 0), 0.0);
  rec_diag_.assign(nmax + 1, 0.0);
  for (int m = 1; m <= nmax; ++m) {
    rec_diag_[m] = std::sqrt((m == 1 ? 2.0 : 1.0) * (2.0 * m + 1) / (2.0 * m));
  }
  for (int n = 1; n <= nmax; ++n) {
    for (int m = 0; m < n; ++m) {
      rec_a_[Index(n, m)] = std::sqrt((2.0 * n + 1) * (2.0 * n - 1) / ((n - m) * double(n + m)));
      if (n >= m + 2) {
        rec_b_[Index(n, m)] = std::sqrt((2.0 * n + 1) * (n + m - 1.0) * (n - m - 1.0) /
                                        ((2.0 * n - 3) * (n + m) * double(n - m)));
      }
    }
  }
}

template <typename T>
void GravityField::Recursion(const T r[3], int nmax, int mmax, std::vector<T>& v,
                             std::vector<T>& w) const {
  using std::sqrt;
  const T r2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
  const T inv_r2 = 1.0 / r2;
  const T x0 = r[0] * (radius_ * inv_r2), y0 = r[1] * (radius_ * inv_r2),
          z0 = r[2] * (radius_ * inv_r2);
  const T rho = (radius_ * radius_) * inv_r2;
  v.resize(Index(nmax + 1, 0));
  w.resize(Index(nmax + 1, 0));
  v[0] = radius_ / sqrt(r2);
  w[0] = 0.0;
  for (int m = 0; m <= mmax; ++m) {
    if (m > 0) {
      const int p = Index(m - 1, m - 1), q = Index(m, m);
      v[q] = rec_diag_[m] * (x0 * v[p] - y0 * w[p]);
      w[q] = rec_diag_[m] * (x0 * w[p] + y0 * v[p]);
    }
    if (m + 1 <= nmax) {
      const int q = Index(m + 1, m), p = Index(m, m);
      v[q] = rec_a_[q] * z0 * v[p];
      w[q] = rec_a_[q] * z0 * w[p];
    }
    for (int n = m + 2; n <= nmax; ++n) {
      const int q = Index(n, m), p1 = Index(n - 1, m), p2 = Index(n - 2, m);
      v[q] = rec_a_[q] * z0 * v[p1] - rec_b_[q] * rho * v[p2];
      w[q] = rec_a_[q] * z0 * w[p1] - rec_b_[q] * rho * w[p2];
    }
  }
}

// ∇ Σ (c V̄ + s W̄) = (1/R) · Sums(c, s): the acceleration sums of M&G eq.
// 3.33 in normalized form, for coefficient arrays up to `degree`/`order`
// (V̄, W̄ needed to degree + 1).
template <typename T>
void GravityField::Sums(const double* cs, const double* ss, int degree, int order,
                        const std::vector<T>& v, const std::vector<T>& w, T out[3]) const {
  T ax(0.0), ay(0.0), az(0.0);
  for (int n = degree; n >= 0; --n) {
    for (int m = std::min(n, order); m >= 0; --m) {
      const int nm = Index(n, m);
      const double c = cs[nm], s = ss[nm];
      if (c == 0.0 && s == 0.0) continue;
      const double k4 = sum_k4_[nm];
      const int i0 = Index(n + 1, m);
      az -= k4 * (c * v[i0] + s * w[i0]);
      const int ip = Index(n + 1, m + 1);
      if (m == 0) {
        const double k1 = sum_k12_[nm];
        ax -= k1 * c * v[ip];
        ay -= k1 * c * w[ip];
      } else {
        const double k2 = sum_k12_[nm];
        const double k3 = sum_k3_[nm];
        const int im = Index(n + 1, m - 1);
        ax += 0.5 * (k3 * (c * v[im] + s * w[im]) - k2 * (c * v[ip] + s * w[ip]));
        ay += 0.5 * (k3 * (s * v[im] - c * w[im]) + k2 * (s * v[ip] - c * w[ip]));
      }
    }
  }
  out[0] = ax;
  out[1] = ay;
  out[2] = az;
}

void GravityField::PrepareRecursion() {
  PrepareConstants();
  PrepareDerivedSums();
}

void GravityField::Derive(const std::vector<double>& c, const std::vector<double>& s, int degree,
                          int order, int axis, std::vector<double>* cd,
                          std::vector<double>* sd) const {
  const int size = Index(degree + 2, 0);
  cd->assign(size, 0.0);
  sd->assign(size, 0.0);
  for (int n = 0; n <= degree; ++n) {
    for (int m = 0; m <= std::min(n, order); ++m) {
      const int nm = Index(n, m);
      const double cv = c[nm], sv = s[nm];
      if (cv == 0.0 && sv == 0.0) continue;
      const int i0 = Index(n + 1, m), ip = Index(n + 1, m + 1);
      if (axis == 2) {
        (*cd)[i0] -= sum_k4_[nm] * cv;
        (*sd)[i0] -= sum_k4_[nm] * sv;
      } else if (m == 0) {
        (axis == 0 ? *cd : *sd)[ip] -= sum_k12_[nm] * cv;
      } else {
        const int im = Index(n + 1, m - 1);
        const double h2 = 0.5 * sum_k12_[nm], h3 = 0.5 * sum_k3_[nm];
        if (axis == 0) {
          (*cd)[im] += h3 * cv;
          (*sd)[im] += h3 * sv;
          (*cd)[ip] -= h2 * cv;
          (*sd)[ip] -= h2 * sv;
        } else {
          (*cd)[im] += h3 * sv;
          (*sd)[im] -= h3 * cv;
          (*cd)[ip] += h2 * sv;
          (*sd)[ip] -= h2 * cv;
        }
      }
    }
  }
}

void GravityField::PrepareDerivedSums() {
  // a_i = GM/R² Σ_k (A_i,k V̄_k + B_i,k W̄_k) over degree ≤ N+1, and
  // ∂a_i/∂r_j = GM/R³ Σ_k (G_ij,k V̄_k + H_ij,k W̄_k) over degree ≤ N+2:
  // fixed coefficient vectors, so each evaluation is a few dot products.
  const int ord1 = std::min(order_ + 1, degree_ + 1);
  for (int i = 0; i < 3; ++i) {
    Derive(c_, s_, degree_, order_, i, &acc_v_[i], &acc_w_[i]);
  }
  int k = 0;
  for (int i = 0; i < 3; ++i) {
    for (int j = i; j < 3; ++j, ++k) {
      Derive(acc_v_[i], acc_w_[i], degree_ + 1, ord1, j, &grad_v_[k], &grad_w_[k]);
    }
  }
}

template <typename T>
void GravityField::Acceleration(const T r[3], T a[3]) const {
  // Per-thread scratch: no allocation per evaluation; every entry read is
  // written first.
  thread_local std::vector<T> v, w;
  const int nmax = degree_ + 1;
  Recursion(r, nmax, std::min(order_ + 1, nmax), v, w);
  Sums(c_.data(), s_.data(), degree_, order_, v, w, a);
  const double k = gm_ / (radius_ * radius_);
  for (int i = 0; i < 3; ++i) a[i] *= k;
}

template <>
void GravityField::Acceleration<double>(const double r[3], double a[3]) const {
  thread_local std::vector<double> v, w;
  const int nmax = degree_ + 1;
  Recursion(r, nmax, std::min(order_ + 1, nmax), v, w);
  const int size = Index(degree_ + 2, 0);
  const double k = gm_ / (radius_ * radius_);
  for (int i = 0; i < 3; ++i) {
    const double* cv = acc_v_[i].data();
    const double* cw = acc_w_[i].data();
    const double sum = Eigen::Map<const Eigen::VectorXd>(cv, size).dot(
                           Eigen::Map<const Eigen::VectorXd>(v.data(), size)) +
                       Eigen::Map<const Eigen::VectorXd>(cw, size).dot(
                           Eigen::Map<const Eigen::VectorXd>(w.data(), size));
    a[i] = sum * k;
  }
}

void GravityField::AccelerationAndGradient(const double r[3], double a[3],
                                           double gradient[3][3]) const {
  thread_local std::vector<double> v, w;
  const int nmax = degree_ + 2;
  Recursion(r, nmax, std::min(order_ + 2, nmax), v, w);
  const int size1 = Index(degree_ + 2, 0), size2 = Index(degree_ + 3, 0);
  const double k = gm_ / (radius_ * radius_), kg = k / radius_;
  for (int i = 0; i < 3; ++i) {
    const double* cv = acc_v_[i].data();
    const double* cw = acc_w_[i].data();
    // Eigen's dot products run on SIMD packets (two doubles on baseline
    // x86-64) with partial sums: ~2× a plain loop, which may not reorder.
    const double sum = Eigen::Map<const Eigen::VectorXd>(cv, size1).dot(
                           Eigen::Map<const Eigen::VectorXd>(v.data(), size1)) +
                       Eigen::Map<const Eigen::VectorXd>(cw, size1).dot(
                           Eigen::Map<const Eigen::VectorXd>(w.data(), size1));
    a[i] = sum * k;
  }
  int idx = 0;
  for (int i = 0; i < 3; ++i) {
    for (int j = i; j < 3; ++j, ++idx) {
      const double* gv = grad_v_[idx].data();
      const double* gw = grad_w_[idx].data();
      const double sum = Eigen::Map<const Eigen::VectorXd>(gv, size2).dot(
                             Eigen::Map<const Eigen::VectorXd>(v.data(), size2)) +
                         Eigen::Map<const Eigen::VectorXd>(gw, size2).dot(
                             Eigen::Map<const Eigen::VectorXd>(w.data(), size2));
      gradient[i][j] = gradient[j][i] = sum * kg;
    }
  }
}

template void GravityField::Acceleration<Dual<3>>(const Dual<3>*, Dual<3>*) const;

}  // namespace sstrack::astro
