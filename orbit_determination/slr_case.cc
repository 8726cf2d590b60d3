// Copyright sstrack authors.
#include "orbit_determination/slr_case.h"

#include <cmath>
#include <fstream>
#include <map>

#include <Eigen/Geometry>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "astro/bodies/jpl_ephemeris.h"
#include "astro/formats/cpf.h"
#include "astro/formats/crd.h"
#include "astro/formats/sinex.h"
#include "astro/frames/frames.h"
#include "astro/time/utc.h"
#include "orbit_determination/measurement_model.h"
#include "orbit_determination/range_corrections.h"

namespace sstrack::od {
namespace {

constexpr double kC = 299792458.0;

absl::StatusOr<astro::CartesianState> ParseState(const std::string& where, const std::string& v) {
  std::vector<std::string> f = absl::StrSplit(v, ',');
  double x[6];
  if (f.size() != 6) return absl::InvalidArgumentError(absl::StrCat(where, "expected 6 numbers"));
  for (int i = 0; i < 6; ++i) {
    if (!absl::SimpleAtod(absl::StripAsciiWhitespace(f[i]), &x[i]))
      return absl::InvalidArgumentError(absl::StrCat(where, "'", f[i], "' is not a number"));
  }
  return astro::CartesianState{{x[0], x[1], x[2]}, {x[3], x[4], x[5]}};
}

}  // namespace

absl::StatusOr<SlrCase> ReadSlrCase(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open case file"));
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  auto rel = [&](const std::string& f) { return !f.empty() && f[0] == '/' ? f : dir + f; };
  SlrCase c;
  std::string line;
  int n = 0;
  bool have_epoch = false, have_initial = false;
  while (std::getline(in, line)) {
    ++n;
    std::string t(absl::StripAsciiWhitespace(line.substr(0, line.find('#'))));
    if (t.empty()) continue;
    const size_t eq = t.find('=');
    const std::string where = absl::StrCat(path, ":", n, ": ");
    if (eq == std::string::npos) return absl::InvalidArgumentError(where + "expected 'key = value'");
    const std::string k(absl::StripAsciiWhitespace(t.substr(0, eq)));
    const std::string v(absl::StripAsciiWhitespace(t.substr(eq + 1)));
    auto flag = [&](bool* b) -> absl::Status {
      if (!absl::SimpleAtob(v, b)) return absl::InvalidArgumentError(where + k + ": not true/false");
      return absl::OkStatus();
    };
    auto num = [&](double* d) -> absl::Status {
      if (!absl::SimpleAtod(v, d)) return absl::InvalidArgumentError(where + k + ": not a number");
      return absl::OkStatus();
    };
    absl::Status s;
    double d = 0;
    if (k == "crd") c.crd_file = rel(v);
    else if (k == "sinex") c.sinex_file = rel(v);
    else if (k == "eccentricities") c.eccentricity_file = rel(v);
    else if (k == "eop") c.eop_files.push_back(rel(v));
    else if (k == "de") c.de_file = rel(v);
    else if (k == "gravity") c.gravity_file = rel(v);
    else if (k == "cpf") c.cpf_file = rel(v);
    else if (k == "degree") { s = num(&d); c.degree = static_cast<int>(d); }
    else if (k == "order") { s = num(&d); c.order = static_cast<int>(d); }
    else if (k == "sun") s = flag(&c.sun);
    else if (k == "moon") s = flag(&c.moon);
    else if (k == "relativity") s = flag(&c.relativity);
    else if (k == "troposphere") s = flag(&c.troposphere);
    else if (k == "tides") s = flag(&c.tides);
    else if (k == "shapiro") s = flag(&c.shapiro);
    else if (k == "range_bias") s = flag(&c.estimate_range_bias);
    else if (k == "com_offset_m") s = num(&c.com_offset_m);
    else if (k == "sigma_m") s = num(&c.sigma_m);
    else if (k == "epoch") {
      auto e = astro::ParseIsoUtc(v);
      if (!e.ok()) return absl::InvalidArgumentError(absl::StrCat(where, "epoch: ", e.status().message()));
      c.epoch = *e;
      have_epoch = true;
    } else if (k == "initial_eme2000_m") {
      auto st = ParseState(where + k + ": ", v);
      if (!st.ok()) return st.status();
      c.initial_eme2000 = *st;
      have_initial = true;
    } else if (k == "reference_eme2000_m") {
      auto st = ParseState(where + k + ": ", v);
      if (!st.ok()) return st.status();
      c.reference_eme2000 = *st;
      c.has_reference = true;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(where, "unknown key '", k, "'"));
    }
    if (!s.ok()) return s;
  }
  if (c.crd_file.empty() || c.sinex_file.empty() || c.gravity_file.empty() || !have_epoch || !have_initial) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": a case needs crd, sinex, gravity, epoch and initial_eme2000_m"));
  }
  return c;
}

