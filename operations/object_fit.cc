// Copyright sstrack authors.
#include "operations/object_fit.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "astro/frames/frames.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"

namespace sstrack::operations {

namespace {

double FieldGm(const astro::ForceModelOptions& fo) {
  return fo.gravity ? fo.gravity->gm_m3_s2() : astro::ForceModelOptions::kDefaultGm;
}

astro::ForceModelOptions WithStoredParameters(const catalog::CartesianStateRecord& c,
                                              const astro::ForceModelOptions& fo);

// A stored OD state at `t`, with Φ(t, epoch) when `variational` — and then
// the sensitivity to the force parameters whose covariance the state
// carries (CartesianStateRecord::force_covariance), named in `names`.
absl::StatusOr<astro::PropagatedState> OdStateAt(const catalog::CartesianStateRecord& c,
                                                 const astro::Epoch& t,
                                                 const astro::ForceModelOptions& fo,
                                                 bool variational,
                                                 std::vector<std::string>* names = nullptr) {
  const astro::CartesianState x0{Eigen::Vector3d(c.state[0], c.state[1], c.state[2]),
                                 Eigen::Vector3d(c.state[3], c.state[4], c.state[5])};
  if (std::abs(t - c.epoch) < 1e-9) {
    astro::PropagatedState s;
    s.epoch = t;
    s.gcrf = x0;
    return s;
  }
  // The force parameters the fit estimated with the state, where the model has them.
  astro::ForceModelOptions with = WithStoredParameters(c, fo);
  with.estimate_drag = with.estimate_srp = false;
  if (variational && !c.force_covariance.empty()) {
    with.estimate_drag = c.drag_cd_area_over_mass_m2_kg && with.drag_cd_area_over_mass_m2_kg > 0;
    with.estimate_srp = c.srp_cr_area_over_mass_m2_kg && with.srp_cr_area_over_mass_m2_kg > 0;
  }
  auto fm = astro::ForceModel::Create(with, std::min(c.epoch, t) - 60.0, std::max(c.epoch, t) + 60.0);
  if (!fm.ok()) return fm.status();
  if (names) *names = (*fm)->parameter_names();
  astro::NumericalPropagatorOptions po = PredictionPropagatorOptions();
  po.variational = variational;
  auto s = astro::PropagateNumerically(**fm, c.epoch, x0, {t}, po);
  if (!s.ok()) return s.status();
  return (*s)[0];
}

// The stored state's covariance and its force parameters' (when it carries
// theirs, CartesianStateRecord::force_covariance) as one (6 + k)² matrix,
// the parameters in the stored order (Cd·A/m, then Cr·A/m), named in `names`.
Eigen::MatrixXd StoredCovariance(const catalog::CartesianStateRecord& c,
                                 std::vector<std::string>* names) {
  names->clear();
  if (!c.force_covariance.empty()) {
    if (c.drag_cd_area_over_mass_m2_kg) names->push_back("drag_cd_area_over_mass_m2_kg");
    if (c.srp_cr_area_over_mass_m2_kg) names->push_back("srp_cr_area_over_mass_m2_kg");
  }
  const int k = static_cast<int>(names->size());
  Eigen::MatrixXd full = Eigen::MatrixXd::Zero(6 + k, 6 + k);
  full.topLeftCorner<6, 6>() =
      Eigen::Map<const Eigen::Matrix<double, 6, 6, Eigen::RowMajor>>(c.covariance->data());
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < 6 + k; ++j) {
      full(6 + i, j) = full(j, 6 + i) = c.force_covariance[static_cast<size_t>(i * (6 + k) + j)];
    }
  }
  return full;
}

}  // namespace

