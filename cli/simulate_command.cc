// Copyright sstrack authors.
#include "cli/simulate_command.h"

#include <chrono>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "astro/formats/element_file.h"
#include "astro/time/utc.h"
#include "cli/cli_common.h"
#include "cli/sensors_command.h"
#include "orbit_determination/simulator.h"
#include "simulation/detection.h"
#include "simulation/truth_ephemeris.h"
#include "astro/frames/frames.h"
#include "proto/sstrack/v1/sstrack.grpc.pb.h"
#include "operations/object_fit.h"

namespace sstrack::cli {
namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kArcsec = kDeg / 3600.0;

absl::Status FromGrpc(const grpc::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(static_cast<int>(s.error_code())),
                      absl::StrCat(what, ": ", s.error_message()));
}

void Authorize(grpc::ClientContext* ctx, const std::string& token, double deadline_s) {
  ctx->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  ctx->set_deadline(std::chrono::system_clock::now() +
                    std::chrono::milliseconds(static_cast<int64_t>(deadline_s * 1000)));
}

double Wrap360(double deg) {
  double d = std::fmod(deg, 360.0);
  if (d < 0) d += 360.0;
  return d >= 360.0 ? 0.0 : d;
}

// One track's observations (paired angles) for the task.
// `truth_at_acquisition`: the object's true GCRF state when the stare acquired it.
absl::StatusOr<std::vector<sstrack::v1::Observation>> TrackObservations(
    const sstrack::v1::Task& task, const sensors::Sensor& sensor, const astro::Epoch& acquired,
    const astro::CartesianState& truth_at_acquisition, const astro::ForceModelOptions& fo,
    const simulation::SensorBiases& bias) {
  auto task_start = astro::ParseIsoUtc(task.start_utc());
  auto end = astro::ParseIsoUtc(task.end_utc());
  if (!task_start.ok() || !end.ok()) return absl::InvalidArgumentError("task with a bad window");
  const sensors::MeasurementNoise& noise = sensor.spec().noise;
  const double angle = noise.angle_rad > 0 ? noise.angle_rad : 1.0 * kArcsec;
  const double range = noise.range_m > 0 ? noise.range_m : 10.0;
  const double rate = noise.range_rate_m_s > 0 ? noise.range_rate_m_s : 0.1;
  od::SimulationOptions so;
  so.start = acquired;
  so.end = *end;
  // The task's cadence, from the acquisition on: a late acquisition gives
  // fewer observations.
  const int n = std::max(2, task.expected_observations());
  so.step_s = std::max(1.0, (*end - *task_start) / (n - 1));
  so.min_elevation_rad = 0.0;
  so.seed = static_cast<uint64_t>(task.task_id()) * 7919 + 17;
  // The values contain what the sensor declares its data contain (its
  // config), as the service's fit of them assumes.
  so.station_corrections[sensor.name()] = operations::StationCorrectionsOf(sensor);
  const bool radar = sensors::IsRadar(sensor.type());
  if (radar) {
    so.types = {{od::MeasurementType::kRange, range},
                {od::MeasurementType::kRangeRate, rate},
                {od::MeasurementType::kAzimuth, angle},
                {od::MeasurementType::kElevation, angle}};
  } else {
    so.types = {{od::MeasurementType::kRightAscension, angle},
                {od::MeasurementType::kDeclination, angle}};
  }
  auto meas = od::SimulateMeasurements(fo, acquired, truth_at_acquisition,
                                       {{sensor.name(), sensor.site()}}, so);
  if (!meas.ok()) return meas.status();
  std::vector<sstrack::v1::Observation> out;
  // SimulateMeasurements emits, per epoch, the types in the order asked.
  const size_t per_epoch = so.types.size();
  for (size_t k = 0; k + per_epoch <= meas->size(); k += per_epoch) {
    const od::Measurement* m = &(*meas)[k];
    const std::string epoch = astro::FormatIsoUtc(m[0].epoch, 6);
    const std::string base = absl::StrCat(sensor.name(), "-T", task.task_id(), "-", k / per_epoch);
    auto make = [&](const std::string& suffix, sstrack::v1::ObservationType type) {
      sstrack::v1::Observation o;
      o.set_observation_id(base + suffix);
      o.set_task_id(task.task_id());
      o.set_catalog_number(task.catalog_number());
      o.set_epoch_utc(epoch);
      o.set_type(type);
      return o;
    };
    if (radar) {
      sstrack::v1::Observation r = make("-R", sstrack::v1::RANGE);
      r.set_range_m(m[0].value + bias.range_m);
      r.set_range_sigma_m(range);
      out.push_back(r);
      sstrack::v1::Observation d = make("-D", sstrack::v1::RANGE_RATE);
      d.set_range_rate_m_s(m[1].value);
      d.set_range_rate_sigma_m_s(rate);
      out.push_back(d);
      sstrack::v1::Observation a = make("-A", sstrack::v1::AZEL);
      a.set_azimuth_deg(Wrap360((m[2].value + bias.angle1_rad) / kDeg));
      a.set_elevation_deg(std::clamp((m[3].value + bias.angle2_rad) / kDeg, -90.0, 90.0));
      a.set_angle_sigma_arcsec(angle / kArcsec);
      out.push_back(a);
    } else {
      sstrack::v1::Observation a = make("-A", sstrack::v1::RADEC);
      a.set_right_ascension_deg(Wrap360((m[0].value + bias.angle1_rad) / kDeg));
      a.set_declination_deg(std::clamp((m[1].value + bias.angle2_rad) / kDeg, -90.0, 90.0));
      a.set_angle_sigma_arcsec(angle / kArcsec);
      out.push_back(a);
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<std::map<int, astro::MeanElements>> ReadElementsByNumber(const std::string& path) {
  auto file = astro::ReadElementFile(path);
  if (!file.ok()) return file.status();
  std::map<int, astro::MeanElements> by;
  for (const astro::MeanElements& e : file->elements) {
    auto it = by.find(e.catalog_number);
    if (it == by.end() || it->second.epoch < e.epoch) by[e.catalog_number] = e;
  }
  return by;
}

SimulatedSensor::SimulatedSensor(const std::shared_ptr<grpc::Channel>& channel, std::string token,
                                 sensors::Sensor sensor, uint64_t world_seed)
    : stub_(sstrack::v1::SensorGateway::NewStub(channel)),
      token_(std::move(token)),
      sensor_(std::move(sensor)) {
  const sensors::MeasurementNoise& noise = sensor_.spec().noise;
  bias_ = simulation::DrawSensorBiases(sensor_.name(), noise.range_m > 0 ? noise.range_m : 10.0,
                                       noise.angle_rad > 0 ? noise.angle_rad : kArcsec, world_seed);
}

SimulatedSensor::~SimulatedSensor() = default;

absl::StatusOr<sstrack::v1::GetTasksResponse> SimulatedSensor::FetchTasks(const std::string& night) {
  sstrack::v1::GetTasksRequest req;
  req.set_sensor(sensor_.name());
  req.set_night(night);
  sstrack::v1::GetTasksResponse tasks;
  grpc::ClientContext ctx;
  Authorize(&ctx, token_, 30);
  if (absl::Status s = FromGrpc(stub_->GetTasks(&ctx, req, &tasks), "GetTasks"); !s.ok()) return s;
  return tasks;
}

absl::Status SimulatedSensor::Execute(const sstrack::v1::GetTasksResponse& tasks,
                                      const simulation::TruthEphemeris& truth,
                                      std::optional<astro::Epoch> until, SimulateSummary* sum,
                                      const AckCallback& on_ack) {
  for (const sstrack::v1::Task& task : tasks.tasks()) {
    if (task.status() != "PLANNED" && task.status() != "SENT") continue;
    auto start = astro::ParseIsoUtc(task.start_utc());
    auto end = astro::ParseIsoUtc(task.end_utc());
    if (!start.ok() || !end.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("task ", task.task_id(), ": a bad window"));
    }
    if (until && *until < *end) continue;  // not over yet
    ++sum->tasks;
    std::vector<sstrack::v1::Observation> obs;
    bool found = false;
    const simulation::ObjectPhysics* phys = truth.PhysicsOf(task.catalog_number());
    if (phys) {
      // The sensor stares at the task's pointing from its start until the
      // object enters the field, then tracks it to the end.
      const int id = task.catalog_number();
      const simulation::StareResult stare = simulation::Stare(
          sensor_, task.azimuth_deg() * kDeg, task.elevation_deg() * kDeg, *start, *end,
          [&](const astro::Epoch& t) -> absl::StatusOr<astro::CartesianState> {
            auto x = truth.StateAt(id, t);
            if (!x.ok()) return x.status();
            return astro::ConvertState(*x, astro::Frame::kGcrf, astro::Frame::kItrf, t, astro::ZeroEop(t));
          },
          phys->rcs_m2, {});
      found = stare.acquired.has_value();
      if (found) {
        auto at = truth.StateAt(id, *stare.acquired);
        auto track = at.ok() ? TrackObservations(task, sensor_, *stare.acquired, *at,
                                                 *truth.ForceModelOf(id), bias_)
                             : absl::StatusOr<std::vector<sstrack::v1::Observation>>(at.status());
        if (track.ok()) obs = *std::move(track);
      }
    }
    if (!found) ++sum->not_found;
    if (!obs.empty()) {
      sstrack::v1::SubmitObservationsRequest sub;
      sub.set_sensor(sensor_.name());
      for (auto& o : obs) *sub.add_observations() = std::move(o);
      sstrack::v1::SubmitObservationsResponse ack;
      grpc::Status st;
      for (int attempt = 0; attempt < 2; ++attempt) {  // same ids: a retry never duplicates
        grpc::ClientContext ctx;
        Authorize(&ctx, token_, 60);
        st = stub_->SubmitObservations(&ctx, sub, &ack);
        if (st.error_code() != grpc::StatusCode::UNAVAILABLE &&
            st.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED) {
          break;
        }
      }
      if (absl::Status s = FromGrpc(st, "SubmitObservations"); !s.ok()) return s;
      if (on_ack) on_ack(sub);
      ++sum->tasks_executed;
      sum->observations_sent += sub.observations_size();
      sum->inserted += ack.inserted();
      sum->duplicates += ack.duplicates();
      sum->flagged += ack.flagged_size();
    }
    sstrack::v1::ReportTaskStatusRequest rep;
    rep.set_sensor(sensor_.name());
    rep.set_task_id(task.task_id());
    rep.set_status(!found ? "NOT_FOUND" : obs.empty() ? "MISSED" : "DONE");
    sstrack::v1::ReportTaskStatusResponse none;
    grpc::ClientContext ctx;
    Authorize(&ctx, token_, 30);
    if (absl::Status s = FromGrpc(stub_->ReportTaskStatus(&ctx, rep, &none), "ReportTaskStatus"); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<SimulateSummary> SimulateSensorNight(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
    const sensors::Sensor& sensor, const std::map<int, astro::MeanElements>& elements,
    const std::string& night, const simulation::World& world, const AckCallback& on_ack) {
  SimulatedSensor sim(channel, token, sensor, world.options.seed);
  auto tasks = sim.FetchTasks(night);
  if (!tasks.ok()) return tasks.status();
  auto ref = astro::ParseIsoUtc(tasks->night_start_utc());
  if (!ref.ok()) return ref.status();
  // The truth of the tasked objects, from the night's start to the last task's end.
  std::map<int, astro::MeanElements> tasked;
  astro::Epoch last = *ref + 60.0;
  for (const sstrack::v1::Task& task : tasks->tasks()) {
    if (auto it = elements.find(task.catalog_number()); it != elements.end()) tasked.insert(*it);
    if (auto end = astro::ParseIsoUtc(task.end_utc()); end.ok() && last < *end) last = *end;
  }
  auto truth = simulation::TruthEphemeris::Build(tasked, world, *ref, last + 60.0, {});
  if (!truth.ok()) return truth.status();
  SimulateSummary sum;
  if (absl::Status s = sim.Execute(*tasks, *truth, std::nullopt, &sum, on_ack); !s.ok()) return s;
  return sum;
}

absl::Status RunSimulate(const SimulateOptions& o, std::FILE* out, std::FILE*) {
  if (o.sensor.empty() || o.token.empty()) {
    return absl::InvalidArgumentError("simulate: give --sensor NAME and --token T");
  }
  auto net = LoadNetwork(o.config);
  if (!net.ok()) return net.status();
  auto k = FindSensor(*net, o.sensor);
  if (!k.ok()) return k.status();
  std::string elements = o.elements;
  if (elements.empty()) {
    const char* dir = std::getenv("SSTRACK_CONFIG_DIR");
    elements = absl::StrCat(dir ? dir : "config", "/catalog-2018-01.3le");
  }
  auto els = ReadElementsByNumber(elements);
  if (!els.ok()) return els.status();
  auto channel = grpc::CreateChannel(o.server, grpc::InsecureChannelCredentials());
  std::FILE* ack = nullptr;
  if (!o.ack_log.empty()) {
    ack = std::fopen(o.ack_log.c_str(), "a");
    if (!ack) return absl::UnavailableError(absl::StrCat("--ack-log ", o.ack_log, ": cannot open"));
  }
  auto log_ack = [&](const sstrack::v1::SubmitObservationsRequest& r) {
    for (const auto& ob : r.observations()) std::fprintf(ack, "%s\n", ob.observation_id().c_str());
    std::fflush(ack);
  };
  const char* dir = std::getenv("SSTRACK_CONFIG_DIR");
  auto world = simulation::DefaultWorld(dir ? dir : "config");
  if (!world.ok()) return world.status();
  auto sum = SimulateSensorNight(channel, o.token, (*net)[*k], *els, o.night, *world,
                                 ack ? AckCallback(log_ack)
                                     : nullptr);
  if (ack) std::fclose(ack);
  if (!sum.ok()) return sum.status();
  if (o.json) {
    std::fprintf(out,
                 "{\"sensor\":%s,\"tasks\":%d,\"tasks_executed\":%d,\"observations_sent\":%d,"
                 "\"inserted\":%d,\"duplicates\":%d,\"flagged\":%d,\"not_found\":%d}\n",
                 JsonString(o.sensor).c_str(), sum->tasks, sum->tasks_executed,
                 sum->observations_sent, sum->inserted, sum->duplicates, sum->flagged,
                 sum->not_found);
  } else {
    std::fprintf(out,
                 "%s: %d tasks, %d executed, %d not found, %d observations sent (%d stored, %d "
                 "duplicates, %d flagged outside their task window)\n",
                 o.sensor.c_str(), sum->tasks, sum->tasks_executed, sum->not_found,
                 sum->observations_sent,
                 sum->inserted, sum->duplicates, sum->flagged);
  }
  return absl::OkStatus();
}

}  // namespace sstrack::cli
