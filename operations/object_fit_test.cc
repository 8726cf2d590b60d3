// Copyright sstrack authors.
//
// The corrections each sensor declares in its config arrive on the
// measurements a fit is made of.
#include "operations/object_fit.h"

#include <cmath>

#include "operations/observation_codec.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "astro/formats/tle.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"
#include "service/config_loader.h"

namespace sstrack::operations {
namespace {

constexpr char kNetwork[] = R"pb(
sensor {
  name: "SCOPE"
  type: OPTICAL
  latitude_deg: 34.5 longitude_deg: 133.5 altitude_m: 400
  optical { limiting_magnitude: 17 }
  azimuth_axis { max_rate_deg_s: 3 max_acceleration_deg_s2: 1 }
  elevation_axis { max_rate_deg_s: 2 max_acceleration_deg_s2: 1 }
  track_duration_s: 120 observations_per_track: 12
  noise { angle_arcsec: 1.5 }
  corrections { atmosphere: OPTICAL radec_annual_aberration: true }
}
sensor {
  name: "DISH"
  type: TRACKING_RADAR
  latitude_deg: 35.0 longitude_deg: 134.0 altitude_m: 300
  radar { reference_range_km: 1000 }
  azimuth_axis { max_rate_deg_s: 3 max_acceleration_deg_s2: 1 }
  elevation_axis { max_rate_deg_s: 2 max_acceleration_deg_s2: 1 }
  track_duration_s: 60 observations_per_track: 10
  noise { angle_arcsec: 60 range_m: 10 range_rate_m_s: 0.1 }
  corrections { atmosphere: RADIO }
}
sensor {
  name: "PLAIN"
  type: TRACKING_RADAR
  latitude_deg: 36.0 longitude_deg: 135.0 altitude_m: 100
  radar { reference_range_km: 1000 }
  azimuth_axis { max_rate_deg_s: 3 max_acceleration_deg_s2: 1 }
  elevation_axis { max_rate_deg_s: 2 max_acceleration_deg_s2: 1 }
  track_duration_s: 60 observations_per_track: 10
  noise { range_m: 10 }
}
)pb";

catalog::ObservationRecord Obs(int64_t id, const std::string& sensor, const std::string& type,
                               double t_s) {
  catalog::ObservationRecord o;
  o.id = id;
  o.sensor = sensor;
  o.type = type;
  o.epoch = *astro::ParseIsoUtc("2018-01-05T12:00:00Z") + t_s;
  o.value1 = 0.5;
  o.sigma1 = 1e-5;
  if (type == "AZEL" || type == "RADEC") {
    o.value2 = 0.25;
    o.sigma2 = 1e-5;
  }
  return o;
}

TEST(ObjectFitTest, MeasurementsCarryTheirSensorsDeclaredCorrections) {
  auto net = service::ParseSensorNetwork(kNetwork, "net.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  const std::vector<catalog::ObservationRecord> obs = {
      Obs(1, "SCOPE", "RADEC", 0), Obs(2, "DISH", "RANGE", 1),   Obs(3, "DISH", "RANGE_RATE", 2),
      Obs(4, "DISH", "AZEL", 3),   Obs(5, "PLAIN", "RANGE", 4),  Obs(6, "NOWHERE", "RANGE", 5)};
  const std::vector<od::Measurement> m =
      ToMeasurements(obs, NetworkStations(*net), NetworkCorrections(*net));
  ASSERT_EQ(m.size(), 7u);  // RADEC and AZEL give two each; NOWHERE is skipped
  using od::Atmosphere;
  using od::MeasurementType;
  // SCOPE: RA and Dec with annual (not diurnal) aberration, optical band.
  for (int i : {0, 1}) {
    EXPECT_EQ(m[i].station, "SCOPE");
    EXPECT_EQ(m[i].atmosphere, Atmosphere::kOptical);
    EXPECT_TRUE(m[i].aberration.annual);
    EXPECT_FALSE(m[i].aberration.diurnal);
    EXPECT_FALSE(m[i].weather.has_value());  // standard atmosphere
  }
  EXPECT_EQ(m[0].type, MeasurementType::kRightAscension);
  EXPECT_EQ(m[1].type, MeasurementType::kDeclination);
  // DISH: radio band on range, range rate, azimuth and elevation; no aberration.
  for (int i : {2, 3, 4, 5}) {
    EXPECT_EQ(m[i].station, "DISH");
    EXPECT_EQ(m[i].atmosphere, Atmosphere::kRadio) << i;
    EXPECT_FALSE(m[i].aberration.any()) << i;
  }
  EXPECT_EQ(m[5].type, MeasurementType::kElevation);
  // PLAIN: nothing declared, geometric.
  EXPECT_EQ(m[6].station, "PLAIN");
  EXPECT_EQ(m[6].atmosphere, Atmosphere::kNone);
  EXPECT_FALSE(m[6].aberration.any());

  // Without the corrections map: geometric, as before.
  for (const od::Measurement& g : ToMeasurements(obs, NetworkStations(*net))) {
    EXPECT_EQ(g.atmosphere, Atmosphere::kNone);
    EXPECT_FALSE(g.aberration.any());
  }
}

// An ISS-like element set (epoch 2018-01-20 12:00 UTC) in `cat`.
const astro::MeanElements* ImportIss(catalog::Catalog& cat) {
  static const absl::StatusOr<astro::MeanElements> el = astro::ParseTle(
      "1 25544U 98067A   18020.50000000  .00001600  00000-0  31000-4 0  9991",
      "2 25544  51.6400 300.0000 0004000  90.0000 270.0000 15.54000000 99994");
  if (!el.ok() || !cat.ImportElements({&*el, 1}, catalog::StateSource::kTle, "test").ok()) return nullptr;
  return &*el;
}

// The a priori information a fit gets from the catalog: an OD state's
// covariance, exactly at its epoch and propagated as Φ P Φᵀ an hour later
// (Φ here by central differences of the propagator — independent of the
// variational equations); none for an element set unless asked for, and
// then the assumed σ grown with the element set's age.
TEST(CatalogPriorTest, OdCovariancePropagatedAndElementSetPriorOptIn) {
  auto cat = catalog::Catalog::Open(":memory:");
  ASSERT_TRUE(cat.ok());
  const astro::MeanElements* el = ImportIss(**cat);
  ASSERT_NE(el, nullptr);
  const astro::Epoch t0 = el->epoch;
  astro::ForceModelOptions fo;  // two-body: Φ by differences is then exact to ~1e-7
  PriorSettings settings;
  auto none = CatalogPriorAt(**cat, 25544, t0 + 3600.0, fo, settings);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->has_value());
  settings.element_set_prior = true;
  auto assumed = CatalogPriorAt(**cat, 25544, t0 + 0.5 * 86400, fo, settings);
  ASSERT_TRUE(assumed.ok() && assumed->has_value());
  const astro::CartesianState& xs = (*assumed)->state;
  const Eigen::Matrix3d ric = astro::RicMatrix(xs.position_m, xs.velocity_m_s);
  const Eigen::Matrix3d p_ric = ric * (*assumed)->covariance.topLeftCorner<3, 3>() * ric.transpose();
  EXPECT_NEAR(std::sqrt(p_ric(1, 1)), 1000 + 0.5 * 3000, 1e-6);  // in-track, half a day old
  EXPECT_NEAR(std::sqrt(p_ric(0, 0)), 200 + 0.5 * 100, 1e-6);
  EXPECT_NEAR(std::sqrt(p_ric(2, 2)), 200 + 0.5 * 100, 1e-6);
  // The semi-major axis keeps the σ whose along-track drift (1.5 n δa per
  // unit time) is the configured in-track growth: σ_a² = J P Jᵀ with
  // J = ∂a/∂(r, v) by central differences of vis-viva (not the closed form
  // the covariance was built with).
  {
    const double mu = astro::ForceModelOptions::kDefaultGm;
    auto sma = [&](const Eigen::Matrix<double, 6, 1>& y) {
      return 1.0 / (2.0 / y.head<3>().norm() - y.tail<3>().squaredNorm() / mu);
    };
    Eigen::Matrix<double, 6, 1> y;
    y << xs.position_m, xs.velocity_m_s;
    Eigen::Matrix<double, 1, 6> jac;
    for (int k = 0; k < 6; ++k) {
      const double h = k < 3 ? 1.0 : 1e-3;
      Eigen::Matrix<double, 6, 1> up = y, dn = y;
      up(k) += h;
      dn(k) -= h;
      jac(k) = (sma(up) - sma(dn)) / (2 * h);
    }
    const double a = sma(y), n = std::sqrt(mu / (a * a * a));
    const double sigma_a = std::sqrt((jac * (*assumed)->covariance * jac.transpose())(0, 0));
    EXPECT_NEAR(sigma_a, 3000 / (1.5 * n * 86400), 0.01 * sigma_a);
    EXPECT_LT(sigma_a, 25.0);  // ISS: ~20 m, where 2n·σ_R alone would give ~900 m
  }

