// Byte encodings the stores and use cases share: base64 for bytes kept in a
// TEXT column (the same column type and SQL in both engines), SHA-256 for
// content checks. libsodium does the work; thread-safe free functions.
#pragma once

#include <string>
#include <string_view>

namespace twinning::store {

// `bytes` in standard base64 with padding ("" for no bytes).
std::string to_base64(std::string_view bytes);

// The bytes of base64 `text`. Throws Error(kUnavailable) naming what was
// stored for text that is not base64 (stored data no longer intact).
std::string from_base64(std::string_view text, std::string_view what = "a stored attachment");

// The SHA-256 of `bytes`, 64 lower-case hex digits. Throws Error(kUnavailable)
// if libsodium cannot be initialised.
std::string sha256_hex(std::string_view bytes);

}  // namespace twinning::store
