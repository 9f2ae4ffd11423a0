// Importer for the twin-city list scraped from English Wikipedia
// (data/twin_cities_wikipedia.csv: city1,country1,lat1,lng1,city2,country2,
// lat2,lng2; the raw variant without coordinates; and `twinning export csv`
// output, whose countries are ISO codes and which may carry link columns
// kind,since,until,status,source).
//
// Structural faults (not UTF-8, bad quoting, wrong column count, missing
// columns, empty file) fail the whole import and write nothing. Row faults
// (unknown or empty country, empty name, self-pair, bad number) reject that
// row with its line and reason; the rest is imported. Everything is written
// in one transaction; importing the same file again changes nothing.
#pragma once

#include <string>
#include <string_view>

#include "ingest/files.h"
#include "ingest/import_report.h"
#include "store/store.h"

namespace twinning::ingest {

// Imports CSV `text`; `source_name` (the file's base name) is recorded as
// the link source and listing provenance. The row's first city (the "host"
// whose page lists the pair) is recorded as listing the link. Returns the
// report. Throws Error(kInvalidInput, field "line N") for a structural fault,
// Error(kForbidden) if the Store's actor may not write the registry, and
// database errors as Database::execute.
ImportReport import_wikipedia_csv(store::Store& store, std::string_view text,
                                  const std::string& source_name);

// Reads `path` and imports it as above. Throws Error(kNotFound, "FILE") if
// the file cannot be read.
ImportReport import_wikipedia_csv_file(store::Store& store, const std::string& path);

}  // namespace twinning::ingest