  // An OD state with a covariance.
  astro::Matrix6d p0 = astro::Matrix6d::Zero();
  p0.diagonal() << 100, 400, 225, 1e-4, 4e-4, 1e-4;
  p0(0, 4) = p0(4, 0) = 0.1;
  catalog::CartesianStateRecord rec;
  rec.catalog_number = 25544;
  rec.epoch = t0;
  rec.state = {xs.position_m.x(), xs.position_m.y(), xs.position_m.z(),
               xs.velocity_m_s.x(), xs.velocity_m_s.y(), xs.velocity_m_s.z()};
  std::array<double, 36> c{};
  Eigen::Map<Eigen::Matrix<double, 6, 6, Eigen::RowMajor>>(c.data()) = p0;
  rec.covariance = c;
  catalog::OdRunRecord run;
  run.catalog_number = 25544;
  run.started_utc = run.finished_utc = "2018-01-20T12:00:00Z";
  run.status = "CONVERGED";
  ASSERT_TRUE((*cat)->RecordOdRun(run, rec).ok());
  settings.process_noise_m2_s3 = 0;
  auto at_epoch = CatalogPriorAt(**cat, 25544, t0, fo, settings);
  ASSERT_TRUE(at_epoch.ok() && at_epoch->has_value()) << at_epoch.status();
  EXPECT_LT(((*at_epoch)->covariance - p0).norm(), 1e-12 * p0.norm());
  const astro::Epoch t1 = t0 + 3600.0;
  auto later = CatalogPriorAt(**cat, 25544, t1, fo, settings);
  ASSERT_TRUE(later.ok() && later->has_value()) << later.status();
  auto fm = astro::ForceModel::Create(fo, t0, t1);
  ASSERT_TRUE(fm.ok());
  astro::Matrix6d phi;
  for (int j = 0; j < 6; ++j) {
    const double h = j < 3 ? 1.0 : 1e-3;
    astro::CartesianState hi{xs.position_m, xs.velocity_m_s}, lo = hi;
    if (j < 3) {
      hi.position_m[j] += h;
      lo.position_m[j] -= h;
    } else {
      hi.velocity_m_s[j - 3] += h;
      lo.velocity_m_s[j - 3] -= h;
    }
    auto a = astro::PropagateNumerically(**fm, t0, hi, {t1}, {});
    auto b = astro::PropagateNumerically(**fm, t0, lo, {t1}, {});
    ASSERT_TRUE(a.ok() && b.ok());
    phi.col(j) << ((*a)[0].gcrf.position_m - (*b)[0].gcrf.position_m) / (2 * h),
        ((*a)[0].gcrf.velocity_m_s - (*b)[0].gcrf.velocity_m_s) / (2 * h);
  }
  const astro::Matrix6d expected = phi * p0 * phi.transpose();
  for (int i = 0; i < 6; ++i) {
    EXPECT_NEAR(std::sqrt((*later)->covariance(i, i) / expected(i, i)), 1.0, 1e-5) << i;
  }
  // Process noise widens it.
  settings.process_noise_m2_s3 = 1e-8;
  auto noisy = CatalogPriorAt(**cat, 25544, t1, fo, settings);
  ASSERT_TRUE(noisy.ok() && noisy->has_value());
  EXPECT_NEAR((*noisy)->covariance(0, 0) - (*later)->covariance(0, 0), 1e-8 * 3600.0 * 3600 * 3600 / 3,
              1e-6);
}

