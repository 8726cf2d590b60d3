// Copyright sstrack authors.
#include "operations/observation_codec.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "absl/strings/str_cat.h"

namespace sstrack::operations {
namespace {

bool IsFirstAngle(od::MeasurementType t) {
  return t == od::MeasurementType::kAzimuth || t == od::MeasurementType::kRightAscension;
}
bool IsSecondAngle(od::MeasurementType t) {
  return t == od::MeasurementType::kElevation || t == od::MeasurementType::kDeclination;
}
// The pair kind of an angle: AZEL or RADEC.
const char* PairType(od::MeasurementType t) {
  return t == od::MeasurementType::kAzimuth || t == od::MeasurementType::kElevation ? "AZEL"
                                                                                   : "RADEC";
}
const char* SingleType(od::MeasurementType t) {
  switch (t) {
    case od::MeasurementType::kAzimuth: return "AZIMUTH";
    case od::MeasurementType::kElevation: return "ELEVATION";
    case od::MeasurementType::kRightAscension: return "RIGHT_ASCENSION";
    case od::MeasurementType::kDeclination: return "DECLINATION";
    case od::MeasurementType::kRange: return "RANGE";
    case od::MeasurementType::kRangeRate: return "RANGE_RATE";
  }
  return "?";
}

}  // namespace

std::vector<od::Measurement> ToMeasurements(
    const std::vector<catalog::ObservationRecord>& obs,
    const std::map<std::string, od::Station>& stations,
    const std::map<std::string, od::StationCorrections>& corrections) {
  std::vector<od::Measurement> out;
  const od::StationCorrections geometric;
  for (const catalog::ObservationRecord& o : obs) {
    if (!stations.count(o.sensor)) continue;
    const auto c = corrections.find(o.sensor);
    const od::StationCorrections& declared = c == corrections.end() ? geometric : c->second;
    od::Measurement m;
    m.id = o.id;
    m.epoch = o.epoch;
    m.station = o.sensor;
    m.value = o.value1;
    m.sigma = o.sigma1;
    if (o.type == "RANGE" || o.type == "RANGE_RATE") {
      m.type = o.type == "RANGE" ? od::MeasurementType::kRange : od::MeasurementType::kRangeRate;
      od::ApplyStationCorrections(declared, m);
      out.push_back(m);
      continue;
    }
    static const std::map<std::string, od::MeasurementType> kSingle = {
        {"AZIMUTH", od::MeasurementType::kAzimuth},
        {"ELEVATION", od::MeasurementType::kElevation},
        {"RIGHT_ASCENSION", od::MeasurementType::kRightAscension},
        {"DECLINATION", od::MeasurementType::kDeclination}};
    if (const auto single = kSingle.find(o.type); single != kSingle.end()) {
      m.type = single->second;
      od::ApplyStationCorrections(declared, m);
      out.push_back(m);
      continue;
    }
    if ((o.type != "AZEL" && o.type != "RADEC") || !o.value2 || !o.sigma2) continue;
    const bool azel = o.type == "AZEL";
    m.type = azel ? od::MeasurementType::kAzimuth : od::MeasurementType::kRightAscension;
    od::ApplyStationCorrections(declared, m);
    out.push_back(m);
    m.type = azel ? od::MeasurementType::kElevation : od::MeasurementType::kDeclination;
    m.value = *o.value2;
    m.sigma = *o.sigma2;
    od::ApplyStationCorrections(declared, m);
    out.push_back(m);
  }
  std::stable_sort(out.begin(), out.end(), [](const od::Measurement& a, const od::Measurement& b) {
    return a.epoch < b.epoch;
  });
  return out;
}

std::vector<catalog::ObservationRecord> ToObservationRecords(
    const std::vector<od::Measurement>& measurements, int catalog_number) {
  // Partners: the second angle of the same station, pair kind and epoch.
  using Key = std::tuple<std::string, std::string, int64_t, double>;
  auto key = [](const od::Measurement& m) {
    return Key{m.station, PairType(m.type), m.epoch.tai_whole_seconds(), m.epoch.tai_fraction_seconds()};
  };
  std::map<Key, std::vector<size_t>> seconds;
  for (size_t i = 0; i < measurements.size(); ++i) {
    if (IsSecondAngle(measurements[i].type)) seconds[key(measurements[i])].push_back(i);
  }
  std::vector<bool> paired(measurements.size(), false);
  std::vector<catalog::ObservationRecord> out;
  auto row = [&](const od::Measurement& m, const char* type) {
    catalog::ObservationRecord r;
    r.sensor = m.station;
    r.external_id = absl::StrCat(m.source, ":", m.id);
    r.catalog_number = catalog_number;
    r.epoch = m.epoch;
    r.type = type;
    r.value1 = m.value;
    r.sigma1 = m.sigma;
    return r;
  };
  for (size_t i = 0; i < measurements.size(); ++i) {
    const od::Measurement& m = measurements[i];
    if (!IsFirstAngle(m.type)) continue;
    auto it = seconds.find(key(m));
    if (it == seconds.end() || it->second.empty()) continue;
    const size_t j = it->second.front();
    it->second.erase(it->second.begin());
    paired[i] = paired[j] = true;
    catalog::ObservationRecord r = row(m, PairType(m.type));
    r.value2 = measurements[j].value;
    r.sigma2 = measurements[j].sigma;
    out.push_back(std::move(r));
  }
  for (size_t i = 0; i < measurements.size(); ++i) {
    if (!paired[i]) out.push_back(row(measurements[i], SingleType(measurements[i].type)));
  }
  std::stable_sort(out.begin(), out.end(), [](const catalog::ObservationRecord& a,
                                             const catalog::ObservationRecord& b) {
    return a.epoch < b.epoch;
  });
  return out;
}

}  // namespace sstrack::operations
