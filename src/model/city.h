// A city (or town, municipality, district) of the registry, with its names in
// several languages, former names, and the requisites its official letters
// are addressed with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/partial_date.h"

namespace twinning {

using CityId = std::int64_t;

// One name of a city. kind "official" is the primary registry name (one per
// city); "local" and "alternate" are further current names; "former" names
// carry the period they were in use (Stalingrad 1925-1961).
struct CityName {
  std::string name;
  std::string lang;                // BCP 47 language tag ("ru", "en", "zh"), or "" if unknown
  std::string kind = "alternate";  // official | local | alternate | former
  std::optional<PartialDate> valid_from;
  std::optional<PartialDate> valid_to;
};

// Where a city's coordinates come from, so that an automatic pass knows what
// it may replace: kImport (a data import; the default), kGazetteer (the
// automatic geocoding pass matched one gazetteer entry), kManual (a person
// set them, or picked a gazetteer candidate on review; never overwritten
// automatically).
enum class CoordinatesSource { kImport, kGazetteer, kManual };

std::string_view coordinates_source_name(CoordinatesSource s);  // "import", ...
// Throws Error(kInvalidInput) naming `field` for an unknown name.
CoordinatesSource parse_coordinates_source(std::string_view text,
                                           std::string_view field = "coordinates_source");

// "Volgograd, RU": how a city is named in messages, lists and printed
// letters everywhere, and the reference registry::resolve_city accepts.
std::string city_label(std::string_view name, std::string_view country);
// "Volgograd, RU (#349)": the label with the city's id, where several cities
// may share a name.
std::string city_label(std::string_view name, std::string_view country, CityId id);

struct City {
  CityId id = 0;
  std::string name;     // the registry's primary name, as imported ("Volgograd")
  std::string country;  // ISO 3166-1 alpha-2
  std::optional<double> lat, lng;
  std::optional<std::int64_t> population;
  CoordinatesSource coordinates_source = CoordinatesSource::kImport;
  std::optional<std::int64_t> geonames_id;  // the GeoNames place the coordinates come from
  std::string head_name;                    // head of administration, "V. D. Vasilkov"
  std::string head_title;                   // "Head of Volgograd", "Lord Mayor"
  std::string postal_address;
  std::string phone, fax, email;
  std::vector<std::string> languages;  // preferred correspondence languages, first = best
  std::string wikidata_id;             // "Q914", or ""
  std::vector<CityName> names;         // all names, official first
};

// The fields a caller may set when creating or updating a city; absent
// optionals are left as they are on update.
struct CityDetails {
  std::optional<std::string> name;
  std::optional<std::string> country;
  std::optional<double> lat, lng;
  std::optional<std::int64_t> population;
  std::optional<std::string> head_name, head_title, postal_address, phone, fax, email;
  std::optional<std::vector<std::string>> languages;
  std::optional<std::string> wikidata_id;
};

}  // namespace twinning
