// Copyright sstrack authors.
//
// Sgp4Batch: the columns, the loops over satellites and times around the
// vector kernel (sgp4_batch_kernel.h), and the per-call path for deep-space
// satellites and for the lanes the kernel hands back.
#include "astro/propagation/sgp4/sgp4_batch.h"

#include <algorithm>
#include <utility>

#include "astro/propagation/sgp4/sgp4_batch_kernel.h"
#include "astro/propagation/sgp4/simd_math.h"

namespace sstrack::astro {

using sgp4_internal::Any;
using sgp4_internal::kLanes;
using sgp4_internal::LaneStates;
using sgp4_internal::Splat;
using sgp4_internal::Stage;
using sgp4_internal::Vd;

namespace {

// Satellites per cache block: their columns (32 × 8 B × 512 = 131 kB) stay
// in L2 while the block runs through every time.
constexpr size_t kBlock = 512;
// Vectors whose Kepler iterations run interleaved: one vector's Newton
// steps form a chain of dependent operations (divisions among them) that
// would otherwise leave the core waiting.
constexpr int kInFlight = 8;

void StoreState(const Sgp4State& s, size_t j, Sgp4BatchResult* out) {
  out->x_m[j] = s.position_teme_m.x();
  out->y_m[j] = s.position_teme_m.y();
  out->z_m[j] = s.position_teme_m.z();
  out->vx_m_s[j] = s.velocity_teme_m_s.x();
  out->vy_m_s[j] = s.velocity_teme_m_s.y();
  out->vz_m_s[j] = s.velocity_teme_m_s.z();
  out->error[j] = s.error;
}

}  // namespace

Sgp4State Sgp4BatchResult::State(size_t time, size_t satellite) const {
  const size_t k = Index(time, satellite);
  Sgp4State s;
  s.position_teme_m = Eigen::Vector3d(x_m[k], y_m[k], z_m[k]);
  s.velocity_teme_m_s = Eigen::Vector3d(vx_m_s[k], vy_m_s[k], vz_m_s[k]);
  s.error = error[k];
  return s;
}

Sgp4Batch Sgp4Batch::Create(std::span<const Sgp4> satellites) {
  Sgp4Batch b;
  b.num_satellites_ = satellites.size();
  std::vector<const Sgp4*> near;
  for (size_t k = 0; k < satellites.size(); ++k) {
    const Sgp4& s = satellites[k];
    if (s.deep_space_) {
      b.deep_.push_back(s);
      b.deep_satellite_.push_back(k);
    } else {
      near.push_back(&s);
      b.near_.push_back(s);
      b.lane_satellite_.push_back(static_cast<int64_t>(k));
    }
  }
  b.num_near_ = near.size();
  const size_t lanes = (near.size() + kLanes - 1) / kLanes * kLanes;
  // Padding lanes repeat the last satellite (finite arithmetic) and are
  // never stored.
  b.lane_satellite_.resize(lanes, -1);
  Columns& c = b.c_;
  for (Column* col :
       {&c.mo,     &c.mdot,  &c.argpo,     &c.argpdot, &c.nodeo,  &c.nodedot,
        &c.nodecf, &c.cc1,   &c.bstar_cc4, &c.t2cof,   &c.omgcof, &c.xmcof,
        &c.eta,    &c.delmo, &c.d2,        &c.d3,      &c.d4,     &c.bstar_cc5,
        &c.sinmao, &c.t3cof, &c.t4cof,     &c.t5cof,   &c.no,     &c.ecco,
        &c.ao,     &c.aycof, &c.xlcof,     &c.con41,   &c.x1mth2, &c.x7thm1,
        &c.sinio,  &c.cosio}) {
    col->resize(lanes, 0.0);
  }
  b.lane_epoch_.resize(lanes);
  for (size_t i = 0; i < lanes; i += kLanes) {
    bool contiguous = true;
    for (int l = 1; l < kLanes; ++l) {
      contiguous =
          contiguous && b.lane_satellite_[i + l] == b.lane_satellite_[i] + l;
    }
    b.contiguous_.push_back(contiguous);
  }
  for (size_t i = 0; i < lanes && !near.empty(); ++i) {
    const Sgp4& s = *near[std::min(i, near.size() - 1)];
    b.lane_epoch_[i] = s.elements_.epoch;
    c.mo[i] = s.mo_;
    c.mdot[i] = s.mdot_;
    c.argpo[i] = s.argpo_;
    c.argpdot[i] = s.argpdot_;
    c.nodeo[i] = s.nodeo_;
    c.nodedot[i] = s.nodedot_;
    c.nodecf[i] = s.nodecf_;
    c.cc1[i] = s.cc1_;
    c.bstar_cc4[i] = s.bstar_ * s.cc4_;
    c.t2cof[i] = s.t2cof_;
    c.no[i] = s.no_;
    c.ecco[i] = s.ecco_;
    c.ao[i] = s.ao_;  // = pow(xke / no, 2/3), as Propagate recomputes it
    c.aycof[i] = s.aycof_;
    c.xlcof[i] = s.xlcof_;
    c.con41[i] = s.con41_;
    c.x1mth2[i] = s.x1mth2_;
    c.x7thm1[i] = s.x7thm1_;
    c.sinio[i] = s.sinio_;
    c.cosio[i] = s.cosio_;
    c.eta[i] = s.eta_;
    c.delmo[i] = s.delmo_;
    c.sinmao[i] = s.sinmao_;
    if (!s.simple_) {
      c.omgcof[i] = s.omgcof_;
      c.xmcof[i] = s.xmcof_;
      c.d2[i] = s.d2_;
      c.d3[i] = s.d3_;
      c.d4[i] = s.d4_;
      c.bstar_cc5[i] = s.bstar_ * s.cc5_;
      c.t3cof[i] = s.t3cof_;
      c.t4cof[i] = s.t4cof_;
      c.t5cof[i] = s.t5cof_;
    }
  }
  return b;
}

absl::StatusOr<Sgp4Batch> Sgp4Batch::FromElements(
    std::span<const MeanElements> elements) {
  std::vector<Sgp4> sats;
  sats.reserve(elements.size());
  for (const MeanElements& e : elements) {
    absl::StatusOr<Sgp4> s = Sgp4::Create(e);
    if (!s.ok()) return s.status();
    sats.push_back(*std::move(s));
  }
  return Create(sats);
}

template <typename TsinceOfLane>
void Sgp4Batch::Run(size_t num_times, const TsinceOfLane& tsince_of_lane,
                    Sgp4BatchResult* out) const {
  const size_t n = num_satellites_ * num_times;
  out->num_satellites = num_satellites_;
  out->num_times = num_times;
  for (std::vector<double>* v : {&out->x_m, &out->y_m, &out->z_m, &out->vx_m_s,
                                 &out->vy_m_s, &out->vz_m_s}) {
    v->resize(n);
  }
  out->error.resize(n);
  const size_t lanes = lane_satellite_.size();
  Stage g[kInFlight];
  bool running[kInFlight];
  for (size_t b0 = 0; b0 < lanes; b0 += kBlock) {
    const size_t b1 = std::min(lanes, b0 + kBlock);
    for (size_t k = 0; k < num_times; ++k) {
      for (size_t i0 = b0; i0 < b1; i0 += kLanes * kInFlight) {
        const int m =
            static_cast<int>(std::min<size_t>(kInFlight, (b1 - i0) / kLanes));
        for (int v = 0; v < m; ++v) {
          const size_t i = i0 + v * kLanes;
          sgp4_internal::Secular(c_, i, tsince_of_lane(k, i), &g[v]);
          running[v] = Any(g[v].active);
        }
        for (bool any = true; any;) {
          any = false;
          for (int v = 0; v < m; ++v) {
            if (running[v])
              any |= running[v] = sgp4_internal::KeplerStep(&g[v]);
          }
        }
        for (int v = 0; v < m; ++v) {
          FinishAndStore(k, g[v], out);
        }
      }
    }
  }
}

void Sgp4Batch::FinishAndStore(size_t time, const Stage& g,
                               Sgp4BatchResult* out) const {
  const size_t i = g.i;
  LaneStates s = sgp4_internal::Finish(c_, g);
  if (__builtin_expect(Any(s.near_threshold), 0)) {
    for (int l = 0; l < kLanes; ++l) {
      if (!s.near_threshold[l] || lane_satellite_[i + l] < 0) continue;
      const Sgp4State p = near_[i + l].Propagate(g.t[l]);
      s.x[l] = p.position_teme_m.x();
      s.y[l] = p.position_teme_m.y();
      s.z[l] = p.position_teme_m.z();
      s.vx[l] = p.velocity_teme_m_s.x();
      s.vy[l] = p.velocity_teme_m_s.y();
      s.vz[l] = p.velocity_teme_m_s.z();
      s.error[l] = static_cast<int64_t>(p.error);
    }
  }
  const size_t row = time * num_satellites_;
  if (contiguous_[i / kLanes]) {
    const size_t j = row + static_cast<size_t>(lane_satellite_[i]);
    sgp4_internal::Store(&out->x_m[j], s.x);
    sgp4_internal::Store(&out->y_m[j], s.y);
    sgp4_internal::Store(&out->z_m[j], s.z);
    sgp4_internal::Store(&out->vx_m_s[j], s.vx);
    sgp4_internal::Store(&out->vy_m_s[j], s.vy);
    sgp4_internal::Store(&out->vz_m_s[j], s.vz);
    for (int l = 0; l < kLanes; ++l) {
      out->error[j + l] = static_cast<Sgp4Error>(s.error[l]);
    }
    return;
  }
  for (int l = 0; l < kLanes; ++l) {
    const int64_t sat = lane_satellite_[i + l];
    if (sat < 0) break;
    const size_t j = row + static_cast<size_t>(sat);
    out->x_m[j] = s.x[l];
    out->y_m[j] = s.y[l];
    out->z_m[j] = s.z[l];
    out->vx_m_s[j] = s.vx[l];
    out->vy_m_s[j] = s.vy[l];
    out->vz_m_s[j] = s.vz[l];
    out->error[j] = static_cast<Sgp4Error>(s.error[l]);
  }
}

void Sgp4Batch::PropagateSince(std::span<const double> tsince_min,
                               Sgp4BatchResult* out) const {
  Run(
      tsince_min.size(), [&](size_t k, size_t) { return Splat(tsince_min[k]); },
      out);
  for (size_t d = 0; d < deep_.size(); ++d) {
    for (size_t k = 0; k < tsince_min.size(); ++k) {
      StoreState(deep_[d].Propagate(tsince_min[k]),
                 out->Index(k, deep_satellite_[d]), out);
    }
  }
}

void Sgp4Batch::PropagateTo(std::span<const Epoch> times,
                            Sgp4BatchResult* out) const {
  Run(
      times.size(),
      [&](size_t k, size_t i) {
        Vd t;
        for (int l = 0; l < kLanes; ++l)
          t[l] = (times[k] - lane_epoch_[i + l]) / 60.0;
        return t;
      },
      out);
  for (size_t d = 0; d < deep_.size(); ++d) {
    for (size_t k = 0; k < times.size(); ++k) {
      StoreState(deep_[d].PropagateTo(times[k]),
                 out->Index(k, deep_satellite_[d]), out);
    }
  }
}

}  // namespace sstrack::astro
