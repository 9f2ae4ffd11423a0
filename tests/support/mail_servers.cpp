#include "support/mail_servers.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

#include <gtest/gtest.h>

extern char** environ;

namespace twinning::testing {
namespace {

namespace fs = std::filesystem;

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

// `scripts/lib/mail_servers.sh serve` as a child whose stdin we hold: it
// stops the servers when that pipe closes (at our exit).
class ServingScript {
 public:
  ServingScript() {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, in[1]);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    std::string script = std::string(TWINNING_SOURCE_DIR) + "/scripts/lib/mail_servers.sh";
    std::vector<std::string> args = {"/bin/bash", script, "serve"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = posix_spawn(&pid_, "/bin/bash", &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    close(out[1]);
    if (rc != 0) throw std::runtime_error("cannot run " + script);
    stdin_ = in[1];
    FILE* f = fdopen(out[0], "r");
    char line[4096];
    bool ready = false;
    while (fgets(line, sizeof line, f)) {
      std::string l(line);
      while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.pop_back();
      if (l == "ready") {
        ready = true;
        break;
      }
      auto eq = l.find('=');
      if (eq != std::string::npos) vars[l.substr(0, eq)] = l.substr(eq + 1);
    }
    fclose(f);
    if (!ready) throw std::runtime_error(script + " serve did not start the mail servers");
  }
  ~ServingScript() {
    close(stdin_);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::map<std::string, std::string> vars;

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
};

std::vector<std::string> message_files(const fs::path& maildir) {
  std::vector<std::string> out;
  for (const char* sub : {"new", "cur"}) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(maildir / sub, ec)) {
      if (e.is_regular_file()) out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return fs::path(a).filename() < fs::path(b).filename();
  });
  return out;
}

}  // namespace

std::vector<std::string> TestMailServers::messages_of(const std::string& local_part) const {
  return message_files(fs::path(maildir) / local_part);
}

std::vector<std::string> TestMailServers::all_messages() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& box : fs::directory_iterator(maildir, ec)) {
    auto files = message_files(box.path());
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

void TestMailServers::reject(const std::string& address) const {
  std::ofstream(reject_file, std::ios::app) << address << "\n";
}

std::string unique_local_part(const std::string& prefix) {
  static int counter = 0;
  std::string out = prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

const TestMailServers* test_mail_servers() {
  static std::unique_ptr<TestMailServers> servers;
  static std::unique_ptr<ServingScript> script;
  if (servers) return servers.get();
  std::map<std::string, std::string> vars;
  if (env("TWINNING_TEST_SMTP_URL")) {
    for (const char* name :
         {"TWINNING_TEST_SMTP_URL", "TWINNING_TEST_SMTPS_URL", "TWINNING_TEST_IMAP_URL",
          "TWINNING_TEST_MAIL_USER", "TWINNING_TEST_MAIL_PASSWORD", "TWINNING_TEST_MAIL_CA",
          "TWINNING_TEST_MAILDIR", "TWINNING_TEST_SMTP_REJECT"}) {
      vars[name] = env(name) ? env(name) : "";
    }
  } else {
    try {
      script = std::make_unique<ServingScript>();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot start the test mail servers: " << e.what();
      return nullptr;
    }
    vars = script->vars;
  }
  servers = std::make_unique<TestMailServers>();
  servers->smtp_url = vars["TWINNING_TEST_SMTP_URL"];
  servers->smtps_url = vars["TWINNING_TEST_SMTPS_URL"];
  servers->imap_url = vars["TWINNING_TEST_IMAP_URL"];
  servers->user = vars["TWINNING_TEST_MAIL_USER"];
  servers->password = vars["TWINNING_TEST_MAIL_PASSWORD"];
  servers->ca_file = vars["TWINNING_TEST_MAIL_CA"];
  servers->maildir = vars["TWINNING_TEST_MAILDIR"];
  servers->reject_file = vars["TWINNING_TEST_SMTP_REJECT"];
  if (servers->smtp_url.empty() || servers->maildir.empty()) {
    ADD_FAILURE() << "the test mail servers gave no SMTP URL or Maildir";
    servers.reset();
    return nullptr;
  }
  return servers.get();
}

}  // namespace twinning::testing
