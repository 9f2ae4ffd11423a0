// Fuzzes the Wikidata entity-JSON importer end to end on a scratch registry:
// any bytes as the file. Invariants: import_invariants.h, and the entity
// splitter's pieces lie inside the text, in order, each starting with '{'.
#include "import_invariants.h"
#include "ingest/wikidata_json.h"
#include "model/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinning;
  static fuzz::ScratchRegistry registry;
  std::string_view text = fuzz::as_text(data, size);
  try {
    const char* end_of_last = text.data();
    for (const auto& e : ingest::split_entities(text)) {
      FUZZ_CHECK(e.json.data() >= end_of_last && e.json.data() + e.json.size() <= text.end(),
                 "an entity outside the text or out of order");
      FUZZ_CHECK(!e.json.empty() && e.json.front() == '{', "an entity not starting with '{'");
      FUZZ_CHECK(e.line >= 1, "an entity on line < 1");
      end_of_last = e.json.data() + e.json.size();
    }
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::kInvalidInput, "split_entities failed with another code");
  }
  fuzz::check_import(registry, text, [](store::Store& s, std::string_view t) {
    return ingest::import_wikidata(s, t, "fuzz.json");
  });
  return 0;
}
