// Copyright sstrack authors.
//
// Station and measurement parameters of the batch fit (issue 16 item 2):
// a time offset per station (the model shifted in time, checked against the
// truth propagated to the shifted time), a transponder delay shared by all
// stations, and biases with a-priori values and σ — each recovered from
// data simulated with them (the simulator propagates the truth to each
// offset station's true times: a second method, not the fit's Taylor shift).
#include <cmath>

#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"
#include "orbit_determination/batch_least_squares.h"
#include "orbit_determination/fit_test_util.h"
#include "orbit_determination/measurement_model.h"
#include "orbit_determination/simulator.h"

namespace sstrack::od {
namespace {

constexpr double kDeg = M_PI / 180;
constexpr double kArcsec = kDeg / 3600;
constexpr double kC = 299792458.0;

astro::ForceModelOptions Model() {
  astro::ForceModelOptions f;
  f.gravity = *astro::GravityField::Read("tests/data/gravity/eigen-6s-truncated.gfc");
  f.degree = f.order = 8;
  return f;
}

astro::CartesianState LeoTruth(const astro::ForceModelOptions& f) {
  return testing::LeoTruth(f.gravity->gm_m3_s2());
}

const MeasurementType kAllTypes[] = {MeasurementType::kRange,          MeasurementType::kRangeRate,
                                     MeasurementType::kAzimuth,        MeasurementType::kElevation,
                                     MeasurementType::kRightAscension, MeasurementType::kDeclination};

// A visible geometry: the truth at t and MATERA's state there.
struct Geometry {
  astro::ForceModelOptions force = Model();
  astro::Epoch t0 = *astro::ParseIsoUtc("2016-02-13T00:00:00Z");
  astro::Epoch t;
  astro::CartesianState at_t;
  Station site = testing::FourStations().at("MATERA");
  std::unique_ptr<astro::ForceModel> fm;

  Geometry() {
    fm = std::move(*astro::ForceModel::Create(force, t0, t0 + 86400));
    // The first epoch (30 s steps) at which the object is above 20°.
    for (double dt = 0; dt < 86400; dt += 30) {
      const astro::CartesianState s = StateAt(t0 + dt);
      const StationState st = MakeStationState(site, t0 + dt, astro::ZeroEop(t0 + dt));
      const Eigen::Vector3d enu = st.gcrf_to_enu * (s.position_m - st.position_m);
      if (enu.z() > std::sin(20 * kDeg) * enu.norm()) {
        t = t0 + dt;
        at_t = s;
        return;
      }
    }
  }
  astro::CartesianState StateAt(const astro::Epoch& when) const {
    return (*astro::PropagateNumerically(*fm, t0, LeoTruth(force), {when}, {}))[0].gcrf;
  }
  StationState StationAt(const astro::Epoch& when) const {
    return MakeStationState(site, when, astro::ZeroEop(when));
  }
};

Measurement Of(MeasurementType type, bool two_way = true) {
  Measurement m;
  m.type = type;
  m.station = "MATERA";
  m.two_way = two_way;
  return m;
}

// The model shifted by dt from the state at t equals the model of the
// truth propagated to t + dt with the station at t + dt.
TEST(StationParametersTest, ShiftedModelMatchesThePropagatedTruth) {
  Geometry g;
  ASSERT_FALSE(g.t == astro::Epoch());
  const StationState st = g.StationAt(g.t);
  for (double dt : {-0.5, -0.005, 0.002, 0.5}) {
    const astro::CartesianState later = g.StateAt(g.t + dt);
    const StationState st_later = g.StationAt(g.t + dt);
    for (MeasurementType type : kAllTypes) {
      for (bool two_way : {true, false}) {
        if (!two_way && type != MeasurementType::kRange) continue;
        const Measurement m = Of(type, two_way);
        const double shifted = ComputeModelShifted(m, st, g.at_t.position_m, g.at_t.velocity_m_s, dt).value;
        const double exact = ComputeModel(m, st_later, later.position_m, later.velocity_m_s).value;
        const double tol = type == MeasurementType::kRange       ? 2e-4    // m
                           : type == MeasurementType::kRangeRate ? 5e-5    // m/s
                                                                 : 5e-10;  // rad
        EXPECT_NEAR(Residual(type, shifted, exact), 0.0, tol)
            << MeasurementTypeName(type) << (two_way ? "" : " one-way") << " dt " << dt;
      }
    }
  }
}

// The time derivative of a one-way range is the range rate (an independent
// model: d(cτ)/dt_r in closed form; its bounce velocity v − aτ has the
// central body's acceleration only, τ |a_J2| ≈ 1e-4 m/s).
TEST(StationParametersTest, RateOfTheOneWayRangeIsTheRangeRate) {
  Geometry g;
  const StationState st = g.StationAt(g.t);
  double rate = 0;
  ComputeModelShifted(Of(MeasurementType::kRange, false), st, g.at_t.position_m, g.at_t.velocity_m_s,
                      0.0, &rate);
  const double range_rate =
      ComputeModel(Of(MeasurementType::kRangeRate, false), st, g.at_t.position_m, g.at_t.velocity_m_s).value;
  EXPECT_GT(std::abs(range_rate), 100.0);
  EXPECT_NEAR(rate, range_rate, 1e-4);
}

// The chain rule through the shift against central differences of the
// shifted value in r (±1 m) and v (±1 mm/s), to 1e-5 relative: the chain
// rule carries the central body's gravity gradient, not J2's (1e-3 of it;
// leaving the gradient out entirely errs by 2e-4).
TEST(StationParametersTest, ShiftedPartialsMatchFiniteDifferences) {
  Geometry g;
  const StationState st = g.StationAt(g.t);
  constexpr double dt = 0.4;
  for (MeasurementType type : kAllTypes) {
    const Measurement m = Of(type);
    const ModelValue mv = ComputeModelShifted(m, st, g.at_t.position_m, g.at_t.velocity_m_s, dt);
    for (int j = 0; j < 6; ++j) {
      const double h = j < 3 ? 1.0 : 1e-3;
      Eigen::Vector3d r = g.at_t.position_m, v = g.at_t.velocity_m_s;
      auto value = [&](double sign) {
        Eigen::Vector3d rr = r, vv = v;
        (j < 3 ? rr[j] : vv[j - 3]) += sign * h;
        return ComputeModelShifted(m, st, rr, vv, dt).value;
      };
      const double fd = Residual(type, value(1), value(-1)) / (2 * h);
      EXPECT_NEAR(mv.partials[j], fd, 1e-5 * std::abs(fd) + 1e-12)
          << MeasurementTypeName(type) << " d/d" << (j < 3 ? "r" : "v") << j % 3;
    }
  }
}

// A 24-h LEO campaign from four radars (two-way range, az/el) whose data
// carry time offsets, range and angle biases and a transponder delay.
struct Campaign {
  astro::Epoch t0 = *astro::ParseIsoUtc("2016-02-13T00:00:00Z");
  astro::ForceModelOptions force = Model();
  astro::CartesianState truth = LeoTruth(force);
  std::map<std::string, Station> stations = testing::FourStations();
  std::map<std::string, double> offset_s = {{"MATERA", 3e-3}, {"YARRAGADEE", -2e-3}};
  std::map<std::string, double> range_bias_m = {{"HALEAKALA", 6.0}, {"MATERA", -3.0}};
  double elevation_bias_rad = 8 * kArcsec;  // HALEAKALA
  double delay_s = 40e-9;                   // 6.0 m of range
  std::vector<Measurement> meas;

