// Copyright sstrack authors.
#include "service/config_loader.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "proto/sstrack/v1/config.pb.h"
#include "service/textproto_errors.h"

namespace sstrack::service {
namespace {

namespace pb = google::protobuf;
constexpr double kDeg = M_PI / 180.0;


// Range checks of one `sensor { … }` block, with the line of each field.
class Validator {
 public:
  Validator(absl::string_view source, const v1::Sensor& s, const pb::TextFormat::ParseInfoTree* tree,
            int block_line)
      : source_(source), sensor_(s), tree_(tree), block_line_(block_line) {}

  // `path` is "field" or "message.field"; the value's line is found in the
  // parse tree (the block's line when the field was left out).
  void Require(bool ok, const std::string& path, double value, absl::string_view expected) {
    if (ok || !status_.ok()) return;
    status_ = absl::InvalidArgumentError(absl::StrCat(source_, ":", LineOf(path), ": sensor ",
                                                      sensor_.name(), ": ", path, " = ", value,
                                                      ": ", expected));
  }
  void RequireIndexed(bool ok, const std::string& repeated, int index, const std::string& field,
                      double value, absl::string_view expected) {
    if (ok || !status_.ok()) return;
    int line = block_line_;
    const pb::FieldDescriptor* f = v1::Sensor::descriptor()->FindFieldByName(repeated);
    if (const auto* sub = tree_ ? tree_->GetTreeForNested(f, index) : nullptr) {
      const pb::FieldDescriptor* g = v1::MaskPoint::descriptor()->FindFieldByName(field);
      if (pb::TextFormat::ParseLocation loc = sub->GetLocation(g, -1); loc.line >= 0) {
        line = loc.line + 1;
      }
    }
    status_ = absl::InvalidArgumentError(absl::StrCat(source_, ":", line, ": sensor ",
                                                      sensor_.name(), ": ", repeated, "[", index,
                                                      "].", field, " = ", value, ": ", expected));
  }
  absl::Status status() const { return status_; }
  int block_line() const { return block_line_; }

