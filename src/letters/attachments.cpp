#include "letters/attachments.h"

#include <cctype>
#include <map>

#include "letters/letter_checks.h"
#include "model/error.h"
#include "model/text.h"
#include "store/encoding.h"
#include "store/letter_store.h"

namespace twinning::letters {
namespace {

std::string guess_media_type(const std::string& name) {
  static const std::map<std::string, std::string> types = {
      {"pdf", "application/pdf"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"tif", "image/tiff"},
      {"tiff", "image/tiff"},
      {"txt", "text/plain"},
      {"csv", "text/csv"},
      {"html", "text/html"},
      {"xml", "application/xml"},
      {"json", "application/json"},
      {"zip", "application/zip"},
      {"doc", "application/msword"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"odt", "application/vnd.oasis.opendocument.text"}};
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return "application/octet-stream";
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

// Validates attachments against the limits, given what the letter already carries.
void check_attachments(const std::vector<AttachmentInput>& files,
                       const std::vector<Attachment>& existing) {
  std::size_t total = 0;
  for (const auto& a : existing) total += static_cast<std::size_t>(a.size);
  if (existing.size() + files.size() > kMaxAttachments) {
    throw_invalid("a letter carries at most " + std::to_string(kMaxAttachments) + " attachments",
                  "attachment");
  }
  for (const auto& f : files) {
    const std::string& n = f.name;
    bool safe = !n.empty() && n.size() <= 255 && n != "." && n != ".." && is_valid_utf8(n);
    for (unsigned char c : n) safe &= c >= 0x20 && c != 0x7f && c != '/' && c != '\\';
    if (!safe) {
      throw_invalid("attachment name '" + n +
                        "' must be a plain file name (no directory, no control characters)",
                    "attachment");
    }
    if (f.bytes.size() > kMaxAttachmentBytes) {
      throw_invalid("attachment '" + n + "' is " + std::to_string(f.bytes.size()) +
                        " bytes; the limit is " + std::to_string(kMaxAttachmentBytes),
                    "attachment");
    }
    total += f.bytes.size();
    for (const auto& a : existing) {
      if (a.name == n)
        throw_conflict("the letter already has an attachment '" + n + "'", "attachment");
    }
  }
  if (total > kMaxLetterAttachmentBytes) {
    throw_invalid("the attachments of a letter may total " +
                      std::to_string(kMaxLetterAttachmentBytes) + " bytes at most",
                  "attachment");
  }
}

Attachment store_attachment(store::Store& store, LetterId id, const AttachmentInput& f) {
  Attachment a;
  a.name = f.name;
  a.media_type = f.media_type.empty() ? guess_media_type(f.name) : f.media_type;
  check_text(a.media_type, "media_type", 255);
  a.size = static_cast<std::int64_t>(f.bytes.size());
  a.sha256 = store::sha256_hex(f.bytes);
  a.id = store::LetterStore(store).add_attachment(id, a.name, a.media_type, f.bytes, a.sha256);
  return a;
}

Attachment attach_file(store::Store& store, LetterId id, const AttachmentInput& file) {
  return store.db().write_transaction([&] {
    Letter l = readable(store, id);
    writable_office(store, l.office_id);
    if (l.registered()) {
      throw_conflict(describe(l) + " is registered: its attachments can no longer change",
                     "letter");
    }
    check_attachments({file}, l.attachments);
    return store_attachment(store, id, file);
  });
}

std::string attachment_bytes(store::Store& store, LetterId id, std::int64_t attachment_id) {
  Letter l = readable(store, id);
  for (const auto& a : l.attachments) {
    if (a.id != attachment_id) continue;
    std::string bytes = store::LetterStore(store).attachment_content(id, attachment_id);
    if (store::sha256_hex(bytes) != a.sha256) {
      throw Error(ErrorCode::kUnavailable, "attachment '" + a.name + "' of " + describe(l) +
                                               " no longer matches its SHA-256");
    }
    return bytes;
  }
  throw_not_found(describe(l) + " has no attachment #" + std::to_string(attachment_id),
                  "attachment");
}

}  // namespace twinning::letters
