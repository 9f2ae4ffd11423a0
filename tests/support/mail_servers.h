// The real test mail servers (scripts/lib/mail_servers.sh): Dovecot IMAP over
// TLS and an aiosmtpd SMTP server that delivers into a Maildir per
// recipient's local part, both on loopback ports. scripts/test starts them
// and exports their TWINNING_TEST_* variables; when those are absent (a test
// binary run by hand), the first call of test_mail_servers() starts them with
// `scripts/lib/mail_servers.sh serve` for the rest of the process, and they
// stop when it exits. No mocks: the servers speak the real protocols.
//
// Not thread-safe: call from the test thread.
#pragma once

#include <string>
#include <vector>

namespace twinning::testing {

struct TestMailServers {
  std::string smtp_url;   // smtp://127.0.0.1:PORT, STARTTLS offered, AUTH optional
  std::string smtps_url;  // smtps://127.0.0.1:PORT, implicit TLS
  std::string imap_url;   // imaps://127.0.0.1:PORT/INBOX of `user`
  std::string user;       // the account both servers know
  std::string password;
  std::string ca_file;    // the servers' self-signed certificate (PEM)
  std::string maildir;    // root: one Maildir per recipient local part
  std::string reject_file;  // addresses the SMTP server refuses with 550

  // Every message file delivered to `local_part` (lowercase, without a
  // sub-address), new/ and cur/, sorted by name (delivery order).
  std::vector<std::string> messages_of(const std::string& local_part) const;
  // Every message file under the root, of every recipient.
  std::vector<std::string> all_messages() const;
  // Makes the SMTP server refuse `address` at RCPT TO from now on.
  void reject(const std::string& address) const;
};

// A recipient local part no other test (or test process: ctest runs several
// against the same servers) delivers to: `prefix` + "-" + pid + "-" + a
// counter, lowercase. Tests count messages per such local part, never
// across the whole Maildir root.
std::string unique_local_part(const std::string& prefix);

// The running servers, started on first use when TWINNING_TEST_SMTP_URL is
// not set. Fails the calling test (and returns nullptr) when they cannot be
// started.
const TestMailServers* test_mail_servers();

}  // namespace twinning::testing