// The prior comes only from the service's own previous fit, and then only
// the observations after that fit's data are fitted (none counts twice);
// the state is fitted at the epoch of the last observation.
TEST(CatalogPriorTest, PrepareFitUsesOnlyDataAfterThePreviousServiceFit) {
  auto net = service::ParseSensorNetwork(kNetwork, "net.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  auto cat = catalog::Catalog::Open(":memory:");
  ASSERT_TRUE(cat.ok());
  const astro::MeanElements* el = ImportIss(**cat);
  ASSERT_NE(el, nullptr);
  ASSERT_TRUE((*cat)->UpsertSensor("DISH", "TRACKING_RADAR", 0.61, 2.34, 300).ok());
  const astro::Epoch t0 = el->epoch;
  std::vector<catalog::ObservationRecord> obs;
  for (int k = 0; k < 20; ++k) {
    catalog::ObservationRecord o;
    o.sensor = "DISH";
    o.external_id = absl::StrCat("o", k);
    o.catalog_number = 25544;
    o.epoch = t0 + (k < 10 ? 3600.0 : 7200.0) + 60.0 * (k % 10);
    o.type = "RANGE";
    o.value1 = 1e6;
    o.sigma1 = 10;
    obs.push_back(o);
  }
  ASSERT_TRUE((*cat)->InsertObservations(obs).ok());
  FitSettings settings;
  auto all = PrepareFit(**cat, *net, 25544, settings);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->measurements.size(), 20u);
  EXPECT_FALSE(all->a_priori_covariance_gcrf.has_value());
  EXPECT_EQ(all->epoch, obs.back().epoch);

  auto store = [&](const astro::Epoch& epoch, const std::string& source) {
    catalog::CartesianStateRecord rec;
    rec.catalog_number = 25544;
    rec.epoch = epoch;
    const astro::CartesianState x = *CatalogStateAt(**cat, 25544, epoch, settings.force_model);
    rec.state = {x.position_m.x(), x.position_m.y(), x.position_m.z(),
                 x.velocity_m_s.x(), x.velocity_m_s.y(), x.velocity_m_s.z()};
    std::array<double, 36> c{};
    for (int i = 0; i < 6; ++i) c[7 * i] = i < 3 ? 1e4 : 1e-2;
    rec.covariance = c;
    rec.source_ref = source;
    catalog::OdRunRecord run;
    run.catalog_number = 25544;
    run.started_utc = run.finished_utc = "2018-01-20T20:00:00Z";
    run.status = "CONVERGED";
    return (*cat)->RecordOdRun(run, rec).ok();
  };
  // A service fit whose data ended between the two groups.
  ASSERT_TRUE(store(t0 + 5000.0, kServiceFitSource));
  auto newer = PrepareFit(**cat, *net, 25544, settings);
  ASSERT_TRUE(newer.ok()) << newer.status();
  EXPECT_EQ(newer->measurements.size(), 10u);
  for (const od::Measurement& m : newer->measurements) EXPECT_LT(t0 + 5000.0, m.epoch);
  ASSERT_TRUE(newer->a_priori_covariance_gcrf.has_value());
  EXPECT_GT((*newer->a_priori_covariance_gcrf)(0, 0), 1e4);  // propagated and widened
  EXPECT_EQ(newer->epoch, obs.back().epoch);
  // With the prior off, all the data again.
  settings.prior.use_catalog_prior = false;
  auto off = PrepareFit(**cat, *net, 25544, settings);
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->measurements.size(), 20u);
  EXPECT_FALSE(off->a_priori_covariance_gcrf.has_value());
  settings.prior.use_catalog_prior = true;
  // A later state stored by `od run` (its epoch is not the end of its data):
  // no prior, all the data.
  ASSERT_TRUE(store(t0 + 5001.0, "od run, 40 measurements"));
  auto after_od_run = PrepareFit(**cat, *net, 25544, settings);
  ASSERT_TRUE(after_od_run.ok());
  EXPECT_EQ(after_od_run->measurements.size(), 20u);
  EXPECT_FALSE(after_od_run->a_priori_covariance_gcrf.has_value());
  // Fewer than 6 observations after the last service fit: an error naming it.
  ASSERT_TRUE(store(t0 + 7200.0 + 360.0, kServiceFitSource));
  auto few = PrepareFit(**cat, *net, 25544, settings);
  ASSERT_FALSE(few.ok());
  EXPECT_NE(few.status().message().find("after the last fit"), std::string::npos) << few.status();

  // A re-fit over a span: every observation within 4000 s before the last
  // one — also those before the service fit's epoch, which the chain would
  // drop — afresh, with the element set's state and assumed covariance at
  // the fit epoch as the prior (not the service fit's), and the configured
  // force parameters.
  settings.prior.refit_span_days = 4000.0 / 86400.0;
  settings.prior.element_set_prior = true;
  auto span = PrepareFit(**cat, *net, 25544, settings);
  ASSERT_TRUE(span.ok()) << span.status();
  EXPECT_EQ(span->measurements.size(), 10u + 7u);  // the second group, the first's last 7
  for (const od::Measurement& m : span->measurements) {
    EXPECT_LE(obs.back().epoch - m.epoch, 4000.0 + 1e-6);
  }
  EXPECT_LT(span->measurements.front().epoch, t0 + 5000.0);
  ASSERT_TRUE(span->a_priori_covariance_gcrf.has_value());
  auto sgp4 = astro::Sgp4::Create(*el);
  ASSERT_TRUE(sgp4.ok());
  const Eigen::Matrix3d ric =
      astro::RicMatrix(span->initial_gcrf.position_m, span->initial_gcrf.velocity_m_s);
  const Eigen::Matrix3d p_ric = ric * span->a_priori_covariance_gcrf->topLeftCorner<3, 3>() * ric.transpose();
  const double age_days = std::abs(span->epoch - el->epoch) / 86400.0;
  EXPECT_NEAR(std::sqrt(p_ric(1, 1)), 1000 + 3000 * age_days, 1e-6);
  const astro::Sgp4State at = sgp4->Propagate((span->epoch - el->epoch) / 60.0);
  auto gcrf = astro::ConvertState({at.position_teme_m, at.velocity_teme_m_s}, astro::Frame::kTeme,
                                  astro::Frame::kGcrf, span->epoch, astro::ZeroEop(span->epoch));
  ASSERT_TRUE(gcrf.ok());
  EXPECT_LT((span->initial_gcrf.position_m - gcrf->position_m).norm(), 1e-6);
  // The solve starts from the latest OD state (the prior's mean stays the
  // element set's).
  ASSERT_TRUE(span->start_from.has_value());
  EXPECT_EQ(span->start_from->epoch, t0 + 7200.0 + 360.0);
}

