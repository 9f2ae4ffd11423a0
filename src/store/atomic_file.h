// Publishing a file under its final name all or nothing: the content is made
// in a temporary file beside it, flushed to disk and renamed over the old
// file, so that a reader (or a crash) sees the old file or the new one,
// never a part. Used for database backups here and for exports (ingest/).
// Free function; thread-safe for different paths.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <string_view>

namespace twinning::store {

// Creates an empty temporary file in the directory of `path`, calls
// `write(temp_path)` to fill it, flushes it to disk, renames it to `path`
// and flushes the directory. The file gets the mode of the file it replaces,
// else `new_mode`. On any failure the temporary file is removed and `path`
// is left as it was. Throws Error(kInvalidInput) naming `field` if the
// temporary file cannot be created, flushed or renamed; exceptions thrown by
// `write` propagate.
void replace_file_atomically(const std::string& path,
                             const std::function<void(const std::string& temp_path)>& write,
                             std::string_view field, mode_t new_mode = 0644);

}  // namespace twinning::store