absl::StatusOr<JointPrediction> OdStateWithJointCovarianceAt(const catalog::CartesianStateRecord& c,
                                                             const astro::Epoch& t,
                                                             const astro::ForceModelOptions& fo,
                                                             double process_noise_m2_s3,
                                                             double force_parameter_growth_per_day,
                                                             double density_uncertainty_fraction) {
  if (!c.covariance) {
    return absl::FailedPreconditionError(
        absl::StrCat("object ", c.catalog_number, ": its OD state has no covariance"));
  }
  std::vector<std::string> model_names;
  auto s = OdStateAt(c, t, fo, true, &model_names);
  if (!s.ok()) return s.status();
  JointPrediction out;
  out.state = s->gcrf;
  Eigen::MatrixXd p0 = StoredCovariance(c, &out.parameter_names);
  for (size_t i = 0; i < out.parameter_names.size(); ++i) {
    if (out.parameter_names[i] != "drag_cd_area_over_mass_m2_kg") continue;
    const double extra = density_uncertainty_fraction * *c.drag_cd_area_over_mass_m2_kg;
    p0(6 + static_cast<Eigen::Index>(i), 6 + static_cast<Eigen::Index>(i)) += extra * extra;
  }
  // P(t) = [Φ S; 0 I] P0 [Φ S; 0 I]ᵀ: S's column of each stored parameter
  // that the model has (one it holds fixed moves nothing).
  const Eigen::Index k = static_cast<Eigen::Index>(out.parameter_names.size());
  Eigen::MatrixXd map = Eigen::MatrixXd::Identity(6 + k, 6 + k);
  map.topLeftCorner<6, 6>() = s->stm;
  for (Eigen::Index i = 0; i < k; ++i) {
    const auto it = std::find(model_names.begin(), model_names.end(), out.parameter_names[i]);
    map.block<6, 1>(0, 6 + i) = it == model_names.end() || s->sensitivity.cols() == 0
                                    ? Eigen::Matrix<double, 6, 1>::Zero().eval()
                                    : s->sensitivity.col(it - model_names.begin()).eval();
  }
  Eigen::MatrixXd p = map * p0 * map.transpose();
  p.topLeftCorner<6, 6>() = astro::PropagateCovariance(p.topLeftCorner<6, 6>(), astro::Matrix6d::Identity(),
                                                       t - c.epoch, process_noise_m2_s3);
  // The parameters themselves drift (atmosphere, attitude): σ grows by
  // `force_parameter_growth_per_day` of the value per day.
  const double days = std::abs(t - c.epoch) / 86400.0;
  for (Eigen::Index i = 0; i < k; ++i) {
    const double value = out.parameter_names[i] == "drag_cd_area_over_mass_m2_kg"
                             ? *c.drag_cd_area_over_mass_m2_kg
                             : *c.srp_cr_area_over_mass_m2_kg;
    const double grown = force_parameter_growth_per_day * value * days;
    p(6 + i, 6 + i) += grown * grown;
  }
  out.covariance = 0.5 * (p + p.transpose());
  return out;
}

absl::StatusOr<std::pair<astro::CartesianState, astro::Matrix6d>> OdStateWithCovarianceAt(
    const catalog::CartesianStateRecord& c, const astro::Epoch& t,
    const astro::ForceModelOptions& fo, double process_noise_m2_s3, double density_uncertainty_fraction) {
  auto j = OdStateWithJointCovarianceAt(c, t, fo, process_noise_m2_s3, 0.0, density_uncertainty_fraction);
  if (!j.ok()) return j.status();
  return std::make_pair(j->state, astro::Matrix6d(j->covariance.topLeftCorner<6, 6>()));
}

