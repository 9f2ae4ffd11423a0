// src/resources/ — files compiled into the binary and their lookup by
// name. It must not do I/O at run time nor depend on any other layer.
//
// Files compiled into the binary at build time (schema migrations, reference
// tables), so that `twinning` runs from any directory without its source tree.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace twinning::resources {

// One embedded file: its path relative to the source tree and its bytes.
struct Resource {
  std::string_view path;
  std::string_view content;
};

// Every embedded file, in the order CMake listed them (migrations sorted by
// name). The views point at static storage and stay valid for the program's
// lifetime.
const std::vector<Resource>& all();

// The content of the embedded file at `path`, or nullopt if none was embedded.
std::optional<std::string_view> find(std::string_view path);

}  // namespace twinning::resources
