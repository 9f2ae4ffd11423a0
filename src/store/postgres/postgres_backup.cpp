#include "store/postgres/postgres_backup.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "model/error.h"
#include "store/atomic_file.h"

extern char** environ;

namespace twinning::store {
namespace {

const std::string kField = "FILE";

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The password of a postgresql:// URL (its user info, or a password=
// parameter), percent-decoded; "" if it has none.
std::string url_password(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  auto authority_end = url.find_first_of("/?", scheme + 3);
  if (authority_end == std::string::npos) authority_end = url.size();
  auto at = url.rfind('@', authority_end);
  if (at != std::string::npos && at > scheme) {
    auto colon = url.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) {
      return percent_decoded(url.substr(colon + 1, at - colon - 1));
    }
  }
  auto q = url.find('?');
  while (q != std::string::npos) {
    auto amp = url.find('&', q + 1);
    std::string_view part(url.data() + q + 1,
                          (amp == std::string::npos ? url.size() : amp) - q - 1);
    if (part.rfind("password=", 0) == 0) return percent_decoded(part.substr(9));
    q = amp;
  }
  return "";
}

// A temporary file of its own, removed with the object.
class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/twinning-pg-backup.XXXXXX";
    int fd = ::mkstemp(path_.data());
    if (fd < 0) {
      throw Error(ErrorCode::kUnavailable,
                  "cannot create a temporary file: " + std::string(std::strerror(errno)));
    }
    ::close(fd);
  }
  ~TempFile() { ::unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  std::string content() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  std::string path_;
};

struct ToolRun {
  int exit_code = -1;
  std::string error;  // the first line of what it wrote on stderr
};

// Runs PostgreSQL's client program `program` with `args`, its standard
// output into `out_path` ("" for none), with `password` (if any) in
// PGPASSWORD and notices off. Throws Error(kUnavailable) if it cannot be
// started (not installed).
ToolRun run_tool(const std::string& program, const std::vector<std::string>& args,
                 const std::string& out_path, const std::string& password) {
  TempFile err;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.empty() ? "/dev/null" : out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, err.path().c_str(), O_WRONLY | O_TRUNC, 0600);
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string_view v(*e);
    if (v.rfind("PGOPTIONS=", 0) == 0 || (!password.empty() && v.rfind("PGPASSWORD=", 0) == 0)) {
      continue;
    }
    env.emplace_back(v);
  }
  if (!password.empty()) env.push_back("PGPASSWORD=" + password);
  env.push_back("PGOPTIONS=-c client_min_messages=warning");
  env.push_back("PGCONNECT_TIMEOUT=10");
  std::vector<std::string> argv_text = {program};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv, envp;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, program.c_str(), &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    throw Error(ErrorCode::kUnavailable,
                "cannot run " + program + " (" + std::strerror(rc) +
                    "): install PostgreSQL's client programs (Debian package postgresql-client)");
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ToolRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::string text = err.content();
  // "pg_restore: error: input file does not appear to be a valid archive"
  std::string line = text.substr(0, text.find('\n'));
  for (const char* prefix : {"error: ", "ERROR:  ", "FATAL:  "}) {
    auto p = line.find(prefix);
    if (p != std::string::npos) line = line.substr(p + std::strlen(prefix));
  }
  run.error = line.empty() ? program + " exited with code " + std::to_string(run.exit_code) : line;
  return run;
}

std::string unquoted(std::string name) {
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < name.size(); ++i) {
      out += name[i];
      if (name[i] == '"') ++i;  // "" inside quotes is one "
    }
    return out;
  }
  return name;
}

// The columns of "COPY public.t (a, b, c) FROM stdin;".
std::vector<std::string> copy_columns(const std::string& line) {
  std::vector<std::string> out;
  auto open = line.find(" (");
  auto close = line.rfind(") FROM stdin;");
  if (open == std::string::npos || close == std::string::npos || close < open) return out;
  std::stringstream list(line.substr(open + 2, close - open - 2));
  std::string c;
  while (std::getline(list, c, ',')) {
    c.erase(0, c.find_first_not_of(' '));
    out.push_back(unquoted(c));
  }
  return out;
}

}  // namespace

void PostgresBackup::check_not_in_transaction(const char* verb) {
  if (db_.in_transaction()) {
    throw_conflict(std::string("cannot ") + verb + " inside a transaction");
  }
}

