#include "import_invariants.h"

#include <algorithm>

#include "model/error.h"
#include "model/text.h"

namespace twinning::fuzz {
namespace {

void check_accounting(const ingest::ImportReport& r, int lines) {
  FUZZ_CHECK(r.rows_read == r.links_created + r.links_merged + r.rows_rejected,
             "rows_read " + std::to_string(r.rows_read) + " != created " +
                 std::to_string(r.links_created) + " + merged " + std::to_string(r.links_merged) +
                 " + rejected " + std::to_string(r.rows_rejected));
  int rejected_rows = 0;
  for (const auto& reject : r.rejects) {
    rejected_rows += reject.rows;
    FUZZ_CHECK(reject.rows >= 0, "a reject accounts for negative rows");
    FUZZ_CHECK(reject.line >= 1 && reject.line <= lines,
               "reject line " + std::to_string(reject.line) + " outside 1.." +
                   std::to_string(lines));
    FUZZ_CHECK(!reject.reason.empty(), "a reject without a reason");
    FUZZ_CHECK(is_valid_utf8(reject.reason), "a reject reason that is not UTF-8");
  }
  FUZZ_CHECK(rejected_rows == r.rows_rejected, "rejects do not add up to rows_rejected");
  FUZZ_CHECK(r.links_updated <= r.links_merged, "more links updated than merged");
}

}  // namespace

void check_import(ScratchRegistry& registry, std::string_view text, const Importer& import) {
  registry.reset();
  const std::int64_t cities_before = registry.count("cities");
  const std::int64_t links_before = registry.count("links");
  const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  ingest::ImportReport first;
  try {
    first = import(registry.store(), text);
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::kInvalidInput,
               "import failed with " + std::string(error_code_name(e.code())) + ": " + e.what());
    FUZZ_CHECK(e.field().empty() || e.field().rfind("line ", 0) == 0,
               "a failed import names field '" + e.field() + "', not a line");
    std::string diff = registry.difference_from_pristine();
    FUZZ_CHECK(diff.empty(), "a failed import changed the database: " + diff);
    return;
  }
  check_accounting(first, lines);
  FUZZ_CHECK(registry.count("cities") - cities_before == first.cities_created,
             "cities written != cities_created");
  FUZZ_CHECK(registry.count("links") - links_before == first.links_created,
             "links written != links_created");
  for (const auto& row : registry.store().db().query(
           "SELECT city_names.name, city_names.name_key, country FROM city_names "
           "JOIN cities ON cities.id = city_id "
           "UNION ALL SELECT name, name_key, country FROM cities")) {
    FUZZ_CHECK(is_valid_utf8(row.text(0)), "stored a name that is not UTF-8");
    FUZZ_CHECK(!row.text(1).empty(), "stored the name '" + row.text(0) + "' with an empty key");
    FUZZ_CHECK(row.text(1) == name_key(row.text(0)),
               "stored key '" + row.text(1) + "' is not the key of '" + row.text(0) + "'");
  }
  FUZZ_CHECK(registry.store()
                 .db()
                 .query_one("SELECT COUNT(*) FROM links WHERE city_a >= city_b")
                 ->integer(0) == 0,
             "a link whose cities are not in order, or a self-link");

  // Importing the same file again changes nothing and accounts the same rows.
  ingest::ImportReport again = import(registry.store(), text);
  check_accounting(again, lines);
  FUZZ_CHECK(again.changed_nothing(), "a repeated import changed the registry");
  FUZZ_CHECK(again.rows_read == first.rows_read, "a repeated import read other rows");
  FUZZ_CHECK(again.rows_rejected == first.rows_rejected, "a repeated import rejected other rows");
  FUZZ_CHECK(again.links_merged == first.links_created + first.links_merged,
             "a repeated import did not merge every link of the first");
}

}  // namespace twinning::fuzz
