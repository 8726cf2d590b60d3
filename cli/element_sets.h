// Copyright sstrack authors.
//
// cli/element_sets.h — the element sets a command works on: every set of a
// TLE/OMM file, or the latest set of each catalog number in a catalog.
#ifndef SSTRACK_CLI_ELEMENT_SETS_H_
#define SSTRACK_CLI_ELEMENT_SETS_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/elements/mean_elements.h"

namespace sstrack::cli {

struct ElementSets {
  std::vector<astro::MeanElements> sets;
  size_t rejected = 0;  // file records rejected (reported on `err`)
};

// Exactly one of `file` and `ids` must be given. Rejected file records are
// printed on `err` and counted; an unknown catalog number is an error that
// names it and the database.
absl::StatusOr<ElementSets> LoadElementSets(const std::string& file, const std::vector<int>& ids,
                                            const std::string& db, std::FILE* err);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_ELEMENT_SETS_H_
