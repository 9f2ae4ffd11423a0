// Wall-clock timestamps as stored in the database: ISO 8601 UTC text with
// millisecond precision ("2026-11-29T12:09:48.123Z"), which sorts as time.
#pragma once

#include <string>

namespace twinning::store {

// The current time, formatted as above.
std::string now_utc_iso();

}  // namespace twinning::store