namespace {

// The stored state's force model: `fo` with the fit's estimated parameters.
astro::ForceModelOptions WithStoredParameters(const catalog::CartesianStateRecord& c,
                                              const astro::ForceModelOptions& fo) {
  astro::ForceModelOptions with = fo;
  if (c.drag_cd_area_over_mass_m2_kg && with.drag_cd_area_over_mass_m2_kg > 0 &&
      *c.drag_cd_area_over_mass_m2_kg > 0) {
    with.drag_cd_area_over_mass_m2_kg = *c.drag_cd_area_over_mass_m2_kg;
  }
  if (c.srp_cr_area_over_mass_m2_kg && with.srp_cr_area_over_mass_m2_kg > 0 &&
      *c.srp_cr_area_over_mass_m2_kg > 0) {
    with.srp_cr_area_over_mass_m2_kg = *c.srp_cr_area_over_mass_m2_kg;
  }
  return with;
}

// An element set's state at `t` through SGP4, in GCRF.
absl::StatusOr<astro::CartesianState> ElementsStateAt(const astro::MeanElements& el, int id,
                                                      const astro::Epoch& t,
                                                      const astro::ForceModelOptions& fo) {
  auto sgp4 = astro::Sgp4::Create(el);
  if (!sgp4.ok()) return sgp4.status();
  const astro::Sgp4State s = sgp4->Propagate((t - el.epoch) / 60.0);
  if (s.error != astro::Sgp4Error::kNone) {
    return absl::FailedPreconditionError(absl::StrCat("object ", id, ": SGP4 error ",
                                                      static_cast<int>(s.error), " at ",
                                                      astro::FormatIsoUtc(t, 0)));
  }
  astro::EopSample sample = astro::ZeroEop(t);
  if (fo.eop) {
    if (auto at = fo.eop->At(t); at.ok()) sample = *at;
  }
  return astro::ConvertState({s.position_teme_m, s.velocity_teme_m_s}, astro::Frame::kTeme,
                             astro::Frame::kGcrf, t, sample);
}

absl::StatusOr<astro::CartesianState> ElementSetStateAt(catalog::Catalog& cat, int id,
                                                        const astro::Epoch& t,
                                                        const astro::ForceModelOptions& fo) {
  auto st = cat.LatestState(id);
  if (!st.ok()) return st.status();
  return ElementsStateAt(st->elements, id, t, fo);
}

// An element set's assumed covariance at its state `x`, `age_days` from
// its epoch (see PriorSettings): independent errors in radial, in-track and
// cross-track position (the configured σ's grown with the age), in radial
// and cross-track velocity (n·σ_I, n·σ_C: a time error along a circular
// orbit turns the velocity by n·δt) and in the semi-major axis, σ_a =
// the in-track growth per day / (1.5·n·1 d) — the δa whose along-track
// drift (1.5·n·δa per unit time) is the configured growth. The in-track
// velocity error is then the one vis-viva ties to them,
//   δa = 2a²/μ · (v·δv + μ/r³ · r·δr)  ⇒
//   δv_I = (μ/(2a²) δa − μ/r² δR − v_R δv_R) / v_I,
// so that an element set's well-known period is not spoilt by the few km
// of a loose velocity σ (a 2n·σ_R in-track velocity σ alone would allow
// δa ~ 1 km in MEO, 15 km per day of drift).
astro::Matrix6d AssumedElementSetCovariance(const astro::CartesianState& x, double age_days,
                                            const astro::ForceModelOptions& fo,
                                            const PriorSettings& settings) {
  const Eigen::Vector3d sigma_m =
      settings.element_set_sigma_ric_m + age_days * settings.element_set_growth_ric_m_per_day;
  const double mu = FieldGm(fo);
  const double r = x.position_m.norm(), v2 = x.velocity_m_s.squaredNorm();
  const double a = 1.0 / (2.0 / r - v2 / mu);
  const double n = a > 0 ? std::sqrt(mu / (a * a * a)) : std::sqrt(mu / (r * r * r));
  const Eigen::Matrix3d ric = astro::RicMatrix(x.position_m, x.velocity_m_s);
  const Eigen::Vector3d v_ric = ric * x.velocity_m_s;  // (v_R, v_I, 0)
  // Errors e = (δR, δI, δC, δv_R, δa, δv_C), independent.
  Eigen::Matrix<double, 6, 1> sigma_e;
  sigma_e << sigma_m.x(), sigma_m.y(), sigma_m.z(), n * sigma_m.y(),
      settings.element_set_growth_ric_m_per_day.y() / (1.5 * n * 86400.0), n * sigma_m.z();
  // (δr, δv) in radial / in-track / cross-track = J e.
  Eigen::Matrix<double, 6, 6> j = Eigen::Matrix<double, 6, 6>::Zero();
  j(0, 0) = j(1, 1) = j(2, 2) = j(3, 3) = j(5, 5) = 1.0;
  if (a > 0 && v_ric.y() > 1e-3 * std::sqrt(v2)) {
    j(4, 0) = -mu / (r * r * v_ric.y());
    j(4, 3) = -v_ric.x() / v_ric.y();
    j(4, 4) = mu / (2 * a * a * v_ric.y());
  } else {  // not a bound, non-radial orbit: an independent 2n·σ_R
    j(4, 4) = 1;
    sigma_e(4) = 2 * n * sigma_m.x();
  }
  const astro::Matrix6d p_ric = j * sigma_e.cwiseAbs2().asDiagonal() * j.transpose();
  astro::Matrix6d rot = astro::Matrix6d::Zero();
  rot.topLeftCorner<3, 3>() = ric.transpose();
  rot.bottomRightCorner<3, 3>() = ric.transpose();
  return rot * p_ric * rot.transpose();
}

}  // namespace

