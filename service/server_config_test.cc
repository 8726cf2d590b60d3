// Copyright sstrack authors.
#include "service/server_config.h"

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sstrack::service {
namespace {

using ::testing::HasSubstr;
using astro::OrbitRegime;

absl::StatusOr<ServerSettings> Parse(const std::string& text) {
  return ParseServerConfig(text, "test.textproto", "config", "config");
}

std::string Error(const std::string& text) {
  auto s = Parse(text);
  EXPECT_FALSE(s.ok()) << text;
  return s.ok() ? "" : std::string(s.status().message());
}

// The shipped file spells out the built-in defaults.
TEST(ServerConfigTest, ShippedFileIsTheBuiltInDefault) {
  auto shipped = LoadServerConfig("config/sstrackd.textproto");
  ASSERT_TRUE(shipped.ok()) << shipped.status();
  auto builtin = DefaultServerSettings("config");
  ASSERT_TRUE(builtin.ok()) << builtin.status();
  EXPECT_EQ(shipped->fit_description, builtin->fit_description);
  EXPECT_EQ(shipped->listen_address, builtin->listen_address);
  EXPECT_EQ(shipped->sensors_file, "config/sensors.textproto");
  EXPECT_EQ(builtin->sensors_file, std::filesystem::absolute("config/sensors.textproto").string());
  EXPECT_EQ(builtin->database, "sstrack.db");
  EXPECT_EQ(shipped->fit.batch.partials_degree, builtin->fit.batch.partials_degree);
  EXPECT_EQ(shipped->fit.batch.max_position_sigma_m, 5000);
  EXPECT_TRUE(shipped->fit.prior.element_set_prior);
  EXPECT_TRUE(builtin->fit.prior.element_set_prior);
  auto off = Parse("fit { element_set_prior: false }");
  ASSERT_TRUE(off.ok()) << off.status();
  EXPECT_FALSE(off->fit.prior.element_set_prior);
  EXPECT_EQ(shipped->fit.prior.refit_span_days, 3.0);
  EXPECT_EQ(builtin->fit.prior.refit_span_days, 3.0);
  EXPECT_EQ(Parse("fit { refit_span_days: 0 }")->fit.prior.refit_span_days, 0.0);
  EXPECT_EQ(shipped->fit.prior.density_uncertainty_fraction, 0.25);
  EXPECT_EQ(builtin->fit.prior.density_uncertainty_fraction, 0.25);
  EXPECT_EQ(Parse("fit { density_uncertainty_fraction: 0 }")->fit.prior.density_uncertainty_fraction, 0.0);
  EXPECT_THAT(Error("fit {\n  density_uncertainty_fraction: 1.5\n}"),
              HasSubstr("test.textproto:2: fit.density_uncertainty_fraction: 1.5 must be in [0, 1]"));
  // Editing controls: defaults, values carried into the fit, refusals.
  EXPECT_EQ(builtin->fit.batch.editing_threshold, 3.0);
  EXPECT_EQ(builtin->fit.batch.max_edited_fraction, 0.5);
  EXPECT_EQ(shipped->fit.batch.max_edited_fraction, builtin->fit.batch.max_edited_fraction);
  auto edit = Parse(
      "fit { editing_threshold_sigma: 4 editing_start_iterations: 2 "
      "initial_editing_threshold_sigma: 20 max_edited_fraction: 0.2 }");
  ASSERT_TRUE(edit.ok()) << edit.status();
  EXPECT_EQ(edit->fit.batch.editing_threshold, 4.0);
  EXPECT_EQ(edit->fit.batch.editing_start_iterations, 2);
  EXPECT_EQ(edit->fit.batch.initial_editing_threshold, 20.0);
  EXPECT_EQ(edit->fit.batch.max_edited_fraction, 0.2);
  EXPECT_THAT(Error("fit {\n  max_edited_fraction: 0\n}"),
              HasSubstr("test.textproto:2: fit.max_edited_fraction: 0 must be in (0, 1]"));
  EXPECT_THAT(Error("fit { editing_threshold_sigma: 4 initial_editing_threshold_sigma: 2 }"),
              HasSubstr("fit.initial_editing_threshold_sigma: 2 must be 0 (none) or >= editing_threshold_sigma"));
  EXPECT_THAT(Error("fit { editing_start_iterations: -1 }"),
              HasSubstr("fit.editing_start_iterations: -1 must be >= 0"));
  EXPECT_THAT(Error("fit { editing_threshold_sigma: -1 }"),
              HasSubstr("fit.editing_threshold_sigma: -1 must be >= 0 (0: no editing)"));
  EXPECT_EQ(Parse("fit { editing_threshold_sigma: 0 }")->fit.batch.editing_threshold, 0.0);
  EXPECT_THAT(Error("fit { refit_span_days: -1 }"),
              HasSubstr("fit.refit_span_days: -1 must be in [0, 30] days"));
  EXPECT_THAT(Error("fit {\n  refit_span_days: 31\n}"),
              HasSubstr("test.textproto:2: fit.refit_span_days: 31 must be in [0, 30] days"));
}

TEST(ServerConfigTest, DefaultFitModelPerRegime) {
  auto s = DefaultServerSettings("config");
  ASSERT_TRUE(s.ok()) << s.status();
  const operations::FitModel leo = s->fit.ModelFor(OrbitRegime::kLeo);
  ASSERT_TRUE(leo.force_model.gravity.has_value());
  EXPECT_EQ(leo.force_model.degree, 20);
  EXPECT_EQ(leo.force_model.order, 20);
  EXPECT_TRUE(leo.force_model.sun && leo.force_model.moon && leo.force_model.relativity);
  EXPECT_DOUBLE_EQ(leo.force_model.drag_cd_area_over_mass_m2_kg, 0.01);
  EXPECT_TRUE(leo.force_model.estimate_drag);
  EXPECT_TRUE(leo.force_model.estimate_srp);
  EXPECT_DOUBLE_EQ(leo.parameters.at("drag_cd_area_over_mass_m2_kg").a_priori_sigma, 0.005);
  EXPECT_DOUBLE_EQ(leo.parameters.at("srp_cr_area_over_mass_m2_kg").a_priori_sigma, 0.005);
  for (OrbitRegime r : {OrbitRegime::kMeo, OrbitRegime::kGeo}) {
    const operations::FitModel m = s->fit.ModelFor(r);
    EXPECT_EQ(m.force_model.drag_cd_area_over_mass_m2_kg, 0.0);
    EXPECT_FALSE(m.parameters.count("drag_cd_area_over_mass_m2_kg"));
    EXPECT_TRUE(m.force_model.estimate_srp);
  }
  EXPECT_GT(s->fit.ModelFor(OrbitRegime::kHeo).force_model.drag_cd_area_over_mass_m2_kg, 0.0);
  EXPECT_THAT(s->fit_description, HasSubstr("LEO: EIGEN-6S 20x20, Sun, Moon, relativity"));
}

TEST(ServerConfigTest, RegimeOverridesReplaceOnlyTheFieldsTheySet) {
  auto s = Parse(R"pb(
    listen_address: "127.0.0.1:0"
    database: "/tmp/x.db"
    fit {
      force_model { degree: 12 srp { estimate: false } }
      regime { regime: LEO force_model { degree: 8 drag { a_priori_sigma_m2_kg: 0 } } }
      regime { regime: GEO force_model { srp { estimate: true } } }
    }
  )pb");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->listen_address, "127.0.0.1:0");
  EXPECT_EQ(s->database, "/tmp/x.db");
  const operations::FitModel leo = s->fit.ModelFor(OrbitRegime::kLeo);
  EXPECT_EQ(leo.force_model.degree, 8);
  EXPECT_EQ(leo.force_model.order, 8);  // order follows the degree when unset
  EXPECT_TRUE(leo.force_model.estimate_drag);
  EXPECT_FALSE(leo.parameters.count("drag_cd_area_over_mass_m2_kg"));  // σ 0: no prior
  EXPECT_FALSE(leo.force_model.estimate_srp);
  EXPECT_EQ(s->fit.ModelFor(OrbitRegime::kMeo).force_model.degree, 12);
  EXPECT_FALSE(s->fit.ModelFor(OrbitRegime::kMeo).force_model.estimate_srp);
  EXPECT_TRUE(s->fit.ModelFor(OrbitRegime::kGeo).force_model.estimate_srp);
  EXPECT_EQ(s->fit.ModelFor(OrbitRegime::kGeo).force_model.degree, 12);
}

TEST(ServerConfigTest, ErrorsNameTheFileLineAndField) {
  EXPECT_THAT(Error("listen_adress: \"x\"\n"),
              HasSubstr("test.textproto:1:14: Message type \"sstrack.v1.ServerConfig\" has no field "
                        "named \"listen_adress\""));
  EXPECT_THAT(Error("fit {\n  force_model {\n    degree: 90\n  }\n}\n"),
              HasSubstr("test.textproto:3: fit.force_model.degree: 90 must be in [0, 20]"));
  EXPECT_THAT(Error("fit { regime { regime: LEO force_model { order: 30 } } }"),
              HasSubstr("fit.regime[0].force_model.order: 30 must be in [0, degree]"));
  EXPECT_THAT(Error("fit {\n regime { regime: GEO }\n regime { regime: GEO }\n}"),
              HasSubstr("test.textproto:3: fit.regime[1].regime: GEO is configured twice"));
  EXPECT_THAT(Error("fit { regime { force_model { degree: 2 } } }"),
              HasSubstr("fit.regime[0].regime: must be LEO, MEO, GEO or HEO"));
  EXPECT_THAT(Error("fit { force_model { drag { a_priori_sigma_m2_kg: -1 } } }"),
              HasSubstr("fit.force_model.drag.a_priori_sigma_m2_kg: -1 must be >= 0"));
  EXPECT_THAT(Error("fit { force_model { drag { cd_area_over_mass_m2_kg: 0 } } }"),
              HasSubstr("fit.force_model.drag.cd_area_over_mass_m2_kg: 0 must be in (0, 10)"));
  // A file elsewhere that names no gravity file uses the built-in one.
  EXPECT_TRUE(ParseServerConfig("fit { force_model { degree: 8 } }", "x", "/nonexistent", "config").ok());
  EXPECT_THAT(Error("fit { force_model { gravity_file: \"nope.gfc\" } }"),
              HasSubstr("fit.force_model.gravity_file: cannot read 'nope.gfc'"));
  EXPECT_THAT(Error("tls { certificate_file: \"a.pem\" }"),
              HasSubstr("tls: certificate_file and private_key_file must both be given"));
  EXPECT_THAT(Error("max_message_bytes: 10"), HasSubstr("max_message_bytes: 10 must be >= 1024"));
  EXPECT_THAT(Error("task_window_margin_s: -5"), HasSubstr("task_window_margin_s: -5 must be >= 0"));
  EXPECT_THAT(Error("fit { partials_degree: -2 }"), HasSubstr("fit.partials_degree: -2 must be >= -1"));
}

TEST(ServerConfigTest, OldKeyValueFilesAreNamedWithTheirConversion) {
  const std::string e = Error(
      "# old\nlisten_address 127.0.0.1:6000\ndb /var/lib/sstrack.db\n"
      "tls_certificate cert.pem\nmax_message_bytes 2048\n");
  EXPECT_THAT(e, HasSubstr("old `key value` format"));
  EXPECT_THAT(e, HasSubstr("listen_address: \"127.0.0.1:6000\""));
  EXPECT_THAT(e, HasSubstr("database: \"/var/lib/sstrack.db\""));
  EXPECT_THAT(e, HasSubstr("tls { certificate_file: \"cert.pem\" }"));
  EXPECT_THAT(e, HasSubstr("max_message_bytes: 2048"));
  // A textproto typo is not mistaken for the old format.
  EXPECT_THAT(Error("listen_address \"x\"\n"), ::testing::Not(HasSubstr("old `key value`")));
}

TEST(ServerConfigTest, CycleDefaultsAndErrors) {
  auto d = DefaultServerSettings("config");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_TRUE(d->cycle_enabled);
  EXPECT_FALSE(d->cycle_simulated_clock);
  EXPECT_EQ(d->cycle.plan_lead_s, 3600);
  EXPECT_EQ(d->cycle.outage_s, 600);
  EXPECT_EQ(d->cycle_step_interval_s, 10);
  auto shipped = LoadServerConfig("config/sstrackd.textproto");
  ASSERT_TRUE(shipped.ok()) << shipped.status();
  EXPECT_EQ(shipped->cycle_enabled, d->cycle_enabled);
  EXPECT_EQ(shipped->cycle.data_margin_s, d->cycle.data_margin_s);
  EXPECT_EQ(shipped->cycle.fit_threads, d->cycle.fit_threads);
  auto sim = Parse("cycle {\n  clock: SIMULATED\n  simulated_start_utc: \"2018-01-20T00:00:00Z\"\n}\n");
  ASSERT_TRUE(sim.ok()) << sim.status();
  EXPECT_TRUE(sim->cycle_simulated_clock);
  EXPECT_THAT(Error("cycle {\n  clock: SIMULATED\n}\n"),
              HasSubstr("cycle.simulated_start_utc: a SIMULATED clock needs its start"));
  EXPECT_THAT(Error("cycle {\n  outage_s: 0\n}\n"), HasSubstr("test.textproto:2: cycle.outage_s: 0 must be in (0"));
  EXPECT_THAT(Error("cycle {\n  plan_lead_s: 90000\n}\n"), HasSubstr("cycle.plan_lead_s: 90000 must be in [0, 86400]"));
  EXPECT_THAT(Error("cycle {\n\n  fit_threads: 0\n}\n"), HasSubstr("test.textproto:3: cycle.fit_threads: 0 must be in [1, 64]"));
  EXPECT_THAT(Error("cycle { max_objects: -1 }\n"), HasSubstr("cycle.max_objects: -1 must be >= 0"));
  EXPECT_THAT(Error("cycle { max_state_age_days: -1 }\n"),
              HasSubstr("cycle.max_state_age_days: -1 must be in [0, 3650]"));
  auto age = Parse("cycle { max_state_age_days: 0 }\n");
  ASSERT_TRUE(age.ok()) << age.status();
  EXPECT_EQ(age->cycle.max_state_age_days, 0.0);
  EXPECT_EQ(Parse("")->cycle.max_state_age_days, 30.0);
  // A simulated clock is the server's clock also with the cycle off (the
  // ingest window), so it needs its start then too.
  EXPECT_THAT(Error("cycle {\n  enabled: false\n  clock: SIMULATED\n}\n"),
              HasSubstr("cycle.simulated_start_utc: a SIMULATED clock needs its start"));
}

TEST(ServerConfigTest, IngestWindow) {
  auto d = Parse("");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->max_epoch_age_s, 30 * 86400.0);
  EXPECT_EQ(d->max_epoch_lead_s, 3600.0);
  auto set = Parse("ingest {\n  max_epoch_age_s: 8.64e6\n  max_epoch_lead_s: 0\n}\n");
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->max_epoch_age_s, 8.64e6);
  EXPECT_EQ(set->max_epoch_lead_s, 0.0);
  EXPECT_THAT(Error("ingest {\n  max_epoch_age_s: 0\n}\n"),
              HasSubstr("test.textproto:2: ingest.max_epoch_age_s: 0 must be in (0, 3.2e9] s"));
  EXPECT_THAT(Error("ingest { max_epoch_lead_s: -1 }\n"),
              HasSubstr("ingest.max_epoch_lead_s: -1 must be in [0, 86400] s"));
  EXPECT_THAT(Error("ingest { max_epoch_lead: 5 }\n"), HasSubstr("max_epoch_lead"));
}

}  // namespace
}  // namespace sstrack::service