BackupContents PostgresBackup::write(const std::string& path) {
  check_not_in_transaction("back up to");
  BackupContents contents;
  // 0600: a backup holds every letter of every office.
  replace_file_atomically(
      path,
      [&](const std::string& temp) {
        ToolRun run = run_tool("pg_dump",
                               {"--format=custom", "--no-owner", "--no-privileges",
                                "--file=" + temp, "--dbname=" + db_.location()},
                               "", url_password(db_.connection_url()));
        if (run.exit_code != 0) {
          throw Error(ErrorCode::kUnavailable,
                      "cannot back up '" + db_.location() + "' to '" + path + "': " + run.error);
        }
        contents = inspect(temp);
      },
      kField, 0600);
  return contents;
}

BackupContents PostgresBackup::inspect(const std::string& path) {
  TempFile script;
  return read_archive(path, script.path());
}

BackupContents PostgresBackup::read_archive(const std::string& path, const std::string& script) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    throw_not_found("cannot read '" + path + "': " + std::strerror(errno), kField);
  }
  if (!S_ISREG(st.st_mode)) throw_invalid("'" + path + "' is not a file", kField);
  auto not_twinning = [&](const std::string& why) {
    throw_invalid("'" + path + "' is not a Twinning backup: " + why, kField);
  };
  // The whole archive as SQL: reading it to the end is what tells a damaged
  // one, and its COPY blocks hold every table with every row.
  ToolRun read =
      run_tool("pg_restore", {"--no-owner", "--no-privileges", "--file=" + script, path}, "", "");
  if (read.exit_code != 0) not_twinning(read.error);
  BackupContents contents;
  contents.bytes = st.st_size;
  std::ifstream in(script);
  std::string line;
  std::string first_migration;
  while (std::getline(in, line)) {
    if (line.rfind("COPY ", 0) != 0 || line.find(" FROM stdin;") == std::string::npos) continue;
    std::string name = line.substr(5, line.find(' ', 5) - 5);
    if (name.rfind("public.", 0) == 0) name = name.substr(7);
    name = unquoted(name);
    auto columns = copy_columns(line);
    auto version_at = std::find(columns.begin(), columns.end(), "version") - columns.begin();
    auto name_at = std::find(columns.begin(), columns.end(), "name") - columns.begin();
    std::int64_t rows = 0;
    // One line per row: COPY's text format escapes line breaks in values.
    while (std::getline(in, line) && line != "\\.") {
      ++rows;
      if (name != "schema_migrations") continue;
      std::vector<std::string> values;
      std::stringstream fields(line);
      std::string v;
      while (std::getline(fields, v, '\t')) values.push_back(v);
      if (version_at >= static_cast<long>(values.size())) continue;
      int version = std::atoi(values[version_at].c_str());
      contents.schema_version = std::max(contents.schema_version, version);
      if (version == 1 && name_at < static_cast<long>(values.size())) {
        first_migration = values[name_at];
      }
    }
    contents.table_rows[name] = rows;
  }
  for (const char* table : {"schema_migrations", "cities", "links"}) {
    if (!contents.table_rows.count(table)) not_twinning("it has no Twinning tables");
  }
  if (first_migration != "001_registry") not_twinning("it records no Twinning schema");
  require_known_schema_version(Dialect::kPostgres, contents.schema_version, path);
  return contents;
}

BackupContents PostgresBackup::restore(const std::string& path) {
  check_not_in_transaction("restore from");
  TempFile script;
  BackupContents contents = read_archive(path, script.path());
  // One transaction: the old schema goes and the backup's comes, or neither.
  ToolRun run =
      run_tool("psql",
               {"--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                "--dbname=" + db_.location(), "--command=SET lock_timeout = '10s'",
                "--command=DROP SCHEMA public CASCADE", "--command=CREATE SCHEMA public",
                // As a new database's: every role may use it.
                "--command=GRANT USAGE ON SCHEMA public TO PUBLIC", "--file=" + script.path()},
               "", url_password(db_.connection_url()));
  if (run.exit_code != 0) {
    throw Error(ErrorCode::kUnavailable, "cannot restore '" + db_.location() + "' from '" + path +
                                             "' (nothing was changed): " + run.error);
  }
  return contents;
}

}  // namespace twinning::store
