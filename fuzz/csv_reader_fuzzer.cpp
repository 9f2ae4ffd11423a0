// Fuzzes the RFC 4180 CSV reader. Invariants: a record never has more
// fields than its text has commas + 1; records start on increasing lines
// within the text; errors are Error(kInvalidInput) naming a line of the
// text; and writing the records back with csv_escape and reading them again
// gives the same records.
#include <algorithm>
#include <vector>

#include "fuzz_support.h"
#include "ingest/csv_reader.h"
#include "model/error.h"

namespace {

using Records = std::vector<std::vector<std::string>>;

// Reads every record, checking the invariants of each; nullopt-like false
// when the reader refused the text.
bool read_all(std::string_view text, Records& out) {
  using namespace twinning;
  std::vector<std::size_t> line_start = {0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_start.push_back(i + 1);
  }
  const int lines = static_cast<int>(line_start.size());
  ingest::CsvReader reader(text);
  std::vector<std::string> fields;
  int previous_line = 0;
  try {
    while (reader.next(fields)) {
      int line = reader.line();
      FUZZ_CHECK(line > previous_line && line <= lines,
                 "record on line " + std::to_string(line) + " after line " +
                     std::to_string(previous_line));
      previous_line = line;
      out.push_back(fields);
    }
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::kInvalidInput, "the reader failed with another code");
    int line = e.field().rfind("line ", 0) == 0 ? std::atoi(e.field().c_str() + 5) : 0;
    FUZZ_CHECK(line >= 1 && line <= lines, "an error naming '" + e.field() + "'");
    return false;
  }
  // Each record's text runs from the start of its line to the start of the
  // next record's line (or the end).
  ingest::CsvReader again(text);
  std::vector<int> starts;
  while (again.next(fields)) starts.push_back(again.line());
  for (std::size_t k = 0; k < out.size(); ++k) {
    std::size_t begin = line_start[starts[k] - 1];
    std::size_t end = k + 1 < out.size() ? line_start[starts[k + 1] - 1] : text.size();
    auto commas = std::count(text.begin() + begin, text.begin() + end, ',');
    FUZZ_CHECK(out[k].size() <= static_cast<std::size_t>(commas) + 1,
               "record " + std::to_string(k + 1) + " has " + std::to_string(out[k].size()) +
                   " fields but " + std::to_string(commas) + " commas");
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinning;
  Records records;
  if (!read_all(fuzz::as_text(data, size), records)) return 0;
  std::string written;
  for (const auto& record : records) {
    for (std::size_t i = 0; i < record.size(); ++i) {
      if (i) written += ',';
      written += ingest::csv_escape(record[i]);
    }
    written += '\n';
  }
  Records reread;
  FUZZ_CHECK(read_all(written, reread), "the reader refused what csv_escape wrote");
  FUZZ_CHECK(reread == records, "records changed on a write-read round trip");
  return 0;
}
