// Reading what the test SMTP server delivered into its Maildir
// (tests/support/mail_servers.h): a header of a message and the PDF it
// carries, for the tests of `twinning letter send` and of the mail round
// trip.
#pragma once

#include <string>

namespace twinning::testing {

// The value of header `name` (any case) in the RFC 5322 message `message`
// (CRLF line ends), unfolded, with the space after the colon; "" when the
// message has no such header.
std::string mail_header(const std::string& message, const std::string& name);

// The decoded bytes of the first application/pdf part of the message file
// at `path`; "" when it has none or cannot be parsed.
std::string pdf_attachment(const std::string& path);

}  // namespace twinning::testing
