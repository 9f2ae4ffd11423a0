// The real `twinning serve` binary as a child process on a free loopback
// port, for HTTP tests: started on a database location, its access log in a
// file, stopped with SIGTERM.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace twinning::testing {

class ServerProcess {
 public:
  // Starts `twinning --db <db> serve --port 0 --threads 2 --access-log
  // <access_log> <extra...>` (without --threads 2 when extra names --threads) and waits until it
  // prints the port it listens on. Throws std::runtime_error if it exits or prints nothing in 30 s
  // (with its stderr in the message).
  ServerProcess(const std::string& db, const std::string& access_log,
                const std::vector<std::string>& extra_args = {});
  // Stops the server (SIGTERM, then SIGKILL after 30 s) if still running.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // Sends SIGTERM.
  void terminate();
  // Waits for the process to exit and returns its exit code (128 + signal
  // if killed). Later calls return the same code.
  int wait();
  // What the server wrote on stderr so far (startup messages, internal errors).
  std::string stderr_text() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
  std::string stderr_path_;
};

}  // namespace twinning::testing
