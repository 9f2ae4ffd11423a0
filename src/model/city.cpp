#include "model/city.h"

#include "model/enum_text.h"

namespace twinning {

std::string_view coordinates_source_name(CoordinatesSource s) {
  switch (s) {
    case CoordinatesSource::kImport:
      return "import";
    case CoordinatesSource::kGazetteer:
      return "gazetteer";
    case CoordinatesSource::kManual:
      return "manual";
  }
  return "import";
}

CoordinatesSource parse_coordinates_source(std::string_view text, std::string_view field) {
  static constexpr CoordinatesSource kSources[] = {
      CoordinatesSource::kImport, CoordinatesSource::kGazetteer, CoordinatesSource::kManual};
  return parse_enum_name(text, field, kSources, coordinates_source_name, "coordinates source");
}

std::string city_label(std::string_view name, std::string_view country) {
  return std::string(name) + ", " + std::string(country);
}

std::string city_label(std::string_view name, std::string_view country, CityId id) {
  return city_label(name, country) + " (#" + std::to_string(id) + ")";
}

}  // namespace twinning
