#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning::ingest {
namespace {

std::vector<std::vector<std::string>> read_all(std::string_view text) {
  CsvReader r(text);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> f;
  while (r.next(f)) out.push_back(f);
  return out;
}

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  auto rows = read_all("a,b\n\"Coventry, Connecticut\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "Coventry, Connecticut");
  EXPECT_EQ(rows[1][1], "say \"hi\"");
  EXPECT_EQ(rows[2][0], "two\nlines");
}

TEST(CsvReader, HandlesCrlfAndMissingFinalNewline) {
  auto rows = read_all("a,b\r\nc,d");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], "b");
  EXPECT_EQ(rows[1][1], "d");
}

TEST(CsvReader, EmptyFieldsAreKept) {
  auto rows = read_all("a,,c\n,,\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"", "", ""}));
}

TEST(CsvReader, ReportsLineNumbersOfRecords) {
  CsvReader r("h\n\"a\nb\"\nc\n");
  std::vector<std::string> f;
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(r.line(), 1);
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(r.line(), 2);
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(r.line(), 4);
}

void expect_error_at(std::string_view text, const std::string& line) {
  try {
    read_all(text);
    ADD_FAILURE() << "accepted: " << text;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(e.field(), line) << e.what();
  }
}

TEST(CsvReader, RejectsBadQuoting) {
  expect_error_at("a,b\nx\"y,z\n", "line 2");       // quote inside unquoted field
  expect_error_at("a,b\n\"x\"y,z\n", "line 2");     // text after closing quote
  expect_error_at("a,b\nc,d\n\"never closed\n", "line 3");
}

TEST(CsvEscape, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_escape("Kiel"), "Kiel");
  EXPECT_EQ(csv_escape("Coventry, Connecticut"), "\"Coventry, Connecticut\"");
  EXPECT_EQ(csv_escape("a\"b"), "\"a\"\"b\"");
  auto rows = read_all(csv_escape("x,\"y\"\nz") + "\n");
  EXPECT_EQ(rows[0][0], "x,\"y\"\nz");
}

}  // namespace
}  // namespace twinning::ingest
