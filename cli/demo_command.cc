// Copyright sstrack authors.
#include "cli/demo_command.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "astro/elements/regime.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "cli/cli_common.h"
#include "cli/simulate_command.h"
#include "operations/cycle.h"
#include "operations/object_fit.h"
#include "proto/sstrack/v1/sstrack.grpc.pb.h"
#include "service/config_loader.h"
#include "service/server.h"
#include "service/server_config.h"
#include "simulation/scoring.h"
#include "simulation/truth_ephemeris.h"
#include "simulation/truth_scenario.h"

namespace sstrack::cli {
namespace {

using simulation::ErrorSummary;
using simulation::Scoreboard;

std::string RandomToken(std::mt19937_64& rng) {
  return absl::StrFormat("%016x%016x", rng(), rng());
}

double Round1(double x) { return std::round(x * 10) / 10; }

// The figures of one night of the demo.
struct NightFigures {
  std::string night;
  astro::Epoch plan_time, predict_at;  // when the cycle plans it; the next night's start
  SimulateSummary sensors;             // summed over the sensors
  std::map<int, astro::Epoch> observed;  // object → its last observation of the night
  sstrack::v1::CycleNight status;      // the cycle's counts, when DONE
  Scoreboard at_fit;                   // every observed object at its fit epoch
  int accepted = 0;                    // observed objects with an accepted fit
  Scoreboard predicted, baseline;      // every object at the next night's start
  int prediction_failed = 0, baseline_failed = 0;
  double cycle_wall_s = 0;             // in AdvanceClock while this night was the oldest open one
  bool fits_scored = false, prediction_scored = false;
};

Eigen::Matrix3d PositionBlock(const google::protobuf::RepeatedField<double>& c, int stride) {
  Eigen::Matrix3d m;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) m(i, j) = c[stride * i + j];
  return m;
}

std::string PercentilesJson(const simulation::Percentiles& p) {
  return absl::StrCat("{\"median\":", JsonNumber(Round1(p.median)), ",\"p95\":", JsonNumber(Round1(p.p95)),
                      "}");
}

std::string SummaryJson(const ErrorSummary& s) {
  return absl::StrCat("{\"objects\":", s.count, ",\"error_m\":", PercentilesJson(s.error_m),
                      ",\"radial_m\":", PercentilesJson(s.radial_m), ",\"in_track_m\":",
                      PercentilesJson(s.in_track_m), ",\"cross_track_m\":", PercentilesJson(s.cross_track_m),
                      ",\"with_covariance\":", s.with_covariance, ",\"inside_99pct\":", s.inside_99,
                      ",\"custody\":", s.custody, ",\"mean_mahalanobis2\":",
                      JsonNumber(std::round(s.mean_mahalanobis2 * 100) / 100), "}");
}

double Share(size_t part, size_t whole) { return whole ? 100.0 * static_cast<double>(part) / whole : 0.0; }

std::string Row(const std::string& label, const ErrorSummary& s) {
  return absl::StrFormat("  %-22s %5zu %9.0f %9.0f %9.0f %9.0f %9.0f %7.1f%% %7.1f%%\n", label, s.count,
                         s.error_m.median, s.error_m.p95, s.radial_m.p95, s.in_track_m.p95,
                         s.cross_track_m.p95, Share(s.custody, s.count), Share(s.inside_99, s.count));
}

const char* const kRegimes[] = {"LEO", "MEO", "GEO", "HEO"};

}  // namespace

