#include "mail/letter_sending.h"

#include <chrono>
#include <cmath>
#include <thread>

#include "letters/attachments.h"
#include "letters/letter_access.h"
#include "letters/letter_printing.h"
#include "letters/letter_reading.h"
#include "letters/registration.h"
#include "mail/cover_text.h"
#include "mail/mail_account.h"
#include "mail/outgoing_message.h"
#include "mail/smtp_client.h"
#include "model/error.h"
#include "store/city_store.h"

namespace twinning::mail {
namespace {

using Clock = std::chrono::steady_clock;

// The e-mail of each addressee: the one given for it, else its city's.
std::vector<DeliveryTarget> targets_of(store::Store& store, const Letter& l,
                                       const SendOptions& options) {
  for (const auto& [position, email] : options.emails) {
    if (position < 0 || position >= static_cast<int>(l.addressees.size())) {
      throw_invalid("emails: the letter has no addressee " + std::to_string(position) +
                        " (addressees are numbered 0 to " +
                        std::to_string(l.addressees.size() - 1) + ")",
                    "emails");
    }
    check_email_address(email, "emails");
  }
  std::vector<DeliveryTarget> out;
  store::CityStore cities(store);
  for (int i = 0; i < static_cast<int>(l.addressees.size()); ++i) {
    const Addressee& a = l.addressees[i];
    std::string email;
    if (auto given = options.emails.find(i); given != options.emails.end()) {
      email = given->second;
    } else if (a.city_id) {
      if (auto city = cities.get(*a.city_id)) email = city->email;
    }
    if (!email.empty()) out.push_back({i, a.city_id, email});
  }
  return out;
}

std::string domain_of(const std::string& address) { return address.substr(address.rfind('@') + 1); }

}  // namespace

SendReport send_letter(store::Store& store, const letters::TemplateLibrary& templates, LetterId id,
                       const SendOptions& options) {
  if (options.rate && (!std::isfinite(*options.rate) || *options.rate < 0)) {
    throw_invalid("rate must be a number of messages per second, 0 or more (0: no limit)", "rate");
  }
  letters::LetterView view = letters::letter_view(store, id);
  const Letter& l = view.letter;
  letters::require_writer_for_city(store.actor(), view.office.city_id);
  if (l.direction != LetterDirection::kOutgoing) {
    throw_conflict("letter " + l.number + " is incoming: only outgoing letters are sent", "letter");
  }
  if (!l.registered()) {
    throw_conflict("letter " + std::to_string(id) + " is a draft: register it before sending it",
                   "letter");
  }
  MailAccount account = require_mail_account(store, l.office_id);

  SendReport report;
  report.letter_id = id;
  report.number = l.number;
  auto deliveries =
      queue_deliveries(store, id, targets_of(store, l, options), domain_of(account.from_address));
  // An addressee sent to before keeps its delivery (and its e-mail).
  std::vector<bool> has_delivery(l.addressees.size());
  for (const auto& d : deliveries) has_delivery[d.position] = true;
  for (int i = 0; i < static_cast<int>(has_delivery.size()); ++i) {
    if (!has_delivery[i]) report.without_email.push_back(i);
  }

  std::vector<Delivery> to_send;
  for (const auto& d : deliveries) {
    if (d.state == DeliveryState::kQueued) to_send.push_back(d);
    if (d.state == DeliveryState::kAccepted) ++report.already_accepted;
    if (d.state == DeliveryState::kSending) {
      if (options.resend_in_doubt) {
        to_send.push_back(d);
      } else {
        ++report.in_doubt;
      }
    }
  }
  if (to_send.empty()) {
    report.deliveries = std::move(deliveries);
    return report;
  }

  // What every copy carries: the letter's PDF and its attachments.
  std::vector<MessageFile> files;
  files.push_back({letters::letter_pdf_name(l), "application/pdf",
                   letters::letter_pdf(store, templates, id)});
  for (const auto& a : l.attachments) {
    files.push_back({a.name, a.media_type, letters::attachment_bytes(store, id, a.id)});
  }
  std::string date = l.date ? l.date->to_string() : "";
  OutgoingMessage message;
  message.from_name = view.office.name;
  message.from_address = account.from_address;
  message.subject = l.number + (l.subject.empty() ? "" : " " + l.subject);
  message.text = cover_text(l.lang, l.number, date, l.subject);
  message.files = std::move(files);

  SmtpSession session({account.smtp_url, account.smtp_user, mail_password(account),
                       account.ca_file});
  double rate = options.rate.value_or(account.rate);
  auto interval = rate > 0 ? std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(1.0 / rate))
                           : Clock::duration::zero();
  auto next_start = Clock::now();
  int done = 0;
  int total = static_cast<int>(to_send.size());
  for (const auto& d : to_send) {
    std::this_thread::sleep_until(next_start);
    next_start = std::max(Clock::now(), next_start) + interval;
    message.to_name = l.addressees[d.position].title;
    message.to_address = d.email;
    message.reply_to = reply_address_for(account.reply_address, d.reply_token);
    message.message_id = d.message_id;
    std::string bytes = build_message(message);
    // The intent is committed before the transaction and the outcome right
    // after it: a crash in between leaves this one delivery in doubt.
    if (!claim_delivery(store, d)) continue;
    SmtpOutcome outcome = session.send(account.from_address, d.email, bytes);
    Delivery after;
    switch (outcome.kind) {
      case SmtpOutcome::Kind::kAccepted:
        after = record_delivery_outcome(store, d.id, DeliveryState::kAccepted, outcome.reply);
        ++report.sent;
        break;
      case SmtpOutcome::Kind::kRefused:
        after = record_delivery_outcome(store, d.id, DeliveryState::kFailed, outcome.reply);
        ++report.failed;
        break;
      case SmtpOutcome::Kind::kDeferred:
        after = record_delivery_outcome(store, d.id, DeliveryState::kQueued, outcome.reply);
        ++report.deferred;
        break;
      case SmtpOutcome::Kind::kNoSession:
        record_delivery_outcome(store, d.id, DeliveryState::kQueued, outcome.reply);
        throw Error(ErrorCode::kUnavailable,
                    "cannot send through " + account.smtp_url + ": " + outcome.reply +
                        " (nothing more was sent; " + std::to_string(report.sent) +
                        " accepted so far; send again to go on)",
                    "mail_account");
    }
    ++done;
    if (options.on_progress) options.on_progress(after, done, total);
  }
  if (report.sent > 0 && l.status == LetterStatus::kRegistered) letters::mark_sent(store, id);
  report.deliveries = deliveries_of(store, id);
  return report;
}

}  // namespace twinning::mail