 private:
  int LineOf(const std::string& path) const {
    if (tree_ == nullptr) return block_line_;
    const size_t dot = path.find('.');
    const pb::Descriptor* d = v1::Sensor::descriptor();
    const pb::TextFormat::ParseInfoTree* t = tree_;
    std::string field = path;
    if (dot != std::string::npos) {
      const pb::FieldDescriptor* outer = d->FindFieldByName(path.substr(0, dot));
      if (outer == nullptr) return block_line_;
      t = tree_->GetTreeForNested(outer, -1);
      if (t == nullptr) return block_line_;
      d = outer->message_type();
      field = path.substr(dot + 1);
    }
    const pb::FieldDescriptor* f = d->FindFieldByName(field);
    if (f == nullptr) return block_line_;
    const pb::TextFormat::ParseLocation loc = t->GetLocation(f, -1);
    return loc.line >= 0 ? loc.line + 1 : block_line_;
  }
  std::string source_;
  const v1::Sensor& sensor_;
  const pb::TextFormat::ParseInfoTree* tree_;
  int block_line_;
  absl::Status status_;
};

bool Within(double v, double lo, double hi) { return v >= lo && v <= hi; }

absl::StatusOr<sensors::Sensor> Convert(const v1::Sensor& s, Validator& c) {
  c.Require(!s.name().empty(), "name", 0, "every sensor needs a name");
  c.Require(s.type() != v1::SENSOR_TYPE_UNSPECIFIED, "type", s.type(),
            "must be OPTICAL, TRACKING_RADAR or PHASED_ARRAY_RADAR");
  c.Require(Within(s.latitude_deg(), -90, 90), "latitude_deg", s.latitude_deg(),
            "must be in [-90, 90]");
  c.Require(Within(s.longitude_deg(), -180, 360), "longitude_deg", s.longitude_deg(),
            "must be in [-180, 360]");
  c.Require(s.altitude_m() > -500 && s.altitude_m() < 1e5, "altitude_m", s.altitude_m(),
            "must be in (-500, 100000)");
  c.Require(Within(s.min_elevation_deg(), -90, 90), "min_elevation_deg", s.min_elevation_deg(),
            "must be in [-90, 90]");
  for (int i = 0; i < s.mask_size(); ++i) {
    const v1::MaskPoint& p = s.mask(i);
    c.RequireIndexed(p.azimuth_deg() >= 0 && p.azimuth_deg() < 360, "mask", i, "azimuth_deg",
                     p.azimuth_deg(), "must be in [0, 360)");
    c.RequireIndexed(Within(p.min_elevation_deg(), -90, 90), "mask", i, "min_elevation_deg",
                     p.min_elevation_deg(), "must be in [-90, 90]");
  }
  c.Require(s.min_range_km() >= 0, "min_range_km", s.min_range_km(), "must be >= 0");
  c.Require(s.max_range_km() == 0 || s.max_range_km() > s.min_range_km(), "max_range_km",
            s.max_range_km(), "must be > min_range_km (or 0: no limit)");
  const bool optical = s.type() == v1::OPTICAL;
  const bool phased = s.type() == v1::PHASED_ARRAY_RADAR;
  if (optical) {
    const v1::OpticalLimits& o = s.optical();
    c.Require(Within(o.max_sun_elevation_deg(), -90, 90), "optical.max_sun_elevation_deg",
              o.max_sun_elevation_deg(), "must be in [-90, 90]");
    c.Require(Within(o.min_moon_separation_deg(), 0, 180), "optical.min_moon_separation_deg",
              o.min_moon_separation_deg(), "must be in [0, 180]");
    c.Require(o.limiting_magnitude() > -5 && o.limiting_magnitude() < 30,
              "optical.limiting_magnitude", o.limiting_magnitude(), "must be in (-5, 30)");
    c.Require(Within(o.min_sunlit_fraction(), 0, 1), "optical.min_sunlit_fraction",
              o.min_sunlit_fraction(), "must be in [0, 1]");
  } else {
    c.Require(s.radar().reference_range_km() > 0, "radar.reference_range_km",
              s.radar().reference_range_km(), "must be > 0");
  }
  if (phased) {
    const v1::FieldOfRegard& f = s.field_of_regard();
    c.Require(f.boresight_azimuth_deg() >= 0 && f.boresight_azimuth_deg() < 360,
              "field_of_regard.boresight_azimuth_deg", f.boresight_azimuth_deg(),
              "must be in [0, 360)");
    c.Require(f.azimuth_half_width_deg() > 0 && f.azimuth_half_width_deg() <= 180,
              "field_of_regard.azimuth_half_width_deg", f.azimuth_half_width_deg(),
              "must be in (0, 180]");
    c.Require(Within(f.min_elevation_deg(), -90, 90), "field_of_regard.min_elevation_deg",
              f.min_elevation_deg(), "must be in [-90, 90]");
    c.Require(f.max_elevation_deg() > f.min_elevation_deg() && f.max_elevation_deg() <= 90,
              "field_of_regard.max_elevation_deg", f.max_elevation_deg(),
              "must be in (min_elevation_deg, 90]");
  } else {
    for (const char* axis : {"azimuth_axis", "elevation_axis"}) {
      const v1::Axis& a = std::string(axis) == "azimuth_axis" ? s.azimuth_axis() : s.elevation_axis();
      c.Require(a.max_rate_deg_s() > 0, absl::StrCat(axis, ".max_rate_deg_s"), a.max_rate_deg_s(),
                "must be > 0");
      c.Require(a.max_acceleration_deg_s2() > 0, absl::StrCat(axis, ".max_acceleration_deg_s2"),
                a.max_acceleration_deg_s2(), "must be > 0");
    }
  }
  c.Require(s.settle_time_s() >= 0, "settle_time_s", s.settle_time_s(), "must be >= 0");
  c.Require(s.track_duration_s() > 0, "track_duration_s", s.track_duration_s(), "must be > 0");
  c.Require(s.observations_per_track() >= 1, "observations_per_track",
            s.observations_per_track(), "must be >= 1");
  c.Require(s.noise().angle_arcsec() >= 0, "noise.angle_arcsec", s.noise().angle_arcsec(),
            "must be >= 0");
  c.Require(s.noise().range_m() >= 0, "noise.range_m", s.noise().range_m(), "must be >= 0");
  c.Require(s.noise().range_rate_m_s() >= 0, "noise.range_rate_m_s", s.noise().range_rate_m_s(),
            "must be >= 0");
  c.Require(s.noise().angle_arcsec() > 0 || s.noise().range_m() > 0, "noise.angle_arcsec",
            s.noise().angle_arcsec(), "a sensor must measure angles or range (some noise > 0)");
  c.Require(s.max_tasks_per_night() >= 0, "max_tasks_per_night", s.max_tasks_per_night(),
            "must be >= 0");
  using Corrections = v1::MeasurementCorrections;
  const Corrections& k = s.corrections();
  c.Require(Corrections::Atmosphere_IsValid(k.atmosphere()), "corrections.atmosphere",
            k.atmosphere(), "must be NONE, OPTICAL or RADIO");
  c.Require(!optical || k.atmosphere() != Corrections::RADIO, "corrections.atmosphere",
            k.atmosphere(), "an OPTICAL sensor's data are refracted as OPTICAL (or NONE), not RADIO");
  c.Require(optical || k.atmosphere() != Corrections::OPTICAL, "corrections.atmosphere",
            k.atmosphere(), "a radar's data are refracted as RADIO (or NONE), not OPTICAL");
  c.Require(optical || !k.radec_annual_aberration(), "corrections.radec_annual_aberration", 1,
            "only OPTICAL sensors report RA/Dec");
  c.Require(optical || !k.radec_diurnal_aberration(), "corrections.radec_diurnal_aberration", 1,
            "only OPTICAL sensors report RA/Dec");
  if (!c.status().ok()) return c.status();

  sensors::SensorSpec d;
  d.name = s.name();
  d.type = optical  ? sensors::SensorType::kOptical
           : phased ? sensors::SensorType::kPhasedArrayRadar
                    : sensors::SensorType::kTrackingRadar;
  d.geodetic = {s.latitude_deg() * kDeg, s.longitude_deg() * kDeg, s.altitude_m()};
  d.min_elevation_rad = s.min_elevation_deg() * kDeg;
  for (const v1::MaskPoint& p : s.mask()) {
    d.mask.push_back({p.azimuth_deg() * kDeg, p.min_elevation_deg() * kDeg});
  }
  d.min_range_m = s.min_range_km() * 1e3;
  d.max_range_m = s.max_range_km() > 0 ? s.max_range_km() * 1e3
                                       : std::numeric_limits<double>::infinity();
  d.optical = {s.optical().max_sun_elevation_deg() * kDeg,
               s.optical().min_moon_separation_deg() * kDeg, s.optical().limiting_magnitude(),
               s.optical().min_sunlit_fraction()};
  d.radar = {s.radar().reference_snr_db(), s.radar().reference_range_km() * 1e3,
             s.radar().min_snr_db()};
  if (!optical && d.radar.reference_range_m <= 0) d.radar.reference_range_m = 1e6;
  const v1::FieldOfRegard& f = s.field_of_regard();
  d.field_of_regard = {f.boresight_azimuth_deg() * kDeg, f.azimuth_half_width_deg() * kDeg,
                       f.min_elevation_deg() * kDeg, f.max_elevation_deg() * kDeg};
  if (!phased) d.field_of_regard = {};
  d.azimuth_axis = {s.azimuth_axis().max_rate_deg_s() * kDeg,
                    s.azimuth_axis().max_acceleration_deg_s2() * kDeg};
  d.elevation_axis = {s.elevation_axis().max_rate_deg_s() * kDeg,
                      s.elevation_axis().max_acceleration_deg_s2() * kDeg};
  d.settle_time_s = s.settle_time_s();
  d.track_duration_s = s.track_duration_s();
  d.observations_per_track = s.observations_per_track();
  d.noise = {s.noise().angle_arcsec() / 3600.0 * kDeg, s.noise().range_m(),
             s.noise().range_rate_m_s()};
  d.max_tasks_per_night = s.max_tasks_per_night();
  d.corrections.atmosphere = k.atmosphere() == Corrections::OPTICAL ? sensors::ReportedAtmosphere::kOptical
                             : k.atmosphere() == Corrections::RADIO ? sensors::ReportedAtmosphere::kRadio
                                                                    : sensors::ReportedAtmosphere::kNone;
  d.corrections.radec_annual_aberration = k.radec_annual_aberration();
  d.corrections.radec_diurnal_aberration = k.radec_diurnal_aberration();
  absl::StatusOr<sensors::Sensor> r = sensors::Sensor::Create(std::move(d));
  if (!r.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(c.block_line(), ": ", r.status().message()));
  }
  return r;
}

}  // namespace

