// src/letters/ — the correspondence register: offices and their numbering,
// drafts, registration of outgoing and incoming letters, follow-ups
// (replies, forwards, reminders, corrections), attachments, reading with
// who may read what, the recipient's language, templates and the PDF
// renderer. It owns every rule about a letter. It must not know campaigns
// (campaign/ builds on it), e-mail transport (mail/ builds on it) or the
// faces.
//
// Use cases of the correspondence register (PRODUCT.md M4, M8): drafting,
// registering outgoing and incoming letters under an office's numbering,
// replies, forwarded copies, reminders and corrections, status changes,
// attachments, and reading the register — for the CLI, the HTTP API and the
// campaign (issue 4) alike.
//
// The life of an outgoing letter: create_draft() (editable with
// edit_draft(), attach_file()) -> register_letter() gives it the office's
// next number and freezes number, date, addressees and text -> mark_sent()
// -> answered, automatically, when a reply to it is registered.
// register_outgoing() drafts and registers in one step. An incoming letter
// is registered on arrival by register_incoming() (status received).
//
// Every function checks the Store's actor (letters/letter_access.h): a
// letter the actor may not read is refused (Error(kForbidden)); writing needs the
// right to write for the office's city (Error(kForbidden)). All writes of
// one call commit together or not at all, with audit entries.
//
// The use cases live by concern, each header stating its contracts:
//   drafts.h           drafting and editing outgoing letters
//   attachments.h      files attached to letters
//   registration.h     numbers, registering outgoing and incoming letters, sent
//   follow_ups.h       replies, forwarded copies, reminders, corrections
//   letter_reading.h   a letter's view, the register's lines, lookups
//   letter_printing.h  a letter's printable document and PDF
// This header gathers them for the faces and the campaign.
#pragma once

#include "letters/attachments.h"
#include "letters/drafts.h"
#include "letters/follow_ups.h"
#include "letters/letter_printing.h"
#include "letters/letter_reading.h"
#include "letters/registration.h"
