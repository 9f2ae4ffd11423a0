#include "ingest/files.h"

#include <sys/stat.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/test_support.h"

namespace twinning::ingest {
namespace {

std::vector<std::string> entries(const testing::ScratchDir& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FilesTest, ReadFileAndBaseName) {
  testing::ScratchDir dir;
  EXPECT_EQ(read_file(dir.write("a.txt", "x\0y")), std::string("x"));
  EXPECT_EQ(read_file(dir.write("b.txt", std::string("x\0y", 3))), std::string("x\0y", 3));
  try {
    read_file(dir.file("missing.csv"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_EQ(e.field(), "FILE");
    EXPECT_NE(std::string(e.what()).find("missing.csv"), std::string::npos);
  }
  EXPECT_EQ(base_name("data/twin_cities_wikipedia.csv"), "twin_cities_wikipedia.csv");
  EXPECT_EQ(base_name("plain.csv"), "plain.csv");
}

TEST(FilesTest, AtomicWriteReplacesTheFileAndKeepsItsMode) {
  testing::ScratchDir dir;
  std::string path = dir.write("out.txt", "old");
  chmod(path.c_str(), 0640);
  write_file_atomically(path, [](std::ostream& out) { out << "new content\n"; });
  EXPECT_EQ(testing::slurp(path), "new content\n");
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(entries(dir), std::vector<std::string>{"out.txt"});
  write_file_atomically(dir.file("fresh.txt"), [](std::ostream& out) { out << "x"; });
  ASSERT_EQ(stat(dir.file("fresh.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
}

TEST(FilesTest, AFailedWriteLeavesTheOldFileAndNoTemporary) {
  testing::ScratchDir dir;
  std::string path = dir.write("out.txt", "old");
  EXPECT_THROW(write_file_atomically(path,
                                     [](std::ostream& out) {
                                       out << "half";
                                       throw std::runtime_error("disk on fire");
                                     }),
               std::runtime_error);
  EXPECT_EQ(testing::slurp(path), "old");
  EXPECT_EQ(entries(dir), std::vector<std::string>{"out.txt"});
  try {
    write_file_atomically(
        dir.file("no/such/dir.txt"), [](std::ostream& out) { out << "x"; }, "--out");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(e.field(), "--out");
  }
}

}  // namespace
}  // namespace twinning::ingest
