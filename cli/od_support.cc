// Copyright sstrack authors.
#include "cli/od_support.h"

#include <cmath>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "astro/frames/topocentric.h"
#include "astro/time/utc.h"
#include "cli/cli_common.h"
#include "service/config_loader.h"
#include "sensors/sensor.h"
#include "operations/object_fit.h"

namespace sstrack::cli {

absl::StatusOr<StationList> ReadSitesCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("--sites ", path, ": cannot open"));
  StationList out;
  std::map<std::string, od::Station>& sites = out.stations;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string text(absl::StripAsciiWhitespace(line.substr(0, line.find('#'))));
    if (text.empty() || absl::StartsWithIgnoreCase(text, "name,")) continue;
    std::vector<std::string> f = absl::StrSplit(text, ',');
    const std::string where = absl::StrCat(path, ":", n, ": ");
    if (f.size() != 4 && f.size() != 5) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, "expected name,lat_deg,lon_deg,alt_m[,atmosphere], got ", f.size(), " fields"));
    }
    const std::string name(absl::StripAsciiWhitespace(f[0]));
    double v[3];
    const char* fields[] = {"lat_deg", "lon_deg", "alt_m"};
    for (int i = 0; i < 3; ++i) {
      if (!absl::SimpleAtod(absl::StripAsciiWhitespace(f[i + 1]), &v[i]) || !std::isfinite(v[i])) {
        return absl::InvalidArgumentError(absl::StrCat(where, fields[i], ": '", f[i + 1], "' is not a number"));
      }
    }
    if (name.empty() || std::abs(v[0]) > 90 || std::abs(v[1]) > 360 || v[2] < -500 || v[2] > 1e5) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, "site '", name, "': latitude in [-90, 90], longitude in [-360, 360], altitude in [-500, 1e5] m"));
    }
    if (sites.count(name)) return absl::InvalidArgumentError(absl::StrCat(where, "site '", name, "' twice"));
    od::StationCorrections corrections;
    if (f.size() == 5) {
      const std::string band = absl::AsciiStrToLower(absl::StripAsciiWhitespace(f[4]));
      if (band == "optical") corrections.atmosphere = od::Atmosphere::kOptical;
      else if (band == "radio") corrections.atmosphere = od::Atmosphere::kRadio;
      else if (!band.empty() && band != "none") {
        return absl::InvalidArgumentError(absl::StrCat(where, "site '", name, "': atmosphere '",
                                                       f[4], "': expected none, optical or radio"));
      }
    }
    auto site = astro::MakeGroundSite(name, {v[0] * M_PI / 180, v[1] * M_PI / 180, v[2]});
    if (!site.ok()) return site.status();
    sites[name] = *site;
    out.corrections[name] = corrections;
    out.kind[name] = "STATION";
  }
  if (sites.empty()) return absl::InvalidArgumentError(absl::StrCat("--sites ", path, ": no sites"));
  return out;
}

absl::StatusOr<StationList> LoadStations(const std::string& sites_csv, const std::string& config) {
  StationList out;
  if (!sites_csv.empty()) {
    auto csv = ReadSitesCsv(sites_csv);
    if (!csv.ok()) return csv.status();
    out = *std::move(csv);
  }
  if (config.empty()) return out;
  auto net = service::LoadSensorNetwork(config);
  if (!net.ok()) return net.status();
  for (const sensors::Sensor& s : *net) {
    if (out.stations.count(s.name())) {
      return absl::InvalidArgumentError(absl::StrCat("station '", s.name(), "' is in --sites ",
                                                     sites_csv, " and in --config ", config,
                                                     ": give it once"));
    }
    out.stations[s.name()] = s.site();
    out.corrections[s.name()] = operations::StationCorrectionsOf(s);
    out.kind[s.name()] = std::string(sensors::SensorTypeName(s.type()));
  }
  return out;
}

absl::StatusOr<std::shared_ptr<const astro::EopTable>> LoadEop(const std::vector<std::string>& files,
                                                              std::FILE* err) {
  if (files.empty()) {
    std::fprintf(err,
                 "warning: no --eop file: using zero Earth orientation (x_p = y_p = UT1-UTC = 0); "
                 "station positions may be off by hundreds of metres\n");
    return std::shared_ptr<const astro::EopTable>();
  }
  auto table = astro::EopTable::FromFiles(files);
  if (!table.ok()) return table.status();
  return std::shared_ptr<const astro::EopTable>(std::make_shared<astro::EopTable>(*std::move(table)));
}

absl::StatusOr<StateSpec> ParseStateSpec(const std::string& flag, const std::string& text) {
  const size_t comma = text.find(',');
  if (comma == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": expected EPOCH_ISO,x,y,z,vx,vy,vz (km, km/s)"));
  }
  auto t = astro::ParseIsoUtc(text.substr(0, comma));
  if (!t.ok()) return absl::InvalidArgumentError(absl::StrCat(flag, " epoch: ", t.status().message()));
  auto v = ParseNumberList(flag, text.substr(comma + 1), 6);
  if (!v.ok()) return v.status();
  StateSpec s;
  s.epoch = *t;
  s.gcrf.position_m = Eigen::Vector3d((*v)[0], (*v)[1], (*v)[2]) * 1e3;
  s.gcrf.velocity_m_s = Eigen::Vector3d((*v)[3], (*v)[4], (*v)[5]) * 1e3;
  return s;
}

}  // namespace sstrack::cli
