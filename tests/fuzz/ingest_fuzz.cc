// Copyright sstrack authors.
// Fuzz target: the gRPC observation batch's validation (service/ingest.h),
// the request as protobuf wire bytes or, when they do not parse, as text
// format (the seed corpus is text). A refusal names observations[i]; an
// accepted batch holds only what the header's bounds allow, epoch inside
// the window, one record per observation.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "astro/time/utc.h"
#include "google/protobuf/text_format.h"
#include "service/ingest.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

bool InBounds(const sstrack::catalog::ObservationRecord& r) {
  const double kDeg = M_PI / 180.0, kArcsec = kDeg / 3600.0;
  const auto pos = [](double x, double hi) { return std::isfinite(x) && x > 0 && x <= hi; };
  if (r.type == "RANGE") return pos(r.value1, 1e9) && pos(r.sigma1, 1e6);
  if (r.type == "RANGE_RATE") return std::abs(r.value1) <= 2e4 && pos(r.sigma1, 1e4);
  if (r.type == "AZEL" || r.type == "RADEC") {
    return r.value2 && r.sigma2 && r.value1 >= 0 && r.value1 < 2 * M_PI + 1e-15 &&
           std::abs(*r.value2) <= M_PI / 2 + 1e-15 && pos(r.sigma1, 36000 * kArcsec * (1 + 1e-12)) &&
           pos(*r.sigma2, 36000 * kArcsec * (1 + 1e-12));
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sstrack::v1::SubmitObservationsRequest req;
  if (!req.ParseFromArray(data, static_cast<int>(size))) {
    req.Clear();
    google::protobuf::TextFormat::Parser parser;
    parser.AllowPartialMessage(true);
    parser.SetRecursionLimit(16);
    if (!parser.ParseFromString(std::string(sstrack::fuzz::Text(data, size)), &req)) return 0;
  }
  sstrack::service::IngestLookups lookups;
  lookups.object_exists = [](int n) { return n > 0 && n % 2 == 1; };
  lookups.task = [](int64_t id) -> std::optional<sstrack::catalog::TaskRecord> {
    if (id != 7 && id != 8) return std::nullopt;
    sstrack::catalog::TaskRecord t;
    t.id = id;
    t.sensor = id == 7 ? "KAMISAIBARA" : "OTHER";
    t.catalog_number = 25544 + 1;
    t.start_tai_s = 569764800.0;  // 2018-01-20T12:00:00Z + 37 s, roughly
    t.end_tai_s = t.start_tai_s + 600.0;
    return t;
  };
  lookups.now = *sstrack::astro::ParseIsoUtc("2018-01-21T12:00:00Z");
  const auto batch = sstrack::service::ValidateObservations("KAMISAIBARA", req, lookups);
  if (!batch.ok()) {
    FUZZ_EXPECT(absl::StartsWith(batch.status().message(), "observations[") ||
                    absl::StrContains(batch.status().message(), "sensor"),
                batch.status().ToString());
    return 0;
  }
  FUZZ_EXPECT(static_cast<int>(batch->records.size()) == req.observations_size(),
              absl::StrCat(batch->records.size(), " records of ", req.observations_size()));
  for (const auto& r : batch->records) {
    const double age = lookups.now - r.epoch;
    FUZZ_EXPECT(age <= lookups.max_epoch_age_s && -age <= lookups.max_epoch_lead_s,
                absl::StrCat("epoch ", age, " s before now"));
    FUZZ_EXPECT(InBounds(r), absl::StrCat(r.type, " ", r.value1, " σ ", r.sigma1));
    FUZZ_EXPECT(!r.external_id.empty() && r.external_id.size() <= 128, r.external_id);
  }
  return 0;
}