absl::StatusOr<SlrCaseResult> RunSlrCase(const SlrCase& c, const BatchOptions& options) {
  auto crd = astro::ReadCrdFile(c.crd_file);
  if (!crd.ok()) return crd.status();
  auto snx = astro::ReadSinexFile(c.sinex_file);
  if (!snx.ok()) return snx.status();
  std::optional<astro::SinexFile> ecc;
  if (!c.eccentricity_file.empty()) {
    auto e = astro::ReadSinexFile(c.eccentricity_file);
    if (!e.ok()) return e.status();
    ecc = *std::move(e);
  }
  std::shared_ptr<const astro::EopTable> eop;
  if (!c.eop_files.empty()) {
    auto t = astro::EopTable::FromFiles(c.eop_files);
    if (!t.ok()) return t.status();
    eop = std::make_shared<astro::EopTable>(*std::move(t));
  }
  astro::ForceModelOptions fo;
  auto field = astro::GravityField::Read(c.gravity_file);
  if (!field.ok()) return field.status();
  fo.gravity = *std::move(field);
  fo.degree = c.degree;
  fo.order = c.order;
  fo.sun = c.sun;
  fo.moon = c.moon;
  fo.relativity = c.relativity;
  fo.eop = eop;
  std::shared_ptr<const astro::BodyEphemeris> eph = std::make_shared<astro::AnalyticEphemeris>();
  if (!c.de_file.empty()) {
    auto de = astro::JplEphemeris::Open(c.de_file);
    if (!de.ok()) return de.status();
    eph = std::make_shared<astro::JplEphemeris>(*std::move(de));
  }
  fo.ephemeris = eph;

  // Stations and normal points.
  std::map<std::string, Station> stations;
  std::vector<Measurement> meas;
  std::vector<Meteo> meteo;
  for (const astro::CrdSession& s : crd->sessions) {
    const std::string code = std::to_string(s.station_id);
    if (!stations.count(code)) {
      const astro::Epoch mid = s.start + 0.5 * (s.end - s.start);
      auto p = snx->StationPositionAt(code, mid);
      if (!p.ok()) return p.status();
      Eigen::Vector3d itrf = *p;
      auto geo = astro::ItrfToGeodetic(itrf);
      if (!geo.ok()) return geo.status();
      auto site0 = astro::MakeGroundSite(code, *geo);
      if (!site0.ok()) return site0.status();
      if (ecc) {
        auto une = ecc->EccentricityAt(code, mid);
        if (!une.ok()) return une.status();
        // itrf_to_enu rows: east, north, up.
        const Eigen::Vector3d enu((*une)[2], (*une)[1], (*une)[0]);
        itrf += site0->itrf_to_enu.transpose() * enu;
        geo = astro::ItrfToGeodetic(itrf);
        if (!geo.ok()) return geo.status();
      }
      auto site = astro::MakeGroundSite(code, *geo);
      if (!site.ok()) return site.status();
      site->position_itrf_m = itrf;
      stations[code] = *site;
    }
    for (const astro::CrdNormalPoint& np : s.normal_points) {
      Measurement m;
      m.id = np.line;
      m.type = MeasurementType::kRange;
      m.two_way = true;
      m.station = code;
      m.sigma = c.sigma_m;
      m.value = 0.5 * kC * np.two_way_time_of_flight_s;
      // Epoch event 0: ground receive; 2: ground transmit (CRD v1 record 11).
      if (np.epoch_event == 2) {
        m.epoch = np.epoch + np.two_way_time_of_flight_s;
      } else if (np.epoch_event == 0) {
        m.epoch = np.epoch;
      } else {
        return absl::UnimplementedError(absl::StrCat(c.crd_file, ":", np.line, ": epoch event ",
                                                     np.epoch_event, " not supported"));
      }
      Meteo met;
      if (auto w = MeteoAt(s, np.epoch); w.ok()) {
        met = {w->pressure_pa, w->temperature_k, w->relative_humidity_percent};
      }
      meteo.push_back(met);
      meas.push_back(m);
    }
  }
  if (meas.empty()) return absl::FailedPreconditionError(c.crd_file + ": no normal points");

  // Corrections on the initial orbit.
  const Eigen::Matrix3d to_gcrf = astro::GcrfToEme2000Matrix().transpose();
  const astro::CartesianState x0{to_gcrf * c.initial_eme2000.position_m,
                                 to_gcrf * c.initial_eme2000.velocity_m_s};
  {
    astro::Epoch first = c.epoch, last = c.epoch;
    std::vector<astro::Epoch> times;
    for (const Measurement& m : meas) {
      times.push_back(m.epoch);
      first = std::min(first, m.epoch);
      last = std::max(last, m.epoch);
    }
    auto fm = astro::ForceModel::Create(fo, first, last);
    if (!fm.ok()) return fm.status();
    auto states = astro::PropagateNumerically(**fm, c.epoch, x0, times, {});
    if (!states.ok()) return states.status();
    RangeCorrectionsOptions ro;
    ro.troposphere = c.troposphere;
    ro.tides = c.tides;
    ro.shapiro = c.shapiro;
    ro.com_offset_m = c.com_offset_m;
    for (size_t i = 0; i < meas.size(); ++i) {
      const astro::Epoch& t = meas[i].epoch;
      astro::EopSample sample = astro::ZeroEop(t);
      if (eop) {
        auto at = eop->At(t);
        if (!at.ok()) return at.status();
        sample = *at;
      }
      const StationState st = MakeStationState(stations[meas[i].station], t, sample);
      const ModelValue mv = ComputeModel(meas[i], st, (*states)[i].gcrf.position_m,
                                         (*states)[i].gcrf.velocity_m_s);
      const Eigen::Vector3d bounce =
          (*states)[i].gcrf.position_m - (*states)[i].gcrf.velocity_m_s * mv.light_time_s;
      auto corr = ComputeRangeCorrections(stations[meas[i].station], bounce, t,
                                          astro::GcrfToItrfMatrix(t, sample), sample,
                                          eph->SunGcrf(t), eph->MoonGcrf(t), meteo[i], ro);
      if (!corr.ok()) {
        return absl::Status(corr.status().code(), absl::StrCat(c.crd_file, ":", meas[i].id, ": ",
                                                               corr.status().message()));
      }
      meas[i].model_correction = corr->total_m;
    }
  }

  BatchOptions bo = options;
  if (c.estimate_range_bias) bo.estimate_biases = {MeasurementType::kRange};
  SlrCaseResult r;
  r.normal_points = static_cast<int>(meas.size());
  const absl::Time w0 = absl::Now();
  auto fit = SolveBatch(bo, fo, c.epoch, x0, meas, stations, eop);
  r.fit_wall_time_s = absl::ToDoubleSeconds(absl::Now() - w0);
  if (!fit.ok()) return fit.status();
  r.fit = *std::move(fit);
  const Eigen::Matrix3d to_eme = astro::GcrfToEme2000Matrix();
  r.estimate_eme2000 = {to_eme * r.fit.state_gcrf.position_m, to_eme * r.fit.state_gcrf.velocity_m_s};
  double sum = 0, sum2 = 0;
  int kept = 0;
  for (const ResidualRecord& rr : r.fit.residuals) {
    if (rr.edited) continue;
    sum += rr.postfit;
    sum2 += rr.postfit * rr.postfit;
    ++kept;
  }
  r.residual_mean_m = kept ? sum / kept : 0;
  r.residual_std_m = kept > 1 ? std::sqrt((sum2 - kept * r.residual_mean_m * r.residual_mean_m) / (kept - 1)) : 0;
  if (c.has_reference) {
    r.reference_position_diff_m = (r.estimate_eme2000.position_m - c.reference_eme2000.position_m).norm();
    r.reference_velocity_diff_m_s = (r.estimate_eme2000.velocity_m_s - c.reference_eme2000.velocity_m_s).norm();
  }
  // Against the CPF prediction over the data span.
  if (!c.cpf_file.empty()) {
    auto cpf = astro::ReadCpfFile(c.cpf_file);
    if (!cpf.ok()) return cpf.status();
    std::vector<astro::Epoch> times;
    const astro::Epoch first = meas.front().epoch, last = meas.back().epoch;
    for (const astro::CpfPosition& p : cpf->positions) {
      if (!(p.epoch < first) && !(last < p.epoch)) times.push_back(p.epoch);
    }
    if (!times.empty()) {
      auto fm = astro::ForceModel::Create(fo, std::min(first, c.epoch), std::max(last, c.epoch));
      if (!fm.ok()) return fm.status();
      auto states = astro::PropagateNumerically(**fm, c.epoch, r.fit.state_gcrf, times, {});
      if (!states.ok()) return states.status();
      Eigen::Vector3d acc = Eigen::Vector3d::Zero();
      for (size_t i = 0; i < times.size(); ++i) {
        astro::EopSample sample = astro::ZeroEop(times[i]);
        if (eop) sample = eop->At(times[i]).value_or(sample);
        auto itrf = astro::ConvertState((*states)[i].gcrf, astro::Frame::kGcrf, astro::Frame::kItrf,
                                        times[i], sample);
        if (!itrf.ok()) return itrf.status();
        auto ref = astro::CpfPositionAt(*cpf, times[i]);
        if (!ref.ok()) continue;
        const Eigen::Vector3d d = itrf->position_m - *ref;
        const Eigen::Vector3d ric = astro::RicMatrix(itrf->position_m, itrf->velocity_m_s) * d;
        acc += ric.cwiseProduct(ric);
        ++r.cpf_points;
      }
      if (r.cpf_points > 0) r.cpf_rms_ric_m = (acc / r.cpf_points).cwiseSqrt();
    }
  }
  return r;
}

}  // namespace sstrack::od
