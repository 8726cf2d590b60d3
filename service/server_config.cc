// Copyright sstrack authors.
#include "service/server_config.h"

#include "astro/time/utc.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/text_format.h"
#include "proto/sstrack/v1/config.pb.h"
#include "service/textproto_errors.h"

namespace sstrack::service {
namespace {

namespace pb = google::protobuf;

// One step of a field path: a field of the enclosing message, and the
// element's index for a repeated field (−1 otherwise).
struct PathStep {
  std::string field;
  int index = -1;
};
using FieldPath = std::vector<PathStep>;

std::string PathName(const FieldPath& path) {
  std::string out;
  for (const PathStep& s : path) {
    if (!out.empty()) out += ".";
    out += s.field;
    if (s.index >= 0) absl::StrAppend(&out, "[", s.index, "]");
  }
  return out;
}

FieldPath Join(FieldPath a, const FieldPath& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Checks values and names them by path and line.
class Checker {
 public:
  Checker(std::string source, const pb::TextFormat::ParseInfoTree* tree)
      : source_(std::move(source)), tree_(tree) {}

  // The line (from 1) of the deepest step of `path` that the file sets, 0 if none.
  int LineOf(const FieldPath& path) const {
    const pb::Descriptor* d = v1::ServerConfig::descriptor();
    const pb::TextFormat::ParseInfoTree* t = tree_;
    int line = 0;
    for (const PathStep& s : path) {
      if (t == nullptr || d == nullptr) break;
      const pb::FieldDescriptor* f = d->FindFieldByName(s.field);
      if (f == nullptr) break;
      const pb::TextFormat::ParseLocation loc = t->GetLocation(f, s.index);
      if (loc.line >= 0) line = loc.line + 1;
      if (f->type() != pb::FieldDescriptor::TYPE_MESSAGE) break;
      t = t->GetTreeForNested(f, s.index);
      d = f->message_type();
    }
    return line;
  }

  absl::Status Error(const FieldPath& path, absl::string_view what) const {
    const int line = LineOf(path);
    return absl::InvalidArgumentError(absl::StrCat(source_, line > 0 ? absl::StrCat(":", line) : "",
                                                   ": ", PathName(path), ": ", what));
  }
  template <typename T>
  absl::Status Require(bool ok, const FieldPath& path, T value, absl::string_view expected) const {
    if (ok) return absl::OkStatus();
    return Error(path, absl::StrCat(value, " ", expected));
  }
  const std::string& source() const { return source_; }

 private:
  std::string source_;
  const pb::TextFormat::ParseInfoTree* tree_;
};

std::string Resolve(absl::string_view base_dir, const std::string& name) {
  if (name.empty() || name[0] == '/' || base_dir.empty()) return name;
  return (std::filesystem::path(std::string(base_dir)) / name).lexically_normal().string();
}

// The built-in defaults of every ForceModelConfig field.
// The built-in files live in `builtin_dir` (made absolute: a file's own
// names are resolved against its folder, the built-in ones are not).
std::string BuiltinFile(absl::string_view builtin_dir, const char* name) {
  return std::filesystem::absolute(std::filesystem::path(std::string(builtin_dir)) / name)
      .lexically_normal()
      .string();
}

v1::ForceModelConfig BuiltinForceModel(absl::string_view builtin_dir) {
  v1::ForceModelConfig f;
  f.set_gravity_file(BuiltinFile(builtin_dir, "gravity/eigen-6s-truncated.gfc"));
  f.set_degree(20);
  f.set_sun(true);
  f.set_moon(true);
  f.set_relativity(true);
  f.mutable_drag()->set_enabled(true);
  f.mutable_drag()->set_cd_area_over_mass_m2_kg(0.01);
  f.mutable_drag()->set_estimate(true);
  f.mutable_drag()->set_harris_priester_exponent(4);
  f.mutable_drag()->set_a_priori_sigma_m2_kg(0.005);
  f.mutable_srp()->set_enabled(true);
  f.mutable_srp()->set_cr_area_over_mass_m2_kg(0.01);
  f.mutable_srp()->set_estimate(true);
  f.mutable_srp()->set_a_priori_sigma_m2_kg(0.005);
  return f;
}

// Loads each gravity file once; the models share it.
class GravityFiles {
 public:
  absl::StatusOr<astro::GravityField> Get(const std::string& path) {
    if (auto it = cache_.find(path); it != cache_.end()) return it->second;
    auto f = astro::GravityField::Read(path);
    if (!f.ok()) return f.status();
    cache_.emplace(path, *f);
    return *f;
  }

 private:
  std::map<std::string, astro::GravityField> cache_;
};

absl::StatusOr<operations::FitModel> ToFitModel(const v1::ForceModelConfig& f, const FieldPath& at,
                                    const Checker& c, absl::string_view base_dir,
                                    GravityFiles& files, double growth_per_day) {
  auto p = [&](std::initializer_list<PathStep> steps) { return Join(at, FieldPath(steps)); };
  operations::FitModel m;
  m.force_parameter_growth_per_day = growth_per_day;
  astro::ForceModelOptions& o = m.force_model;
  const std::string gravity_path = Resolve(base_dir, f.gravity_file());
  auto field = files.Get(gravity_path);
  if (!field.ok()) {
    return c.Error(p({{"gravity_file"}}), absl::StrCat("cannot read '", f.gravity_file(), "' (",
                                                       field.status().message(), ")"));
  }
  const int order = f.has_order() ? f.order() : f.degree();
  if (absl::Status s = c.Require(f.degree() >= 0 && f.degree() <= field->degree(), p({{"degree"}}),
                                 f.degree(),
                                 absl::StrCat("must be in [0, ", field->degree(),
                                              "] (the degree of ", f.gravity_file(), ")"));
      !s.ok()) {
    return s;
  }
  if (absl::Status s = c.Require(order >= 0 && order <= f.degree(), p({{"order"}}), order,
                                 "must be in [0, degree]");
      !s.ok()) {
    return s;
  }
  o.gravity = *field;
  o.degree = f.degree();
  o.order = order;
  o.sun = f.sun();
  o.moon = f.moon();
  o.relativity = f.relativity();
  const v1::DragConfig& d = f.drag();
  if (d.enabled()) {
    for (absl::Status s :
         {c.Require(d.cd_area_over_mass_m2_kg() > 0 && d.cd_area_over_mass_m2_kg() < 10,
                    p({{"drag"}, {"cd_area_over_mass_m2_kg"}}), d.cd_area_over_mass_m2_kg(),
                    "must be in (0, 10) m²/kg"),
          c.Require(d.harris_priester_exponent() >= 2 && d.harris_priester_exponent() <= 6,
                    p({{"drag"}, {"harris_priester_exponent"}}), d.harris_priester_exponent(),
                    "must be in [2, 6]"),
          c.Require(d.a_priori_sigma_m2_kg() >= 0 && std::isfinite(d.a_priori_sigma_m2_kg()),
                    p({{"drag"}, {"a_priori_sigma_m2_kg"}}), d.a_priori_sigma_m2_kg(),
                    "must be >= 0 (0: no a priori information)")}) {
      if (!s.ok()) return s;
    }
    o.drag_cd_area_over_mass_m2_kg = d.cd_area_over_mass_m2_kg();
    o.harris_priester_exponent = d.harris_priester_exponent();
    o.estimate_drag = d.estimate();
    if (d.estimate() && d.a_priori_sigma_m2_kg() > 0) {
      m.parameters["drag_cd_area_over_mass_m2_kg"].a_priori_sigma = d.a_priori_sigma_m2_kg();
    }
  }
  const v1::SrpConfig& r = f.srp();
  if (r.enabled()) {
    for (absl::Status s :
         {c.Require(r.cr_area_over_mass_m2_kg() > 0 && r.cr_area_over_mass_m2_kg() < 10,
                    p({{"srp"}, {"cr_area_over_mass_m2_kg"}}), r.cr_area_over_mass_m2_kg(),
                    "must be in (0, 10) m²/kg"),
          c.Require(r.a_priori_sigma_m2_kg() >= 0 && std::isfinite(r.a_priori_sigma_m2_kg()),
                    p({{"srp"}, {"a_priori_sigma_m2_kg"}}), r.a_priori_sigma_m2_kg(),
                    "must be >= 0 (0: no a priori information)")}) {
      if (!s.ok()) return s;
    }
    o.srp_cr_area_over_mass_m2_kg = r.cr_area_over_mass_m2_kg();
    o.estimate_srp = r.estimate();
    if (r.estimate() && r.a_priori_sigma_m2_kg() > 0) {
      m.parameters["srp_cr_area_over_mass_m2_kg"].a_priori_sigma = r.a_priori_sigma_m2_kg();
    }
  }
  if (absl::Status s = o.Validate(); !s.ok()) return c.Error(at, s.message());
  return m;
}

std::string Describe(const operations::FitModel& m) {
  const astro::ForceModelOptions& o = m.force_model;
  std::vector<std::string> terms;
  terms.push_back(o.gravity ? absl::StrCat(o.gravity->model_name().empty() ? "gravity" : o.gravity->model_name(),
                                           " ", o.degree, "x", o.order)
                            : "point mass");
  if (o.sun) terms.push_back("Sun");
  if (o.moon) terms.push_back("Moon");
  if (o.relativity) terms.push_back("relativity");
  auto param = [&](const char* what, const char* name, double value, bool estimated) {
    std::string t = absl::StrCat(what, " ", value, " m²/kg");
    if (estimated) {
      const auto it = m.parameters.find(name);
      absl::StrAppend(&t, it != m.parameters.end() && it->second.a_priori_sigma > 0
                              ? absl::StrCat(" estimated, a priori σ ", it->second.a_priori_sigma)
                              : std::string(" estimated"));
    }
    return t;
  };
  if (o.drag_cd_area_over_mass_m2_kg > 0) {
    terms.push_back(absl::StrCat(param("Harris-Priester drag Cd·A/m", "drag_cd_area_over_mass_m2_kg",
                                       o.drag_cd_area_over_mass_m2_kg, o.estimate_drag),
                                 ", exponent ", o.harris_priester_exponent));
  }
  if (o.srp_cr_area_over_mass_m2_kg > 0) {
    terms.push_back(param("SRP Cr·A/m", "srp_cr_area_over_mass_m2_kg",
                          o.srp_cr_area_over_mass_m2_kg, o.estimate_srp));
  }
  return absl::StrJoin(terms, ", ");
}

// The old `key value` format: its settings in the new one, or nothing when
// `text` is not in that format.
std::optional<std::string> ConvertOldFormat(absl::string_view text) {
  static const std::map<std::string, std::string> kKeys = {
      {"listen_address", "listen_address: \"%s\""}, {"db", "database: \"%s\""},
      {"sensors", "sensors_file: \"%s\""},          {"tokens", "tokens_file: \"%s\""},
      {"tls_certificate", "tls { certificate_file: \"%s\" }"},
      {"tls_private_key", "tls { private_key_file: \"%s\" }"},
      {"task_window_margin_s", "task_window_margin_s: %s"},
      {"max_message_bytes", "max_message_bytes: %s"}};
  std::string out;
  int lines = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::vector<std::string> kv =
        absl::StrSplit(line, absl::MaxSplits(absl::ByAnyChar(" \t"), 1), absl::SkipEmpty());
    if (kv.size() != 2 || kv[0].find(':') != std::string::npos) return std::nullopt;
    const auto it = kKeys.find(kv[0]);
    if (it == kKeys.end()) return std::nullopt;
    const std::string value(absl::StripAsciiWhitespace(kv[1]));
    if (absl::StrContains(value, "\"") || absl::StrContains(value, "{")) return std::nullopt;
    const size_t at = it->second.find("%s");
    absl::StrAppend(&out, "  ", it->second.substr(0, at), value, it->second.substr(at + 2), "\n");
    ++lines;
  }
  if (lines == 0) return std::nullopt;
  return out;
}

// The `cycle` block: defaults, then ranges by path.
absl::Status BuildCycle(const v1::CycleConfig& y, const Checker& c, ServerSettings& out) {
  if (y.has_enabled()) out.cycle_enabled = y.enabled();
  out.cycle_simulated_clock = y.clock() == v1::CycleConfig::SIMULATED;
  operations::CycleOptions& o = out.cycle;
  if (y.has_simulated_start_utc()) out.cycle_simulated_start_utc = y.simulated_start_utc();
  if (out.cycle_simulated_clock) {
    if (auto t = astro::ParseIsoUtc(out.cycle_simulated_start_utc); !t.ok()) {
      return c.Error({{"cycle"}, {"simulated_start_utc"}},
                     absl::StrCat("a SIMULATED clock needs its start (ISO-8601 UTC): ", t.status().message()));
    }
  }
  struct Range {
    const char* field;
    bool has;
    double value;
    double* into;
    double lo, hi;
    bool lo_open;
  };
  const Range ranges[] = {
      {"plan_lead_s", y.has_plan_lead_s(), y.plan_lead_s(), &o.plan_lead_s, 0, 86400, false},
      {"outage_s", y.has_outage_s(), y.outage_s(), &o.outage_s, 0, 1e9, true},
      {"data_margin_s", y.has_data_margin_s(), y.data_margin_s(), &o.data_margin_s, 0, 1e9, false},
      {"step_interval_s", y.has_step_interval_s(), y.step_interval_s(), &out.cycle_step_interval_s, 0, 86400, true},
      {"plan_time_limit_s", y.has_plan_time_limit_s(), y.plan_time_limit_s(), &o.plan_time_limit_s, 0, 3600, true},
      {"max_state_age_days", y.has_max_state_age_days(), y.max_state_age_days(), &o.max_state_age_days, 0, 3650, false},
  };
  for (const Range& r : ranges) {
    if (r.has) *r.into = r.value;
    const double v = *r.into;
    const bool ok = std::isfinite(v) && (r.lo_open ? v > r.lo : v >= r.lo) && v <= r.hi;
    if (absl::Status s = c.Require(ok, {{"cycle"}, {r.field}}, v,
                                   absl::StrCat("must be in ", r.lo_open ? "(" : "[", r.lo, ", ", r.hi, "]"));
        !s.ok()) {
      return s;
    }
  }
  if (y.has_fit_threads()) o.fit_threads = y.fit_threads();
  if (absl::Status s = c.Require(o.fit_threads >= 1 && o.fit_threads <= 64, {{"cycle"}, {"fit_threads"}},
                                 o.fit_threads, "must be in [1, 64]");
      !s.ok()) {
    return s;
  }
  if (y.has_max_objects()) o.max_objects = y.max_objects();
  return c.Require(o.max_objects >= 0, {{"cycle"}, {"max_objects"}}, o.max_objects, "must be >= 0");
}

absl::StatusOr<ServerSettings> Build(const v1::ServerConfig& cfg, const Checker& c,
                                     absl::string_view base_dir, absl::string_view builtin_dir) {
  ServerSettings out;
  if (cfg.has_listen_address()) out.listen_address = cfg.listen_address();
  if (absl::Status s = c.Require(!out.listen_address.empty(), {{"listen_address"}}, "\"\"",
                                 "must be host:port");
      !s.ok()) {
    return s;
  }
  // The database and tokens default to the working directory, the sensor
  // network to the config folder's; names the file gives are resolved
  // against its folder.
  if (cfg.has_database()) out.database = Resolve(base_dir, cfg.database());
  out.sensors_file = cfg.has_sensors_file() ? Resolve(base_dir, cfg.sensors_file())
                                            : BuiltinFile(builtin_dir, "sensors.textproto");
  out.tokens_file = cfg.has_tokens_file() ? Resolve(base_dir, cfg.tokens_file()) : "tokens.txt";
  if (cfg.has_tls()) {
    const bool cert = !cfg.tls().certificate_file().empty(), key = !cfg.tls().private_key_file().empty();
    if (cert != key) {
      return c.Error({{"tls"}}, "certificate_file and private_key_file must both be given");
    }
    out.tls_certificate_file = Resolve(base_dir, cfg.tls().certificate_file());
    out.tls_private_key_file = Resolve(base_dir, cfg.tls().private_key_file());
  }
  if (cfg.has_task_window_margin_s()) out.task_window_margin_s = cfg.task_window_margin_s();
  if (absl::Status s = c.Require(out.task_window_margin_s >= 0 && std::isfinite(out.task_window_margin_s),
                                 {{"task_window_margin_s"}}, out.task_window_margin_s, "must be >= 0");
      !s.ok()) {
    return s;
  }
  if (cfg.has_max_message_bytes()) out.max_message_bytes = cfg.max_message_bytes();
  if (absl::Status s = c.Require(out.max_message_bytes >= 1024, {{"max_message_bytes"}},
                                 out.max_message_bytes, "must be >= 1024");
      !s.ok()) {
    return s;
  }
  // Ingest.
  const v1::IngestConfig& ing = cfg.ingest();
  if (ing.has_max_epoch_age_s()) out.max_epoch_age_s = ing.max_epoch_age_s();
  if (absl::Status s = c.Require(std::isfinite(out.max_epoch_age_s) && out.max_epoch_age_s > 0 &&
                                     out.max_epoch_age_s <= 3.2e9,
                                 {{"ingest"}, {"max_epoch_age_s"}}, out.max_epoch_age_s,
                                 "must be in (0, 3.2e9] s");
      !s.ok()) {
    return s;
  }
  if (ing.has_max_epoch_lead_s()) out.max_epoch_lead_s = ing.max_epoch_lead_s();
  if (absl::Status s = c.Require(std::isfinite(out.max_epoch_lead_s) && out.max_epoch_lead_s >= 0 &&
                                     out.max_epoch_lead_s <= 86400,
                                 {{"ingest"}, {"max_epoch_lead_s"}}, out.max_epoch_lead_s,
                                 "must be in [0, 86400] s");
      !s.ok()) {
    return s;
  }
  // The cycle.
  if (absl::Status s = BuildCycle(cfg.cycle(), c, out); !s.ok()) return s;
  // The fit.
  const v1::FitConfig& fit = cfg.fit();
  operations::FitSettings& fs = out.fit;
  if (fit.has_max_position_sigma_m()) fs.batch.max_position_sigma_m = fit.max_position_sigma_m();
  if (absl::Status s = c.Require(fs.batch.max_position_sigma_m > 0, {{"fit"}, {"max_position_sigma_m"}},
                                 fs.batch.max_position_sigma_m, "must be > 0");
      !s.ok()) {
    return s;
  }
  if (fit.has_process_noise_m2_s3()) fs.prior.process_noise_m2_s3 = fit.process_noise_m2_s3();
  if (absl::Status s = c.Require(fs.prior.process_noise_m2_s3 >= 0 && std::isfinite(fs.prior.process_noise_m2_s3),
                                 {{"fit"}, {"process_noise_m2_s3"}}, fs.prior.process_noise_m2_s3,
                                 "must be >= 0");
      !s.ok()) {
    return s;
  }
  if (fit.has_partials_degree()) fs.batch.partials_degree = fit.partials_degree();
  if (absl::Status s = c.Require(fs.batch.partials_degree >= -1, {{"fit"}, {"partials_degree"}},
                                 fs.batch.partials_degree, "must be >= -1 (-1: full partials)");
      !s.ok()) {
    return s;
  }
  if (fit.has_density_uncertainty_fraction()) {
    fs.prior.density_uncertainty_fraction = fit.density_uncertainty_fraction();
  }
  if (absl::Status s = c.Require(fs.prior.density_uncertainty_fraction >= 0 &&
                                     fs.prior.density_uncertainty_fraction <= 1,
                                 {{"fit"}, {"density_uncertainty_fraction"}},
                                 fs.prior.density_uncertainty_fraction, "must be in [0, 1]");
      !s.ok()) {
    return s;
  }
  if (fit.has_editing_threshold_sigma()) fs.batch.editing_threshold = fit.editing_threshold_sigma();
  if (absl::Status s = c.Require(fs.batch.editing_threshold >= 0 && std::isfinite(fs.batch.editing_threshold),
                                 {{"fit"}, {"editing_threshold_sigma"}}, fs.batch.editing_threshold,
                                 "must be >= 0 (0: no editing)");
      !s.ok()) {
    return s;
  }
  if (fit.has_editing_start_iterations()) fs.batch.editing_start_iterations = fit.editing_start_iterations();
  if (absl::Status s = c.Require(fs.batch.editing_start_iterations >= 0, {{"fit"}, {"editing_start_iterations"}},
                                 fs.batch.editing_start_iterations, "must be >= 0");
      !s.ok()) {
    return s;
  }
  if (fit.has_initial_editing_threshold_sigma()) {
    fs.batch.initial_editing_threshold = fit.initial_editing_threshold_sigma();
  }
  if (absl::Status s = c.Require(fs.batch.initial_editing_threshold == 0 ||
                                     (fs.batch.editing_threshold > 0 &&
                                      fs.batch.initial_editing_threshold >= fs.batch.editing_threshold),
                                 {{"fit"}, {"initial_editing_threshold_sigma"}},
                                 fs.batch.initial_editing_threshold,
                                 "must be 0 (none) or >= editing_threshold_sigma (editing on)");
      !s.ok()) {
    return s;
  }
  if (fit.has_max_edited_fraction()) fs.batch.max_edited_fraction = fit.max_edited_fraction();
  if (absl::Status s = c.Require(fs.batch.max_edited_fraction > 0 && fs.batch.max_edited_fraction <= 1,
                                 {{"fit"}, {"max_edited_fraction"}}, fs.batch.max_edited_fraction,
                                 "must be in (0, 1]");
      !s.ok()) {
    return s;
  }
  fs.prior.element_set_prior = fit.has_element_set_prior() ? fit.element_set_prior() : true;
  fs.prior.refit_span_days = fit.has_refit_span_days() ? fit.refit_span_days() : 3.0;
  if (absl::Status s = c.Require(fs.prior.refit_span_days >= 0 && fs.prior.refit_span_days <= 30,
                                 {{"fit"}, {"refit_span_days"}}, fs.prior.refit_span_days,
                                 "must be in [0, 30] days");
      !s.ok()) {
    return s;
  }
  const double growth = fit.has_force_parameter_growth_per_day() ? fit.force_parameter_growth_per_day() : 0.1;
  if (absl::Status s = c.Require(growth >= 0 && std::isfinite(growth),
                                 {{"fit"}, {"force_parameter_growth_per_day"}}, growth, "must be >= 0");
      !s.ok()) {
    return s;
  }
  GravityFiles files;
  v1::ForceModelConfig common = BuiltinForceModel(builtin_dir);
  common.MergeFrom(fit.force_model());
  const FieldPath common_at = {{"fit"}, {"force_model"}};
  auto base = ToFitModel(common, common_at, c, base_dir, files, growth);
  if (!base.ok()) return base.status();
  fs.force_model = base->force_model;
  fs.batch.parameters = base->parameters;
  std::map<v1::OrbitRegime, int> given;
  for (int i = 0; i < fit.regime_size(); ++i) {
    const v1::OrbitRegime r = fit.regime(i).regime();
    const FieldPath at = {{"fit"}, {"regime", i}, {"regime"}};
    if (r == v1::ORBIT_REGIME_UNSPECIFIED) return c.Error(at, "must be LEO, MEO, GEO or HEO");
    if (!given.emplace(r, i).second) {
      return c.Error(at, absl::StrCat(v1::OrbitRegime_Name(r), " is configured twice (also in fit.regime[",
                                      given[r], "])"));
    }
  }
  std::vector<std::string> description;
  for (const auto& [r, name] : {std::pair{v1::LEO, astro::OrbitRegime::kLeo},
                                std::pair{v1::MEO, astro::OrbitRegime::kMeo},
                                std::pair{v1::GEO, astro::OrbitRegime::kGeo},
                                std::pair{v1::HEO, astro::OrbitRegime::kHeo}}) {
    v1::ForceModelConfig merged = BuiltinForceModel(builtin_dir);
    if (r == v1::MEO || r == v1::GEO) merged.mutable_drag()->set_enabled(false);
    merged.MergeFrom(fit.force_model());
    FieldPath at = common_at;
    if (const auto it = given.find(r); it != given.end()) {
      merged.MergeFrom(fit.regime(it->second).force_model());
      at = {{"fit"}, {"regime", it->second}, {"force_model"}};
    }
    auto model = ToFitModel(merged, at, c, base_dir, files, growth);
    if (!model.ok()) return model.status();
    description.push_back(absl::StrCat(astro::OrbitRegimeName(name), ": ", Describe(*model)));
    fs.regimes[name] = *std::move(model);
  }
  out.fit_description = absl::StrJoin(description, "\n");
  return out;
}

}  // namespace

absl::StatusOr<ServerSettings> ParseServerConfig(absl::string_view text, absl::string_view source,
                                                 absl::string_view base_dir,
                                                 absl::string_view builtin_dir) {
  v1::ServerConfig cfg;
  pb::TextFormat::Parser parser;
  FirstTextprotoError errors{std::string(source)};
  parser.RecordErrorsTo(&errors);
  pb::TextFormat::ParseInfoTree tree;
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &cfg)) {
    if (std::optional<std::string> converted = ConvertOldFormat(text)) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ": this is the old `key value` format; sstrackd now reads a ServerConfig "
          "textproto (docs/CONFIG.md). The same settings in the new format (relative file names "
          "are now resolved against the config file's folder):\n",
          *converted));
    }
    return absl::InvalidArgumentError(errors.first().empty() ? absl::StrCat(source, ": parse error")
                                                             : errors.first());
  }
  const Checker checker(std::string(source), &tree);
  return Build(cfg, checker, base_dir, builtin_dir);
}

absl::StatusOr<ServerSettings> LoadServerConfig(const std::string& path,
                                                absl::string_view builtin_dir) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("--config ", path, ": cannot open"));
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseServerConfig(ss.str(), path, std::filesystem::path(path).parent_path().string(),
                           builtin_dir);
}

absl::StatusOr<ServerSettings> DefaultServerSettings(absl::string_view config_dir) {
  return ParseServerConfig("", "(built-in defaults)", config_dir, config_dir);
}

}  // namespace sstrack::service
