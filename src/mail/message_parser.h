// Reading one incoming e-mail (issue 15, intake): raw RFC 5322 bytes, as an
// IMAP server or a .eml file gives them, become a ParsedMessage of plain
// values the filing use case (mail/intake.h) works on. MIME is parsed by
// GMime 3, never by hand; every message is hostile input, so the parser
// never crashes, never renders HTML (an HTML body is reduced to its text,
// tags and scripts dropped), never uses an attachment's name as a path, and
// keeps no byte that is not valid UTF-8 in a text field.
//
// Free functions; thread-safe (GMime is initialised once, on first use).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twinning::mail {

// A message larger than this is refused whole (the attachments of a letter
// may total 24 MiB, letters/attachments.h; base64 adds a third).
inline constexpr std::size_t kMaxMessageBytes = 40u << 20;

struct MailAttachment {
  std::string name;        // a plain file name (mail::safe_attachment_name)
  std::string media_type;  // "application/pdf"
  std::string bytes;       // decoded content
  std::string sha256;      // hex of `bytes`
};

// An attachment the message carried but the register cannot take (beyond
// letters::kMaxAttachmentBytes, or beyond letters::kMaxAttachments files).
struct RefusedAttachment {
  std::string name;
  std::size_t size = 0;
  std::string reason;  // "attachment 'scan.tif' is 9437184 bytes; the limit is 8388608"
};

// One failed recipient of a delivery status notification (RFC 3464).
struct FailedRecipient {
  std::string address;     // Final-Recipient (else Original-Recipient), lower case
  std::string status;      // "5.1.1"
  std::string diagnostic;  // "smtp; 550 5.1.1 <x@y>: Recipient address rejected"
};

// A multipart/report; report-type=delivery-status.
struct DeliveryReport {
  std::vector<FailedRecipient> failed;  // recipients whose Action is "failed"
  // Message-ID of the message the report is about (from its returned
  // message/rfc822 or text/rfc822-headers part), without <>; "" if absent.
  std::string original_message_id;
  // Addresses the returned message was sent to (its To and Cc), lower case.
  std::vector<std::string> original_recipients;
};

struct ParsedMessage {
  std::string from;       // the From address, lower case; "" if there is none
  std::string from_name;  // its display name
  // Every address the message was delivered to: To, Cc, Delivered-To,
  // X-Original-To, Envelope-To — where a reply address's +token shows.
  std::vector<std::string> recipients;
  std::string subject;
  std::optional<std::string> date;  // the Date header's UTC day "YYYY-MM-DD"
  std::string message_id;           // without <>; "" if the header is missing
  // In-Reply-To's ids, then References' (newest first), without <>.
  std::vector<std::string> references;
  std::string text;  // plain-text body (text/plain, else the text of text/html)
  std::vector<MailAttachment> attachments;
  std::vector<RefusedAttachment> refused;
  // RFC 3834: the message says it was sent automatically (Auto-Submitted
  // other than "no", X-Autoreply, X-Autorespond, Precedence: auto_reply).
  bool auto_reply = false;
  std::optional<DeliveryReport> report;
};

// Parses `raw`. Never throws for malformed MIME: whatever GMime can read is
// kept, the rest is left out. Throws Error(kInvalidInput) naming "message"
// only for an empty message or one over kMaxMessageBytes.
ParsedMessage parse_message(std::string_view raw);

// The text of an HTML document without rendering it: tags removed, the
// content of script, style, head and comments dropped, block ends and <br>
// made line breaks, character references decoded, blank runs folded. The
// result holds no '<' that began a tag.
std::string html_to_text(std::string_view html);

// `name` made a plain file name: the part after the last '/' or '\', no
// control characters, valid UTF-8, at most 255 bytes (the extension kept),
// never "", "." or ".."; `fallback` ("attachment-2") when nothing is left.
std::string safe_attachment_name(std::string_view name, std::string_view fallback);

}  // namespace twinning::mail
