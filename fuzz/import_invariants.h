// The invariants every importer keeps, checked on one fuzz input: an import
// either fails with Error(kInvalidInput) naming the line and leaves the
// database exactly as it was, or accounts for every row read
// (import_report.h), writes exactly the cities and links it reports, stores
// only valid names, and changes nothing when it is run a second time.
#pragma once

#include <functional>
#include <string_view>

#include "fuzz_support.h"
#include "ingest/import_report.h"

namespace twinning::fuzz {

using Importer = std::function<ingest::ImportReport(store::Store&, std::string_view)>;

// Resets `registry`, imports `text` with `import`, checks the invariants
// above (aborting on the first that breaks).
void check_import(ScratchRegistry& registry, std::string_view text, const Importer& import);

}  // namespace twinning::fuzz
