// Copyright sstrack authors.
#include "simulation/truth_ephemeris.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "absl/strings/str_cat.h"
#include "Eigen/Geometry"
#include "absl/synchronization/mutex.h"
#include "astro/propagation/numerical/numerical_propagator.h"

namespace sstrack::simulation {
namespace {

constexpr int kNodes = 10;  // degree-9 Lagrange interpolation
// Grid points per revolution at perigee's angular rate: the interpolation
// error scales as (2π/k)^10·r, ≈ 0.5 µm at k = 128 for a LEO.
constexpr double kStepsPerRevolution = 128;

}  // namespace

absl::StatusOr<TruthEphemeris> TruthEphemeris::Build(
    const std::map<int, astro::MeanElements>& elements, const World& world,
    const astro::Epoch& reference_epoch, const astro::Epoch& end, const TruthEphemerisOptions& options) {
  if (!(end - reference_epoch > 0)) {
    return absl::InvalidArgumentError("truth ephemeris: the end must lie after the reference epoch");
  }
  TruthEphemeris eph;
  eph.reference_epoch_ = reference_epoch;
  eph.end_ = end;
  std::vector<const astro::MeanElements*> work;
  for (const auto& [n, e] : elements) work.push_back(&e);
  const double span_s = end - reference_epoch;
  absl::Mutex mu;
  std::atomic<size_t> next{0};
  std::atomic<int> done{0};
  auto worker = [&] {
    for (size_t k = next++; k < work.size(); k = next++) {
      const astro::MeanElements& el = *work[k];
      Object obj;
      std::string failure;
      auto truth = MakeTruthOrbit(el, reference_epoch, world.truth);
      if (!truth.ok()) {
        failure = std::string(truth.status().message());
      } else {
        obj.physics = DrawObjectPhysics(el.catalog_number, world.options);
        DrawDailyDensity(el.catalog_number, world.options, reference_epoch, end, &obj.physics);
        obj.forces = ObjectForceModel(world.forces, obj.physics);
        const double gm = astro::ForceModelOptions::kDefaultGm;
        const double r = truth->truth_gcrf.position_m.norm();
        const double v2 = truth->truth_gcrf.velocity_m_s.squaredNorm();
        const double a = 1.0 / (2.0 / r - v2 / gm);
        if (!(a > 0)) {
          failure = "not a bound orbit";
        } else {
          // The grid resolves the fastest arc, perigee: its angular rate is
          // n·(1+e)²/(1−e²)^(3/2) (Kepler), 8.9× the mean motion for a
          // Molniya orbit.
          const double n = std::sqrt(gm / (a * a * a));
          const double h2 =
              truth->truth_gcrf.position_m.cross(truth->truth_gcrf.velocity_m_s).squaredNorm();
          const double e = std::min(std::sqrt(std::max(0.0, 1.0 - h2 / (gm * a))), 0.99);  // h² = µa(1−e²)
          const double perigee_rate = n * (1 + e) * (1 + e) / std::pow(1 - e * e, 1.5);
          obj.step_s = std::clamp(2 * M_PI / perigee_rate / kStepsPerRevolution, 10.0, 600.0);
          // Grid points past the end so that every instant has its stencil.
          const int count = static_cast<int>(std::ceil(span_s / obj.step_s)) + kNodes / 2 + 1;
          std::vector<astro::Epoch> times;
          times.reserve(static_cast<size_t>(count));
          for (int i = 0; i < count; ++i) times.push_back(reference_epoch + i * obj.step_s);
          auto fm = astro::ForceModel::Create(obj.forces, reference_epoch - 60.0, times.back() + 60.0);
          if (!fm.ok()) {
            failure = std::string(fm.status().message());
          } else {
            astro::NumericalPropagatorOptions po;
            po.relative_tolerance = options.relative_tolerance;
            po.position_tolerance_m = options.position_tolerance_m;
            po.velocity_tolerance_m_s = options.position_tolerance_m * 1e-3;
            po.parallel_directions = false;
            auto states = astro::PropagateNumerically(**fm, reference_epoch, truth->truth_gcrf, times, po);
            if (!states.ok()) {
              failure = std::string(states.status().message());
            } else {
              obj.grid.reserve(states->size());
              for (const astro::PropagatedState& s : *states) obj.grid.push_back(s.gcrf);
            }
          }
        }
      }
      {
        absl::MutexLock l(&mu);
        if (failure.empty()) {
          eph.objects_.emplace(el.catalog_number, std::move(obj));
        } else {
          eph.failures_[el.catalog_number] = failure;
        }
      }
      const int d = ++done;
      if (options.progress) {
        absl::MutexLock l(&mu);
        options.progress(d, static_cast<int>(work.size()));
      }
    }
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < std::clamp(options.threads, 1, 64); ++w) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  return eph;
}

absl::StatusOr<astro::CartesianState> TruthEphemeris::StateAt(int catalog_number,
                                                              const astro::Epoch& t) const {
  auto it = objects_.find(catalog_number);
  if (it == objects_.end()) {
    return absl::NotFoundError(absl::StrCat("object ", catalog_number, " has no truth ephemeris"));
  }
  const double dt = t - reference_epoch_;
  if (dt < -1e-6 || t - end_ > 1e-6) {
    return absl::OutOfRangeError(absl::StrCat("object ", catalog_number,
                                              ": instant outside the truth ephemeris's span"));
  }
  const Object& o = it->second;
  const double u = dt / o.step_s;
  const int last_first = static_cast<int>(o.grid.size()) - kNodes;
  const int first = std::clamp(static_cast<int>(std::floor(u)) - (kNodes / 2 - 1), 0, last_first);
  astro::CartesianState out;
  for (int j = 0; j < kNodes; ++j) {
    double w = 1;
    for (int m = 0; m < kNodes; ++m) {
      if (m != j) w *= (u - (first + m)) / static_cast<double>(j - m);
    }
    const astro::CartesianState& g = o.grid[static_cast<size_t>(first + j)];
    out.position_m += w * g.position_m;
    out.velocity_m_s += w * g.velocity_m_s;
  }
  return out;
}

const astro::ForceModelOptions* TruthEphemeris::ForceModelOf(int catalog_number) const {
  auto it = objects_.find(catalog_number);
  return it == objects_.end() ? nullptr : &it->second.forces;
}

const ObjectPhysics* TruthEphemeris::PhysicsOf(int catalog_number) const {
  auto it = objects_.find(catalog_number);
  return it == objects_.end() ? nullptr : &it->second.physics;
}

}  // namespace sstrack::simulation
