// Wall-clock timestamps as stored in the database: ISO 8601 UTC text with
// millisecond precision ("2026-11-29T12:09:48.123Z"), which sorts as time.
#pragma once

#include <chrono>
#include <string>

namespace twinning::store {

// The current time, formatted as above.
std::string now_utc_iso();

// `t`, formatted as above (for deadlines and windows: "now minus 15 minutes").
std::string utc_iso(std::chrono::system_clock::time_point t);

// The time that `text` (formatted as above) names; the epoch for text not
// in that form.
std::chrono::system_clock::time_point parse_utc_iso(const std::string& text);

}  // namespace twinning::store
