// Pure text functions on UTF-8 strings shared by every layer: validation,
// trimming, and the search key under which names are compared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twinning {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` bytes that does not end
// inside a multi-byte character: a cut that keeps valid UTF-8 valid.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

// `s` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s);

// The search key of a name: Unicode case-folded, accents and other combining
// marks removed (NFKD), letters without a decomposition mapped to their base
// ("ø"→"o", "ł"→"l", "ß"→"ss", "ı"→"i"), runs of whitespace collapsed to one
// space, ends trimmed. Scripts other than Latin keep their letters
// ("Сталинград" → "сталинград"). "Saint-Étienne" and "saint-etienne" share a key.
// Precondition: valid UTF-8 (invalid bytes are dropped).
std::string name_key(std::string_view name);

// Splits on `sep`, trimming each part and dropping empty parts.
std::vector<std::string> split_list(std::string_view s, char sep);

// The record id `reference` spells when it is 1 to 18 decimal digits (an
// int64 that cannot overflow), none otherwise: the one rule by which a
// reference the user typed ("12", "volgograd", "2014") is read as an id
// where codes are looked up first (campaigns, offices).
std::optional<std::int64_t> id_in(std::string_view reference);

// Joins with `sep`.
std::string join_list(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace twinning