astro::NumericalPropagatorOptions PredictionPropagatorOptions() {
  astro::NumericalPropagatorOptions po;
  po.position_tolerance_m = 3e-4;
  po.velocity_tolerance_m_s = 3e-7;
  po.relative_tolerance = 1e-11;
  return po;
}

absl::StatusOr<std::vector<astro::CartesianState>> OdPredictionsAt(
    catalog::Catalog& cat, int id, const std::vector<astro::Epoch>& times,
    const FitSettings& settings) {
  auto c = cat.LatestCartesianState(id);
  if (!c.ok()) return c.status();
  auto regime = CatalogRegime(cat, id);
  if (!regime.ok()) return regime.status();
  return OdPredictionsAt(*c, *regime, times, settings);
}

absl::StatusOr<std::vector<astro::CartesianState>> OdPredictionsAt(
    const catalog::CartesianStateRecord& c, astro::OrbitRegime regime,
    const std::vector<astro::Epoch>& times, const FitSettings& settings) {
  const astro::ForceModelOptions fo = WithStoredParameters(c, settings.ModelFor(regime).force_model);
  std::vector<astro::CartesianState> out(times.size());
  if (times.empty()) return out;
  // One propagation each way from the state's epoch.
  std::vector<size_t> before, after;
  for (size_t k = 0; k < times.size(); ++k) (times[k] < c.epoch ? before : after).push_back(k);
  auto by_time = [&](size_t a, size_t b) { return times[a] < times[b]; };
  std::sort(after.begin(), after.end(), by_time);
  std::sort(before.begin(), before.end(), [&](size_t a, size_t b) { return times[b] < times[a]; });
  const astro::CartesianState x0{Eigen::Vector3d(c.state[0], c.state[1], c.state[2]),
                                 Eigen::Vector3d(c.state[3], c.state[4], c.state[5])};
  for (const std::vector<size_t>* part : {&before, &after}) {
    if (part->empty()) continue;
    std::vector<astro::Epoch> ts;
    for (size_t k : *part) ts.push_back(times[k]);
    auto fm = astro::ForceModel::Create(fo, std::min(c.epoch, std::min(ts.front(), ts.back())) - 60.0,
                                        std::max(c.epoch, std::max(ts.front(), ts.back())) + 60.0);
    if (!fm.ok()) return fm.status();
    auto states = astro::PropagateNumerically(**fm, c.epoch, x0, ts, PredictionPropagatorOptions());
    if (!states.ok()) return states.status();
    for (size_t j = 0; j < part->size(); ++j) out[(*part)[j]] = (*states)[j].gcrf;
  }
  return out;
}

absl::StatusOr<CatalogKnowledge> ReadCatalogKnowledge(catalog::Catalog& cat, int id) {
  CatalogKnowledge k;
  k.catalog_number = id;
  auto c = cat.LatestCartesianState(id);
  if (c.ok()) {
    k.od_state = *std::move(c);
  } else if (!absl::IsNotFound(c.status())) {
    return c.status();
  }
  auto st = cat.LatestState(id);
  if (st.ok()) {
    k.elements = st->elements;
  } else if (!absl::IsNotFound(st.status()) || !k.od_state) {
    return st.status();
  }
  auto regime = CatalogRegime(cat, id);
  if (!regime.ok()) return regime.status();
  k.regime = *regime;
  return k;
}

absl::StatusOr<CatalogPrediction> PredictAt(const CatalogKnowledge& k, const astro::Epoch& t,
                                            const FitSettings& settings) {
  CatalogPrediction out;
  if (k.od_state) {
    const catalog::CartesianStateRecord& c = *k.od_state;
    // The stored force parameters on the regime's model.
    const astro::ForceModelOptions fo = settings.ModelFor(k.regime).force_model;
    out.od_state = true;
    if (c.covariance) {
      auto s = OdStateWithCovarianceAt(c, t, fo, settings.prior.process_noise_m2_s3,
                                       settings.prior.density_uncertainty_fraction);
      if (!s.ok()) return s.status();
      out.state = s->first;
      out.covariance = s->second;
    } else {
      auto s = OdStateAt(c, t, fo, false);
      if (!s.ok()) return s.status();
      out.state = s->gcrf;
    }
    return out;
  }
  auto x = ElementsStateAt(*k.elements, k.catalog_number, t, settings.force_model);
  if (!x.ok()) return x.status();
  out.state = *x;
  out.covariance = AssumedElementSetCovariance(*x, std::abs(t - k.elements->epoch) / 86400.0,
                                               settings.force_model, settings.prior);
  out.covariance_assumed = true;
  return out;
}

