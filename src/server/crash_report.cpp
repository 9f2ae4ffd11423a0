#include "server/crash_report.h"

#include <execinfo.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>

namespace twinning::server {
namespace {

constexpr int kCrashSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

void write_text(const char* text) {
  std::size_t left = std::strlen(text);
  while (left > 0) {
    ssize_t n = ::write(STDERR_FILENO, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<std::size_t>(n);
  }
}

void on_crash(int signal) {
  write_text("twinning: fatal signal ");
  write_text(sigabbrev_np(signal) ? sigabbrev_np(signal) : "?");
  write_text("; call stack:\n");
  void* frames[64];
  int depth = backtrace(frames, 64);
  backtrace_symbols_fd(frames, depth, STDERR_FILENO);
  // The handler was installed with SA_RESETHAND: raising again ends the
  // process by the signal's default action.
  raise(signal);
}

}  // namespace

void install_crash_report() {
#if defined(__SANITIZE_ADDRESS__)
  return;  // AddressSanitizer reports crashes itself, and better
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return;
#endif
#endif
  // The first backtrace() loads libgcc; do it now, not inside the handler.
  void* frame[1];
  backtrace(frame, 1);
  struct sigaction action {};
  action.sa_handler = on_crash;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND | SA_NODEFER;
  for (int signal : kCrashSignals) sigaction(signal, &action, nullptr);
}

}  // namespace twinning::server
