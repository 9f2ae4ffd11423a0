// An SMTP submission session through libcurl (no hand-written protocol):
// one connection to the office's server, TLS required (STARTTLS for
// smtp://, implicit for smtps://), AUTH when a user is given, kept open
// across messages (libcurl reuses it: one transaction per message).
//
// Not thread-safe: one session per sending thread. Copying is forbidden.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace twinning::mail {

struct SmtpSettings {
  std::string url;       // smtp://host:port or smtps://host:port
  std::string user;      // "" = no AUTH
  std::string password;  // never logged, never in an error message
  std::string ca_file;   // extra PEM to trust; "" = the system's store
};

// What the server made of one message.
struct SmtpOutcome {
  enum class Kind {
    kAccepted,   // 250 after the data: the server took it
    kRefused,    // a permanent refusal (5xx): sending again will not help
    kDeferred,   // a temporary refusal (4xx): try again later
    kNoSession,  // no session at all (connection, TLS, authentication): the
                 // account or the network is at fault, not this message
  };
  Kind kind = Kind::kNoSession;
  std::string reply;  // the server's last reply line ("250 2.0.0 OK queued as 12",
                      // "550 5.1.1 <x@y>: mailbox unavailable") or libcurl's error
};

class SmtpSession {
 public:
  explicit SmtpSession(SmtpSettings settings);
  ~SmtpSession();
  SmtpSession(const SmtpSession&) = delete;
  SmtpSession& operator=(const SmtpSession&) = delete;

  // Sends `message` (RFC 5322 bytes, CRLF line ends) from envelope sender
  // `from` to the single recipient `to` in one SMTP transaction. Never
  // throws for what the server or network does: the outcome says it.
  SmtpOutcome send(std::string_view from, std::string_view to, const std::string& message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace twinning::mail
