// Files attached to letters (PRODUCT.md M4): attaching to a draft, and
// reading an attachment back checked against its SHA-256 (libsodium). A
// registered letter's attachments are frozen with it. Every call checks the
// Store's actor as correspondence.h says; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "model/letter.h"
#include "store/store.h"

namespace twinning::letters {

// Limits on what a letter may carry.
inline constexpr std::size_t kMaxAttachmentBytes = 8u << 20;         // one file
inline constexpr std::size_t kMaxLetterAttachmentBytes = 24u << 20;  // all files of a letter
inline constexpr std::size_t kMaxAttachments = 32;

struct AttachmentInput {
  std::string name;        // file name, no directory: "draft-resolution.pdf"
  std::string media_type;  // "" = guessed from the extension
  std::string bytes;
};

// Attaches a file to draft `id`; returns the attachment's metadata (SHA-256
// by libsodium). Throws Error(kConflict) for a registered letter or a
// repeated name, Error(kInvalidInput) for an empty or unsafe name or a file
// beyond the limits above, Error(kNotFound), Error(kForbidden).
Attachment attach_file(store::Store& store, LetterId id, const AttachmentInput& file);

// The bytes of attachment `attachment_id` of letter `id`, checked against
// their stored SHA-256. Throws Error(kNotFound), Error(kForbidden) for a
// letter the actor may not read, Error(kUnavailable) if the bytes no longer
// match the hash.
std::string attachment_bytes(store::Store& store, LetterId id, std::int64_t attachment_id);

}  // namespace twinning::letters
