// Fetching an office's reply mailbox (issue 15, intake): the messages that
// arrived since the last fetch, by IMAP UID over libcurl, each filed by
// mail/intake.h. The last UID fetched is remembered per mailbox (reset when
// the server's UIDVALIDITY changes); and since every message is also
// claimed by its UID and Message-ID, fetching twice — or two servers
// fetching the same mailbox on one PostgreSQL database — files nothing
// twice.
//
// Requires an administrator or a coordinator (as file_message). Thread-compatible.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "mail/intake.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::mail {

struct FetchReport {
  std::string mailbox;  // the account's imap_url
  std::int64_t uid_validity = 0;
  int fetched = 0;      // messages read from the server now
  int seen_before = 0;  // of them, claimed before (nothing done)
  int triage = 0;       // of them, left in triage
  std::vector<FilingResult> results;  // one per message fetched, in UID order
  // Messages the intake could not take at all (empty, over kMaxMessageBytes):
  // "UID 12: the message is ... bytes; the limit is ...". They stay on the server.
  std::vector<std::string> refused;
};

// {"mailbox", "uid_validity", "fetched", "seen_before", "triage", "results", "refused"}
void to_json(nlohmann::json& j, const FetchReport& r);

// Fetches and files the new messages of office `office`'s reply mailbox.
// Throws Error(kConflict) naming "mail_account" when the office has no
// account or no imap_url, Error(kUnavailable) naming "imap_url" when the
// server cannot be reached or refuses (messages filed before that stay
// filed, and the next fetch goes on after them), and as
// mail_password and file_message. When `stop` is given and returns true
// before a message, the fetch ends there with what it filed so far (the
// next fetch goes on from there): how a stopping server ends a long fetch.
FetchReport fetch_mail(store::Store& store, OfficeId office,
                       const std::function<bool()>& stop = {});

}  // namespace twinning::mail