absl::StatusOr<CatalogPrediction> CatalogPredictionAt(catalog::Catalog& cat, int id,
                                                      const astro::Epoch& t,
                                                      const FitSettings& settings) {
  auto k = ReadCatalogKnowledge(cat, id);
  if (!k.ok()) return k.status();
  return PredictAt(*k, t, settings);
}

absl::StatusOr<astro::CartesianState> CatalogStateAt(catalog::Catalog& cat, int id,
                                                     const astro::Epoch& t,
                                                     const astro::ForceModelOptions& fo) {
  if (auto c = cat.LatestCartesianState(id); c.ok()) {
    auto s = OdStateAt(*c, t, fo, false);
    if (!s.ok()) return s.status();
    return s->gcrf;
  }
  return ElementSetStateAt(cat, id, t, fo);
}

absl::StatusOr<std::optional<CatalogPrior>> CatalogPriorAt(catalog::Catalog& cat, int id,
                                                           const astro::Epoch& t,
                                                           const astro::ForceModelOptions& fo,
                                                           const PriorSettings& settings) {
  if (auto c = cat.LatestCartesianState(id); c.ok() && c->covariance) {
    auto s = OdStateWithCovarianceAt(*c, t, fo, settings.process_noise_m2_s3,
                                     settings.density_uncertainty_fraction);
    if (!s.ok()) return s.status();
    return CatalogPrior{s->first, s->second};
  }
  if (!settings.element_set_prior) return std::optional<CatalogPrior>();
  auto x = CatalogStateAt(cat, id, t, fo);
  if (!x.ok()) return x.status();
  // An element set (or an OD state without covariance): the assumed σ's.
  double age_days = 0;
  if (auto st = cat.LatestState(id); st.ok()) age_days = std::abs(t - st->elements.epoch) / 86400.0;
  return CatalogPrior{*x, AssumedElementSetCovariance(*x, age_days, fo, settings)};
}

od::StationCorrections StationCorrectionsOf(const sensors::Sensor& sensor) {
  const sensors::ReportedCorrections& c = sensor.spec().corrections;
  od::StationCorrections out;
  switch (c.atmosphere) {
    case sensors::ReportedAtmosphere::kNone: out.atmosphere = od::Atmosphere::kNone; break;
    case sensors::ReportedAtmosphere::kOptical: out.atmosphere = od::Atmosphere::kOptical; break;
    case sensors::ReportedAtmosphere::kRadio: out.atmosphere = od::Atmosphere::kRadio; break;
  }
  out.aberration = {c.radec_annual_aberration, c.radec_diurnal_aberration};
  return out;
}

std::map<std::string, od::Station> NetworkStations(const std::vector<sensors::Sensor>& network) {
  std::map<std::string, od::Station> out;
  for (const sensors::Sensor& s : network) out[s.name()] = s.site();
  return out;
}

std::map<std::string, od::StationCorrections> NetworkCorrections(
    const std::vector<sensors::Sensor>& network) {
  std::map<std::string, od::StationCorrections> out;
  for (const sensors::Sensor& s : network) out[s.name()] = StationCorrectionsOf(s);
  return out;
}


FitModel FitSettings::ModelFor(astro::OrbitRegime r) const {
  if (const auto it = regimes.find(r); it != regimes.end()) return it->second;
  return FitModel{force_model, batch.parameters};
}

absl::StatusOr<astro::OrbitRegime> CatalogRegime(catalog::Catalog& cat, int id) {
  if (auto c = cat.LatestCartesianState(id); c.ok()) {
    return astro::ClassifyState({c->state[0], c->state[1], c->state[2]},
                                {c->state[3], c->state[4], c->state[5]});
  }
  auto st = cat.LatestState(id);
  if (!st.ok()) return st.status();
  const double n_rad_s = st->elements.mean_motion_rad_per_min / 60.0;
  if (!(n_rad_s > 0)) {
    return absl::FailedPreconditionError(absl::StrCat("object ", id, ": mean motion ",
                                                      n_rad_s, " rad/s is not positive"));
  }
  constexpr double kMu = astro::ForceModelOptions::kDefaultGm;
  return astro::ClassifyOrbit(std::cbrt(kMu / (n_rad_s * n_rad_s)), st->elements.eccentricity);
}

