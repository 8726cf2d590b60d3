// Copyright sstrack authors.
#include "astro/bodies/jpl_ephemeris.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace sstrack::astro {
namespace {

constexpr int kTitleBytes = 3 * 84;
constexpr int kNameBytes = 6;
constexpr int kNamesInHeader = 400;
constexpr int kMoonRow = 9;
constexpr int kSunRow = 10;
constexpr int kEmbRow = 2;

template <typename T>
T Read(const std::string& bytes, size_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

}  // namespace

absl::StatusOr<JplEphemeris> JplEphemeris::Open(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  auto bad = [&](const std::string& what) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a JPL DE binary ephemeris: ", what));
  };
  size_t o = kTitleBytes + kNamesInHeader * kNameBytes;
  if (bytes.size() < o + 3 * 8 + 4 + 16 + 144 + 4 + 12) return bad("file too short");

  JplEphemeris e;
  e.path_ = path;
  e.start_jd_ = Read<double>(bytes, o);
  e.end_jd_ = Read<double>(bytes, o + 8);
  e.days_per_record_ = Read<double>(bytes, o + 16);
  o += 24;
  const int32_t ncon = Read<int32_t>(bytes, o);
  o += 4;
  const double au_km = Read<double>(bytes, o);
  e.emrat_ = Read<double>(bytes, o + 8);
  o += 16;
  for (int i = 0; i < 12; ++i)
    for (int j = 0; j < 3; ++j) e.ipt_[i][j] = Read<int32_t>(bytes, o + 4 * (3 * i + j));
  o += 144;
  e.de_number_ = Read<int32_t>(bytes, o);
  o += 4;
  for (int j = 0; j < 3; ++j) e.ipt_[12][j] = Read<int32_t>(bytes, o + 4 * j);

  if (!(e.end_jd_ > e.start_jd_) || !(e.days_per_record_ > 0) ||
      std::abs(au_km - 149597870.7) > 1.0 || !(e.emrat_ > 80 && e.emrat_ < 82) ||
      ncon <= 0 || ncon > 10000) {
    return bad("header values out of range (big-endian file or wrong format?)");
  }
  // Record length: the largest coefficient index over all pointer rows. A
  // row is (first coefficient, coefficients per component, sub-intervals);
  // DE files have fewer than 20 coefficients and 32 sub-intervals and
  // records of about a thousand doubles, so generous bounds keep the
  // arithmetic exact and refuse what is not an ephemeris.
  int64_t ncoeff = 0;
  for (int i = 0; i < 13; ++i) {
    const int comps = (i == 11) ? 2 : 3;
    if (e.ipt_[i][1] <= 0) continue;
    if (e.ipt_[i][0] < 3 || e.ipt_[i][0] > 1000000 || e.ipt_[i][1] > 1000 || e.ipt_[i][2] <= 0 ||
        e.ipt_[i][2] > 1000) {
      return bad(absl::StrCat("pointer row ", i, " (", e.ipt_[i][0], ", ", e.ipt_[i][1], ", ",
                              e.ipt_[i][2], ") out of range"));
    }
    ncoeff = std::max<int64_t>(
        ncoeff, int64_t{e.ipt_[i][0]} - 1 + int64_t{e.ipt_[i][1]} * e.ipt_[i][2] * comps);
  }
  if (e.ipt_[kMoonRow][1] <= 0 || e.ipt_[kSunRow][1] <= 0 || e.ipt_[kEmbRow][1] <= 0)
    return bad("no Moon, Sun or Earth–Moon barycentre coefficients");
  // A record holds the header (record 1) and the constants (record 2).
  if (static_cast<size_t>(ncoeff) * 8 < o + 12 || ncoeff < ncon) {
    return bad(absl::StrCat("records of ", ncoeff, " doubles cannot hold the header and ", ncon,
                            " constants"));
  }
  e.record_doubles_ = static_cast<int>(ncoeff);
  const size_t record_bytes = static_cast<size_t>(ncoeff) * 8;
  const double span_records = (e.end_jd_ - e.start_jd_) / e.days_per_record_;
  const size_t room = bytes.size() / record_bytes;  // records the file can hold
  if (!(span_records >= 0.5) || !(span_records < static_cast<double>(room))) {
    return bad(absl::StrCat("JD ", e.start_jd_, " to ", e.end_jd_, " in records of ",
                            e.days_per_record_, " days needs ", span_records,
                            " data records; the file has room for ",
                            room >= 2 ? room - 2 : 0, " of ", record_bytes, " bytes"));
  }
  const int records = static_cast<int>(std::llround(span_records));
  if (bytes.size() < (2 + static_cast<size_t>(records)) * record_bytes) {
    return bad(absl::StrCat("expected ", records, " data records of ", record_bytes,
                            " bytes after the header, the file has ", bytes.size(),
                            " bytes in all"));
  }
  // Constants (record 2), names from the first 400 slots.
  for (int i = 0; i < std::min<int>(ncon, kNamesInHeader); ++i) {
    std::string name(bytes.data() + kTitleBytes + i * kNameBytes, kNameBytes);
    e.constants_[std::string(absl::StripAsciiWhitespace(name))] =
        Read<double>(bytes, record_bytes + 8 * i);
  }
  e.data_.resize(static_cast<size_t>(records) * ncoeff);
  std::memcpy(e.data_.data(), bytes.data() + 2 * record_bytes,
              e.data_.size() * sizeof(double));
  for (int r = 0; r < records; ++r) {
    const double rec_start = e.data_[static_cast<size_t>(r) * ncoeff];
    if (std::abs(rec_start - (e.start_jd_ + r * e.days_per_record_)) > 1e-9)
      return bad(absl::StrCat("data record ", r + 1, " starts at JD ", rec_start));
  }
  return e;
}

