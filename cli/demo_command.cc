// Copyright sstrack authors.
#include "cli/demo_command.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <Eigen/Cholesky>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "cli/cli_common.h"
#include "cli/simulate_command.h"
#include "simulation/truth_scenario.h"
#include "proto/sstrack/v1/sstrack.grpc.pb.h"
#include "service/config_loader.h"
#include "service/server.h"
#include "service/server_config.h"

namespace sstrack::cli {
namespace {

std::string RandomToken(std::mt19937_64& rng) {
  return absl::StrFormat("%016x%016x", rng(), rng());
}

struct Percentiles {
  double median = 0, p95 = 0;
};

// Nearest-rank percentiles.
Percentiles Stats(std::vector<double> v) {
  Percentiles p;
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  auto rank = [&](double q) {
    const size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::clamp<size_t>(k, 1, v.size()) - 1];
  };
  p.median = v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
  p.p95 = rank(0.95);
  return p;
}

std::string PJson(const Percentiles& p) {
  return absl::StrCat("{\"median\":", JsonNumber(std::round(p.median * 10) / 10), ",\"p95\":",
                      JsonNumber(std::round(p.p95 * 10) / 10), "}");
}

}  // namespace

absl::Status RunDemo(const DemoOptions& o, std::FILE* out, std::FILE* err) {
  const absl::Time wall0 = absl::Now();
  const std::string cfg = o.config_dir.empty() ? "config" : o.config_dir;
  auto net = service::LoadSensorNetwork(cfg + "/sensors.textproto");
  if (!net.ok()) return net.status();
  const std::string element_file = cfg + "/catalog-2018-01.3le";
  auto elements = ReadElementsByNumber(element_file);
  if (!elements.ok()) return elements.status();
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
    std::filesystem::remove(dir + "/sstrack.db", ec);
    std::filesystem::remove(dir + "/sstrack.db-wal", ec);
    std::filesystem::remove(dir + "/sstrack.db-shm", ec);
  }
  struct Cleanup {
    std::string dir;
    bool on;
    ~Cleanup() {
      std::error_code ec;
      if (on) std::filesystem::remove_all(dir, ec);
    }
  } cleanup{dir, remove_dir};
  // The catalog.
  std::vector<astro::MeanElements> sets;
  std::vector<astro::Epoch> epochs;
  for (const auto& [n, e] : *elements) {
    sets.push_back(e);
    epochs.push_back(e.epoch);
  }
  {
    auto cat = catalog::Catalog::Open(dir + "/sstrack.db");
    if (!cat.ok()) return cat.status();
    auto imp = (*cat)->ImportElements(sets, catalog::StateSource::kTle, element_file);
    if (!imp.ok()) return imp.status();
  }
  std::nth_element(epochs.begin(), epochs.begin() + static_cast<long>(epochs.size() / 2), epochs.end());
  const std::string night = astro::FormatIsoUtc(epochs[epochs.size() / 2], 0).substr(0, 10);
  // Tokens (hashed on disk) and the server.
  std::mt19937_64 rng(std::random_device{}());
  service::ServiceConfig sc;
  sc.db_path = dir + "/sstrack.db";
  sc.network = *net;
  // The server's clock (its ingest window): two days after the night began,
  // when every sensor's night is over.
  auto night_day = astro::ParseIsoUtc(night);
  if (!night_day.ok()) return night_day.status();
  sc.cycle.simulated_clock = true;
  sc.cycle.simulated_start = *night_day + 2 * 86400.0;
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
  // The fit: the server's built-in defaults (docs/CONFIG.md). The sky: the
  // simulated world, whose forces the fit does not share.
  auto settings = service::DefaultServerSettings(cfg);
  if (!settings.ok()) return settings.status();
  sc.fit = settings->fit;
  auto world = simulation::DefaultWorld(cfg);
  if (!world.ok()) return world.status();
  auto server = service::Server::Start(std::move(sc), {});
  if (!server.ok()) return server.status();
  const std::string address = absl::StrCat("127.0.0.1:", (*server)->port());
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  auto say = [&](const std::string& s) {
    if (!o.json) std::fprintf(err, "demo: %s\n", s.c_str());
  };
  say(absl::StrCat("sstrackd on ", address, ", catalog of ", sets.size(), " objects in ", dir));
  // Plan, as the operator.
  auto op = [&](grpc::ClientContext* ctx) {
    ctx->AddMetadata("authorization", absl::StrCat("Bearer ", op_token));
  };
  sstrack::v1::Plan plan;
  {
    auto planning = sstrack::v1::PlanningService::NewStub(channel);
    sstrack::v1::RunPlanRequest req;
    req.set_night(night);
    req.set_time_limit_s(o.plan_time_limit_s);
    grpc::ClientContext ctx;
    op(&ctx);
    grpc::Status st = planning->RunPlan(&ctx, req, &plan);
    if (!st.ok()) return absl::InternalError(absl::StrCat("RunPlan: ", st.error_message()));
  }
  say(absl::StrCat("planned ", plan.tasks_size(), " tasks for the night of ", night));
  // Every sensor, as itself, in parallel.
  std::vector<absl::StatusOr<SimulateSummary>> sims(net->size(), absl::UnknownError("not run"));
  {
    std::vector<std::thread> threads;
    for (size_t k = 0; k < net->size(); ++k) {
      threads.emplace_back([&, k] {
        sims[k] = SimulateSensorNight(channel, tokens[(*net)[k].name()], (*net)[k], *elements,
                                      night, *world);
      });
    }
    for (std::thread& t : threads) t.join();
  }
  SimulateSummary total;
  for (size_t k = 0; k < net->size(); ++k) {
    if (!sims[k].ok()) return sims[k].status();
    total.tasks_executed += sims[k]->tasks_executed;
    total.observations_sent += sims[k]->observations_sent;
    total.inserted += sims[k]->inserted;
    total.not_found += sims[k]->not_found;
  }
  say(absl::StrCat(total.tasks_executed, " tasks executed, ", total.not_found, " not found, ",
                   total.inserted, " observations ingested"));
  // Fit the observed objects (as the operator).
  std::set<int> observed;
  for (const sstrack::v1::Task& t : plan.tasks()) observed.insert(t.catalog_number());
  auto odstub = sstrack::v1::OrbitDeterminationService::NewStub(channel);
  auto ref = astro::ParseIsoUtc(plan.night_start_utc());
  if (!ref.ok()) return ref.status();
  std::vector<int> to_fit(observed.begin(), observed.end());
  if (o.max_fits > 0 && static_cast<int>(to_fit.size()) > o.max_fits) to_fit.resize(static_cast<size_t>(o.max_fits));
  const int fitted = static_cast<int>(to_fit.size());
  std::vector<sstrack::v1::OdRun> runs(to_fit.size());
  // One byte per fit (std::vector<bool> packs bits: writes from two threads race).
  std::vector<char> ran(to_fit.size(), 0);
  std::vector<std::string> why_not(to_fit.size());  // the FitObject error, when it failed
  {
    // Two client threads: the server solves fits outside its catalog lock.
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < 2; ++w) {
      threads.emplace_back([&] {
        for (size_t k = next++; k < to_fit.size(); k = next++) {
          sstrack::v1::FitObjectRequest req;
          req.set_catalog_number(to_fit[k]);
          grpc::ClientContext ctx;
          op(&ctx);
          const grpc::Status st = odstub->FitObject(&ctx, req, &runs[k]);
          ran[k] = st.ok();
          if (!st.ok()) why_not[k] = st.error_message();
        }
      });
    }
    for (std::thread& t : threads) t.join();
  }
  // Why fits could not run, most frequent first (numbers stripped).
  {
    std::map<std::string, int> reasons;
    for (const std::string& w : why_not) {
      if (w.empty()) continue;
      std::string key;
      for (char c : w) key += (c >= '0' && c <= '9') ? '#' : c;
      while (key.find("##") != std::string::npos) key.replace(key.find("##"), 2, "#");
      ++reasons[key];
    }
    std::vector<std::pair<int, std::string>> by_count;
    for (const auto& [k, n] : reasons) by_count.emplace_back(n, k);
    std::sort(by_count.rbegin(), by_count.rend());
    for (size_t i = 0; i < by_count.size() && i < 3; ++i) {
      say(absl::StrCat("not fitted (", by_count[i].first, "): ", by_count[i].second));
    }
  }
  int accepted = 0, rejected = 0, not_fitted = 0;
  std::vector<double> before, after;
  // Honesty of the accepted fits' covariances: the squared Mahalanobis
  // distance of each position error (χ² with 3 degrees of freedom).
  std::vector<double> position_nees;
  for (size_t k = 0; k < to_fit.size(); ++k) {
    if (!ran[k]) {  // too few measurements: the catalog keeps its element set
      ++not_fitted;
      continue;
    }
    const sstrack::v1::OdRun& run = runs[k];
    const bool ok = run.status() == "CONVERGED";
    ok ? ++accepted : ++rejected;
    auto t = astro::ParseIsoUtc(run.epoch_utc());
    const astro::MeanElements& el = elements->at(to_fit[k]);
    auto truth = simulation::MakeTruthOrbit(el, *ref, world->truth);
    if (!t.ok() || !truth.ok()) continue;
    const astro::ForceModelOptions truth_forces = simulation::ObjectForceModel(
        world->forces, simulation::DrawObjectPhysics(to_fit[k], world->options));
    auto at = simulation::TruthStatesAt(*truth, truth_forces, {*t});
    auto cat_state = simulation::Sgp4StateGcrf(el, *t);
    if (!at.ok() || !cat_state.ok()) continue;
    const double e0 = ((*at)[0].position_m - cat_state->position_m).norm();
    double e1 = e0;
    if (ok && run.position_gcrf_m_size() == 3) {
      const Eigen::Vector3d p(run.position_gcrf_m(0), run.position_gcrf_m(1), run.position_gcrf_m(2));
      e1 = ((*at)[0].position_m - p).norm();
      if (run.position_covariance_gcrf_m2_size() == 9) {
        const Eigen::Matrix3d c =
            Eigen::Map<const Eigen::Matrix<double, 3, 3, Eigen::RowMajor>>(run.position_covariance_gcrf_m2().data());
        const Eigen::Vector3d d = p - (*at)[0].position_m;
        position_nees.push_back(d.dot(c.ldlt().solve(d)));
      }
    }
    before.push_back(e0);
    after.push_back(e1);
  }
  (*server)->Shutdown();
  const Percentiles pb = Stats(before), pa = Stats(after);
  // χ²₃ 99th percentile: 11.345.
  const auto inside = std::count_if(position_nees.begin(), position_nees.end(),
                                    [](double q) { return q <= 11.345; });
  double nees_sum = 0;
  for (double q : position_nees) nees_sum += q;
  const double mean_nees = position_nees.empty() ? 0.0 : nees_sum / position_nees.size();
  const double elapsed = absl::ToDoubleSeconds(absl::Now() - wall0);
  const bool limited = o.max_fits > 0 && static_cast<int>(observed.size()) > o.max_fits;
  if (o.json) {
    std::fprintf(out,
                 "{\"night\":%s,\"objects\":%zu,\"sensors\":%zu,\"tasks_planned\":%d,"
                 "\"tasks_executed\":%d,\"tasks_not_found\":%d,\"observations_ingested\":%d,\"objects_observed\":%zu,"
                 "\"objects_fitted\":%d,\"fit_limit\":%d,\"fits_accepted\":%d,\"fits_rejected\":%d,"
                 "\"too_few_observations\":%d,"
                 "\"error_before_m\":%s,\"error_after_m\":%s,\"covariance_checked\":%zu,"
                 "\"inside_99pct\":%ld,\"mean_position_nees\":%s,\"elapsed_s\":%s}\n",
                 JsonString(night).c_str(), sets.size(), net->size(), plan.tasks_size(),
                 total.tasks_executed, total.not_found, total.inserted, observed.size(), fitted, o.max_fits,
                 accepted, rejected, not_fitted, PJson(pb).c_str(), PJson(pa).c_str(),
                 position_nees.size(), static_cast<long>(inside),
                 JsonNumber(std::round(mean_nees * 100) / 100).c_str(),
                 JsonNumber(std::round(elapsed * 10) / 10).c_str());
    return absl::OkStatus();
  }
  std::fprintf(out, "sstrack demo — one night of the loop over gRPC (sstrackd on %s)\n", address.c_str());
  std::fprintf(out, "catalog: %zu objects (%s), %zu sensors, night of %s\n", sets.size(),
               element_file.c_str(), net->size(), night.c_str());
  std::fprintf(out, "tasks planned: %d, executed: %d, not found: %d\n", plan.tasks_size(),
               total.tasks_executed, total.not_found);
  std::fprintf(out, "truth: %s; fit: the server's defaults (docs/CONFIG.md)\n",
               "GRIM4-S4 36x36, Sun, Moon, relativity, HP drag exponent 6 with per-object "
               "Cd·A/m x density factor [0.5, 1.5], per-object Cr·A/m, sensor biases");
  std::fprintf(out, "observations ingested: %d\n", total.inserted);
  std::fprintf(out, "objects observed: %zu; fitted: %d%s\n", observed.size(), fitted,
               limited ? absl::StrCat(" (limited to --max-fits ", o.max_fits,
                                      ", lowest catalog numbers first)").c_str()
                       : "");
  std::fprintf(out, "fits accepted: %d, rejected: %d (not fitted, too few observations: %d)\n",
               accepted, rejected, not_fitted);
  std::fprintf(out, "catalog position error against truth (at each fit epoch, %zu objects):\n",
               before.size());
  std::fprintf(out, "  before: median %.1f m, 95th percentile %.1f m\n", pb.median, pb.p95);
  std::fprintf(out, "  after:  median %.1f m, 95th percentile %.1f m\n", pa.median, pa.p95);
  std::fprintf(out,
               "accepted fits' covariances: %ld of %zu position errors inside their 99%% ellipsoid "
               "(%.1f%%), mean squared Mahalanobis distance %.2f (3 for an honest covariance)\n",
               static_cast<long>(inside), position_nees.size(),
               position_nees.empty() ? 0.0 : 100.0 * inside / position_nees.size(), mean_nees);
  std::fprintf(out, "time: %.1f s%s\n", elapsed,
               remove_dir ? "" : absl::StrCat("; database, tokens in ", dir).c_str());
  return absl::OkStatus();
}

}  // namespace sstrack::cli