// `od run` stores its measurements through ToObservationRecords; every one
// of them comes back to the server's fit (angle pairs, a lone angle, ranges).
TEST(ObjectFitTest, OdRunRowsAreFittedByTheServer) {
  auto net = service::ParseSensorNetwork(kNetwork, "net.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  auto cat = catalog::Catalog::Open(":memory:");
  ASSERT_TRUE(cat.ok());
  const astro::MeanElements* el = ImportIss(**cat);
  ASSERT_NE(el, nullptr);
  ASSERT_TRUE((*cat)->UpsertSensor("SCOPE", "OPTICAL", 0.6, 2.33, 400).ok());
  ASSERT_TRUE((*cat)->UpsertSensor("DISH", "TRACKING_RADAR", 0.61, 2.34, 300).ok());
  std::vector<od::Measurement> meas;
  for (int k = 0; k < 12; ++k) {
    od::Measurement m;
    m.id = 100 + k;
    m.source = "iss.tdm";
    m.epoch = el->epoch + 3600.0 + 10.0 * (k / 2);
    m.station = k < 8 ? "SCOPE" : "DISH";
    m.type = k < 8 ? (k % 2 ? od::MeasurementType::kDeclination : od::MeasurementType::kRightAscension)
                   : od::MeasurementType::kRange;
    m.value = 0.5;
    m.sigma = 1e-5;
    meas.push_back(m);
  }
  meas.back().type = od::MeasurementType::kRangeRate;
  meas.erase(meas.begin() + 1);  // a right ascension without its declination
  const auto rows = ToObservationRecords(meas, 25544);
  EXPECT_EQ(rows.size(), 3u + 1u + 4u);
  ASSERT_TRUE((*cat)->InsertObservations(rows).ok());
  FitSettings settings;
  auto in = PrepareFit(**cat, *net, 25544, settings);
  ASSERT_TRUE(in.ok()) << in.status();
  EXPECT_EQ(in->measurements.size(), meas.size());
  // Retrying the same file stores nothing new.
  auto again = (*cat)->InsertObservations(ToObservationRecords(meas, 25544));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted, 0);
}

