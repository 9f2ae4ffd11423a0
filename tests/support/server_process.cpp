#include "support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <regex>
#include <stdexcept>
#include <thread>

#include "support/test_support.h"

extern char** environ;

namespace twinning::testing {

ServerProcess::ServerProcess(const std::string& db, const std::string& access_log,
                             const std::vector<std::string>& extra_args) {
  stderr_path_ = access_log + ".stderr";
  std::string stdout_path = access_log + ".stdout";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::vector<std::string> args = {TWINNING_BINARY, "--db",   db,  "serve",        "--host",
                                   "127.0.0.1",     "--port", "0", "--access-log", access_log};
  if (std::find(extra_args.begin(), extra_args.end(), "--threads") == extra_args.end()) {
    args.insert(args.end(), {"--threads", "2"});
  }
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int rc = posix_spawn(&pid_, TWINNING_BINARY, &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot spawn " + std::string(TWINNING_BINARY));
  // Wait for the "serving http://host:port/" line (or the process's end).
  std::string out;
  std::regex serving(R"(serving http://[^:]+:(\d+)/)");
  std::smatch m;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!std::regex_search(out, m, serving) && std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    out = slurp(stdout_path);
  }
  if (!std::regex_search(out, m, serving)) {
    if (exit_code_ < 0) {
      kill(pid_, SIGKILL);
      wait();
    }
    throw std::runtime_error("twinning serve did not start (exit " + std::to_string(exit_code_) +
                             "); stdout: " + out + "\nstderr: " + stderr_text());
  }
  port_ = std::stoi(m[1]);
}

ServerProcess::~ServerProcess() {
  if (exit_code_ >= 0 || pid_ <= 0) return;
  terminate();
  for (int i = 0; i < 3000; ++i) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

void ServerProcess::terminate() {
  if (exit_code_ < 0 && pid_ > 0) kill(pid_, SIGTERM);
}

int ServerProcess::wait() {
  if (exit_code_ >= 0) return exit_code_;
  int status = 0;
  waitpid(pid_, &status, 0);
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return exit_code_;
}

std::string ServerProcess::stderr_text() const { return slurp(stderr_path_); }

}  // namespace twinning::testing