namespace {

// The previous fit's estimate of a force parameter as the a priori value
// and σ (grown with its age) of this fit's, when the model estimates it.
void CarryForceParameter(const std::optional<double>& value, const std::optional<double>& sigma,
                         const std::string& name, double age_days, FitModel* model) {
  if (!value || !sigma || !(*value > 0) || !(*sigma > 0)) return;
  const bool estimated = name == "drag_cd_area_over_mass_m2_kg"
                             ? model->force_model.estimate_drag &&
                                   model->force_model.drag_cd_area_over_mass_m2_kg > 0
                             : model->force_model.estimate_srp &&
                                   model->force_model.srp_cr_area_over_mass_m2_kg > 0;
  if (!estimated) return;
  od::BatchOptions::ParameterSpec& spec = model->parameters[name];
  const double grown = model->force_parameter_growth_per_day * *value * age_days;
  const double configured = spec.a_priori_sigma > 0 ? spec.a_priori_sigma : INFINITY;
  spec.initial = *value;
  spec.a_priori_sigma = std::min(configured, std::sqrt(*sigma * *sigma + grown * grown));
}

}  // namespace

absl::StatusOr<FitInput> PrepareFit(catalog::Catalog& cat,
                                    const std::vector<sensors::Sensor>& network,
                                    int catalog_number, const FitSettings& settings) {
  if (auto obj = cat.GetObject(catalog_number); !obj.ok()) return obj.status();
  auto obs = cat.ListObservations(catalog_number);
  if (!obs.ok()) return obs.status();
  FitInput in;
  in.catalog_number = catalog_number;
  auto regime = CatalogRegime(cat, catalog_number);
  if (!regime.ok()) return regime.status();
  in.regime = *regime;
  in.model = settings.ModelFor(in.regime);
  const astro::ForceModelOptions& fo = in.model.force_model;
  in.stations = NetworkStations(network);
  in.measurements = ToMeasurements(*obs, in.stations, NetworkCorrections(network));
  // A priori information from the catalog's previous service fit, whose
  // state lies at the end of the data it used: only the observations after
  // it are fitted, so none is counted twice (a state `od run` stored, or
  // one without a covariance, gives no prior: all observations are fitted).
  std::optional<catalog::CartesianStateRecord> previous;
  const double span_s = settings.prior.refit_span_days * 86400.0;
  if (span_s > 0 && !in.measurements.empty()) {
    const astro::Epoch last = in.measurements.back().epoch;
    std::erase_if(in.measurements, [&](const od::Measurement& m) { return last - m.epoch > span_s; });
  }
  if (settings.prior.use_catalog_prior && !(span_s > 0)) {
    auto c = cat.LatestCartesianState(catalog_number);
    if (c.ok() && c->covariance && c->source_ref == kServiceFitSource) previous = *c;
  }
  if (previous) {
    std::erase_if(in.measurements,
                  [&](const od::Measurement& m) { return !(previous->epoch < m.epoch); });
  }
  if (in.measurements.size() < 6) {
    return absl::FailedPreconditionError(absl::StrCat(
        "object ", catalog_number, ": ", in.measurements.size(), " usable measurements",
        previous ? absl::StrCat(" after the last fit's data (through ",
                                astro::FormatIsoUtc(previous->epoch, 3), ")")
                 : "",
        ", at least 6 needed"));
  }
  // The state is fitted at the end of the data: the catalog's freshest
  // knowledge, and the line after which the next fit's data begin.
  in.epoch = in.measurements.back().epoch;
  if (auto c = cat.LatestCartesianState(catalog_number);
      !(span_s > 0) && c.ok() && c->source_ref == kServiceFitSource) {
    const double age_days = std::abs(in.epoch - c->epoch) / 86400.0;
    CarryForceParameter(c->drag_cd_area_over_mass_m2_kg, c->drag_sigma_m2_kg,
                        "drag_cd_area_over_mass_m2_kg", age_days, &in.model);
    CarryForceParameter(c->srp_cr_area_over_mass_m2_kg, c->srp_sigma_m2_kg,
                        "srp_cr_area_over_mass_m2_kg", age_days, &in.model);
  }
  const bool element_set_prior =
      settings.prior.element_set_prior &&
      (span_s > 0 || !cat.LatestCartesianState(catalog_number).ok());
  if (span_s > 0 && element_set_prior) {
    auto x = ElementSetStateAt(cat, catalog_number, in.epoch, fo);
    if (!x.ok()) return x.status();
    auto st = cat.LatestState(catalog_number);
    if (!st.ok()) return st.status();
    in.initial_gcrf = *x;
    in.a_priori_covariance_gcrf = AssumedElementSetCovariance(
        *x, std::abs(in.epoch - st->elements.epoch) / 86400.0, fo, settings.prior);
    if (auto c = cat.LatestCartesianState(catalog_number); c.ok()) in.start_from = *c;
    return in;
  }
  if (previous && !previous->force_covariance.empty()) {
    // A chain: the previous fit's state and force parameters together, when
    // it carries exactly the parameters this fit estimates (ForceModel's
    // order: Cd·A/m, then Cr·A/m).
    std::vector<std::string> estimated;
    if (fo.estimate_drag && fo.drag_cd_area_over_mass_m2_kg > 0) estimated.push_back("drag_cd_area_over_mass_m2_kg");
    if (fo.estimate_srp && fo.srp_cr_area_over_mass_m2_kg > 0) estimated.push_back("srp_cr_area_over_mass_m2_kg");
    auto joint = OdStateWithJointCovarianceAt(*previous, in.epoch, fo, settings.prior.process_noise_m2_s3,
                                              in.model.force_parameter_growth_per_day);
    if (!joint.ok()) return joint.status();
    if (!estimated.empty() && joint->parameter_names == estimated) {
      in.initial_gcrf = joint->state;
      in.a_priori_joint_covariance = joint->covariance;
      // Their prior mean is the previous estimate, also the model's nominal.
      in.model.force_model = WithStoredParameters(*previous, in.model.force_model);
      for (const std::string& name : estimated) {
        od::BatchOptions::ParameterSpec& spec = in.model.parameters[name];
        spec.initial = name == "drag_cd_area_over_mass_m2_kg" ? *previous->drag_cd_area_over_mass_m2_kg
                                                              : *previous->srp_cr_area_over_mass_m2_kg;
        spec.a_priori_sigma = 0;
      }
      return in;
    }
  }
  if (previous || element_set_prior) {
    auto prior = CatalogPriorAt(cat, catalog_number, in.epoch, fo, settings.prior);
    if (!prior.ok()) return prior.status();
    if (prior->has_value()) {
      in.initial_gcrf = (*prior)->state;
      in.a_priori_covariance_gcrf = (*prior)->covariance;
      return in;
    }
  }
  auto x0 = CatalogStateAt(cat, catalog_number, in.epoch, fo);
  if (!x0.ok()) return x0.status();
  in.initial_gcrf = *x0;
  return in;
}

