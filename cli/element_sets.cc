// Copyright sstrack authors.
#include "cli/element_sets.h"

#include "absl/strings/str_cat.h"
#include "astro/formats/element_file.h"
#include "catalog/catalog.h"

namespace sstrack::cli {

absl::StatusOr<ElementSets> LoadElementSets(const std::string& file, const std::vector<int>& ids,
                                            const std::string& db, std::FILE* err) {
  if (file.empty() == ids.empty()) {
    return absl::InvalidArgumentError(
        "give either --tle FILE or catalog numbers (with --db), not both or neither");
  }
  ElementSets out;
  if (!file.empty()) {
    auto f = astro::ReadElementFile(file);
    if (!f.ok()) return f.status();
    for (const auto& r : f->rejections) std::fprintf(err, "rejected: %s\n", r.message.c_str());
    out.rejected = f->rejections.size();
    out.sets = std::move(f->elements);
    return out;
  }
  auto cat = catalog::Catalog::Open(db);
  if (!cat.ok()) return cat.status();
  for (int id : ids) {
    auto st = (*cat)->LatestState(id);
    if (!st.ok()) {
      return absl::Status(st.status().code(),
                          absl::StrCat("object ", id, " in ", db, ": ", st.status().message()));
    }
    out.sets.push_back(st->elements);
    if (auto obj = (*cat)->GetObject(id); obj.ok()) out.sets.back().name = obj->name;
  }
  return out;
}

}  // namespace sstrack::cli
