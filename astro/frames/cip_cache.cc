// Copyright sstrack authors.
#include "astro/frames/cip_cache.h"

#include <Eigen/Geometry>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "erfa.h"

namespace sstrack::astro {

namespace {

// The nodes of every cache, by spacing and index on the grid: a server
// builds a force model (and its cache) for each of its thousands of
// propagations a night over the same few days, and eraXys06a sums
// ~2,700 terms. Cleared when it passes kMaxNodes (about 57 years of hourly nodes).
struct NodeStore {
  static constexpr size_t kMaxNodes = 500000;
  std::mutex mu;
  std::map<std::pair<double, int64_t>, Eigen::Vector3d> nodes;
};

NodeStore& Store() {
  static NodeStore* store = new NodeStore;
  return *store;
}

}  // namespace

absl::StatusOr<CipCache> CipCache::Create(const Epoch& start, const Epoch& end,
                                          double spacing_s) {
  if (!(spacing_s > 0.0 && spacing_s <= 6 * 3600.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("CIP cache node spacing ", spacing_s, " s not in (0, 21600]"));
  }
  if (end < start) {
    return absl::InvalidArgumentError("CIP cache span ends before it starts");
  }
  // Nodes on a grid fixed in time (multiples of the spacing since J2000
  // TAI), so that every cache of the same spacing shares them.
  const Epoch origin = Epoch::FromTaiSeconds(0, 0.0);
  const int64_t i_first = static_cast<int64_t>(std::floor((start - origin) / spacing_s)) - 1;
  const Epoch first = origin + static_cast<double>(i_first) * spacing_s;
  const int n = static_cast<int>(std::ceil((end - first) / spacing_s)) + 5;
  std::vector<Eigen::Vector3d> nodes(n);
  std::vector<int> missing;
  NodeStore& store = Store();
  {
    std::lock_guard<std::mutex> lock(store.mu);
    for (int i = 0; i < n; ++i) {
      const auto it = store.nodes.find({spacing_s, i_first + i});
      if (it == store.nodes.end()) {
        missing.push_back(i);
      } else {
        nodes[i] = it->second;
      }
    }
  }
  for (int i : missing) {
    const JulianDate tt = (first + i * spacing_s).Tt();
    eraXys06a(tt.jd1, tt.jd2, &nodes[i].x(), &nodes[i].y(), &nodes[i].z());
  }
  if (!missing.empty()) {
    std::lock_guard<std::mutex> lock(store.mu);
    if (store.nodes.size() + missing.size() > NodeStore::kMaxNodes) store.nodes.clear();
    for (int i : missing) store.nodes[{spacing_s, i_first + i}] = nodes[i];
  }
  return CipCache(first, spacing_s, std::move(nodes));
}

absl::StatusOr<Eigen::Vector3d> CipCache::Xys(const Epoch& t) const {
  const double u = (t - first_) / spacing_s_;  // node units
  const int n = static_cast<int>(nodes_.size());
  int i0 = static_cast<int>(std::floor(u)) - 1;
  if (u < 1.0 || i0 + 3 >= n) {
    return absl::OutOfRangeError("instant outside the CIP cache's span");
  }
  const double p = u - (i0 + 1);  // in [0, 1) between nodes i0+1 and i0+2
  // Lagrange weights on nodes at −1, 0, 1, 2.
  const double w0 = -p * (p - 1) * (p - 2) / 6;
  const double w1 = (p + 1) * (p - 1) * (p - 2) / 2;
  const double w2 = -(p + 1) * p * (p - 2) / 2;
  const double w3 = (p + 1) * p * (p - 1) / 6;
  return w0 * nodes_[i0] + w1 * nodes_[i0 + 1] + w2 * nodes_[i0 + 2] +
         w3 * nodes_[i0 + 3];
}

absl::StatusOr<Eigen::Matrix3d> CipCache::GcrfToItrfMatrix(
    const Epoch& t, const EopSample& eop) const {
  absl::StatusOr<Eigen::Vector3d> xys = Xys(t);
  if (!xys.ok()) return xys.status();
  double rc2i[3][3], rpom[3][3], rc2t[3][3];
  eraC2ixys(xys->x() + eop.dx_rad, xys->y() + eop.dy_rad, xys->z(), rc2i);
  const JulianDate ut1 = (t + eop.ut1_minus_tai_s()).Tai();
  const JulianDate tt = t.Tt();
  eraPom00(eop.x_p_rad, eop.y_p_rad, eraSp00(tt.jd1, tt.jd2), rpom);
  eraC2tcio(rc2i, eraEra00(ut1.jd1, ut1.jd2), rpom, rc2t);
  Eigen::Matrix3d m;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) m(i, j) = rc2t[i][j];
  return m;
}

absl::StatusOr<CartesianState> CipCache::GcrfToItrf(const CartesianState& gcrf,
                                                    const Epoch& t,
                                                    const EopSample& eop) const {
  if (absl::Status s = ValidateState(gcrf); !s.ok()) return s;
  absl::StatusOr<Eigen::Matrix3d> m = GcrfToItrfMatrix(t, eop);
  if (!m.ok()) return m.status();
  // v_ITRF = M v − W (ω × r_TIRS); with W ≈ I to 1e-6 the exact form is
  // M v − ω × (M r) corrected by W: use W^T to get r_TIRS.
  const JulianDate tt = t.Tt();
  double rpom[3][3];
  eraPom00(eop.x_p_rad, eop.y_p_rad, eraSp00(tt.jd1, tt.jd2), rpom);
  Eigen::Matrix3d w;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) w(i, j) = rpom[i][j];
  const Eigen::Vector3d r_itrf = *m * gcrf.position_m;
  const Eigen::Vector3d r_tirs = w.transpose() * r_itrf;
  const Eigen::Vector3d omega(0, 0, EarthRotationRate(eop));
  return CartesianState{r_itrf,
                        *m * gcrf.velocity_m_s - w * omega.cross(r_tirs)};
}

}  // namespace sstrack::astro
