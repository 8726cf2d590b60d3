// Copyright sstrack authors.
#include "cli/od_command.h"

#include <cmath>
#include <map>

#include <Eigen/Geometry>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "astro/formats/tdm.h"
#include "astro/frames/frames.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "cli/cli_common.h"
#include "cli/od_support.h"
#include "orbit_determination/batch_least_squares.h"
#include "orbit_determination/initial_orbit.h"
#include "orbit_determination/slr_case.h"
#include "orbit_determination/tdm_measurements.h"
#include "operations/object_fit.h"
#include "operations/observation_codec.h"

namespace sstrack::cli {
namespace {

struct ResidualStats {
  int count = 0, rejected = 0;
  double sum = 0, sum2 = 0;
};

// The catalog's latest state of `id` at `t` in GCRF (operations/object_fit.h;
// `fo.eop` is the EOP the command was given).
absl::StatusOr<astro::CartesianState> CatalogStateAt(catalog::Catalog& cat, int id,
                                                     const astro::Epoch& t,
                                                     const astro::ForceModelOptions& fo,
                                                     const std::shared_ptr<const astro::EopTable>&) {
  return operations::CatalogStateAt(cat, id, t, fo);
}

std::string Vec3Json(const Eigen::Vector3d& v) {
  return absl::StrCat("[", JsonNumber(v.x()), ",", JsonNumber(v.y()), ",", JsonNumber(v.z()), "]");
}

// "NAME=VALUE[,SIGMA|,fixed]" into parameters[NAME] (--parameter). Names
// the model does not have are refused by the fit, which lists its unknowns.
absl::Status ParseParameterSpec(const std::string& text,
                                std::map<std::string, od::BatchOptions::ParameterSpec>& parameters) {
  const auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("--parameter '", text, "': ", why,
                                                   " (NAME=VALUE[,SIGMA|,fixed])"));
  };
  const size_t eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0) return bad("no NAME=");
  const std::string name = text.substr(0, eq);
  const std::vector<std::string> parts = absl::StrSplit(text.substr(eq + 1), ',');
  if (parts.size() > 2) return bad("more than VALUE and one of SIGMA or fixed");
  double value = 0;
  if (!absl::SimpleAtod(parts[0], &value) || !std::isfinite(value)) return bad("VALUE is not a number");
  if (parameters.count(name)) return bad("the parameter is given twice");
  od::BatchOptions::ParameterSpec& p = parameters[name];
  p.initial = value;
  if (parts.size() == 2) {
    double sigma = 0;
    if (parts[1] == "fixed") {
      p.fixed = true;
    } else if (!absl::SimpleAtod(parts[1], &sigma) || !(sigma > 0) || !std::isfinite(sigma)) {
      parameters.erase(name);
      return bad("SIGMA must be a number > 0 (or 'fixed')");
    } else {
      p.a_priori_sigma = sigma;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RunOdCase(const OdRunOptions& o, std::FILE* out, std::FILE* err);

absl::Status RunOd(const OdRunOptions& o, std::FILE* out, std::FILE* err) {
  if (!o.case_file.empty()) return RunOdCase(o, out, err);
  if (o.tdm_files.empty()) return absl::InvalidArgumentError("od run: give --tdm FILE...");
  if (o.sites_file.empty() && o.config.empty()) {
    return absl::InvalidArgumentError(
        "od run: give --sites FILE (name,lat_deg,lon_deg,alt_m[,atmosphere]) and/or --config "
        "FILE (sensor network) for the TDM participants");
  }
  auto stations = LoadStations(o.sites_file, o.config);
  if (!stations.ok()) return stations.status();
  const std::map<std::string, od::Station>* sites = &stations->stations;
  // What each station declares its data contain (CSV column, sensor config).
  od::TdmCorrections corrections;
  for (const auto& [name, c] : stations->corrections) {
    corrections.atmosphere[name] = c.atmosphere;
    corrections.radec_aberration[name] = c.aberration;
  }
  od::MeasurementSigmas sig{o.sigma_range_m, o.sigma_range_rate_m_s,
                            o.sigma_angle_arcsec / 3600.0 * M_PI / 180.0};
  std::vector<od::Measurement> meas;
  size_t rejected_records = 0;
  for (const std::string& path : o.tdm_files) {
    auto tdm = astro::ReadTdmFile(path);
    if (!tdm.ok()) return tdm.status();
    for (const auto& r : tdm->rejections) std::fprintf(err, "rejected: %s\n", r.message.c_str());
    rejected_records += tdm->rejections.size();
    od::TdmConversion conv = od::MeasurementsFromTdm(*tdm, path, *sites, sig, corrections);
    for (const auto& n : conv.notes) std::fprintf(err, "note: %s\n", n.c_str());
    // Measurement ids are the TDM line numbers (unique within a file).
    meas.insert(meas.end(), conv.measurements.begin(), conv.measurements.end());
  }
  if (!o.since_iso.empty()) {
    auto since = astro::ParseIsoUtc(o.since_iso);
    if (!since.ok()) return absl::InvalidArgumentError(absl::StrCat("--since: ", since.status().message()));
    std::erase_if(meas, [&](const od::Measurement& m) { return m.epoch < *since; });
  }
  if (meas.empty()) return absl::FailedPreconditionError("od run: no usable measurements");
  std::sort(meas.begin(), meas.end(), [](auto& a, auto& b) { return a.epoch < b.epoch; });

  auto eop = LoadEop(o.eop_files, err);
  if (!eop.ok()) return eop.status();
  auto fo = BuildForceModelOptions(o.force);
  if (!fo.ok()) return fo.status();
  fo->eop = *eop;
  od::BatchOptions bo;
  bo.editing_threshold = o.edit_sigma;
  bo.editing_start_iterations = o.edit_after_iterations;
  bo.initial_editing_threshold = o.edit_initial_sigma;
  bo.max_edited_fraction = o.max_edited_share;
  if (!(o.edit_sigma >= 0)) {
    return absl::InvalidArgumentError(absl::StrCat("--edit-sigma ", o.edit_sigma, ": must be >= 0 (0: no editing)"));
  }
  if (o.edit_after_iterations < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--edit-after-iterations ", o.edit_after_iterations, ": must be >= 0"));
  }
  if (o.edit_initial_sigma != 0 && !(o.edit_sigma > 0 && o.edit_initial_sigma >= o.edit_sigma)) {
    return absl::InvalidArgumentError(absl::StrCat("--edit-initial-sigma ", o.edit_initial_sigma,
                                                   ": must be 0 (none) or >= --edit-sigma (",
                                                   o.edit_sigma, ") with editing on"));
  }
  if (!(o.max_edited_share > 0 && o.max_edited_share <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max-edited-share ", o.max_edited_share, ": must be in (0, 1]"));
  }
  for (absl::string_view e : absl::StrSplit(o.estimate, ',', absl::SkipEmpty())) {
    if (e == "drag") fo->estimate_drag = true;
    else if (e == "srp") fo->estimate_srp = true;
    else if (e == "biases" || e == "range-biases") bo.estimate_biases.push_back(od::MeasurementType::kRange);
    else if (e == "range-rate-biases") bo.estimate_biases.push_back(od::MeasurementType::kRangeRate);
    else if (e == "angle-biases") {
      for (od::MeasurementType t : {od::MeasurementType::kAzimuth, od::MeasurementType::kElevation,
                                    od::MeasurementType::kRightAscension, od::MeasurementType::kDeclination}) {
        bo.estimate_biases.push_back(t);
      }
    } else if (e == "time-offsets") {
      bo.estimate_time_offsets = true;
    } else if (e == "transponder-delay") {
      bo.estimate_transponder_delay = true;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "--estimate: unknown '", e,
          "' (drag, srp, biases = range-biases, range-rate-biases, angle-biases, time-offsets, "
          "transponder-delay)"));
    }
  }
  for (const std::string& spec : o.parameters) {
    if (absl::Status s = ParseParameterSpec(spec, bo.parameters); !s.ok()) return s;
  }
  if (!o.empirical.empty()) {
    auto shapes = ParseEmpiricalList("--empirical", o.empirical, false);
    if (!shapes.ok()) return shapes.status();
    if (!(o.empirical_interval_h >= 0) || !std::isfinite(o.empirical_interval_h)) {
      return absl::InvalidArgumentError(absl::StrCat("--empirical-interval-h ", o.empirical_interval_h,
                                                     ": must be >= 0 (0: one interval)"));
    }
    if (!(o.empirical_sigma_m_s2 >= 0) || !std::isfinite(o.empirical_sigma_m_s2)) {
      return absl::InvalidArgumentError(absl::StrCat("--empirical-sigma ", o.empirical_sigma_m_s2,
                                                     ": must be > 0 (or 0: no a-priori)"));
    }
    auto terms = astro::PiecewiseEmpirical(*shapes, meas.front().epoch, meas.back().epoch,
                                           o.empirical_interval_h * 3600.0);
    if (!terms.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--empirical-interval-h: ", terms.status().message()));
    }
    for (const astro::EmpiricalAcceleration& t : *terms) {
      if (o.empirical_sigma_m_s2 > 0) bo.parameters[t.Name()].a_priori_sigma = o.empirical_sigma_m_s2;
      fo->empirical.push_back(t);
    }
  } else if (o.empirical_interval_h != 0 || o.empirical_sigma_m_s2 != 0) {
    return absl::InvalidArgumentError("--empirical-interval-h / --empirical-sigma need --empirical");
  }
  if (fo->estimate_drag && fo->drag_cd_area_over_mass_m2_kg == 0) fo->drag_cd_area_over_mass_m2_kg = 0.01;
  if (fo->estimate_srp && fo->srp_cr_area_over_mass_m2_kg == 0) fo->srp_cr_area_over_mass_m2_kg = 0.01;

  std::unique_ptr<catalog::Catalog> cat;
  if (o.id > 0) {
    auto c = catalog::Catalog::Open(o.db);
    if (!c.ok()) return c.status();
    cat = std::move(*c);
    if (auto obj = cat->GetObject(o.id); !obj.ok()) return obj.status();
  }
  // Initial state: --initial, else the catalog's state at the first measurement.
  astro::Epoch epoch;
  astro::CartesianState x0;
  const bool has_catalog_state = cat && cat->LatestState(o.id).ok();
  std::optional<astro::CartesianState> catalog_at_epoch;  // the catalog's state at `epoch`
  if (!o.initial.empty()) {
    auto spec = ParseStateSpec("--initial", o.initial);
    if (!spec.ok()) return spec.status();
    epoch = spec->epoch;
    x0 = spec->gcrf;
  } else if (has_catalog_state) {
    epoch = meas.front().epoch;
    auto s = CatalogStateAt(*cat, o.id, epoch, *fo, *eop);
    if (!s.ok()) return absl::Status(s.status().code(), absl::StrCat("initial state from the catalog: ", s.status().message()));
    x0 = *s;
    catalog_at_epoch = *s;
  }
  std::string initial_source = o.initial.empty() ? "catalog" : "--initial";
  if (o.initial.empty() && !has_catalog_state) {
    // No prior state: initial orbit determination from the first pass.
    auto iod = od::InitialOrbitFromMeasurements(meas, *sites, eop->get());
    if (!iod.ok()) return iod.status();
    epoch = iod->epoch;
    x0 = iod->state_gcrf;
    initial_source = absl::StrCat("initial orbit determination (", iod->method, ")");
    if (!o.json) std::fprintf(err, "initial state from %s at %s\n", initial_source.c_str(),
                              astro::FormatIsoUtc(epoch, 3).c_str());
  }
  const absl::Time wall0 = absl::Now();
  auto fit = od::SolveBatch(bo, *fo, epoch, x0, meas, *sites, *eop);
  if (!fit.ok()) return fit.status();
  const absl::Time wall1 = absl::Now();

  // Residual statistics per station and type.
  std::map<std::pair<std::string, std::string>, ResidualStats> stats;
  for (const od::ResidualRecord& r : fit->residuals) {
    ResidualStats& s = stats[{r.station, std::string(od::MeasurementTypeName(r.type))}];
    ++s.count;
    if (r.edited) {
      ++s.rejected;
      continue;
    }
    s.sum += r.postfit;
    s.sum2 += r.postfit * r.postfit;
  }
  const Eigen::Matrix3d ric = astro::RicMatrix(fit->state_gcrf.position_m, fit->state_gcrf.velocity_m_s);
  const Eigen::Vector3d sigma_ric = fit->position_covariance_ric.diagonal().cwiseMax(0).cwiseSqrt();
  std::optional<Eigen::Vector3d> change;
  if (cat && !catalog_at_epoch) {
    if (auto prev = CatalogStateAt(*cat, o.id, epoch, *fo, *eop); prev.ok()) catalog_at_epoch = *prev;
  }
  if (catalog_at_epoch) change = ric * (fit->state_gcrf.position_m - catalog_at_epoch->position_m);
  // Store the run (and the state when accepted).
  int64_t run_id = 0;
  if (cat && !o.no_update) {
    // The measurements themselves, idempotently (sensor + "file:line").
    std::vector<catalog::ObservationRecord> obs;  // one encoding: operations/observation_codec.h
    for (const auto& [name, site] : *sites) {
      if (absl::Status s = cat->UpsertSensor(name, stations->kind.at(name), site.geodetic.latitude_rad,
                                             site.geodetic.longitude_rad, site.geodetic.height_m);
          !s.ok()) {
        return s;
      }
    }
    obs = operations::ToObservationRecords(meas, o.id);
    auto stored = cat->InsertObservations(obs);
    if (!stored.ok()) return stored.status();
    if (!o.json) {
      std::fprintf(err, "observations stored: %d new, %d already there\n", stored->inserted,
                   stored->duplicates);
    }
    catalog::OdRunRecord run;
    run.catalog_number = o.id;
    run.started_utc = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", wall0, absl::UTCTimeZone());
    run.finished_utc = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", wall1, absl::UTCTimeZone());
    run.status = fit->accepted ? "CONVERGED" : (fit->converged ? "REJECTED" : "DIVERGED");
    run.iterations = fit->iterations;
    run.weighted_rms = fit->postfit_wrms;
    run.n_used = fit->used;
    run.n_rejected = fit->edited;
    run.summary_json = absl::StrCat("{\"message\":", JsonString(fit->message), "}");
    std::optional<catalog::CartesianStateRecord> state;
    if (fit->accepted) {
      catalog::CartesianStateRecord s;
      s.catalog_number = o.id;
      s.epoch = epoch;
      for (int i = 0; i < 3; ++i) {
        s.state[i] = fit->state_gcrf.position_m[i];
        s.state[3 + i] = fit->state_gcrf.velocity_m_s[i];
      }
      std::array<double, 36> c;
      for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 6; ++j) c[6 * i + j] = fit->covariance_gcrf(i, j);
      s.covariance = c;
      s.source_ref = absl::StrCat("od run, ", fit->used, " measurements");
      s.quality = fit->postfit_wrms;
      state = s;
    }
    auto id = cat->RecordOdRun(run, state);
    if (!id.ok()) return id.status();
    run_id = *id;
  }

  if (o.json) {
    std::string res;
    for (const auto& [key, s] : stats) {
      const int used = s.count - s.rejected;
      absl::StrAppend(&res, res.empty() ? "" : ",", "{\"station\":", JsonString(key.first),
                      ",\"type\":", JsonString(key.second), ",\"count\":", s.count,
                      ",\"rejected\":", s.rejected, ",\"mean\":", JsonNumber(used ? s.sum / used : 0),
                      ",\"rms\":", JsonNumber(used ? std::sqrt(s.sum2 / used) : 0), "}");
    }
    std::string cov;
    for (int i = 0; i < 6; ++i) {
      absl::StrAppend(&cov, i ? "," : "", "[");
      for (int j = 0; j < 6; ++j) absl::StrAppend(&cov, j ? "," : "", JsonNumber(fit->covariance_gcrf(i, j)));
      absl::StrAppend(&cov, "]");
    }
    std::fprintf(out,
                 "{\"epoch_utc\":%s,\"frame\":\"GCRF\",\"position_m\":%s,\"velocity_m_s\":%s,"
                 "\"covariance\":[%s],\"sigma_ric_m\":%s,\"iterations\":%d,\"converged\":%s,"
                 "\"accepted\":%s,\"message\":%s,\"prefit_wrms\":%s,\"postfit_wrms\":%s,"
                 "\"used\":%d,\"rejected\":%d,\"wall_time_s\":%s,\"run_id\":%lld,\"initial\":%s,"
                 "\"change_from_previous_ric_m\":%s,\"parameters\":{",
                 JsonString(astro::FormatIsoUtc(epoch, 6)).c_str(),
                 Vec3Json(fit->state_gcrf.position_m).c_str(),
                 Vec3Json(fit->state_gcrf.velocity_m_s).c_str(), cov.c_str(),
                 Vec3Json(sigma_ric).c_str(), fit->iterations, fit->converged ? "true" : "false",
                 fit->accepted ? "true" : "false", JsonString(fit->message).c_str(),
                 JsonNumber(fit->prefit_wrms).c_str(), JsonNumber(fit->postfit_wrms).c_str(),
                 fit->used, fit->edited, JsonNumber(fit->wall_time_s).c_str(),
                 static_cast<long long>(run_id), JsonString(initial_source).c_str(),
                 change ? Vec3Json(*change).c_str() : "null");
    for (size_t j = 6; j < fit->parameter_names.size(); ++j) {
      std::fprintf(out, "%s%s:{\"value\":%s,\"sigma\":%s}", j > 6 ? "," : "",
                   JsonString(fit->parameter_names[j]).c_str(),
                   JsonNumber(fit->parameters[j]).c_str(),
                   JsonNumber(fit->parameter_sigmas.size() > static_cast<long>(j) ? fit->parameter_sigmas[j] : 0).c_str());
    }
    std::fprintf(out, "},\"residuals\":[%s]}\n", res.c_str());
  } else {
    std::fprintf(out, "%s: %s\n", fit->accepted ? "ACCEPTED" : "NOT ACCEPTED", fit->message.c_str());
    std::fprintf(out, "iterations %d, editing passes %d, measurements used %d, rejected %d, WRMS %.3f (pre-fit %.1f), %.3f s\n",
                 fit->iterations, fit->editing_passes, fit->used, fit->edited, fit->postfit_wrms,
                 fit->prefit_wrms, fit->wall_time_s);
    std::fprintf(out, "epoch %s GCRF\n  r = %.4f %.4f %.4f km\n  v = %.7f %.7f %.7f km/s\n",
                 astro::FormatIsoUtc(epoch, 6).c_str(), fit->state_gcrf.position_m.x() / 1e3,
                 fit->state_gcrf.position_m.y() / 1e3, fit->state_gcrf.position_m.z() / 1e3,
                 fit->state_gcrf.velocity_m_s.x() / 1e3, fit->state_gcrf.velocity_m_s.y() / 1e3,
                 fit->state_gcrf.velocity_m_s.z() / 1e3);
    std::fprintf(out, "  1-sigma radial %.3f m, in-track %.3f m, cross-track %.3f m\n", sigma_ric.x(),
                 sigma_ric.y(), sigma_ric.z());
    for (size_t j = 6; j < fit->parameter_names.size(); ++j) {
      std::fprintf(out, "  %s = %.6g +- %.2g\n", fit->parameter_names[j].c_str(), fit->parameters[j],
                   fit->parameter_sigmas.size() > static_cast<long>(j) ? fit->parameter_sigmas[j] : 0.0);
    }
    if (change) {
      std::fprintf(out, "  change from the previous catalog state: radial %.1f m, in-track %.1f m, cross-track %.1f m\n",
                   change->x(), change->y(), change->z());
    }
    std::fprintf(out, "%-14s %-16s %6s %8s %12s %12s\n", "station", "type", "count", "rejected", "mean", "rms");
    for (const auto& [key, s] : stats) {
      const int used = s.count - s.rejected;
      std::fprintf(out, "%-14s %-16s %6d %8d %12.6g %12.6g\n", key.first.c_str(), key.second.c_str(),
                   s.count, s.rejected, used ? s.sum / used : 0, used ? std::sqrt(s.sum2 / used) : 0);
    }
    if (run_id) std::fprintf(out, "stored as OD run %lld%s\n", static_cast<long long>(run_id),
                             fit->accepted ? " with the new state" : " (catalog state unchanged)");
  }
  if (!fit->accepted) {
    return absl::FailedPreconditionError(absl::StrCat("fit not accepted: ", fit->message));
  }
  if (rejected_records > 0) {
    return absl::FailedPreconditionError(absl::StrCat(rejected_records, " TDM record(s) rejected (see above)"));
  }
  return absl::OkStatus();
}

