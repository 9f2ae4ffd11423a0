// A last word from a crashing server: on SIGSEGV, SIGBUS, SIGFPE, SIGILL or
// SIGABRT, the signal's name and the call stack (function names where the
// binary exports them, else offsets for addr2line) are written to stderr,
// then the signal takes its default course (the process still dies of it,
// with a core dump where the system keeps them). Only async-signal-safe
// calls run in the handler; the stack is captured once at installation so
// that backtrace() allocates nothing later.
#pragma once

namespace twinning::server {

// Installs the handler for the signals above. Idempotent. Does nothing
// under AddressSanitizer, whose own reports say more.
void install_crash_report();

}  // namespace twinning::server
