// Copyright sstrack authors.
#include "simulation/truth_scenario.h"

#include <cmath>
#include <functional>

#include <algorithm>
#include <random>

#include <Eigen/Geometry>

#include "absl/strings/str_cat.h"
#include "astro/propagation/numerical/gravity_field.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/eop.h"

namespace sstrack::simulation {

namespace {

uint64_t Mix(uint64_t seed, uint64_t key) {
  uint64_t z = seed * 0x9E3779B97F4A7C15ULL + key + 0x632BE59BD9B4E019ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

ObjectPhysics DrawObjectPhysics(int catalog_number, const WorldOptions& o) {
  std::mt19937_64 rng(Mix(o.seed, 0x5eed0000ULL + static_cast<uint64_t>(catalog_number)));
  std::normal_distribution<double> n01(0.0, 1.0);
  std::uniform_real_distribution<double> u(o.density_factor_min, o.density_factor_max);
  ObjectPhysics p;
  p.density_factor = u(rng);
  const double am = std::exp(o.area_over_mass_log_sigma * n01(rng));
  p.cd_area_over_mass_m2_kg = o.cd_area_over_mass_median_m2_kg * am * p.density_factor;
  p.cr_area_over_mass_m2_kg = o.cr_area_over_mass_median_m2_kg * am;
  p.rcs_m2 = o.rcs_median_m2 * std::exp(o.rcs_log_sigma * n01(rng));
  return p;
}

void DrawDailyDensity(int catalog_number, const WorldOptions& o, const astro::Epoch& from,
                      const astro::Epoch& to, ObjectPhysics* p) {
  const double first = std::floor(std::min(from, to).TaiSecondsSinceJ2000() / 86400.0);
  const double last = std::floor(std::max(from, to).TaiSecondsSinceJ2000() / 86400.0);
  std::uniform_real_distribution<double> u(o.density_factor_min, o.density_factor_max);
  const double am_cd = p->cd_area_over_mass_m2_kg / p->density_factor;
  p->daily_density_factor.clear();
  double sum = 0;
  for (double day = first; day <= last; ++day) {
    std::mt19937_64 rng(Mix(o.seed, 0xda110000ULL + (static_cast<uint64_t>(catalog_number) << 20) +
                                        static_cast<uint64_t>(static_cast<int64_t>(day) & 0xfffff)));
    p->daily_density_factor.push_back(u(rng));
    sum += p->daily_density_factor.back();
  }
  p->density_days_start = astro::Epoch::FromTaiSeconds(0, first * 86400.0);
  p->density_factor = sum / static_cast<double>(p->daily_density_factor.size());
  p->cd_area_over_mass_m2_kg = am_cd;
}

absl::StatusOr<astro::ForceModelOptions> WorldForceModel(const WorldOptions& o) {
  auto field = astro::GravityField::ReadAny(o.gravity_file, o.degree);
  if (!field.ok()) return field.status();
  astro::ForceModelOptions fo;
  fo.degree = fo.order = std::min(o.degree, field->degree());
  fo.gravity = *std::move(field);
  fo.sun = fo.moon = fo.relativity = true;
  fo.harris_priester_exponent = o.harris_priester_exponent;
  return fo;
}

astro::ForceModelOptions ObjectForceModel(const astro::ForceModelOptions& base,
                                          const ObjectPhysics& p) {
  astro::ForceModelOptions fo = base;
  fo.drag_cd_area_over_mass_m2_kg = p.cd_area_over_mass_m2_kg;
  fo.srp_cr_area_over_mass_m2_kg = p.cr_area_over_mass_m2_kg;
  fo.estimate_drag = fo.estimate_srp = false;
  fo.density_scale = p.daily_density_factor;
  fo.density_scale_start = p.density_days_start;
  fo.density_scale_step_s = 86400.0;
  return fo;
}

SensorBiases DrawSensorBiases(const std::string& sensor, double range_sigma_m,
                              double angle_sigma_rad, uint64_t seed) {
  std::mt19937_64 rng(Mix(seed, std::hash<std::string>{}(sensor)));
  std::normal_distribution<double> n01(0.0, 1.0);
  SensorBiases b;
  b.range_m = 0.5 * range_sigma_m * n01(rng);
  b.angle1_rad = 0.3 * angle_sigma_rad * n01(rng);
  b.angle2_rad = 0.3 * angle_sigma_rad * n01(rng);
  return b;
}

absl::StatusOr<World> MakeWorld(const TruthOptions& truth, const WorldOptions& options) {
  World w;
  w.truth = truth;
  w.options = options;
  auto f = WorldForceModel(options);
  if (!f.ok()) return f.status();
  w.forces = *std::move(f);
  return w;
}

absl::StatusOr<World> DefaultWorld(const std::string& config_dir, uint64_t seed) {
  TruthOptions t;
  t.seed = seed;
  WorldOptions o;
  o.seed = seed;
  o.gravity_file = config_dir + "/gravity/grim4s4_gr";
  return MakeWorld(t, o);
}

absl::StatusOr<astro::ForceModelOptions> TruthForceModel() {
  auto field = astro::GravityField::Parse(
      "earth_gravity_constant 3.986004418e14\nradius 6378136.3\nmax_degree 2\n"
      "norm fully_normalized\ntide_system tide_free\nend_of_head\n"
      "gfc 0 0 1.0 0.0\ngfc 2 0 -4.841652e-4 0.0\n",
      "J2 truth field");
  if (!field.ok()) return field.status();
  astro::ForceModelOptions fo;
  fo.gravity = *std::move(field);
  fo.degree = 2;
  fo.order = 0;
  return fo;
}

absl::StatusOr<astro::CartesianState> Sgp4StateGcrf(const astro::MeanElements& elements,
                                                    const astro::Epoch& t) {
  auto sgp4 = astro::Sgp4::Create(elements);
  if (!sgp4.ok()) return sgp4.status();
  const astro::Sgp4State s = sgp4->Propagate((t - elements.epoch) / 60.0);
  if (s.error != astro::Sgp4Error::kNone) {
    return absl::FailedPreconditionError(absl::StrCat("object ", elements.catalog_number,
                                                      ": SGP4 error ", static_cast<int>(s.error)));
  }
  return astro::ConvertState({s.position_teme_m, s.velocity_teme_m_s}, astro::Frame::kTeme,
                             astro::Frame::kGcrf, t, astro::ZeroEop(t));
}

absl::StatusOr<TruthOrbit> MakeTruthOrbit(const astro::MeanElements& elements,
                                          const astro::Epoch& reference_epoch,
                                          const TruthOptions& o) {
  auto cat = Sgp4StateGcrf(elements, reference_epoch);
  if (!cat.ok()) return cat.status();
  // Deterministic per object: the seed mixed with the catalog number.
  std::mt19937_64 rng(o.seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(elements.catalog_number));
  std::normal_distribution<double> n01(0.0, 1.0);
  const Eigen::Vector3d dp(o.radial_sigma_m * n01(rng), o.in_track_sigma_m * n01(rng),
                           o.cross_track_sigma_m * n01(rng));
  const double dv_r = o.velocity_sigma_m_s * n01(rng), dv_c = o.velocity_sigma_m_s * n01(rng);
  const double da = o.semi_major_axis_sigma_m * n01(rng);
  // RIC axes: radial, in-track (completes the triad), cross-track (orbit normal).
  const Eigen::Vector3d r = cat->position_m.normalized();
  const Eigen::Vector3d c = cat->position_m.cross(cat->velocity_m_s).normalized();
  const Eigen::Vector3d i = c.cross(r);
  TruthOrbit t;
  t.reference_epoch = reference_epoch;
  t.catalog_gcrf = *cat;
  t.truth_gcrf = *cat;
  const Eigen::Vector3d d_pos = dp.x() * r + dp.y() * i + dp.z() * c;
  // Velocity error: radial and cross-track drawn, the component along the
  // velocity solved so that the semi-major axis changes by `da`.
  constexpr double kMu = astro::ForceModelOptions::kDefaultGm;
  const Eigen::Vector3d& rv = cat->position_m;
  const Eigen::Vector3d& vv = cat->velocity_m_s;
  const double rn = rv.norm(), vn = vv.norm();
  const double a = 1.0 / (2.0 / rn - vn * vn / kMu);
  const Eigen::Vector3d u = vv / vn;
  Eigen::Vector3d d_vel = dv_r * r + dv_c * c;
  d_vel -= d_vel.dot(u) * u;  // keep the drawn part orthogonal to v
  const double d_energy = kMu * da / (2 * a * a) - kMu / (rn * rn * rn) * rv.dot(d_pos);
  d_vel += (d_energy / vn) * u;
  t.truth_gcrf.position_m += d_pos;
  t.truth_gcrf.velocity_m_s += d_vel;
  return t;
}

absl::StatusOr<std::vector<astro::CartesianState>> TruthStatesAt(
    const TruthOrbit& truth, const astro::ForceModelOptions& force_model,
    const std::vector<astro::Epoch>& times) {
  std::vector<astro::CartesianState> out(times.size());
  if (times.empty()) return out;
  std::vector<size_t> order(times.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return times[a] < times[b]; });
  // Forward and backward from t_ref separately (one direction per run).
  std::vector<size_t> before, after;
  for (size_t k : order) (times[k] < truth.reference_epoch ? before : after).push_back(k);
  std::reverse(before.begin(), before.end());
  for (const std::vector<size_t>* part : {&before, &after}) {
    if (part->empty()) continue;
    std::vector<astro::Epoch> ts;
    astro::Epoch lo = truth.reference_epoch, hi = truth.reference_epoch;
    for (size_t k : *part) {
      ts.push_back(times[k]);
      lo = std::min(lo, times[k]);
      hi = std::max(hi, times[k]);
    }
    auto fm = astro::ForceModel::Create(force_model, lo - 60.0, hi + 60.0);
    if (!fm.ok()) return fm.status();
    auto states = astro::PropagateNumerically(**fm, truth.reference_epoch, truth.truth_gcrf, ts, {});
    if (!states.ok()) return states.status();
    for (size_t j = 0; j < part->size(); ++j) out[(*part)[j]] = (*states)[j].gcrf;
  }
  return out;
}

}  // namespace sstrack::simulation
