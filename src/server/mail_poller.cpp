#include "server/mail_poller.h"

#include <exception>
#include <memory>
#include <ostream>

#include "mail/mailbox_poll.h"
#include "store/store.h"

namespace twinning::server {

MailPoller::MailPoller(std::string db_location, std::chrono::seconds interval, std::ostream& log)
    : db_location_(std::move(db_location)), interval_(interval), log_(log) {
  thread_ = std::thread([this] { run(); });
}

MailPoller::~MailPoller() {
  request_stop();
  if (thread_.joinable()) thread_.join();
}

void MailPoller::request_stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
}

void MailPoller::log_line(const std::string& text) {
  std::string line = "twinning: mail poll: " + text + "\n";
  log_.write(line.data(), static_cast<std::streamsize>(line.size()));
  log_.flush();
}

void MailPoller::run() {
  std::unique_ptr<store::Store> store;
  for (;;) {
    try {
      if (!store) store = store::Store::open(db_location_, mail::mail_poller_actor());
      for (const auto& poll : mail::poll_mailboxes(*store, [this] { return stop_.load(); })) {
        std::string office = "office '" + poll.office_code + "'";
        if (!poll.report) {
          if (failing_[poll.office] != poll.error) log_line(office + ": " + poll.error);
          failing_[poll.office] = poll.error;
          continue;
        }
        if (failing_.erase(poll.office) > 0) log_line(office + ": fetching again");
        const mail::FetchReport& r = *poll.report;
        if (r.fetched > 0 || !r.refused.empty()) {
          log_line(office + ": " + std::to_string(r.fetched) + " fetched, " +
                   std::to_string(r.seen_before) + " seen before, " + std::to_string(r.triage) +
                   " to triage" +
                   (r.refused.empty() ? "" : ", " + std::to_string(r.refused.size()) + " refused"));
        }
      }
      if (!database_error_.empty()) log_line("the database answers again");
      database_error_.clear();
    } catch (const std::exception& e) {
      // The offices could not be listed: the database is down or the
      // connection broke. Open it again in the next round.
      store.reset();
      if (database_error_ != e.what()) log_line(std::string("no round: ") + e.what());
      database_error_ = e.what();
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, interval_, [this] { return stop_.load(); })) return;
  }
}

}  // namespace twinning::server
