// Parsing an enum from its text name, shared by every model enum that has a
// `std::string_view name(E)` function: one error message shape everywhere.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "model/error.h"

namespace twinning {

// The value of `values` whose name(value) equals `text`. Throws
// Error(kInvalidInput) naming `field`: "unknown <what> 'text': expected a, b
// or c".
template <class E, std::size_t N>
E parse_enum_name(std::string_view text, std::string_view field, const E (&values)[N],
                  std::string_view (*name)(E), std::string_view what) {
  std::string expected;
  for (std::size_t i = 0; i < N; ++i) {
    if (text == name(values[i])) return values[i];
    if (i) expected += i + 1 == N ? " or " : ", ";
    expected += name(values[i]);
  }
  throw_invalid("unknown " + std::string(what) + " '" + std::string(text) + "': expected " +
                    expected,
                std::string(field));
}

}  // namespace twinning
