#include "resources/resources.h"

namespace twinning::resources {

std::optional<std::string_view> find(std::string_view path) {
  for (const Resource& r : all()) {
    if (r.path == path) return r.content;
  }
  return std::nullopt;
}

}  // namespace twinning::resources
