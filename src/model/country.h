// A country or territory of ISO 3166-1, as loaded from data/countries.csv.
#pragma once

#include <string>

namespace twinning {

struct Country {
  std::string iso2;           // "RU"; Kosovo uses the user-assigned "XK"
  std::string iso3;           // "RUS"
  std::string name;           // English common name, "Russia"
  std::string name_official;  // "Russian Federation"
  std::string name_ru;        // Russian common name, "Россия"
  bool un_member = false;     // one of the 193 UN member states
  std::string region;         // "Europe", "Asia", ...
  std::string subregion;      // "Eastern Europe"
  double lat = 0, lng = 0;    // a representative point of the territory
  std::string languages;      // ISO 639-3 codes joined with ';', "rus"
};

}  // namespace twinning
