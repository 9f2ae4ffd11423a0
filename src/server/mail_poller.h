// The mail poller of `twinning serve --mail-poll SECONDS` (issue 15): a
// background thread of the server that runs mail::poll_mailboxes (every
// office's reply mailbox fetched and filed) at once and then every
// SECONDS, on a database connection of its own, as
// mail::mail_poller_actor() ("system:mail-poller" in the audit log).
//
// It logs one line per office and round that filed something ("twinning:
// mail poll: office 'volgograd': 3 fetched, 0 seen before, 1 to triage"),
// and one line when an office's fetch fails with a reason it did not fail
// with in the round before (so a mailbox that stays unreachable is not
// logged every few seconds), and when it works again; never a password
// (the reasons are the use cases' error messages, which carry none). A
// failure never stops the server or the poller: a lost database
// connection is opened again in the next round.
//
// Stops when asked (request_stop) or destroyed: the round in progress ends
// after the message in hand (each IMAP operation is bounded by libcurl's
// timeouts), no other begins. Thread-safe: request_stop may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "model/letter.h"

namespace twinning::server {

class MailPoller {
 public:
  // Starts the thread polling the database at `db_location` every
  // `interval` (> 0), logging to `log` (which must outlive the poller).
  MailPoller(std::string db_location, std::chrono::seconds interval, std::ostream& log);
  // request_stop() and waits for the thread.
  ~MailPoller();
  MailPoller(const MailPoller&) = delete;
  MailPoller& operator=(const MailPoller&) = delete;

  // Asks the thread to stop after the message in hand; returns at once.
  void request_stop();

 private:
  void run();
  void log_line(const std::string& text);

  std::string db_location_;
  std::chrono::seconds interval_;
  std::ostream& log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stop_{false};            // set under mutex_ (for wake_)
  std::map<OfficeId, std::string> failing_;  // the poller thread's: the last error logged
  std::string database_error_;               // the poller thread's: the last one logged
  std::thread thread_;                       // last: started when the rest is ready
};

}  // namespace twinning::server
