// Writers of the whole registry in exchange formats (PRODUCT.md M11). They
// only read the Store.
//  - csv: one row per link, columns city1,country1,lat1,lng1,city2,country2,
//    lat2,lng2,kind,since,until,status,source,notes (country = ISO alpha-2,
//    coordinates as stored, shortest exact decimal form). city1 is a city
//    that lists the link when one does, so a re-import keeps that side as
//    the listing host. `import wikipedia-csv` reads it back: the same cities
//    (by name and country) with the same coordinates and the same links
//    with the same attributes. Not carried: cities without links, names
//    other than the official one, city details, link history, the second
//    listing of a link listed from both sides.
//  - geojson: a FeatureCollection; each city a Point feature (properties
//    feature "city", id, name, country; null geometry without coordinates)
//    and each link a LineString between its cities (properties feature
//    "link", id, city1, city2, kind, since, until, status, source).
//  - graphml: an undirected graph; nodes "c<id>" with name, country, lat,
//    lng; edges "l<id>" with kind, since, until, status, source; every
//    attribute declared with <key>. Text is XML-escaped; control characters
//    XML 1.0 forbids are dropped.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "store/store.h"

namespace twinning::ingest {

enum class ExportFormat { kCsv, kGeoJson, kGraphMl };

// "csv", "geojson", "graphml".
std::string_view export_format_name(ExportFormat format);
// Parses the names above. Throws Error(kInvalidInput) naming `field`.
ExportFormat parse_export_format(std::string_view text, std::string_view field = "FORMAT");

struct ExportSummary {
  ExportFormat format = ExportFormat::kCsv;
  std::int64_t cities = 0;  // cities written (csv: distinct cities in the rows)
  std::int64_t links = 0;   // links written
};

// Writes the registry in `format` to `out`. Returns what it wrote. Throws
// database errors as Database::query, Error(kUnavailable) if `out` fails.
ExportSummary write_export(store::Store& store, ExportFormat format, std::ostream& out);

// As write_export, into the file `path`, atomically (see
// write_file_atomically): a failure leaves an existing file untouched.
// Throws as write_export and Error(kInvalidInput, "--out") if the file
// cannot be written.
ExportSummary write_export_file(store::Store& store, ExportFormat format, const std::string& path);

}  // namespace twinning::ingest
