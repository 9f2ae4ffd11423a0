// The mail layer (src/mail/, issue 15): registered letters leave the office
// by e-mail and their answers come back into the register.
//
//   letter_sending   (this header) send one registered outgoing letter to
//                    its addressees, one delivery each: the use case
//   deliveries       the delivery register: states, reply tokens, lookups
//                    the intake uses
//   mail_account     an office's SMTP/IMAP account; secrets from the
//                    environment or an owner-only file, never stored
//   outgoing_message the MIME message (GMime 3); cover_text its text
//   smtp_client      SMTP submission through libcurl
//   intake, message_parser, ...  the way back (fetching and filing answers)
//
// It sits beside campaign/ over letters/ and store/: it prints through
// letters/letter_printing, and faces (cli/, server/) call it.
//
// Sending, and what a crash does to it. Each addressee with an e-mail gets
// a Delivery row (created on the first send, all in one transaction, with
// its reply token and Message-ID); a send then walks the queued ones. For
// each it commits 'sending' (the intent) before the SMTP transaction and
// 'accepted' / 'failed' (with the server's answer) right after it, so the
// only window in which a crash leaves the outcome unknown is that single
// transaction. A later send never sends twice what the server accepted,
// and sends everything still queued (nothing forgotten). A delivery found
// in 'sending' is *in doubt*: the server may have taken it just before the
// crash. It is reported as such and NOT sent again — at most once, because
// a second official letter is worse than a clerk's check — unless the send
// is asked to (resend_in_doubt), which sends the same Message-ID again, so
// that mail systems that discard a repeated Message-ID keep one copy.
// Concurrent sends of one letter (two processes) claim each delivery with
// a conditional UPDATE, so no delivery is sent by both.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "letters/letter_template.h"
#include "mail/deliveries.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::mail {

struct SendOptions {
  // An e-mail for an addressee (by position in Letter::addressees), which
  // takes the place of its city's registry e-mail; for an addressee not yet
  // sent to (a queued delivery takes the new address).
  std::map<int, std::string> emails;
  // Messages per second to keep under; nullopt = the account's rate; 0 = no
  // limit.
  std::optional<double> rate;
  bool resend_in_doubt = false;
  // Called after each delivery's outcome is recorded (done of total).
  std::function<void(const Delivery& delivery, int done, int total)> on_progress;
};

struct SendReport {
  LetterId letter_id = 0;
  std::string number;                // "19-024/125рс"
  std::vector<Delivery> deliveries;  // every delivery of the letter, as it now is
  int sent = 0;              // accepted by the server in this call
  int failed = 0;            // refused permanently in this call
  int deferred = 0;          // refused for now (4xx) in this call: still queued
  int already_accepted = 0;  // accepted before this call (not sent again)
  int in_doubt = 0;          // left in 'sending' by an interrupted send, not sent again
  std::vector<int> without_email;  // positions of addressees with no e-mail
};

// Sends registered outgoing letter `id` by e-mail, as described above, with
// the PDF of letters::letter_pdf and the letter's attachments, and marks the
// letter sent (today) once any copy was accepted if it was only registered.
// Throws Error(kForbidden) unless the actor writes for the letter's office,
// Error(kNotFound) for an unknown letter, Error(kConflict) for a draft or an
// incoming letter or an office without a mail account, Error(kInvalidInput)
// naming "emails" for a bad address or position, "rate" for a negative rate,
// and Error(kUnavailable) when no SMTP session can be had (connection, TLS,
// authentication) — the deliveries not yet sent stay queued, and the
// message names the server's answer but never the password.
SendReport send_letter(store::Store& store, const letters::TemplateLibrary& templates,
                       LetterId id, const SendOptions& options);

}  // namespace twinning::mail
