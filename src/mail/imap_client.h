// An IMAP session through libcurl (no hand-written protocol) on one
// mailbox: its UIDVALIDITY, the UIDs above a given one, and one message's
// raw bytes by UID. TLS required (imaps://, or STARTTLS for imap://).
// The connection is kept open across calls (libcurl reuses it).
//
// Not thread-safe: one session per thread. Copying is forbidden.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace twinning::mail {

struct ImapSettings {
  std::string url;       // imaps://host:port/MAILBOX (MAILBOX default INBOX)
  std::string user;
  std::string password;  // never logged, never in an error message
  std::string ca_file;   // extra PEM to trust; "" = the system's store
};

class ImapSession {
 public:
  explicit ImapSession(ImapSettings settings);
  ~ImapSession();
  ImapSession(const ImapSession&) = delete;
  ImapSession& operator=(const ImapSession&) = delete;

  // The mailbox's UIDVALIDITY (STATUS). Throws Error(kUnavailable) naming
  // "imap_url" with libcurl's reason when the server cannot be reached,
  // refuses the login or the mailbox.
  std::int64_t uid_validity();
  // The UIDs of the mailbox's messages greater than `after`, ascending
  // (UID SEARCH). Throws as uid_validity().
  std::vector<std::int64_t> uids_after(std::int64_t after);
  // The raw bytes of message `uid` (UID FETCH BODY[], not marking it seen
  // twice: the intake keeps its own record). Throws as uid_validity().
  std::string fetch(std::int64_t uid);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace twinning::mail
