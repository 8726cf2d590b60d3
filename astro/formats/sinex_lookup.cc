// Copyright sstrack authors.
//
// The SinexFile look-ups declared in sinex.h: which solution or
// eccentricity record holds at an instant.
#include "astro/formats/sinex.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "astro/time/utc.h"

namespace sstrack::astro {
namespace {

std::string Describe(const SinexInterval& v) {
  auto f = [](const std::optional<Epoch>& e) {
    return e ? FormatIsoUtc(*e, 0) : std::string("open");
  };
  return absl::StrCat("[", f(v.start), ", ", f(v.end), "]");
}

// Among items of `code` whose validity contains t, the one starting last.
template <typename T>
absl::StatusOr<const T*> Select(const std::vector<T>& items,
                                absl::string_view code, const Epoch& t,
                                absl::string_view what,
                                absl::string_view source) {
  const T* best = nullptr;
  std::string covered;
  for (const T& item : items) {
    if (item.code != code) continue;
    absl::StrAppend(&covered, covered.empty() ? "" : ", ",
                    Describe(item.validity));
    if (!item.validity.Contains(t)) continue;
    if (best == nullptr || (item.validity.start &&
                            (!best->validity.start ||
                             *best->validity.start < *item.validity.start))) {
      best = &item;
    }
  }
  if (best != nullptr) return best;
  if (covered.empty()) {
    return absl::NotFoundError(
        absl::StrCat("site ", code, " has no ", what, " in ", source));
  }
  return absl::OutOfRangeError(
      absl::StrCat("no ", what, " of site ", code, " in ", source, " covers ",
                   FormatIsoUtc(t, 0), "; they cover ", covered));
}

}  // namespace

bool SinexInterval::Contains(const Epoch& t) const {
  if (start && t < *start) return false;
  if (end && !(t < *end + 1.0)) return false;
  return true;
}

const SinexSite* SinexFile::FindSite(absl::string_view code) const {
  for (const SinexSite& s : sites) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

absl::StatusOr<const SinexStationSolution*> SinexFile::SolutionAt(
    absl::string_view code, const Epoch& t) const {
  return Select(solutions, code, t, "position solution", source);
}

absl::StatusOr<Eigen::Vector3d> SinexFile::StationPositionAt(
    absl::string_view code, const Epoch& t) const {
  absl::StatusOr<const SinexStationSolution*> s = SolutionAt(code, t);
  if (!s.ok()) return s.status();
  return (*s)->PositionAt(t);
}

absl::StatusOr<const SinexEccentricity*> SinexFile::EccentricityRecordAt(
    absl::string_view code, const Epoch& t) const {
  return Select(eccentricities, code, t, "eccentricity", source);
}

absl::StatusOr<Eigen::Vector3d> SinexFile::EccentricityAt(
    absl::string_view code, const Epoch& t) const {
  absl::StatusOr<const SinexEccentricity*> e = EccentricityRecordAt(code, t);
  if (!e.ok()) return e.status();
  if ((*e)->reference_system != "UNE") {
    return absl::FailedPreconditionError(
        absl::StrCat(source, ":", (*e)->line, ": eccentricity of site ", code,
                     " is ", (*e)->reference_system, ", not UNE"));
  }
  return (*e)->offset_m;
}

}  // namespace sstrack::astro
