// One addressee's copy of a registered letter as a MIME message (RFC 5322 /
// 2045), built with GMime 3: multipart/mixed of a short cover text
// (text/plain, UTF-8) and the files — the letter's PDF first, then its
// attachments — each base64-encoded with its name; headers From, To,
// Subject, Date, Message-ID, Reply-To (the addressee's reply address).
//
// A pure function of its input; thread-safe (GMime is initialised once).
#pragma once

#include <string>
#include <vector>

namespace twinning::mail {

struct MessageFile {
  std::string name;        // "19-024_125рс.pdf"
  std::string media_type;  // "application/pdf"
  std::string bytes;
};

struct OutgoingMessage {
  std::string from_name, from_address;  // "Administration of Volgograd", "intl@…"
  std::string to_name, to_address;
  std::string reply_to;    // "office+<token>@…"
  std::string subject;     // UTF-8 (encoded as RFC 2047 where needed)
  std::string message_id;  // without angle brackets
  std::string text;        // the cover text, UTF-8
  std::vector<MessageFile> files;
};

// The message's bytes with CRLF line ends, ready for SMTP DATA. Header
// values are single lines: CR and LF in them are replaced by spaces.
std::string build_message(const OutgoingMessage& m);

}  // namespace twinning::mail