// The regime's model is chosen from the catalog's state, and a previous
// service fit's Cd·A/m becomes the a priori value, its σ grown with age.
TEST(ObjectFitTest, RegimeModelAndCarriedForceParameters) {
  auto net = service::ParseSensorNetwork(kNetwork, "net.textproto");
  ASSERT_TRUE(net.ok()) << net.status();
  auto cat = catalog::Catalog::Open(":memory:");
  ASSERT_TRUE(cat.ok());
  const astro::MeanElements* el = ImportIss(**cat);
  ASSERT_NE(el, nullptr);
  ASSERT_TRUE((*cat)->UpsertSensor("DISH", "TRACKING_RADAR", 0.61, 2.34, 300).ok());
  std::vector<catalog::ObservationRecord> obs;
  for (int k = 0; k < 8; ++k) {
    catalog::ObservationRecord o;
    o.sensor = "DISH";
    o.external_id = absl::StrCat("r", k);
    o.catalog_number = 25544;
    o.epoch = el->epoch + 2 * 86400.0 + 60.0 * k;
    o.type = "RANGE";
    o.value1 = 1e6;
    o.sigma1 = 10;
    obs.push_back(o);
  }
  ASSERT_TRUE((*cat)->InsertObservations(obs).ok());
  FitSettings settings;
  FitModel leo;
  leo.force_model.drag_cd_area_over_mass_m2_kg = 0.01;
  leo.force_model.estimate_drag = true;
  leo.parameters["drag_cd_area_over_mass_m2_kg"].a_priori_sigma = 0.005;
  settings.regimes[astro::OrbitRegime::kLeo] = leo;
  FitModel geo;
  geo.force_model.degree = 0;
  settings.regimes[astro::OrbitRegime::kGeo] = geo;
  auto in = PrepareFit(**cat, *net, 25544, settings);
  ASSERT_TRUE(in.ok()) << in.status();
  EXPECT_EQ(in->regime, astro::OrbitRegime::kLeo);
  EXPECT_TRUE(in->model.force_model.estimate_drag);
  EXPECT_FALSE(in->model.parameters.at("drag_cd_area_over_mass_m2_kg").initial.has_value());
  // A service fit one day before the data, Cd·A/m 0.02 ± 0.001.
  catalog::CartesianStateRecord rec;
  rec.catalog_number = 25544;
  rec.epoch = el->epoch + 86400.0;
  const astro::CartesianState x = *CatalogStateAt(**cat, 25544, rec.epoch, settings.force_model);
  rec.state = {x.position_m.x(), x.position_m.y(), x.position_m.z(),
               x.velocity_m_s.x(), x.velocity_m_s.y(), x.velocity_m_s.z()};
  std::array<double, 36> c{};
  for (int i = 0; i < 6; ++i) c[7 * i] = i < 3 ? 1e4 : 1e-2;
  rec.covariance = c;
  rec.source_ref = kServiceFitSource;
  rec.drag_cd_area_over_mass_m2_kg = 0.02;
  rec.drag_sigma_m2_kg = 0.001;
  catalog::OdRunRecord run;
  run.catalog_number = 25544;
  run.started_utc = run.finished_utc = "2018-01-20T20:00:00Z";
  run.status = "CONVERGED";
  ASSERT_TRUE((*cat)->RecordOdRun(run, rec).ok());
  auto stored = (*cat)->LatestCartesianState(25544);
  ASSERT_TRUE(stored.ok());
  EXPECT_DOUBLE_EQ(*stored->drag_cd_area_over_mass_m2_kg, 0.02);
  EXPECT_DOUBLE_EQ(*stored->drag_sigma_m2_kg, 0.001);
  auto carried = PrepareFit(**cat, *net, 25544, settings);
  ASSERT_TRUE(carried.ok()) << carried.status();
  const od::BatchOptions::ParameterSpec& spec =
      carried->model.parameters.at("drag_cd_area_over_mass_m2_kg");
  EXPECT_DOUBLE_EQ(*spec.initial, 0.02);
  const double age_days = (obs.back().epoch - rec.epoch) / 86400.0;
  EXPECT_NEAR(spec.a_priori_sigma, std::hypot(0.001, 0.1 * 0.02 * age_days), 1e-12);
  // The prior's propagation uses the carried Cd·A/m, whatever the configured
  // value: 0.01 and 0.02 configured give the same state, drag off another.
  astro::ForceModelOptions configured = leo.force_model, doubled = leo.force_model, off;
  doubled.drag_cd_area_over_mass_m2_kg = 0.02;
  auto p1 = CatalogPriorAt(**cat, 25544, obs.back().epoch, configured, settings.prior);
  auto p2 = CatalogPriorAt(**cat, 25544, obs.back().epoch, doubled, settings.prior);
  auto p0 = CatalogPriorAt(**cat, 25544, obs.back().epoch, off, settings.prior);
  ASSERT_TRUE(p1.ok() && p2.ok() && p0.ok() && p1->has_value() && p2->has_value() && p0->has_value());
  EXPECT_LT(((*p1)->state.position_m - (*p2)->state.position_m).norm(), 1e-6);
  EXPECT_GT(((*p1)->state.position_m - (*p0)->state.position_m).norm(), 10.0);
  // The catalog's prediction (PropagateObject, the demo's scoring) is the
  // same propagation under the LEO regime's model, not the default block's
  // (which has no drag), with the same covariance and process noise.
  auto pred = CatalogPredictionAt(**cat, 25544, obs.back().epoch, settings);
  ASSERT_TRUE(pred.ok()) << pred.status();
  EXPECT_TRUE(pred->od_state);
  EXPECT_FALSE(pred->covariance_assumed);
  ASSERT_TRUE(pred->covariance.has_value());
  EXPECT_LT((pred->state.position_m - (*p1)->state.position_m).norm(), 1e-6);
  EXPECT_LT((*pred->covariance - (*p1)->covariance).norm(), 1e-9 * (*p1)->covariance.norm());

  // The same fit stored with its Cd·A/m covariance rows: the next fit of
  // the chain gets one joint prior on the state and Cd·A/m (the carried
  // estimate its mean, no separate σ), the variance grown with the age.
  rec.force_covariance = {0, -0.05, 0, 0, 0, 0, 1e-6};  // (Cd, y) and σ_Cd² = (0.001)²
  ASSERT_TRUE((*cat)->RecordOdRun(run, rec).ok());
  auto joint = PrepareFit(**cat, *net, 25544, settings);
  ASSERT_TRUE(joint.ok()) << joint.status();
  ASSERT_TRUE(joint->a_priori_joint_covariance.has_value());
  EXPECT_FALSE(joint->a_priori_covariance_gcrf.has_value());
  ASSERT_EQ(joint->a_priori_joint_covariance->rows(), 7);
  const od::BatchOptions::ParameterSpec& joint_spec =
      joint->model.parameters.at("drag_cd_area_over_mass_m2_kg");
  EXPECT_DOUBLE_EQ(*joint_spec.initial, 0.02);
  EXPECT_EQ(joint_spec.a_priori_sigma, 0);
  EXPECT_DOUBLE_EQ(joint->model.force_model.drag_cd_area_over_mass_m2_kg, 0.02);
  EXPECT_NEAR((*joint->a_priori_joint_covariance)(6, 6),
              1e-6 + std::pow(0.1 * 0.02 * age_days, 2), 1e-15);
  // Its state block is the 6×6 prior plus the Cd·A/m's part: larger.
  const double joint_trace = joint->a_priori_joint_covariance->topLeftCorner<6, 6>().trace();
  EXPECT_GT(joint_trace, (*p1)->covariance.trace());
  // A model that also estimates Cr·A/m, which the state does not carry:
  // back to the 6×6 prior and independent σ's.
  FitSettings both = settings;
  both.regimes[astro::OrbitRegime::kLeo].force_model.srp_cr_area_over_mass_m2_kg = 0.01;
  both.regimes[astro::OrbitRegime::kLeo].force_model.estimate_srp = true;
  auto six = PrepareFit(**cat, *net, 25544, both);
  ASSERT_TRUE(six.ok()) << six.status();
  EXPECT_FALSE(six->a_priori_joint_covariance.has_value());
  EXPECT_TRUE(six->a_priori_covariance_gcrf.has_value());
}

}  // namespace
}  // namespace sstrack::operations