absl::Status RunOdRuns(const std::string& db, int id, bool json, std::FILE* out) {
  auto cat = catalog::Catalog::Open(db);
  if (!cat.ok()) return cat.status();
  auto runs = (*cat)->ListOdRuns(id);
  if (!runs.ok()) return runs.status();
  if (json) std::fprintf(out, "[");
  bool first = true;
  for (const auto& r : *runs) {
    if (json) {
      std::fprintf(out, "%s\n{\"id\":%lld,\"norad\":%d,\"started_utc\":%s,\"status\":%s,\"iterations\":%d,"
                        "\"weighted_rms\":%s,\"used\":%d,\"rejected\":%d,\"summary\":%s}",
                   first ? "" : ",", static_cast<long long>(r.id), r.catalog_number,
                   JsonString(r.started_utc).c_str(), JsonString(r.status).c_str(), r.iterations,
                   JsonNumber(r.weighted_rms).c_str(), r.n_used, r.n_rejected, r.summary_json.c_str());
      first = false;
    } else {
      std::fprintf(out, "%5lld %6d %s %-9s it %2d WRMS %8.3f used %5d rejected %4d\n",
                   static_cast<long long>(r.id), r.catalog_number, r.started_utc.c_str(),
                   r.status.c_str(), r.iterations, r.weighted_rms, r.n_used, r.n_rejected);
    }
  }
  if (json) std::fprintf(out, "\n]\n");
  return absl::OkStatus();
}

