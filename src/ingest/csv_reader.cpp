#include "ingest/csv_reader.h"

#include "model/error.h"

namespace twinning::ingest {
namespace {

[[noreturn]] void bad(int line, const std::string& what) {
  throw_invalid("line " + std::to_string(line) + ": " + what, "line " + std::to_string(line));
}

}  // namespace

bool CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  if (pos_ >= text_.size()) return false;
  record_line_ = current_line_;
  std::string field;
  const std::size_t n = text_.size();
  while (true) {
    // At the start of a field.
    if (pos_ < n && text_[pos_] == '"') {
      ++pos_;
      int quote_line = current_line_;
      while (true) {
        if (pos_ >= n) bad(quote_line, "quoted field is never closed");
        char c = text_[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && text_[pos_ + 1] == '"') {
            field += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        if (c == '\n') ++current_line_;
        field += c;
        ++pos_;
      }
      if (pos_ < n && text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') ++pos_;
      if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n') {
        bad(current_line_, "unexpected text after a closing quote");
      }
    } else {
      std::size_t start = pos_;
      while (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n') {
        if (text_[pos_] == '"') bad(current_line_, "quote inside an unquoted field");
        ++pos_;
      }
      std::string_view raw = text_.substr(start, pos_ - start);
      if (!raw.empty() && raw.back() == '\r' && (pos_ >= n || text_[pos_] == '\n')) {
        raw.remove_suffix(1);
      }
      field.assign(raw);
    }
    fields.push_back(std::move(field));
    field.clear();
    if (pos_ >= n) return true;
    if (text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    // '\n': end of record.
    ++pos_;
    ++current_line_;
    return true;
  }
}

std::string csv_escape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace twinning::ingest
