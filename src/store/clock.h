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

}  // namespace twinning::store