absl::StatusOr<std::vector<sensors::Sensor>> ParseSensorNetwork(absl::string_view text,
                                                                absl::string_view source) {
  v1::SensorNetwork net;
  pb::TextFormat::Parser parser;
  FirstTextprotoError errors{std::string(source)};
  parser.RecordErrorsTo(&errors);
  pb::TextFormat::ParseInfoTree tree;
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &net)) {
    return absl::InvalidArgumentError(errors.first().empty() ? absl::StrCat(source, ": parse error")
                                                             : errors.first());
  }
  if (net.sensor_size() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": no sensor defined"));
  }
  const pb::FieldDescriptor* sensor_field = v1::SensorNetwork::descriptor()->FindFieldByName("sensor");
  std::vector<sensors::Sensor> out;
  std::set<std::string> names;
  for (int i = 0; i < net.sensor_size(); ++i) {
    const int line = tree.GetLocation(sensor_field, i).line + 1;
    Validator v(source, net.sensor(i), tree.GetTreeForNested(sensor_field, i), line);
    absl::StatusOr<sensors::Sensor> s = Convert(net.sensor(i), v);
    if (!s.ok()) {
      if (absl::string_view(s.status().message()).substr(0, source.size()) == source) {
        return s.status();
      }
      return absl::InvalidArgumentError(absl::StrCat(source, ":", s.status().message()));
    }
    if (!names.insert(s->name()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line, ": sensor ", s->name(), ": duplicate name"));
    }
    out.push_back(*std::move(s));
  }
  return out;
}

absl::StatusOr<std::vector<sensors::Sensor>> LoadSensorNetwork(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read sensor config ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseSensorNetwork(ss.str(), path);
}

}  // namespace sstrack::service