absl::StatusOr<od::BatchSummary> SolveFit(const FitInput& in, const FitSettings& settings) {
  od::BatchOptions batch = settings.batch;
  if (in.a_priori_covariance_gcrf) batch.a_priori_covariance_gcrf = in.a_priori_covariance_gcrf;
  if (in.a_priori_joint_covariance) batch.a_priori_joint_covariance = in.a_priori_joint_covariance;
  // The regime's parameter settings (ModelFor: the regime's own, else the
  // defaults'), not the default block's: a regime without drag has no Cd·A/m.
  batch.parameters = in.model.parameters;
  astro::CartesianState initial = in.initial_gcrf;
  if (in.start_from && in.a_priori_covariance_gcrf) {
    // A guess that cannot be propagated leaves the start at the prior mean.
    if (auto s = OdStateAt(*in.start_from, in.epoch, in.model.force_model, false); s.ok()) {
      batch.a_priori_mean_gcrf = in.initial_gcrf;
      initial = s->gcrf;
    }
  }
  return od::SolveBatch(batch, in.model.force_model, in.epoch, initial, in.measurements,
                        in.stations, in.model.force_model.eop);
}

absl::StatusOr<ObjectFit> FitObject(catalog::Catalog& cat,
                                    const std::vector<sensors::Sensor>& network,
                                    int catalog_number, const FitSettings& settings) {
  auto in = PrepareFit(cat, network, catalog_number, settings);
  if (!in.ok()) return in.status();
  const absl::Time wall0 = absl::Now();
  auto fit = SolveFit(*in, settings);
  if (!fit.ok()) return fit.status();
  return RecordFit(cat, catalog_number, *fit, wall0, absl::Now());
}

