#include "store/country_store.h"

#include <algorithm>
#include <cctype>

#include "model/error.h"

namespace twinning::store {
namespace {

Country from_row(const Row& r) {
  Country c;
  c.iso2 = r.text(0);
  c.iso3 = r.text(1);
  c.name = r.text(2);
  c.name_official = r.text(3);
  c.name_ru = r.text(4);
  c.un_member = r.integer(5) != 0;
  c.region = r.text(6);
  c.subregion = r.text(7);
  c.lat = r.real(8);
  c.lng = r.real(9);
  c.languages = r.text(10);
  return c;
}

constexpr const char* kColumns =
    "iso2, iso3, name, name_official, name_ru, un_member, region, subregion, lat, lng, languages";

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

void CountryStore::upsert_all(const std::vector<Country>& countries) {
  Database& db = store_.db();
  db.write_transaction([&] {
    for (const Country& c : countries) {
      db.execute(std::string("INSERT INTO countries (") + kColumns +
                     ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (iso2) DO UPDATE "
                     "SET iso3 = excluded.iso3, name = excluded.name, name_official = "
                     "excluded.name_official, name_ru = excluded.name_ru, un_member = "
                     "excluded.un_member, region = excluded.region, subregion = "
                     "excluded.subregion, lat = excluded.lat, lng = excluded.lng, languages = "
                     "excluded.languages",
                 {c.iso2, c.iso3, c.name, c.name_official, c.name_ru, c.un_member ? 1 : 0,
                  c.region, c.subregion, c.lat, c.lng, c.languages});
    }
  });
}

std::optional<Country> CountryStore::get(std::string_view iso2) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kColumns + " FROM countries WHERE iso2 = $1", {upper(iso2)});
  if (!row) return std::nullopt;
  return from_row(*row);
}

Country CountryStore::require(std::string_view iso2, std::string_view field) {
  auto c = get(iso2);
  if (!c) {
    throw_not_found("unknown country code '" + std::string(iso2) +
                        "': expected an ISO 3166-1 alpha-2 code such as RU or GB",
                    std::string(field));
  }
  return *c;
}

std::vector<Country> CountryStore::all() {
  std::vector<Country> out;
  store_.db().query_each(std::string("SELECT ") + kColumns + " FROM countries ORDER BY iso2", {},
                         [&](const Row& r) { out.push_back(from_row(r)); });
  return out;
}

int CountryStore::un_member_count() {
  auto row = store_.db().query_one("SELECT COUNT(*) FROM countries WHERE un_member = 1");
  return row ? static_cast<int>(row->integer(0)) : 0;
}

}  // namespace twinning::store
