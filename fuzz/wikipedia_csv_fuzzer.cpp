// Fuzzes the Wikipedia-CSV importer end to end on a scratch registry: any
// bytes as the file. Invariants: import_invariants.h.
#include "import_invariants.h"
#include "ingest/wikipedia_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinning;
  static fuzz::ScratchRegistry registry;
  fuzz::check_import(registry, fuzz::as_text(data, size), [](store::Store& s, std::string_view t) {
    return ingest::import_wikipedia_csv(s, t, "fuzz.csv");
  });
  return 0;
}
