// Copyright sstrack authors.
//
// `sstrack` — the operator command. Flags and wiring only: every command is a
// library function taking a plain options struct (see cli/*_command.h).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "cli/catalog_command.h"
#include "cli/convert_state_command.h"
#include "cli/demo_command.h"
#include "cli/simulate_command.h"
#include "cli/status_command.h"
#include "auth/auth.h"
#include "cli/look_command.h"
#include "cli/od_command.h"
#include "cli/passes_command.h"
#include "cli/plan_command.h"
#include "cli/propagate_command.h"
#include "cli/sensors_command.h"

namespace {

constexpr char kVersion[] = "sstrack 0.1.0";

int Finish(const absl::Status& s) {
  if (s.ok()) return 0;
  std::fprintf(stderr, "sstrack: error: %s\n", std::string(s.message()).c_str());
  return s.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"sstrack — ground-based space surveillance: catalog, "
               "propagation, frames, tasking and orbit determination"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  absl::Status status;

  sstrack::cli::DemoOptions demo;
  if (const char* d = std::getenv("SSTRACK_CONFIG_DIR")) demo.config_dir = d;
  CLI::App* demo_cmd = app.add_subcommand(
      "demo", "Run the main job on built-in defaults (see README)");
  demo_cmd->add_option("--config-dir", demo.config_dir,
                       "Directory holding the shipped config (default: "
                       "$SSTRACK_CONFIG_DIR or ./config)");
  demo_cmd->add_option("--keep", demo.keep_dir,
                       "Keep the database and tokens in this directory (default: a "
                       "temporary directory, removed)");
  demo_cmd->add_option("--nights", demo.nights, "Nights of the autonomous cycle (default 3)");
  demo_cmd->add_option("--seed", demo.seed, "The simulated sky's seed (default 2018)");
  demo_cmd->add_option("--objects", demo.objects,
                       "Only the N lowest catalog numbers of the shipped catalog (default 0: all)");
  demo_cmd->add_flag("--json", demo.json, "Print one JSON object");
  demo_cmd->add_option("--objects-csv", demo.objects_csv,
                       "Also write every object's score per night to this CSV file "
                       "(docs/CLI.md)");
  demo_cmd->callback(
      [&] { status = sstrack::cli::RunDemo(demo, stdout, stderr); });

  sstrack::cli::ConvertStateOptions conv;
  CLI::App* conv_cmd = app.add_subcommand(
      "convert-state", "Move a state (km, km/s) between frames at a UTC epoch");
  conv_cmd->add_option("--from", conv.from, "gcrf | eme2000 | itrf | teme")
      ->required();
  conv_cmd->add_option("--to", conv.to, "gcrf | eme2000 | itrf | teme")
      ->required();
  conv_cmd->add_option("--epoch", conv.epoch_iso,
                       "UTC, ISO-8601 (2016-12-31T23:59:60.5Z)")
      ->required();
  conv_cmd->add_option("--state", conv.state, "x,y,z,vx,vy,vz in km and km/s")
      ->required();
  conv_cmd->add_option("--eop", conv.eop_files,
                       "IERS finals2000A or Bulletin B file(s); none: zero EOP");
  conv_cmd->add_flag("--json", conv.json, "Print one JSON object");
  conv_cmd->callback(
      [&] { status = sstrack::cli::RunConvertState(conv, stdout, stderr); });

  sstrack::cli::PropagateOptions prop;
  CLI::App* prop_cmd = app.add_subcommand(
      "propagate",
      "Ephemerides: SGP4/SDP4 from a TLE/OMM file or catalog objects, or numerical "
      "(Cowell) from a GCRF state or a catalog object");
  prop_cmd->add_option("ids", prop.ids, "catalog numbers (from --db)");
  prop_cmd->add_option("--db", prop.db, "catalog file (default ./sstrack.db)");
  prop_cmd->add_option("--tle", prop.tle_file, "TLE (2/3-line) or CCSDS OMM file");
  prop_cmd->add_option("--model", prop.model, "sgp4 (default) | numerical");
  prop_cmd->add_option("--state", prop.state,
                       "numerical: initial EPOCH_ISO,x,y,z,vx,vy,vz in GCRF km, km/s");
  prop_cmd->add_option("--start", prop.start_iso, "UTC, ISO-8601")->required();
  prop_cmd->add_option("--end", prop.end_iso, "UTC, ISO-8601")->required();
  prop_cmd->add_option("--step", prop.step_s, "seconds (> 0)")->required();
  prop_cmd->add_option("--frame", prop.frame,
                       "teme | gcrf | itrf | eme2000 (default teme for sgp4, gcrf for numerical)");
  prop_cmd->add_option("--format", prop.format, "csv (default) | table | json");
  prop_cmd->add_option("--eop", prop.eop_files,
                       "IERS finals2000A or Bulletin B file(s); none: zero EOP with a warning");
  std::string gravity, de;
  int degree = 0, order = 0;
  double drag = 0, srp = 0;
  bool sun = false, moon = false, rel = false;
  prop_cmd->add_option("--model-file", prop.force.model_file,
                       "numerical: force model file (key = value; flags win)");
  CLI::Option* o_grav = prop_cmd->add_option("--gravity", gravity, "numerical: ICGEM .gfc file");
  CLI::Option* o_deg = prop_cmd->add_option("--degree", degree, "gravity degree (0 = two-body)");
  CLI::Option* o_ord = prop_cmd->add_option("--order", order, "gravity order (default = degree)");
  CLI::Option* o_sun = prop_cmd->add_flag("--sun", sun, "Sun point mass");
  CLI::Option* o_moon = prop_cmd->add_flag("--moon", moon, "Moon point mass");
  CLI::Option* o_rel = prop_cmd->add_flag("--relativity", rel, "Schwarzschild term");
  CLI::Option* o_drag = prop_cmd->add_option("--drag-cda-m", drag,
                                             "Harris-Priester drag, Cd*A/m in m^2/kg");
  CLI::Option* o_srp = prop_cmd->add_option("--srp-cra-m", srp,
                                            "solar radiation pressure, Cr*A/m in m^2/kg");
  CLI::Option* o_de = prop_cmd->add_option("--de", de, "JPL DE binary for Sun/Moon (else ERFA)");
  prop_cmd->add_option("--sigma", prop.sigma,
                       "numerical: initial 1-sigma POS_M,VEL_M_S; adds RIC sigma columns");
  prop_cmd->callback([&] {
    auto& f = prop.force;
    if (o_grav->count()) f.gravity_file = gravity;
    if (o_deg->count()) f.degree = degree;
    if (o_ord->count()) f.order = order;
    if (o_sun->count()) f.sun = sun;
    if (o_moon->count()) f.moon = moon;
    if (o_rel->count()) f.relativity = rel;
    if (o_drag->count()) f.drag_cda_m = drag;
    if (o_srp->count()) f.srp_cra_m = srp;
    if (o_de->count()) f.de_file = de;
    status = sstrack::cli::RunPropagate(prop, stdout, stderr);
  });

  sstrack::cli::LookOptions look;
  CLI::App* look_cmd = app.add_subcommand(
      "look", "Where to point at objects from a site at an instant (az/el, range, RA/Dec, sunlit)");
  look_cmd->add_option("--site", look.site, "LAT_DEG,LON_DEG,ALT_M (WGS-84)")->required();
  look_cmd->add_option("ids", look.ids, "catalog numbers (from --db)");
  look_cmd->add_option("--db", look.db, "catalog file (default ./sstrack.db)");
  look_cmd->add_option("--tle", look.tle_file, "TLE or OMM file instead of catalog numbers");
  look_cmd->add_option("--at", look.at_iso, "UTC, ISO-8601")->required();
  look_cmd->add_option("--eop", look.eop_files, "IERS finals2000A or Bulletin B file(s)");
  look_cmd->add_flag("--json", look.json, "Print a JSON array");
  look_cmd->callback([&] { status = sstrack::cli::RunLook(look, stdout, stderr); });

  // Force-model flags shared by od run / od simulate.
  struct ForceFlagValues {
    std::string gravity, de, empirical_accel;
    int degree = 0, order = 0;
    double drag = 0, srp = 0;
    bool sun = false, moon = false, rel = false;
    CLI::Option *o_grav, *o_deg, *o_ord, *o_sun, *o_moon, *o_rel, *o_drag, *o_srp, *o_de, *o_emp;
    void Add(CLI::App* c, sstrack::cli::ForceModelFlags* f) {
      c->add_option("--model-file", f->model_file, "force model file (key = value; flags win)");
      o_grav = c->add_option("--gravity", gravity, "ICGEM .gfc gravity field");
      o_deg = c->add_option("--degree", degree, "gravity degree (0 = two-body)");
      o_ord = c->add_option("--order", order, "gravity order (default = degree)");
      o_sun = c->add_flag("--sun", sun, "Sun point mass");
      o_moon = c->add_flag("--moon", moon, "Moon point mass");
      o_rel = c->add_flag("--relativity", rel, "Schwarzschild term");
      o_drag = c->add_option("--drag-cda-m", drag, "Harris-Priester drag, Cd*A/m in m^2/kg");
      o_srp = c->add_option("--srp-cra-m", srp, "solar radiation pressure, Cr*A/m in m^2/kg");
      o_de = c->add_option("--de", de, "JPL DE binary for Sun/Moon (else ERFA)");
      o_emp = c->add_option("--empirical-accel", empirical_accel,
                            "known empirical accelerations AXIS[:SHAPE]=M_S2,... (R,T,N or X,Y,Z; "
                            "const, cos, sin), e.g. T=1e-7 (a leak)");
    }
    void Apply(sstrack::cli::ForceModelFlags* f) const {
      if (o_grav->count()) f->gravity_file = gravity;
      if (o_deg->count()) f->degree = degree;
      if (o_ord->count()) f->order = order;
      if (o_sun->count()) f->sun = sun;
      if (o_moon->count()) f->moon = moon;
      if (o_rel->count()) f->relativity = rel;
      if (o_drag->count()) f->drag_cda_m = drag;
      if (o_srp->count()) f->srp_cra_m = srp;
      if (o_de->count()) f->de_file = de;
      if (o_emp->count()) f->empirical_accel = empirical_accel;
    }
  };

  CLI::App* od_cmd = app.add_subcommand("od", "Orbit determination (batch least squares)");
  od_cmd->require_subcommand(1);
  sstrack::cli::OdRunOptions od;
  ForceFlagValues od_force;
  CLI::App* od_run = od_cmd->add_subcommand("run", "Fit an orbit to CCSDS TDM measurements");
  od_run->add_option("id", od.id, "catalog number (reads its state, stores the run)");
  od_run->add_option("--db", od.db, "catalog file (default ./sstrack.db)");
  od_run->add_option("--tdm", od.tdm_files, "CCSDS TDM file(s) (KVN or XML)");
  od_run->add_option("--case", od.case_file,
                     "a laser-ranging case file (e.g. tests/od_cases/lageos2.case)");
  od_run->add_option("--sites", od.sites_file,
                     "CSV name,lat_deg,lon_deg,alt_m[,atmosphere] for TDM participants "
                     "(atmosphere: none, optical or radio)");
  od_run->add_option("--config", od.config,
                     "sensor network textproto: its sensors are TDM participants too, with "
                     "their declared corrections");
  od_run->add_option("--since", od.since_iso, "use measurements from this UTC instant on");
  od_run->add_option("--initial", od.initial, "EPOCH_ISO,x,y,z,vx,vy,vz (GCRF km, km/s)");
  od_run->add_option("--estimate", od.estimate,
                     "comma list: drag, srp, biases (= range-biases), range-rate-biases, "
                     "angle-biases, time-offsets, transponder-delay");
  od_run->add_option("--parameter", od.parameters,
                     "NAME=VALUE[,SIGMA|,fixed] for an unknown, e.g. 'range_bias_m[SITE]=0,fixed' "
                     "(repeatable; the unit is the name's)");
  od_run->add_option("--empirical", od.empirical,
                     "estimate empirical accelerations AXIS[:SHAPE],... (R,T,N or X,Y,Z; const, "
                     "t1..t6, cos, sin), e.g. T,N:cos");
  od_run->add_option("--empirical-interval-h", od.empirical_interval_h,
                     "piecewise: one set of --empirical amplitudes per interval (hours; 0 = one)");
  od_run->add_option("--empirical-sigma", od.empirical_sigma_m_s2,
                     "a-priori sigma of each --empirical amplitude, m/s^2 (0 = none)");
  od_run->add_option("--eop", od.eop_files, "IERS finals2000A or Bulletin B file(s)");
  od_run->add_option("--sigma-range-m", od.sigma_range_m, "1-sigma of ranges (default 1 m)");
  od_run->add_option("--sigma-range-rate-m-s", od.sigma_range_rate_m_s, "1-sigma of range rates (0.01)");
  od_run->add_option("--sigma-angle-arcsec", od.sigma_angle_arcsec, "1-sigma of angles (1)");
  od_run->add_option("--edit-sigma", od.edit_sigma,
                     "edit a measurement whose residual exceeds k * max(1, WRMS) sigma (3; 0: no editing)");
  od_run->add_option("--edit-after-iterations", od.edit_after_iterations,
                     "the first editing waits for this many iterations (0)");
  od_run->add_option("--edit-initial-sigma", od.edit_initial_sigma,
                     "a looser k for the first editing only (0: none; else >= --edit-sigma)");
  od_run->add_option("--max-edited-share", od.max_edited_share,
                     "refuse a fit that edits more than this share of its measurements (0.5)");
  od_run->add_flag("--no-update", od.no_update, "do not store the run or update the catalog");
  od_run->add_flag("--json", od.json, "print one JSON object");
  od_force.Add(od_run, &od.force);
  od_run->callback([&] {
    od_force.Apply(&od.force);
    status = sstrack::cli::RunOd(od, stdout, stderr);
  });
  sstrack::cli::OdSimulateOptions sim;
  ForceFlagValues sim_force;
  CLI::App* od_sim = od_cmd->add_subcommand("simulate", "Write a TDM file of simulated measurements");
  od_sim->add_option("--state", sim.state, "truth EPOCH_ISO,x,y,z,vx,vy,vz (GCRF km, km/s)")->required();
  od_sim->add_option("--sites", sim.sites_file,
                     "CSV name,lat_deg,lon_deg,alt_m[,atmosphere] (none, optical, radio)");
  od_sim->add_option("--config", sim.config,
                     "sensor network textproto: simulate its sensors too, with their "
                     "declared corrections");
  od_sim->add_option("--object", sim.object, "object name in the TDM (PARTICIPANT_2)");
  od_sim->add_option("--start", sim.start_iso, "UTC, ISO-8601")->required();
  od_sim->add_option("--end", sim.end_iso, "UTC, ISO-8601")->required();
  od_sim->add_option("--step", sim.step_s, "seconds between measurement epochs (60)");
  od_sim->add_option("--types", sim.types, "comma list: range, range-rate, azel, radec");
  od_sim->add_option("--sigma-range-m", sim.sigma_range_m, "noise 1-sigma (1 m)");
  od_sim->add_option("--sigma-range-rate-m-s", sim.sigma_range_rate_m_s, "noise 1-sigma (0.01 m/s)");
  od_sim->add_option("--sigma-angle-arcsec", sim.sigma_angle_arcsec, "noise 1-sigma (1 arcsec)");
  od_sim->add_option("--min-elevation-deg", sim.min_elevation_deg, "horizon mask (10)");
  od_sim->add_option("--seed", sim.seed, "random seed (1)");
  od_sim->add_option("--eop", sim.eop_files, "IERS finals2000A or Bulletin B file(s)");
  od_sim->add_option("--out", sim.out, "TDM file to write")->required();
  sim_force.Add(od_sim, &sim.force);
  od_sim->callback([&] {
    sim_force.Apply(&sim.force);
    status = sstrack::cli::RunOdSimulate(sim, stdout, stderr);
  });
  std::string runs_db = "sstrack.db";
  int runs_id = 0;
  bool runs_json = false;
  CLI::App* od_runs = od_cmd->add_subcommand("runs", "List stored OD runs");
  od_runs->add_option("id", runs_id, "catalog number (all when omitted)");
  od_runs->add_option("--db", runs_db, "catalog file (default ./sstrack.db)");
  od_runs->add_flag("--json", runs_json, "print a JSON array");
  od_runs->callback([&] { status = sstrack::cli::RunOdRuns(runs_db, runs_id, runs_json, stdout); });

  sstrack::cli::CatalogOptions cat;
  CLI::App* cat_cmd = app.add_subcommand("catalog", "The SQLite object catalog");
  cat_cmd->require_subcommand(1);
  cat_cmd->add_option("--db", cat.db, "catalog file (default ./sstrack.db)");
  CLI::App* imp = cat_cmd->add_subcommand(
      "import", "Import TLE or CCSDS OMM (KVN/XML/JSON) files (idempotent)");
  imp->add_option("files", cat.files, "TLE or OMM files")->required();
  imp->add_flag("--json", cat.json, "Print the summary as JSON");
  imp->callback([&] {
    status = sstrack::cli::RunCatalogImport(cat, stdout, stderr);
  });
  CLI::App* lst = cat_cmd->add_subcommand("list", "List the catalog's objects");
  lst->add_flag("--json", cat.json, "Print JSON");
  lst->callback([&] { status = sstrack::cli::RunCatalogList(cat, stdout); });
  CLI::App* show = cat_cmd->add_subcommand("show", "An object and its latest state");
  show->add_option("id", cat.id, "NORAD catalog number")->required();
  show->add_flag("--json", cat.json, "Print JSON");
  show->callback([&] {
    status = sstrack::cli::RunCatalogShow(cat, absl::Now(), stdout);
  });
  CLI::App* backup = cat_cmd->add_subcommand(
      "backup", "A consistent copy of the database while sstrackd runs (never overwrites)");
  backup->add_option("destination", cat.destination, "the backup file to create")->required();
  backup->add_flag("--json", cat.json, "Print the summary as JSON");
  backup->callback([&] { status = sstrack::cli::RunCatalogBackup(cat, stdout); });

  sstrack::cli::SensorsOptions sens;
  CLI::App* sens_cmd = app.add_subcommand("sensors", "The sensor network (config/sensors.textproto)");
  sens_cmd->require_subcommand(1);
  sens_cmd->add_option("--config", sens.config,
                       "sensor network textproto (default $SSTRACK_CONFIG_DIR/sensors.textproto)");
  CLI::App* sens_list = sens_cmd->add_subcommand("list", "List the sensors");
  sens_list->add_flag("--json", sens.json, "Print JSON");
  sens_list->callback([&] { status = sstrack::cli::RunSensorsList(sens, stdout); });
  CLI::App* sens_show = sens_cmd->add_subcommand("show", "Every parameter of one sensor");
  sens_show->add_option("name", sens.name, "sensor name")->required();
  sens_show->add_flag("--json", sens.json, "Print JSON");
  sens_show->callback([&] { status = sstrack::cli::RunSensorsShow(sens, stdout); });

  sstrack::cli::PassesOptions passes;
  CLI::App* passes_cmd = app.add_subcommand(
      "passes", "Visibility windows of objects from a sensor, with the constraint at each edge");
  passes_cmd->add_option("ids", passes.ids, "catalog numbers (from --db)");
  passes_cmd->add_option("--db", passes.db, "catalog file (default ./sstrack.db)");
  passes_cmd->add_option("--tle", passes.tle_file, "TLE or OMM file instead of catalog numbers");
  passes_cmd->add_option("--sensor", passes.sensor, "sensor name (sstrack sensors list)")
      ->required();
  passes_cmd->add_option("--start", passes.start_iso, "UTC, ISO-8601")->required();
  passes_cmd->add_option("--end", passes.end_iso, "UTC, ISO-8601")->required();
  passes_cmd->add_option("--config", passes.config, "sensor network textproto");
  passes_cmd->add_flag("--json", passes.json, "Print a JSON list");
  passes_cmd->callback([&] { status = sstrack::cli::RunPasses(passes, stdout, stderr); });

  sstrack::cli::SimulateOptions ssim;
  CLI::App* ssim_cmd = app.add_subcommand(
      "simulate", "Act as a simulated sensor against sstrackd over gRPC");
  ssim_cmd->add_option("--sensor", ssim.sensor, "this sensor's name")->required();
  ssim_cmd->add_option("--server", ssim.server, "host:port of sstrackd (default 127.0.0.1:50051)");
  ssim_cmd->add_option("--token", ssim.token, "this sensor's bearer token")->required();
  ssim_cmd->add_option("--elements", ssim.elements,
                      "truth element file (default $SSTRACK_CONFIG_DIR/catalog-2018-01.3le)");
  ssim_cmd->add_option("--config", ssim.config, "sensor network textproto");
  ssim_cmd->add_option("--night", ssim.night, "YYYY-MM-DD (default: the latest plan)");
  ssim_cmd->add_option("--ack-log", ssim.ack_log,
                       "append each acknowledged observation id to this file");
  ssim_cmd->add_flag("--json", ssim.json, "Print the summary as JSON");
  ssim_cmd->callback([&] { status = sstrack::cli::RunSimulate(ssim, stdout, stderr); });

  sstrack::cli::StatusOptions cstat;
  CLI::App* cstat_cmd = app.add_subcommand(
      "status", "The autonomous cycle's status from sstrackd (operator token)");
  cstat_cmd->add_option("--server", cstat.server, "host:port of sstrackd (default 127.0.0.1:50051)");
  cstat_cmd->add_option("--token", cstat.token, "an operator's bearer token")->required();
  cstat_cmd->add_option("--nights", cstat.nights, "the latest nights shown (default 3)");
  cstat_cmd->add_option("--worst", cstat.worst, "the largest covariances shown (default 10)");
  cstat_cmd->add_option("--advance-to", cstat.advance_to_utc,
                        "first move a SIMULATED clock to this UTC (ISO-8601) and run a pass there");
  cstat_cmd->add_flag("--json", cstat.json, "Print the CycleStatus message as JSON");
  cstat_cmd->callback([&] { status = sstrack::cli::RunStatus(cstat, stdout); });

  std::string token_clear, token_role = "sensor", token_name;
  CLI::App* tok_cmd = app.add_subcommand(
      "token-hash", "Print a token-file line (ROLE NAME SHA256) for a clear-text token");
  tok_cmd->add_option("--role", token_role, "sensor | operator");
  tok_cmd->add_option("--name", token_name, "sensor or operator name")->required();
  tok_cmd->add_option("token", token_clear, "the clear-text token")->required();
  tok_cmd->callback([&] {
    if (token_role != "sensor" && token_role != "operator") {
      status = absl::InvalidArgumentError("--role: sensor or operator");
      return;
    }
    std::fputs(sstrack::auth::TokenFileLine(token_role == "sensor"
                                                   ? sstrack::auth::Role::kSensor
                                                   : sstrack::auth::Role::kOperator,
                                               token_name, token_clear)
                   .c_str(),
               stdout);
  });

  sstrack::cli::PlanOptions plan;
  CLI::App* plan_cmd = app.add_subcommand(
      "plan", "Plan a night: which sensor observes which catalog object, and when");
  plan_cmd->add_option("--night", plan.night, "YYYY-MM-DD (from local noon at each sensor)")
      ->required();
  plan_cmd->add_option("--sensors", plan.sensors, "comma-separated sensor names (default all)");
  plan_cmd->add_option("--db", plan.db, "catalog file (default ./sstrack.db)");
  plan_cmd->add_option("--config", plan.config, "sensor network textproto");
  plan_cmd->add_option("--exact-max-candidates", plan.exact_max_candidates,
                       "solve the exact MILP for the gap when at most this many candidates (400)");
  plan_cmd->add_option("--time-limit", plan.time_limit_s, "seconds for the scheduler and the MILP");
  plan_cmd->add_flag("--json", plan.json, "Print the plan's figures as JSON");
  plan_cmd->callback([&] { status = sstrack::cli::RunPlan(plan, stdout, stderr); });

  sstrack::cli::ReplanOptions replan;
  CLI::App* replan_cmd = app.add_subcommand(
      "replan", "Re-plan the rest of a night after failed tasks or offline sensors");
  replan_cmd->add_option("--night", replan.night, "YYYY-MM-DD of the stored plan")->required();
  replan_cmd->add_option("--now", replan.now, "UTC, ISO-8601: tasks before it are under way")
      ->required();
  replan_cmd->add_option("--failed", replan.failed, "comma-separated task ids that failed");
  replan_cmd->add_option("--offline", replan.offline, "comma-separated sensors gone offline");
  replan_cmd->add_option("--db", replan.db, "catalog file (default ./sstrack.db)");
  replan_cmd->add_option("--config", replan.config, "sensor network textproto");
  replan_cmd->add_option("--time-limit", replan.time_limit_s, "seconds for the scheduler");
  replan_cmd->add_flag("--json", replan.json, "Print one JSON object");
  replan_cmd->callback([&] { status = sstrack::cli::RunReplan(replan, stdout, stderr); });

  sstrack::cli::TasksOptions tasks;
  CLI::App* tasks_cmd = app.add_subcommand("tasks", "A sensor's task list for the night");
  tasks_cmd->add_option("--sensor", tasks.sensor, "sensor name")->required();
  tasks_cmd->add_option("--night", tasks.night, "YYYY-MM-DD (default: the latest plan)");
  tasks_cmd->add_option("--db", tasks.db, "catalog file (default ./sstrack.db)");
  tasks_cmd->add_option("--config", tasks.config, "sensor network textproto");
  tasks_cmd->add_flag("--json", tasks.json, "Print a JSON list");
  tasks_cmd->callback([&] { status = sstrack::cli::RunTasks(tasks, stdout); });

  CLI11_PARSE(app, argc, argv);
  return Finish(status);
}
