#include "model/city.h"

#include "model/enum_text.h"

namespace twinning {

std::string_view coordinates_source_name(CoordinatesSource s) {
  switch (s) {
    case CoordinatesSource::kImport: return "import";
    case CoordinatesSource::kGazetteer: return "gazetteer";
    case CoordinatesSource::kManual: return "manual";
  }
  return "import";
}

CoordinatesSource parse_coordinates_source(std::string_view text, std::string_view field) {
  static constexpr CoordinatesSource kSources[] = {
      CoordinatesSource::kImport, CoordinatesSource::kGazetteer, CoordinatesSource::kManual};
  return parse_enum_name(text, field, kSources, coordinates_source_name, "coordinates source");
}

}  // namespace twinning
