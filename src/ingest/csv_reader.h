// A strict RFC 4180 CSV reader over text held in memory: comma-separated,
// fields optionally in double quotes ("" inside quotes is one quote), LF or
// CRLF line ends, quoted fields may span lines. Bad quoting is an error, not
// a guess. Not thread-safe; cheap to construct.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace twinning::ingest {

class CsvReader {
 public:
  // `text` must outlive the reader.
  explicit CsvReader(std::string_view text) : text_(text) {}

  // Reads the next record into `fields` (cleared first). Returns false at the
  // end of the text. A final line end is optional; an empty last line is not
  // a record. Throws twinning::Error(kInvalidInput, field "line N") for a
  // quote inside an unquoted field, text after a closing quote, or a quote
  // that is never closed.
  bool next(std::vector<std::string>& fields);

  // 1-based line number on which the record last returned by next() starts.
  int line() const { return record_line_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int current_line_ = 1;
  int record_line_ = 0;
};

// Quotes `field` for CSV output if it contains a comma, quote or line break.
std::string csv_escape(std::string_view field);

}  // namespace twinning::ingest