namespace {

// The fit's covariance rows of Cd·A/m and Cr·A/m (those it estimated, in
// that order) against the state and each other, as the catalog stores
// them (CartesianStateRecord::force_covariance); empty without a full
// covariance.
std::vector<double> ForceCovarianceRows(const od::BatchSummary& fit) {
  std::vector<int> index = {0, 1, 2, 3, 4, 5};
  for (const char* name : {"drag_cd_area_over_mass_m2_kg", "srp_cr_area_over_mass_m2_kg"}) {
    const auto it = std::find(fit.parameter_names.begin(), fit.parameter_names.end(), name);
    if (it != fit.parameter_names.end()) index.push_back(static_cast<int>(it - fit.parameter_names.begin()));
  }
  const int k = static_cast<int>(index.size()) - 6;
  const Eigen::Index n = static_cast<Eigen::Index>(fit.parameter_names.size());
  if (k == 0 || fit.covariance.rows() != n || fit.covariance.cols() != n) return {};
  std::vector<double> rows;
  rows.reserve(static_cast<size_t>(k * (6 + k)));
  for (int i = 6; i < 6 + k; ++i) {
    for (int j = 0; j < 6 + k; ++j) rows.push_back(fit.covariance(index[i], index[j]));
  }
  return rows;
}

}  // namespace

absl::StatusOr<ObjectFit> RecordFit(catalog::Catalog& cat, int catalog_number,
                                    const od::BatchSummary& fit_summary, absl::Time wall0,
                                    absl::Time wall1, const std::string& cycle_night) {
  const od::BatchSummary* fit = &fit_summary;
  ObjectFit out;
  out.summary = *fit;
  out.status = fit->accepted ? "CONVERGED" : (fit->converged ? "REJECTED" : "DIVERGED");
  catalog::OdRunRecord run;
  run.catalog_number = catalog_number;
  run.started_utc = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", wall0, absl::UTCTimeZone());
  run.finished_utc = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", wall1, absl::UTCTimeZone());
  run.status = out.status;
  run.iterations = fit->iterations;
  run.weighted_rms = fit->postfit_wrms;
  run.n_used = fit->used;
  run.n_rejected = fit->edited;
  std::string msg;
  for (char c : fit->message) {
    if (c == '"' || c == '\\') msg.push_back('\\');
    if (static_cast<unsigned char>(c) >= 0x20) msg.push_back(c);
  }
  run.summary_json = absl::StrCat("{\"message\":\"", msg, "\"}");
  run.cycle_night = cycle_night;
  std::optional<catalog::CartesianStateRecord> state;
  if (fit->accepted) {
    catalog::CartesianStateRecord s;
    s.catalog_number = catalog_number;
    s.epoch = fit->epoch;
    const astro::CartesianState& x = fit->state_gcrf;
    s.state = {x.position_m.x(), x.position_m.y(), x.position_m.z(),
               x.velocity_m_s.x(), x.velocity_m_s.y(), x.velocity_m_s.z()};
    std::array<double, 36> cov;
    for (int i = 0; i < 6; ++i) {
      for (int j = 0; j < 6; ++j) cov[static_cast<size_t>(6 * i + j)] = fit->covariance_gcrf(i, j);
    }
    s.covariance = cov;
    s.source = catalog::StateSource::kOdRun;
    s.source_ref = kServiceFitSource;
    s.quality = fit->postfit_wrms;
    for (size_t j = 6; j < fit->parameter_names.size(); ++j) {
      const std::string& name = fit->parameter_names[j];
      const double value = fit->parameters[static_cast<Eigen::Index>(j)];
      const double sigma = fit->parameter_sigmas.size() > static_cast<Eigen::Index>(j)
                               ? fit->parameter_sigmas[static_cast<Eigen::Index>(j)]
                               : 0.0;
      if (name == "drag_cd_area_over_mass_m2_kg") {
        s.drag_cd_area_over_mass_m2_kg = value;
        s.drag_sigma_m2_kg = sigma;
      } else if (name == "srp_cr_area_over_mass_m2_kg") {
        s.srp_cr_area_over_mass_m2_kg = value;
        s.srp_sigma_m2_kg = sigma;
      }
    }
    s.force_covariance = ForceCovarianceRows(*fit);
    state = s;
  }
  auto id = cat.RecordOdRun(run, state);
  if (!id.ok()) return id.status();
  out.run_id = *id;
  return out;
}

}  // namespace sstrack::operations