namespace sstrack::operations {
namespace {

// A regime without drag is fitted without the default block's Cd·A/m
// settings (they name an unknown this fit does not have).
TEST(ObjectFitTest, RegimeWithoutDragDropsTheDefaultDragSettings) {
  FitSettings settings;
  settings.force_model.drag_cd_area_over_mass_m2_kg = 0.01;
  settings.force_model.estimate_drag = true;
  settings.batch.parameters["drag_cd_area_over_mass_m2_kg"].a_priori_sigma = 0.005;
  FitModel geo;
  geo.force_model.srp_cr_area_over_mass_m2_kg = 0.01;
  geo.force_model.estimate_srp = true;
  settings.regimes[astro::OrbitRegime::kGeo] = geo;
  FitInput in;
  in.model = settings.ModelFor(astro::OrbitRegime::kGeo);
  in.epoch = *astro::ParseIsoUtc("2018-01-20T00:00:00Z");
  in.initial_gcrf = {Eigen::Vector3d(42164e3, 0, 0), Eigen::Vector3d(0, 3074.7, 0)};
  in.stations["S"] = *astro::MakeGroundSite("S", {0.1, 0.0, 0.0});
  for (int k = 0; k < 8; ++k) {
    od::Measurement m;
    m.id = k;
    m.station = "S";
    m.epoch = in.epoch - 600.0 * k;
    m.type = k % 2 ? od::MeasurementType::kDeclination : od::MeasurementType::kRightAscension;
    m.value = 0.1;
    m.sigma = 1e-5;
    in.measurements.push_back(m);
  }
  auto fit = SolveFit(in, settings);
  // It may not converge on these made-up values, but it must not be refused
  // for naming a parameter the model does not have.
  if (!fit.ok()) {
    EXPECT_EQ(std::string(fit.status().message()).find("is not an unknown"), std::string::npos)
        << fit.status();
  }
  // And the LEO fallback keeps the default block's settings.
  EXPECT_TRUE(settings.ModelFor(astro::OrbitRegime::kLeo).parameters.count("drag_cd_area_over_mass_m2_kg"));
}

}  // namespace
}  // namespace sstrack::operations