absl::Status RunDemo(const DemoOptions& o, std::FILE* out, std::FILE* err) {
  const absl::Time wall0 = absl::Now();
  if (o.nights < 1 || o.nights > 30) {
    return absl::InvalidArgumentError(absl::StrCat("--nights ", o.nights, ": expected 1 to 30"));
  }
  if (o.objects < 0) return absl::InvalidArgumentError(absl::StrCat("--objects ", o.objects, ": expected 0 (all) or more"));
  auto say = [&](const std::string& s) {
    std::fprintf(err, "demo: %s\n", s.c_str());
    std::fflush(err);
  };
  const std::string cfg = o.config_dir.empty() ? "config" : o.config_dir;
  auto net = service::LoadSensorNetwork(cfg + "/sensors.textproto");
  if (!net.ok()) return net.status();
  const std::string element_file = cfg + "/catalog-2018-01.3le";
  auto all_elements = ReadElementsByNumber(element_file);
  if (!all_elements.ok()) return all_elements.status();
  std::map<int, astro::MeanElements> elements;
  for (const auto& [n, e] : *all_elements) {
    if (o.objects > 0 && static_cast<int>(elements.size()) >= o.objects) break;
    elements.emplace(n, e);
  }
  // Working directory.
  std::string dir = o.keep_dir;
  bool remove_dir = false;
  if (dir.empty()) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "sstrack-demo-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return absl::UnavailableError("cannot create a temporary directory");
    dir = tmpl;
    remove_dir = true;
  } else {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return absl::UnavailableError(absl::StrCat("--keep ", dir, ": ", ec.message()));
    for (const char* f : {"/sstrack.db", "/sstrack.db-wal", "/sstrack.db-shm"}) {
      std::filesystem::remove(dir + f, ec);
    }
  }
  struct Cleanup {
    std::string dir;
    bool on;
    ~Cleanup() {
      std::error_code ec;
      if (on) std::filesystem::remove_all(dir, ec);
    }
  } cleanup{dir, remove_dir};
  // The catalog, and the same element sets untouched (the baseline).
  std::vector<astro::MeanElements> sets;
  std::vector<astro::Epoch> epochs;
  for (const auto& [n, e] : elements) {
    sets.push_back(e);
    epochs.push_back(e.epoch);
  }
  if (sets.empty()) return absl::FailedPreconditionError(absl::StrCat(element_file, ": no element sets"));
  {
    auto cat = catalog::Catalog::Open(dir + "/sstrack.db");
    if (!cat.ok()) return cat.status();
    auto imp = (*cat)->ImportElements(sets, catalog::StateSource::kTle, element_file);
    if (!imp.ok()) return imp.status();
  }
  auto untouched = catalog::Catalog::Open(":memory:");
  if (!untouched.ok()) return untouched.status();
  if (auto imp = (*untouched)->ImportElements(sets, catalog::StateSource::kTle, element_file); !imp.ok()) {
    return imp.status();
  }
  std::nth_element(epochs.begin(), epochs.begin() + static_cast<long>(epochs.size() / 2), epochs.end());
  const std::string first_night = astro::FormatIsoUtc(epochs[epochs.size() / 2], 0).substr(0, 10);
  // The nights, when the cycle plans each, and the epoch each is scored at.
  auto settings = service::DefaultServerSettings(cfg);
  if (!settings.ok()) return settings.status();
  const double lead_s = settings->cycle.plan_lead_s;
  std::vector<NightFigures> nights(static_cast<size_t>(o.nights));
  std::string night = first_night;
  for (size_t k = 0; k <= nights.size(); ++k) {
    auto plan_time = operations::NightPlanTime(night, *net, lead_s);
    if (!plan_time.ok()) return plan_time.status();
    if (k < nights.size()) {
      nights[k].night = night;
      nights[k].plan_time = *plan_time;
    }
    if (k > 0) nights[k - 1].predict_at = *plan_time + lead_s;  // the next night's start
    auto next = operations::NextNight(night);
    if (!next.ok()) return next.status();
    night = *next;
  }
  auto last_end = operations::NightEndTime(nights.back().night, *net);
  if (!last_end.ok()) return last_end.status();
  const astro::Epoch clock_start = nights.front().plan_time + 1.0;
  const astro::Epoch truth_end =
      (*last_end - nights.back().predict_at > 0 ? *last_end : nights.back().predict_at) + 3600.0;
  // The simulated sky, integrated once for the whole scenario.
  auto world = simulation::DefaultWorld(cfg, o.seed);
  if (!world.ok()) return world.status();
  say(absl::StrFormat("%d night(s) from %s, %zu objects, %zu sensors, seed %d; integrating the truth "
                      "(%.1f days, %s %dx%d, Sun, Moon, drag, SRP, relativity) on 2 threads",
                      o.nights, first_night, sets.size(), net->size(), o.seed,
                      (truth_end - clock_start) / 86400.0, "GRIM4-S4", world->options.degree,
                      world->options.degree));
  const absl::Time truth0 = absl::Now();
  simulation::TruthEphemerisOptions eo;
  int last_told = 0;
  eo.progress = [&](int done, int total) {
    if (done * 10 / total > last_told || done == total) {
      last_told = done * 10 / total;
      say(absl::StrFormat("truth %d/%d objects (%.0f s)", done, total,
                          absl::ToDoubleSeconds(absl::Now() - truth0)));
    }
  };
  auto truth = simulation::TruthEphemeris::Build(elements, *world, clock_start, truth_end, eo);
  if (!truth.ok()) return truth.status();
  const double truth_s = absl::ToDoubleSeconds(absl::Now() - truth0);
  if (!truth->failures().empty()) {
    say(absl::StrCat(truth->failures().size(), " object(s) without a truth (e.g. ",
                     truth->failures().begin()->first, ": ", truth->failures().begin()->second, ")"));
  }
  // Tokens (hashed on disk) and the server, its cycle on a simulated clock.
  std::mt19937_64 rng(std::random_device{}());
  service::ServiceConfig sc;
  sc.db_path = dir + "/sstrack.db";
  sc.network = *net;
  sc.fit = settings->fit;
  sc.plan_time_limit_s = o.plan_time_limit_s;
  sc.cycle.enabled = true;
  sc.cycle.simulated_clock = true;
  sc.cycle.simulated_start = clock_start;
  sc.cycle.options = settings->cycle;
  sc.cycle.options.plan_time_limit_s = o.plan_time_limit_s;
  std::map<std::string, std::string> tokens;
  std::string token_file;
  for (const sensors::Sensor& s : *net) {
    tokens[s.name()] = RandomToken(rng);
    sc.tokens.AddToken(auth::Role::kSensor, s.name(), tokens[s.name()]);
    token_file += auth::TokenFileLine(auth::Role::kSensor, s.name(), tokens[s.name()]);
  }
  const std::string op_token = RandomToken(rng);
  sc.tokens.AddToken(auth::Role::kOperator, "demo", op_token);
  token_file += auth::TokenFileLine(auth::Role::kOperator, "demo", op_token);
  std::ofstream(dir + "/tokens.txt") << token_file;
  auto server = service::Server::Start(std::move(sc), {});
  if (!server.ok()) return server.status();
  const std::string address = absl::StrCat("127.0.0.1:", (*server)->port());
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  say(absl::StrCat("sstrackd on ", address, " (cycle on, simulated clock from ",
                   astro::FormatIsoUtc(clock_start, 0), "), database in ", dir));
  auto op = [&](grpc::ClientContext* ctx, double deadline_s) {
    ctx->AddMetadata("authorization", absl::StrCat("Bearer ", op_token));
    ctx->set_deadline(std::chrono::system_clock::now() +
                      std::chrono::milliseconds(static_cast<int64_t>(deadline_s * 1000)));
  };
  auto cycle = sstrack::v1::CycleService::NewStub(channel);
  auto od = sstrack::v1::OrbitDeterminationService::NewStub(channel);
  auto catalog_stub = sstrack::v1::CatalogService::NewStub(channel);
  std::vector<std::unique_ptr<SimulatedSensor>> sims;
  for (const sensors::Sensor& s : *net) {
    sims.push_back(std::make_unique<SimulatedSensor>(channel, tokens[s.name()], s, world->options.seed));
  }
  // The catalog's prediction of `n` at `t` (PropagateObject), as a sample.
  // --objects-csv: a row per object and score.
  std::FILE* csv = nullptr;
  if (!o.objects_csv.empty()) {
    csv = std::fopen(o.objects_csv.c_str(), "w");
    if (!csv) {
      return absl::UnavailableError(
          absl::StrCat("--objects-csv ", o.objects_csv, ": cannot write (", std::strerror(errno), ")"));
    }
    std::fprintf(csv,
                 "night,score,catalog_number,regime,group,error_m,radial_m,in_track_m,cross_track_m,"
                 "sigma_radial_m,sigma_in_track_m,sigma_cross_track_m,mahalanobis2,inside_99,custody,"
                 "state_age_s,truth_cd_area_over_mass_m2_kg,fit_cd_area_over_mass_m2_kg,"
                 "fit_cd_sigma_m2_kg,truth_cr_area_over_mass_m2_kg,fit_cr_area_over_mass_m2_kg,"
                 "fit_cr_sigma_m2_kg\n");
  }
  struct CloseCsv {
    std::FILE* f;
    ~CloseCsv() {
      if (f) std::fclose(f);
    }
  } close_csv{csv};
  absl::Mutex csv_mu;
  // The server's catalog, read beside it for the CSV's fitted parameters.
  std::unique_ptr<catalog::Catalog> csv_catalog;
  // `at`: the score's instant (for the age of the catalog's latest OD state).
  auto csv_row = [&](const std::string& night, const char* score, int n, astro::OrbitRegime r,
                     const std::string& group, const simulation::ErrorSample& e,
                     const astro::CartesianState* truth_state, const Eigen::Matrix3d* c,
                     const astro::Epoch& at) {
    if (!csv) return;
    Eigen::Vector3d sigma = Eigen::Vector3d::Constant(NAN);
    if (truth_state && c) {
      const Eigen::Matrix3d ric = astro::RicMatrix(truth_state->position_m, truth_state->velocity_m_s);
      sigma = (ric * *c * ric.transpose()).diagonal().cwiseMax(0.0).cwiseSqrt();
    }
    absl::MutexLock l(&csv_mu);
    double age = NAN, cd = NAN, cd_sigma = NAN, cr = NAN, cr_sigma = NAN;
    const bool of_the_catalog = std::strcmp(score, "untouched") != 0;
    if (!csv_catalog && of_the_catalog) {
      auto opened = catalog::Catalog::Open(dir + "/sstrack.db");
      if (opened.ok()) csv_catalog = *std::move(opened);
    }
    if (csv_catalog && of_the_catalog) {
      if (auto st = csv_catalog->LatestCartesianState(n); st.ok()) {
        age = at - st->epoch;
        cd = st->drag_cd_area_over_mass_m2_kg.value_or(NAN);
        cd_sigma = st->drag_sigma_m2_kg.value_or(NAN);
        cr = st->srp_cr_area_over_mass_m2_kg.value_or(NAN);
        cr_sigma = st->srp_sigma_m2_kg.value_or(NAN);
      }
    }
    const simulation::ObjectPhysics* ph = truth->PhysicsOf(n);
    std::fprintf(csv,
                 "%s,%s,%d,%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.4g,%d,%d,%.0f,%.5g,%.5g,%.3g,%.5g,%.5g,"
                 "%.3g\n",
                 night.c_str(), score, n, std::string(astro::OrbitRegimeName(r)).c_str(), group.c_str(),
                 e.error_m, e.ric_m.x(), e.ric_m.y(), e.ric_m.z(), sigma.x(), sigma.y(), sigma.z(),
                 e.mahalanobis2 ? *e.mahalanobis2 : NAN, e.inside_99 ? 1 : 0, e.custody ? 1 : 0, age,
                 ph ? ph->cd_area_over_mass_m2_kg * (ph->daily_density_factor.empty() ? 1.0 : ph->density_factor) : NAN,
                 cd, cd_sigma,
                 ph ? ph->cr_area_over_mass_m2_kg : NAN, cr, cr_sigma);
  };
  auto predicted = [&](int n, const astro::Epoch& t, std::string* source,
                       const std::string& night = "", const char* score = nullptr,
                       astro::OrbitRegime regime = astro::OrbitRegime::kLeo) -> absl::StatusOr<simulation::ErrorSample> {
    auto x = truth->StateAt(n, t);
    if (!x.ok()) return x.status();
    sstrack::v1::PropagateObjectRequest req;
    req.set_catalog_number(n);
    req.add_epochs_utc(astro::FormatIsoUtc(t, 6));
    sstrack::v1::PropagateObjectResponse resp;
    grpc::ClientContext ctx;
    op(&ctx, 120);
    grpc::Status st = catalog_stub->PropagateObject(&ctx, req, &resp);
    if (!st.ok()) return absl::UnavailableError(absl::StrCat("PropagateObject ", n, ": ", st.error_message()));
    const sstrack::v1::PropagatedState& p = resp.states(0);
    *source = resp.source();
    const Eigen::Vector3d pos(p.position_gcrf_m(0), p.position_gcrf_m(1), p.position_gcrf_m(2));
    const std::string group = resp.source() == "OD_STATE" ? "od_state" : "elements";
    if (p.covariance_gcrf_size() == 36) {
      const Eigen::Matrix3d c = PositionBlock(p.covariance_gcrf(), 6);
      const simulation::ErrorSample e = simulation::ScoreEstimate(*x, pos, &c);
      if (score) csv_row(night, score, n, regime, group, e, &*x, &c, t);
      return e;
    }
    const simulation::ErrorSample e = simulation::ScoreEstimate(*x, pos, nullptr);
    if (score) csv_row(night, score, n, regime, group, e, &*x, nullptr, t);
    return e;
  };
  auto regime_of = [&](int n, const astro::Epoch& t) {
    auto x = truth->StateAt(n, t);
    if (!x.ok()) return astro::OrbitRegime::kLeo;
    auto r = astro::ClassifyState(x->position_m, x->velocity_m_s);
    return r.ok() ? *r : astro::OrbitRegime::kLeo;
  };
  // Fit-epoch errors of night k, once its fits are all done.
  auto score_fits = [&](NightFigures& f) -> absl::Status {
    sstrack::v1::ListRunsRequest req;
    sstrack::v1::ListRunsResponse runs;
    grpc::ClientContext ctx;
    op(&ctx, 120);
    grpc::Status st = od->ListRuns(&ctx, req, &runs);
    if (!st.ok()) return absl::UnavailableError(absl::StrCat("ListRuns: ", st.error_message()));
    std::map<int, const sstrack::v1::OdRun*> of_night;
    for (const sstrack::v1::OdRun& r : runs.runs()) {
      if (r.cycle_night() == f.night) of_night[r.catalog_number()] = &r;
    }
    for (const auto& [n, last_obs] : f.observed) {
      auto it = of_night.find(n);
      const sstrack::v1::OdRun* run = it == of_night.end() ? nullptr : it->second;
      if (run && run->status() == "CONVERGED" && run->position_gcrf_m_size() == 3) {
        auto t = astro::ParseIsoUtc(run->epoch_utc());
        if (!t.ok()) return t.status();
        auto x = truth->StateAt(n, *t);
        if (!x.ok()) continue;
        const Eigen::Vector3d pos(run->position_gcrf_m(0), run->position_gcrf_m(1), run->position_gcrf_m(2));
        std::optional<Eigen::Matrix3d> c;
        if (run->position_covariance_gcrf_m2_size() == 9) c = PositionBlock(run->position_covariance_gcrf_m2(), 3);
        const simulation::ErrorSample e = simulation::ScoreEstimate(*x, pos, c ? &*c : nullptr);
        f.at_fit.Add(e, regime_of(n, *t), "accepted");
        csv_row(f.night, "fit_epoch", n, regime_of(n, *t), "accepted", e, &*x, c ? &*c : nullptr, *t);
        ++f.accepted;
        continue;
      }
      // Rejected, diverged or not run: the catalog's prediction at the last observation.
      std::string source;
      auto s = predicted(n, last_obs, &source, f.night, "fit_epoch_not_accepted", regime_of(n, last_obs));
      if (s.ok()) f.at_fit.Add(*s, regime_of(n, last_obs), "not_accepted");
    }
    f.fits_scored = true;
    const ErrorSummary a = f.at_fit.Summary();
    say(absl::StrFormat("%s fits: %d of %zu observed objects accepted; error at the fit epoch median %.0f m, "
                        "p95 %.0f m", f.night, f.accepted, f.observed.size(), a.error_m.median, a.error_m.p95));
    return absl::OkStatus();
  };
  // Every object at the next night's start, by the catalog and untouched.
  auto score_prediction = [&](NightFigures& f) {
    std::vector<int> ids;
    for (const auto& [n, e] : elements) {
      if (truth->Has(n)) ids.push_back(n);
    }
    absl::Mutex mu;
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t k = next++; k < ids.size(); k = next++) {
        std::string source;
        const astro::OrbitRegime r = regime_of(ids[k], f.predict_at);
        auto s = predicted(ids[k], f.predict_at, &source, f.night, "next_night", r);
        absl::MutexLock l(&mu);
        if (s.ok()) {
          f.predicted.Add(*s, r, source == "OD_STATE" ? "od_state" : "elements");
        } else {
          ++f.prediction_failed;
        }
      }
    };
    std::thread helper(work);
    work();
    helper.join();
    for (int n : ids) {
      auto x = truth->StateAt(n, f.predict_at);
      auto p = operations::CatalogPredictionAt(**untouched, n, f.predict_at, settings->fit);
      if (!x.ok() || !p.ok()) {
        ++f.baseline_failed;
        continue;
      }
      const Eigen::Matrix3d c = p->covariance->topLeftCorner<3, 3>();
      const simulation::ErrorSample e = simulation::ScoreEstimate(*x, p->state.position_m, &c);
      f.baseline.Add(e, regime_of(n, f.predict_at), "elements");
      csv_row(f.night, "untouched", n, regime_of(n, f.predict_at), "elements", e, &*x, &c, f.predict_at);
    }
    f.prediction_scored = true;
    const ErrorSummary p = f.predicted.Summary(), od_only = f.predicted.Summary("od_state");
    say(absl::StrFormat("predicted %zu objects (%zu with an OD state): median %.0f m, p95 %.0f m; custody "
                        "%.1f%% (OD state %.1f%%), inside 99%% %.1f%%",
                        p.count, od_only.count, p.error_m.median, p.error_m.p95, Share(p.custody, p.count),
                        Share(od_only.custody, od_only.count), Share(p.inside_99, p.count)));
  };
  // The loop: the clock moves; every sensor runs the tasks that have ended.
  astro::Epoch now = clock_start;
  sstrack::v1::CycleStatus status;
  auto advance = [&](const astro::Epoch& t, double* wall_s) -> absl::Status {
    const absl::Time w0 = absl::Now();
    sstrack::v1::AdvanceClockRequest req;
    req.set_to_utc(astro::FormatIsoUtc(t, 3));
    grpc::ClientContext ctx;
    op(&ctx, 3600);
    grpc::Status st = cycle->AdvanceClock(&ctx, req, &status);
    if (!st.ok()) return absl::UnavailableError(absl::StrCat("AdvanceClock: ", st.error_message()));
    if (!status.last_error().empty()) say(absl::StrCat("cycle: ", status.last_error()));
    if (wall_s) *wall_s += absl::ToDoubleSeconds(absl::Now() - w0);
    now = *astro::ParseIsoUtc(req.to_utc());
    return absl::OkStatus();
  };
  if (absl::Status s = advance(clock_start, &nights[0].cycle_wall_s); !s.ok()) return s;
  std::map<std::string, std::string> phase_told;
  std::map<std::string, NightFigures> extra_nights;
  for (int guard = 0; guard < 100000; ++guard) {
    std::map<std::string, const sstrack::v1::CycleNight*> by_night;
    for (const sstrack::v1::CycleNight& n : status.nights()) by_night[n.night()] = &n;
    std::optional<astro::Epoch> earliest_pending_end;
    NightFigures* oldest_open = nullptr;
    // The nights after the last scored one are observed too (sensors keep
    // working while the last night's fits finish), not scored.
    std::vector<NightFigures*> open_nights;
    for (NightFigures& f : nights) open_nights.push_back(&f);
    for (const auto& [name, n] : by_night) {
      if (name > nights.back().night) {
        NightFigures& extra = extra_nights[name];
        extra.night = name;
        extra.fits_scored = extra.prediction_scored = true;
        open_nights.push_back(&extra);
      }
    }
    for (NightFigures* fp : open_nights) {
      NightFigures& f = *fp;
      auto it = by_night.find(f.night);
      if (it == by_night.end()) continue;
      const sstrack::v1::CycleNight& n = *it->second;
      const bool extra = f.night > nights.back().night;
      if (phase_told[f.night] != n.phase()) {
        phase_told[f.night] = n.phase();
        say(absl::StrFormat("%s %s: %s (%.0f s)", astro::FormatIsoUtc(now, 0), f.night, n.phase(),
                            absl::ToDoubleSeconds(absl::Now() - wall0)));
      }
      if (n.phase() == "DONE") {
        if (!f.fits_scored && !extra) {
          f.status = n;
          if (absl::Status s = score_fits(f); !s.ok()) return s;
        }
        continue;
      }
      if (!oldest_open && !extra) oldest_open = &f;
      if (n.phase() != "PLANNED" && n.phase() != "OBSERVING") continue;
      for (auto& sim : sims) {
        auto tasks = sim->FetchTasks(f.night);
        if (!tasks.ok()) return tasks.status();
        AckCallback ack = [&](const sstrack::v1::SubmitObservationsRequest& r) {
          for (const sstrack::v1::Observation& ob : r.observations()) {
            auto t = astro::ParseIsoUtc(ob.epoch_utc());
            if (!t.ok()) continue;
            auto [pos, fresh] = f.observed.emplace(ob.catalog_number(), *t);
            if (!fresh && pos->second < *t) pos->second = *t;
          }
        };
        if (absl::Status s = sim->Execute(*tasks, *truth, now, &f.sensors, ack); !s.ok()) return s;
        for (const sstrack::v1::Task& task : tasks->tasks()) {
          if (task.status() != "PLANNED" && task.status() != "SENT") continue;
          auto end = astro::ParseIsoUtc(task.end_utc());
          if (!end.ok() || !(*end - now > 0)) continue;  // run just now
          if (!earliest_pending_end || *end < *earliest_pending_end) earliest_pending_end = *end;
        }
      }
    }
    for (NightFigures& f : nights) {
      if (!f.prediction_scored && now - (f.predict_at - lead_s - 1.0) >= 0) {
        say(absl::StrCat("scoring the catalog's prediction for ", astro::FormatIsoUtc(f.predict_at, 0)));
        score_prediction(f);
      }
    }
    bool finished = true;
    for (const NightFigures& f : nights) finished = finished && f.fits_scored && f.prediction_scored;
    if (finished) break;
    // The next stop: within 200 s of the earliest task's end (its report
    // well inside the cycle's data margin and outage rule), at most 540 s
    // while tasks are pending, 1800 s when idle; just before each scoring.
    astro::Epoch next = now + (earliest_pending_end ? 540.0 : 1800.0);
    if (earliest_pending_end && *earliest_pending_end + 200.0 < next) next = *earliest_pending_end + 200.0;
    for (const NightFigures& f : nights) {
      const astro::Epoch stop = f.predict_at - lead_s - 1.0;
      if (!f.prediction_scored && stop - now > 0 && stop < next) next = stop;
    }
    double ignored = 0;
    if (absl::Status s = advance(next, oldest_open ? &oldest_open->cycle_wall_s : &ignored); !s.ok()) return s;
  }
  (*server)->Shutdown();
  const double elapsed = absl::ToDoubleSeconds(absl::Now() - wall0);
  // Report.
  std::string truth_model = absl::StrFormat(
      "GRIM4-S4 %dx%d, Sun, Moon, relativity, Harris-Priester drag exponent %.0f with per-object "
      "Cd*A/m x a density factor in [%.1f, %.1f] drawn per object and day, per-object Cr*A/m, per-sensor biases, detection in the "
      "field/beam with RCS",
      world->options.degree, world->options.degree, world->options.harris_priester_exponent,
      world->options.density_factor_min, world->options.density_factor_max);
  if (o.json) {
    std::vector<std::string> js;
    for (const NightFigures& f : nights) {
      const sstrack::v1::CycleNight& c = f.status;
      int planned = 0, done = 0, not_found = 0, missed = 0, cancelled = 0;
      for (const auto& s : c.sensors()) {
        planned += s.tasks_planned() + s.tasks_sent() + s.tasks_done() + s.tasks_missed() +
                   s.tasks_not_found() + s.tasks_failed() + s.tasks_cancelled();
        done += s.tasks_done();
        not_found += s.tasks_not_found();
        missed += s.tasks_missed();
        cancelled += s.tasks_cancelled();
      }
      std::vector<std::string> regimes;
      for (const char* r : kRegimes) {
        const ErrorSummary s = f.predicted.Summary(r);
        if (s.count) regimes.push_back(absl::StrCat(JsonString(r), ":", SummaryJson(s)));
      }
      js.push_back(absl::StrCat(
          "{\"night\":", JsonString(f.night), ",\"tasks\":", planned, ",\"tasks_done\":", done,
          ",\"tasks_not_found\":", not_found, ",\"tasks_missed\":", missed, ",\"tasks_cancelled\":", cancelled,
          ",\"observations\":", f.sensors.inserted, ",\"objects_observed\":", f.observed.size(),
          ",\"fits_accepted\":", c.fits_converged(), ",\"fits_rejected\":", c.fits_rejected(),
          ",\"fits_diverged\":", c.fits_diverged(), ",\"fits_failed\":", c.fits_failed(),
          ",\"accepted_share_pct\":", JsonNumber(Round1(Share(f.accepted, f.observed.size()))),
          ",\"at_fit_epoch\":", SummaryJson(f.at_fit.Summary()),
          ",\"next_night\":{\"epoch_utc\":", JsonString(astro::FormatIsoUtc(f.predict_at, 0)),
          ",\"all\":", SummaryJson(f.predicted.Summary()), ",\"od_state\":",
          SummaryJson(f.predicted.Summary("od_state")), ",\"elements\":",
          SummaryJson(f.predicted.Summary("elements")), ",\"by_regime\":{", absl::StrJoin(regimes, ","),
          "},\"prediction_failed\":", f.prediction_failed, "},\"untouched_catalog\":",
          SummaryJson(f.baseline.Summary()), ",\"cycle_wall_s\":", JsonNumber(Round1(f.cycle_wall_s)), "}"));
    }
    std::fprintf(out,
                 "{\"seed\":%d,\"objects\":%zu,\"sensors\":%zu,\"truth_model\":%s,\"fit_model\":%s,"
                 "\"truth_ephemeris_s\":%s,\"elapsed_s\":%s,\"nights\":[%s]}\n",
                 o.seed, sets.size(), net->size(), JsonString(truth_model).c_str(),
                 JsonString(settings->fit_description).c_str(), JsonNumber(Round1(truth_s)).c_str(),
                 JsonNumber(Round1(elapsed)).c_str(), absl::StrJoin(js, ",").c_str());
    return absl::OkStatus();
  }
  std::fprintf(out, "sstrack demo — %d night(s) of the autonomous cycle over gRPC (sstrackd on %s)\n",
               o.nights, address.c_str());
  std::fprintf(out, "catalog: %zu objects (%s), %zu sensors, seed %d\n", sets.size(), element_file.c_str(),
               net->size(), o.seed);
  std::fprintf(out, "truth: %s\n", truth_model.c_str());
  std::fprintf(out, "fit (the server's defaults, docs/CONFIG.md):\n  %s\n",
               absl::StrJoin(absl::StrSplit(settings->fit_description, '\n'), "\n  ").c_str());
  for (const NightFigures& f : nights) {
    const sstrack::v1::CycleNight& c = f.status;
    int done = 0, not_found = 0, missed = 0, total = 0;
    for (const auto& s : c.sensors()) {
      total += s.tasks_planned() + s.tasks_sent() + s.tasks_done() + s.tasks_missed() + s.tasks_not_found() +
               s.tasks_failed() + s.tasks_cancelled();
      done += s.tasks_done();
      not_found += s.tasks_not_found();
      missed += s.tasks_missed();
    }
    std::fprintf(out, "\nnight %s: %d tasks (%d done, %d not found, %d missed), %d observations, %zu objects observed\n",
                 f.night.c_str(), total, done, not_found, missed, f.sensors.inserted, f.observed.size());
    std::fprintf(out, "  fits: %d accepted, %d rejected, %d diverged, %d could not run; %.1f%% of the observed objects accepted\n",
                 c.fits_converged(), c.fits_rejected(), c.fits_diverged(), c.fits_failed(),
                 Share(f.accepted, f.observed.size()));
    const ErrorSummary a = f.at_fit.Summary();
    std::fprintf(out, "  error at the fit epoch, all %zu observed objects: median %.0f m, p95 %.0f m; "
                 "%.1f%% inside their 99%% ellipsoid\n",
                 a.count, a.error_m.median, a.error_m.p95, Share(a.inside_99, a.with_covariance));
    std::fprintf(out, "  predicted at the next night's start (%s):\n", astro::FormatIsoUtc(f.predict_at, 0).c_str());
    std::fprintf(out, "  %-22s %5s %9s %9s %9s %9s %9s %8s %8s\n", "", "objs", "median m", "p95 m", "p95 R",
                 "p95 I", "p95 C", "custody", "in 99%");
    std::fprintf(out, "%s", Row("catalog", f.predicted.Summary()).c_str());
    std::fprintf(out, "%s", Row("  with an OD state", f.predicted.Summary("od_state")).c_str());
    std::fprintf(out, "%s", Row("  element set only", f.predicted.Summary("elements")).c_str());
    for (const char* r : kRegimes) {
      const ErrorSummary s = f.predicted.Summary(r);
      if (s.count) std::fprintf(out, "%s", Row(absl::StrCat("  ", r), s).c_str());
    }
    std::fprintf(out, "%s", Row("untouched catalog", f.baseline.Summary()).c_str());
    if (f.prediction_failed) std::fprintf(out, "  (%d objects could not be predicted)\n", f.prediction_failed);
    std::fprintf(out, "  the cycle's own work (AdvanceClock): %.1f s\n", f.cycle_wall_s);
  }
  std::fprintf(out, "\ntime: %.1f s (truth ephemeris %.1f s)%s\n", elapsed, truth_s,
               remove_dir ? "" : absl::StrCat("; database, tokens in ", dir).c_str());
  return absl::OkStatus();
}

}  // namespace sstrack::cli