absl::Status RunOdCase(const OdRunOptions& o, std::FILE* out, std::FILE* /*err*/) {
  auto c = od::ReadSlrCase(o.case_file);
  if (!c.ok()) return c.status();
  auto r = od::RunSlrCase(*c);
  if (!r.ok()) return r.status();
  const od::BatchSummary& fit = r->fit;
  std::map<std::string, ResidualStats> stats;
  for (const od::ResidualRecord& rr : fit.residuals) {
    ResidualStats& s = stats[rr.station];
    ++s.count;
    if (rr.edited) {
      ++s.rejected;
      continue;
    }
    s.sum += rr.postfit;
    s.sum2 += rr.postfit * rr.postfit;
  }
  const Eigen::Vector3d sigma_ric = fit.position_covariance_ric.diagonal().cwiseMax(0).cwiseSqrt();
  if (o.json) {
    std::string res, params, cov;
    for (const auto& [station, s] : stats) {
      const int used = s.count - s.rejected;
      absl::StrAppend(&res, res.empty() ? "" : ",", "{\"station\":", JsonString(station),
                      ",\"type\":\"RANGE\",\"count\":", s.count, ",\"rejected\":", s.rejected,
                      ",\"mean\":", JsonNumber(used ? s.sum / used : 0),
                      ",\"rms\":", JsonNumber(used ? std::sqrt(s.sum2 / used) : 0), "}");
    }
    for (size_t j = 6; j < fit.parameter_names.size(); ++j) {
      absl::StrAppend(&params, j > 6 ? "," : "", JsonString(fit.parameter_names[j]),
                      ":{\"value\":", JsonNumber(fit.parameters[j]), ",\"sigma\":",
                      JsonNumber(fit.parameter_sigmas[j]), "}");
    }
    for (int i = 0; i < 6; ++i) {
      absl::StrAppend(&cov, i ? "," : "", "[");
      for (int j = 0; j < 6; ++j) absl::StrAppend(&cov, j ? "," : "", JsonNumber(fit.covariance_gcrf(i, j)));
      absl::StrAppend(&cov, "]");
    }
    std::fprintf(out,
                 "{\"epoch_utc\":%s,\"frame\":\"GCRF\",\"position_m\":%s,\"velocity_m_s\":%s,"
                 "\"covariance\":[%s],\"sigma_ric_m\":%s,\"iterations\":%d,\"converged\":%s,"
                 "\"accepted\":%s,\"message\":%s,\"prefit_wrms\":%s,\"postfit_wrms\":%s,"
                 "\"used\":%d,\"rejected\":%d,\"condition_number\":%s,\"wall_time_s\":%s,\"parameters\":{%s},"
                 "\"residuals\":[%s],\"case\":{\"normal_points\":%d,\"position_eme2000_m\":%s,"
                 "\"velocity_eme2000_m_s\":%s,\"residual_mean_m\":%s,\"residual_std_m\":%s,"
                 "\"reference_position_diff_m\":%s,\"reference_velocity_diff_m_s\":%s,"
                 "\"cpf_points\":%d,\"cpf_rms_ric_m\":%s}}\n",
                 JsonString(astro::FormatIsoUtc(c->epoch, 6)).c_str(),
                 Vec3Json(fit.state_gcrf.position_m).c_str(), Vec3Json(fit.state_gcrf.velocity_m_s).c_str(),
                 cov.c_str(), Vec3Json(sigma_ric).c_str(), fit.iterations, fit.converged ? "true" : "false",
                 fit.accepted ? "true" : "false", JsonString(fit.message).c_str(),
                 JsonNumber(fit.prefit_wrms).c_str(), JsonNumber(fit.postfit_wrms).c_str(), fit.used,
                 fit.edited, JsonNumber(fit.condition_number).c_str(),
                 JsonNumber(r->fit_wall_time_s).c_str(), params.c_str(), res.c_str(),
                 r->normal_points, Vec3Json(r->estimate_eme2000.position_m).c_str(),
                 Vec3Json(r->estimate_eme2000.velocity_m_s).c_str(), JsonNumber(r->residual_mean_m).c_str(),
                 JsonNumber(r->residual_std_m).c_str(), JsonNumber(r->reference_position_diff_m).c_str(),
                 JsonNumber(r->reference_velocity_diff_m_s).c_str(), r->cpf_points,
                 Vec3Json(r->cpf_rms_ric_m).c_str());
  } else {
    std::fprintf(out, "%s: %s\n", fit.accepted ? "ACCEPTED" : "NOT ACCEPTED", fit.message.c_str());
    std::fprintf(out, "%d normal points, used %d, rejected %d; residuals mean %.4f m, std %.4f m; fit %.3f s\n",
                 r->normal_points, fit.used, fit.edited, r->residual_mean_m, r->residual_std_m,
                 r->fit_wall_time_s);
    std::fprintf(out, "epoch %s EME2000\n  r = %.3f %.3f %.3f m\n  v = %.5f %.5f %.5f m/s\n",
                 astro::FormatIsoUtc(c->epoch, 3).c_str(), r->estimate_eme2000.position_m.x(),
                 r->estimate_eme2000.position_m.y(), r->estimate_eme2000.position_m.z(),
                 r->estimate_eme2000.velocity_m_s.x(), r->estimate_eme2000.velocity_m_s.y(),
                 r->estimate_eme2000.velocity_m_s.z());
    std::fprintf(out, "  1-sigma radial %.3f m, in-track %.3f m, cross-track %.3f m\n", sigma_ric.x(),
                 sigma_ric.y(), sigma_ric.z());
    for (size_t j = 6; j < fit.parameter_names.size(); ++j) {
      std::fprintf(out, "  %s = %.3f +- %.3f\n", fit.parameter_names[j].c_str(), fit.parameters[j],
                   fit.parameter_sigmas[j]);
    }
    if (r->reference_position_diff_m >= 0) {
      std::fprintf(out, "reference solution: %.3f m, %.5f m/s away\n", r->reference_position_diff_m,
                   r->reference_velocity_diff_m_s);
    }
    if (r->cpf_points > 0) {
      std::fprintf(out, "CPF prediction over the span (%d points): RMS radial %.3f m, in-track %.3f m, cross-track %.3f m\n",
                   r->cpf_points, r->cpf_rms_ric_m.x(), r->cpf_rms_ric_m.y(), r->cpf_rms_ric_m.z());
    }
    for (const auto& [station, s] : stats) {
      const int used = s.count - s.rejected;
      std::fprintf(out, "  station %s: %d ranges, %d rejected, mean %.4f m, rms %.4f m\n", station.c_str(),
                   s.count, s.rejected, used ? s.sum / used : 0, used ? std::sqrt(s.sum2 / used) : 0);
    }
  }
  if (!fit.accepted) return absl::FailedPreconditionError(absl::StrCat("fit not accepted: ", fit.message));
  return absl::OkStatus();
}

}  // namespace sstrack::cli