namespace sstrack::operations {
namespace {

// Predictions integrate to 0.3 mm and 1e-11 per step
// (PredictionPropagatorOptions): against the propagator's default 1 µm and
// 1e-13 — a second, tighter integration of the same model — a 300 km LEO
// with drag and a GEO with solar pressure, on the server's full model
// (EIGEN-6S 20×20, Sun, Moon, relativity), stay within 1 m over two days,
// their Φ within 1e-5 of its largest element, in about half the steps.
// (Solar pressure is left out in LEO: its shadow crossings, a few seconds
// of penumbra per revolution inside 100 s steps, leave any step control
// some 10 m apart over two days, the default's too.)
TEST(ObjectFitTest, PredictionsIntegrateToAMetre) {
  auto field = astro::GravityField::Read("config/gravity/eigen-6s-truncated.gfc", 20);
  ASSERT_TRUE(field.ok()) << field.status();
  const astro::Epoch t0 = astro::Epoch::FromTaiSeconds(0, 0) + 5.7e8;  // 2018-01-23
  const astro::Epoch t1 = t0 + 2 * 86400.0;
  const double mu = astro::ForceModelOptions::kDefaultGm;
  for (const double r : {6678137.0, 42164e3}) {
    astro::ForceModelOptions fo;
    fo.gravity = *field;
    fo.degree = fo.order = 20;
    fo.partials_degree = 4;
    fo.sun = fo.moon = fo.relativity = true;
    fo.drag_cd_area_over_mass_m2_kg = 0.02;
    if (r > 1e7) fo.srp_cr_area_over_mass_m2_kg = 0.015;
    const double v = std::sqrt(mu / r);
    const astro::CartesianState x0{Eigen::Vector3d(r, 0, 0),
                                   Eigen::Vector3d(0, v * std::cos(0.9), v * std::sin(0.9))};
    auto fm = astro::ForceModel::Create(fo, t0, t1);
    ASSERT_TRUE(fm.ok()) << fm.status();
    astro::NumericalPropagatorOptions tight;
    tight.variational = true;
    astro::NumericalPropagatorOptions loose = PredictionPropagatorOptions();
    loose.variational = true;
    astro::NumericalPropagationSummary tight_steps, loose_steps;
    auto a = astro::PropagateNumerically(**fm, t0, x0, {t1}, tight, &tight_steps);
    auto b = astro::PropagateNumerically(**fm, t0, x0, {t1}, loose, &loose_steps);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_LT(((*a)[0].gcrf.position_m - (*b)[0].gcrf.position_m).norm(), 1.0) << r;
    EXPECT_LT(((*a)[0].stm - (*b)[0].stm).cwiseAbs().maxCoeff(),
              1e-5 * (*a)[0].stm.cwiseAbs().maxCoeff())
        << r;
    EXPECT_LT(loose_steps.accepted_steps, 0.6 * tight_steps.accepted_steps)
        << r << ": " << loose_steps.accepted_steps << " vs " << tight_steps.accepted_steps;
  }
}

// A fit's covariance rows of its force parameters are stored with the
// state (Cd·A/m, then Cr·A/m, against x … vz and each other; a bias
// between them in the fit's order is left out), and the catalog's
// prediction carries them: [Φ S] P₀ [Φ S]ᵀ, checked against Φ and S by
// central differences of the propagator (not its variational equations)
// six hours on, where the Cd·A/m's σ alone is most of the in-track σ.
TEST(CatalogPredictionTest, ForceParameterCovarianceIsStoredAndPropagated) {
  auto cat = catalog::Catalog::Open(":memory:");
  ASSERT_TRUE(cat.ok());
  const astro::MeanElements* el = ImportIss(**cat);
  ASSERT_NE(el, nullptr);
  const astro::Epoch t0 = el->epoch;
  FitSettings settings;
  settings.prior.process_noise_m2_s3 = 0;
  settings.prior.density_uncertainty_fraction = 0;  // below: its own check
  settings.force_model.drag_cd_area_over_mass_m2_kg = 0.01;
  settings.force_model.estimate_drag = true;
  settings.force_model.srp_cr_area_over_mass_m2_kg = 0.01;
  settings.force_model.estimate_srp = true;
  const astro::CartesianState xs = *CatalogStateAt(**cat, 25544, t0, settings.force_model);

  // The fit: unknowns x … vz, a range bias, Cd·A/m, Cr·A/m.
  od::BatchSummary fit;
  fit.accepted = fit.converged = true;
  fit.epoch = t0;
  fit.state_gcrf = xs;
  fit.parameter_names = {"x", "y", "z", "vx", "vy", "vz", "range_bias_m[DISH]",
                         "drag_cd_area_over_mass_m2_kg", "srp_cr_area_over_mass_m2_kg"};
  fit.parameters = Eigen::VectorXd::Zero(9);
  fit.parameters << 0, 0, 0, 0, 0, 0, 3.0, 0.02, 0.015;
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(9, 9);
  cov.diagonal() << 1, 4, 1, 1e-8, 1e-8, 1e-8, 4.0, 9e-6, 4e-6;
  cov(1, 7) = cov(7, 1) = -2.4e-3;  // in-track against Cd·A/m: ρ = −0.4
  cov(6, 7) = cov(7, 6) = 1e-3;    // the bias's, to be left out
  cov(3, 8) = cov(8, 3) = 1e-7;
  fit.covariance = cov;
  fit.covariance_gcrf = cov.topLeftCorner<6, 6>();
  fit.parameter_sigmas = cov.diagonal().cwiseSqrt();
  auto rec = RecordFit(**cat, 25544, fit, absl::Now(), absl::Now());
  ASSERT_TRUE(rec.ok()) << rec.status();
  auto stored = (*cat)->LatestCartesianState(25544);
  ASSERT_TRUE(stored.ok()) << stored.status();
  ASSERT_EQ(stored->force_covariance.size(), 16u);
  EXPECT_DOUBLE_EQ(stored->force_covariance[1], -2.4e-3);  // (Cd, y)
  EXPECT_DOUBLE_EQ(stored->force_covariance[6], 9e-6);    // (Cd, Cd)
  EXPECT_DOUBLE_EQ(stored->force_covariance[8 + 3], 1e-7);  // (Cr, vx)
  EXPECT_DOUBLE_EQ(stored->force_covariance[8 + 7], 4e-6);  // (Cr, Cr)

  const astro::Epoch t1 = t0 + 6 * 3600.0;
  auto pred = CatalogPredictionAt(**cat, 25544, t1, settings);
  ASSERT_TRUE(pred.ok()) << pred.status();
  ASSERT_TRUE(pred->covariance.has_value());

  // [Φ S] by central differences of the propagator.
  auto at = [&](const astro::CartesianState& x, double cd, double cr) {
    astro::ForceModelOptions fo = settings.force_model;
    fo.estimate_drag = fo.estimate_srp = false;
    fo.drag_cd_area_over_mass_m2_kg = cd;
    fo.srp_cr_area_over_mass_m2_kg = cr;
    auto fm = astro::ForceModel::Create(fo, t0 - 60, t1 + 60);
    auto s = astro::PropagateNumerically(**fm, t0, x, {t1}, {});
    Eigen::Matrix<double, 6, 1> y;
    y << (*s)[0].gcrf.position_m, (*s)[0].gcrf.velocity_m_s;
    return y;
  };
  Eigen::Matrix<double, 6, 8> map;
  for (int j = 0; j < 8; ++j) {
    const double h = j < 3 ? 1.0 : j < 6 ? 1e-3 : 1e-4;
    astro::CartesianState hi = xs, lo = xs;
    double cd_hi = 0.02, cd_lo = 0.02, cr_hi = 0.015, cr_lo = 0.015;
    if (j < 3) {
      hi.position_m[j] += h;
      lo.position_m[j] -= h;
    } else if (j < 6) {
      hi.velocity_m_s[j - 3] += h;
      lo.velocity_m_s[j - 3] -= h;
    } else if (j == 6) {
      cd_hi += h;
      cd_lo -= h;
    } else {
      cr_hi += h;
      cr_lo -= h;
    }
    map.col(j) = (at(hi, cd_hi, cr_hi) - at(lo, cd_lo, cr_lo)) / (2 * h);
  }
  std::vector<int> pick = {0, 1, 2, 3, 4, 5, 7, 8};
  Eigen::Matrix<double, 8, 8> p0;
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 8; ++j) p0(i, j) = cov(pick[i], pick[j]);
  }
  const astro::Matrix6d expected = map * p0 * map.transpose();
  for (int i = 0; i < 6; ++i) {
    EXPECT_NEAR(std::sqrt((*pred->covariance)(i, i) / expected(i, i)), 1.0, 1e-3) << i;
  }
  // The density of the coming days: (f · Cd·A/m)² more on Cd·A/m, i.e.
  // s sᵀ (f · 0.02)² more on the state, s = ∂x(t1)/∂(Cd·A/m).
  FitSettings uncertain_air = settings;
  uncertain_air.prior.density_uncertainty_fraction = 0.25;
  auto wider = CatalogPredictionAt(**cat, 25544, t1, uncertain_air);
  ASSERT_TRUE(wider.ok() && wider->covariance) << wider.status();
  const Eigen::Matrix<double, 6, 1> s_cd = map.col(6);
  const astro::Matrix6d with_air = expected + s_cd * s_cd.transpose() * std::pow(0.25 * 0.02, 2);
  for (int i = 0; i < 6; ++i) {
    EXPECT_NEAR(std::sqrt((*wider->covariance)(i, i) / with_air(i, i)), 1.0, 1e-3) << i;
  }
  EXPECT_GT((*wider->covariance)(1, 1) + (*wider->covariance)(0, 0) + (*wider->covariance)(2, 2),
            1.5 * ((*pred->covariance)(1, 1) + (*pred->covariance)(0, 0) + (*pred->covariance)(2, 2)));
  // Without the force parameters' rows (a state stored before schema v6):
  // Φ P Φᵀ of the 6×6 alone, smaller in track by the Cd·A/m's part.
  catalog::CartesianStateRecord bare = *stored;
  bare.force_covariance.clear();
  auto six = OdStateWithCovarianceAt(bare, t1, settings.force_model, 0);
  ASSERT_TRUE(six.ok()) << six.status();
  const astro::Matrix6d expected_six =
      map.leftCols<6>() * p0.topLeftCorner<6, 6>() * map.leftCols<6>().transpose();
  for (int i = 0; i < 6; ++i) {
    EXPECT_NEAR(std::sqrt(six->second(i, i) / expected_six(i, i)), 1.0, 1e-3) << i;
  }
  const Eigen::Matrix3d ric = astro::RicMatrix(pred->state.position_m, pred->state.velocity_m_s);
  const double in_track_full =
      std::sqrt((ric * pred->covariance->topLeftCorner<3, 3>() * ric.transpose())(1, 1));
  const double in_track_bare =
      std::sqrt((ric * six->second.topLeftCorner<3, 3>() * ric.transpose())(1, 1));
  EXPECT_GT(in_track_full, in_track_bare + 20.0) << in_track_full << " vs " << in_track_bare;
}

}  // namespace
}  // namespace sstrack::operations
