// Helpers shared by the test suites: scratch directories that clean up after
// themselves, running the real `twinning` binary, opening a scratch store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/error.h"
#include "store/store.h"

namespace twinning::testing {

// A fresh directory under $TMPDIR, removed with its contents on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes `content` to file `name` in the directory; returns its path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  // stdout parsed as JSON (fails the test if it is not JSON).
  nlohmann::json json() const;
};

// Runs the built `twinning` binary with `args` (no shell), with TWINNING_DB
// unset, in working directory `cwd` (current if empty), feeding `input` on
// stdin. Waits for it to exit.
RunResult run_twinning(const std::vector<std::string>& args, const std::string& cwd = "",
                       const std::string& input = "");

// The code of the twinning::Error that `f` throws (its message and field
// into `message` and `field` if given); records a test failure and returns
// kUnavailable if it throws none.
ErrorCode code_of(const std::function<void()>& f, std::string* message = nullptr,
                  std::string* field = nullptr);

// Expects file `path` to be readable and writable by its owner only (0600)
// and to be the only file in `dir` whose name starts with `prefix`: no
// temporary copy was left beside it.
void expect_private_and_alone(const std::filesystem::path& dir, const std::string& path,
                              const std::string& prefix);

// Asserts the CLI's answer to bad input: exit code 2, nothing on stdout,
// exactly one line on stderr, containing `fragment`.
void expect_bad_input(const RunResult& r, const std::string& fragment);

// A migrated SQLite store in a scratch file with the reference countries.
std::unique_ptr<store::Store> open_scratch_store(const ScratchDir& dir,
                                                 const std::string& name = "test.db");

// The version of the newest SQLite migration this binary carries: what a
// freshly migrated database records in schema_migrations.
int newest_schema_version();

// The number of rows of every table of the SQLite database at `path`, by
// table name: a snapshot to prove that a command changed nothing.
std::map<std::string, std::int64_t> table_row_counts(const std::string& path);

// Path of a file in the repository's data/ directory.
std::string data_file(const std::string& name);

// Contents of a file.
std::string slurp(const std::string& path);

}  // namespace twinning::testing
