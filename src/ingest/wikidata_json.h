// Importer for Wikidata entity JSON (PRODUCT.md M3), in any of the layouts
// entities come in: the full-dump layout ("[" line, one entity per line
// ending with ",", "]" line), a JSON array of entities however formatted,
// or one entity per line without brackets. A dump excerpt cut with `head`
// (no closing "]") is accepted as long as every entity is complete.
//
// What is read from each entity:
//  - P297 (ISO 3166-1 alpha-2): the entity is a country. Countries are not
//    imported as cities; they map their item id to the registry's country
//    for the P17 claims of the other items in the same file.
//  - P17 (country) of every other item: the first statement of preferred,
//    then normal rank, without an end time (P582), that names a country
//    described in the file. None: the item is rejected.
//  - labels (every language) and aliases: names of the city with their
//    language ("alternate" kind). The official name is the English label,
//    else the multilingual ("mul") one, else the first by language code.
//  - P625 (coordinates on Earth): the city's coordinates.
//  - P190 (twinned administrative body): one row each. The partner is an
//    item of the same file or a city already carrying that Wikidata id;
//    anything else is rejected ("unknown partner"). Qualifiers P580/P582
//    give the link's start and end (Wikidata precision 9 = year, 10 = month,
//    11 = day; coarser dates are dropped); an end date not in the future
//    marks the link ended. The link's source is the item's Wikidata URL.
//    Deprecated statements and statements without a value are rejected.
//
// Cities are matched by Wikidata id, then by (name key, country) unless the
// namesake carries another item's id, and carry the item id afterwards.
// Malformed JSON fails the whole import with the line, before anything is
// written; entity faults reject the entity or the statement with its line.
// Everything is written in one transaction; re-importing changes nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/import_report.h"
#include "model/partial_date.h"
#include "store/store.h"

namespace twinning::ingest {

// Imports entity JSON `text`; `source_name` (the file's base name) is the
// listing provenance. Returns the report (rows are P190 statements, see
// import_report.h). Throws Error(kInvalidInput, field "line N") for
// malformed JSON or an empty file, Error(kForbidden) if the Store's actor
// may not write the registry, database errors as Database::execute.
ImportReport import_wikidata(store::Store& store, std::string_view text,
                             const std::string& source_name);

// Reads `path` and imports it as above. Throws Error(kNotFound, "FILE") if
// the file cannot be read.
ImportReport import_wikidata_file(store::Store& store, const std::string& path);

// One top-level entity of a file: its text and the line it starts on.
struct EntityText {
  int line = 0;
  std::string_view json;  // points into the text given to split_entities
};

// Cuts `text` into its top-level entity objects (see the layouts above)
// without parsing them. Throws Error(kInvalidInput, "line N") for text
// between entities, an unclosed entity or text after the closing "]".
std::vector<EntityText> split_entities(std::string_view text);

// The date of a Wikidata time value ("+1944-06-10T00:00:00Z") at
// `precision` (9 year, 10 month, 11 day; finer counts as day); nullopt for
// coarser precisions (decade, century...). Throws Error(kInvalidInput)
// naming `field` for malformed text, a missing month/day the precision
// needs, or a year outside 1..9999.
std::optional<PartialDate> parse_wikidata_time(std::string_view time, int precision,
                                               std::string_view field = "time");

}  // namespace twinning::ingest