Eigen::Vector3d JplEphemeris::Chebyshev(int body, double jd1, double jd2) const {
  // Days since the file start, split so that the sub-day part keeps precision.
  const double days = (jd1 - start_jd_) + jd2;
  const int records = static_cast<int>(data_.size() / record_doubles_);
  int r = static_cast<int>(std::floor(days / days_per_record_));
  r = std::clamp(r, 0, records - 1);
  const double* rec = data_.data() + static_cast<size_t>(r) * record_doubles_;
  const int ncoef = ipt_[body][1], nsub = ipt_[body][2];
  const double sub_days = days_per_record_ / nsub;
  const double in_record = days - r * days_per_record_;
  int k = std::clamp(static_cast<int>(std::floor(in_record / sub_days)), 0, nsub - 1);
  const double x = 2.0 * (in_record - k * sub_days) / sub_days - 1.0;
  const double* c = rec + (ipt_[body][0] - 1) + 3 * ncoef * k;
  Eigen::Vector3d out;
  for (int comp = 0; comp < 3; ++comp) {
    // Clenshaw recurrence for sum c_j T_j(x).
    const double* cc = c + comp * ncoef;
    double b1 = 0, b2 = 0;
    for (int j = ncoef - 1; j >= 1; --j) {
      const double b0 = 2 * x * b1 - b2 + cc[j];
      b2 = b1;
      b1 = b0;
    }
    out[comp] = x * b1 - b2 + cc[0];
  }
  return out;
}

Eigen::Vector3d JplEphemeris::MoonGcrf(const Epoch& t) const {
  const JulianDate tdb = t.Tdb();
  return Chebyshev(kMoonRow, tdb.jd1, tdb.jd2) * 1e3;
}

Eigen::Vector3d JplEphemeris::SunGcrf(const Epoch& t) const {
  const JulianDate tdb = t.Tdb();
  const Eigen::Vector3d moon = Chebyshev(kMoonRow, tdb.jd1, tdb.jd2);
  const Eigen::Vector3d emb = Chebyshev(kEmbRow, tdb.jd1, tdb.jd2);
  const Eigen::Vector3d sun = Chebyshev(kSunRow, tdb.jd1, tdb.jd2);
  return (sun - (emb - moon / (1.0 + emrat_))) * 1e3;
}

bool JplEphemeris::Covers(const Epoch& start, const Epoch& end) const {
  auto jd = [](const Epoch& t) {
    const JulianDate j = t.Tdb();
    return j.jd1 + j.jd2;
  };
  return jd(start) >= start_jd_ && jd(end) <= end_jd_;
}

std::string JplEphemeris::Name() const {
  return absl::StrCat("JPL DE", de_number_, " (", path_, ")");
}

absl::StatusOr<double> JplEphemeris::Constant(const std::string& name) const {
  auto it = constants_.find(name);
  if (it == constants_.end())
    return absl::NotFoundError(absl::StrCat(path_, ": no constant named ", name));
  return it->second;
}

}  // namespace sstrack::astro
