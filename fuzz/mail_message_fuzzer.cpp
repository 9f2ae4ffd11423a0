// Fuzzes the intake's reading of an e-mail (mail/message_parser.h) and of
// the sender's reference in it (mail/sender_reference.h): every message is
// hostile input. Invariants: parsing never crashes; the only error is
// Error(kInvalidInput) naming "message" (empty or oversized input); every
// text field is valid UTF-8 without NUL; every attachment name is a plain
// file name (no directory separator or control character, not "." or "..",
// at most 255 bytes) unique in the message, with the SHA-256 of its bytes;
// the HTML reduction of the input holds no NUL and is valid UTF-8.
#include "fuzz_support.h"
#include "mail/message_parser.h"
#include "mail/sender_reference.h"
#include "model/error.h"
#include "model/text.h"
#include "store/encoding.h"

#include <set>

namespace {

void check_text(const std::string& s, const char* what) {
  FUZZ_CHECK(twinning::is_valid_utf8(s), std::string(what) + " is not valid UTF-8");
  FUZZ_CHECK(s.find('\0') == std::string::npos, std::string(what) + " holds a NUL");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinning;
  std::string_view raw = fuzz::as_text(data, size);
  std::string html = mail::html_to_text(raw);
  check_text(html, "html_to_text");
  mail::ParsedMessage m;
  try {
    m = mail::parse_message(raw);
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::kInvalidInput && e.field() == "message",
               std::string("unexpected error: ") + e.what());
    return 0;
  }
  for (const auto* s : {&m.from, &m.from_name, &m.subject, &m.message_id, &m.text}) {
    check_text(*s, "a header or the body");
  }
  for (const auto& r : m.recipients) check_text(r, "a recipient");
  for (const auto& r : m.references) check_text(r, "a reference");
  std::set<std::string> names;
  for (const auto& a : m.attachments) {
    check_text(a.name, "an attachment name");
    FUZZ_CHECK(!a.name.empty() && a.name.size() <= 255 && a.name != "." && a.name != "..",
               "attachment name '" + a.name + "'");
    FUZZ_CHECK(a.name.find_first_of("/\\") == std::string::npos, "a path: " + a.name);
    for (unsigned char c : a.name) FUZZ_CHECK(c >= 0x20 && c != 0x7f, "a control character");
    FUZZ_CHECK(names.insert(a.name).second, "repeated attachment name " + a.name);
    FUZZ_CHECK(store::sha256_hex(a.bytes) == a.sha256, "attachment hash");
  }
  if (m.report) {
    for (const auto& f : m.report->failed) {
      check_text(f.address, "a failed recipient");
      check_text(f.diagnostic, "a diagnostic");
    }
  }
  mail::SenderReference ref = mail::find_sender_reference(m.subject, m.text);
  check_text(ref.number, "the sender's number");
  for (const auto& n : mail::cited_numbers(m.subject)) check_text(n, "a cited number");
  return 0;
}
