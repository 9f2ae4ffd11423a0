// Reading the files importers are given and writing the files exporters
// produce. Free functions; thread-safe for different paths.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace twinning::ingest {

// The whole content of the file at `path`. Throws Error(kNotFound, field
// "FILE") naming the path if it cannot be opened or read.
std::string read_file(const std::string& path);

// The last component of `path` ("data/x.csv" -> "x.csv"): how imports name
// their source in links, listings and reports.
std::string base_name(std::string_view path);

// Replaces the file at `path` with what `write` puts on the stream, all or
// nothing: the content goes to a temporary file in the same directory,
// which is flushed to disk and renamed over `path`. A reader never sees a
// partial file, and on failure `path` is left as it was and the temporary
// file removed. Throws Error(kInvalidInput) naming `field` if the file
// cannot be created or written; exceptions from `write` propagate.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           std::string_view field = "--out");

}  // namespace twinning::ingest