  explicit Campaign(uint64_t seed, bool with_parameters = true) {
    SimulationOptions so;
    so.start = t0;
    so.end = t0 + 86400.0;
    so.step_s = 30;
    so.seed = seed;
    so.types = {{MeasurementType::kRange, 1.0},
                {MeasurementType::kAzimuth, 5 * kArcsec},
                {MeasurementType::kElevation, 5 * kArcsec}};
    if (with_parameters) {
      so.time_offset_s = offset_s;
      so.range_bias_m = range_bias_m;
      so.bias["HALEAKALA"][MeasurementType::kElevation] = elevation_bias_rad;
      so.transponder_delay_s = delay_s;
    }
    meas = *SimulateMeasurements(force, t0, truth, stations, so);
  }
  astro::CartesianState Guess() const {
    return {truth.position_m + Eigen::Vector3d(200, -150, 100),
            truth.velocity_m_s + Eigen::Vector3d(-0.1, 0.2, 0.1)};
  }
  // GREENBELT is the calibrated station: its range bias and time offset
  // are held at 0, which separates the transponder delay from the other
  // range biases, and the other offsets from an along-track shift.
  BatchOptions Options() const {
    BatchOptions o;
    o.estimate_biases = {MeasurementType::kRange, MeasurementType::kAzimuth, MeasurementType::kElevation};
    o.estimate_time_offsets = true;
    o.estimate_transponder_delay = true;
    o.parameters["range_bias_m[GREENBELT]"] = {.fixed = true};
    o.parameters["time_offset_s[GREENBELT]"] = {.fixed = true};  // the reference clock
    return o;
  }
  double Truth(const std::string& name) const {
    for (const auto& [station, dt] : offset_s) {
      if (name == "time_offset_s[" + station + "]") return dt;
    }
    for (const auto& [station, b] : range_bias_m) {
      if (name == "range_bias_m[" + station + "]") return b;
    }
    if (name == "elevation_bias_rad[HALEAKALA]") return elevation_bias_rad;
    if (name == "transponder_delay_s") return delay_s;
    return 0.0;
  }
};

TEST(StationParametersTest, TimeOffsetsBiasesAndTransponderDelayRecovered) {
  const Campaign c(21);
  ASSERT_GT(c.meas.size(), 400u);
  auto s = SolveBatch(c.Options(), c.force, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_TRUE(s->accepted) << s->message;
  EXPECT_NEAR(s->postfit_wrms, 1.0, 0.1);
  int offsets = 0;
  double z2 = 0;
  int n = 0;
  for (size_t j = 6; j < s->parameter_names.size(); ++j) {
    const std::string& name = s->parameter_names[j];
    if (name.find("[GREENBELT]") != std::string::npos && name != "azimuth_bias_rad[GREENBELT]" &&
        name != "elevation_bias_rad[GREENBELT]") {
      continue;  // fixed
    }
    const double z = (s->parameters[j] - c.Truth(name)) / s->parameter_sigmas[j];
    EXPECT_LT(std::abs(z), 3.5) << name << " = " << s->parameters[j] << " ± " << s->parameter_sigmas[j];
    z2 += z * z;
    ++n;
    if (name.rfind("time_offset_s[", 0) == 0) {
      ++offsets;
      EXPECT_LT(s->parameter_sigmas[j], 2e-4) << name;  // a 3 ms offset is a 15σ signal
    }
    if (name == "transponder_delay_s") EXPECT_LT(s->parameter_sigmas[j], 5e-9);
  }
  EXPECT_EQ(offsets, 3);
  EXPECT_EQ(n, 3 + 3 + 8 + 1);  // free offsets and range biases, az/el biases, delay
  EXPECT_LT(z2 / n, 2.5);       // χ²/n of 15 parameters (mean 1)
  // Without the station parameters, the same data fit worse.
  auto plain = SolveBatch({}, c.force, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_TRUE(plain.ok());
  EXPECT_GT(plain->postfit_wrms, 1.5);
}

// A-priori values and σ on biases: a station with a calibration of
// 5 ± 0.5 m keeps its estimate near it, and its σ below the prior's.
TEST(StationParametersTest, BiasAPrioriValueAndSigma) {
  const Campaign c(22);
  BatchOptions o = c.Options();
  o.parameters["range_bias_m[HALEAKALA]"] = {.initial = 5.0, .a_priori_sigma = 0.5};
  auto s = SolveBatch(o, c.force, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_TRUE(s->accepted) << s->message;
  const auto& names = s->parameter_names;
  const size_t j = std::find(names.begin(), names.end(), "range_bias_m[HALEAKALA]") - names.begin();
  ASSERT_LT(j, names.size());
  EXPECT_LT(s->parameter_sigmas[j], 0.5);
  // Between the prior (5) and the truth (6), within both σ.
  EXPECT_GT(s->parameters[j], 5.0 - 1.5);
  EXPECT_LT(s->parameters[j], 6.0 + 3 * s->parameter_sigmas[j]);
}

TEST(StationParametersTest, BadInputIsRefusedWithTheReason) {
  const Campaign c(23, /*with_parameters=*/false);
  BatchOptions o = c.Options();
  o.parameters.erase("range_bias_m[GREENBELT]");
  auto s = SolveBatch(o, c.force, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not separable"), std::string::npos) << s.status();
  o = c.Options();
  o.parameters.erase("time_offset_s[GREENBELT]");
  s = SolveBatch(o, c.force, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("reference clock"), std::string::npos) << s.status();

  std::vector<Measurement> angles;
  for (const Measurement& m : c.meas) {
    if (m.type != MeasurementType::kRange) angles.push_back(m);
  }
  BatchOptions d;
  d.estimate_transponder_delay = true;
  s = SolveBatch(d, c.force, c.t0, c.Guess(), angles, c.stations, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("no two-way range"), std::string::npos) << s.status();

  BatchOptions named = c.Options();
  named.parameters["time_offset_s[NOWHERE]"] = {.a_priori_sigma = 1e-3};
  s = SolveBatch(named, c.force, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("time_offset_s[MATERA]"), std::string::npos) << s.status();

  BatchOptions negative = c.Options();
  negative.parameters["time_offset_s[MATERA]"] = {.a_priori_sigma = -1};
  s = SolveBatch(negative, c.force, c.t0, c.Guess(), c.meas, c.stations, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("a_priori_sigma"), std::string::npos) << s.status();

  SimulationOptions so;
  so.start = c.t0;
  so.end = c.t0 + 600.0;
  so.types = {{MeasurementType::kRange, 1.0}};
  so.time_offset_s["NOWHERE"] = 1e-3;
  auto sim = SimulateMeasurements(c.force, c.t0, c.truth, c.stations, so);
  ASSERT_FALSE(sim.ok());
  EXPECT_NE(sim.status().message().find("NOWHERE"), std::string::npos);
}

}  // namespace
}  // namespace sstrack::od
