#include "mail/mail_fetch.h"

#include "mail/imap_client.h"
#include "mail/mail_account.h"
#include "model/error.h"
#include "store/mail_intake_store.h"

namespace twinning::mail {

void to_json(nlohmann::json& j, const FetchReport& r) {
  j = {{"mailbox", r.mailbox},       {"uid_validity", r.uid_validity},
       {"fetched", r.fetched},       {"seen_before", r.seen_before},
       {"triage", r.triage},         {"results", r.results},
       {"refused", r.refused}};
}

FetchReport fetch_mail(store::Store& store, OfficeId office,
                       const std::function<bool()>& stop) {
  MailAccount account = require_mail_account(store, office);
  if (account.imap_url.empty()) {
    throw_conflict("the office's mail account has no reply mailbox (imap_url)", "mail_account");
  }
  ImapSession imap({account.imap_url,
                    account.imap_user.empty() ? account.smtp_user : account.imap_user,
                    mail_password(account), account.ca_file});
  FetchReport report;
  report.mailbox = account.imap_url;
  report.uid_validity = imap.uid_validity();
  store::MailIntakeStore mail(store);
  auto state = mail.mailbox(report.mailbox);
  std::int64_t last =
      state && state->uid_validity == report.uid_validity ? state->last_uid : 0;
  for (std::int64_t uid : imap.uids_after(last)) {
    if (stop && stop()) break;
    store::MailSource source{report.mailbox, report.uid_validity, uid};
    if (!mail.seen_uid(source)) {
      std::string raw = imap.fetch(uid);
      ++report.fetched;
      try {
        FilingResult r = file_message(store, raw, source);
        if (r.already_seen) ++report.seen_before;
        if (!r.already_seen && r.outcome == store::MailOutcome::kTriage) ++report.triage;
        report.results.push_back(std::move(r));
      } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidInput || e.field() != "message") throw;
        report.refused.push_back("UID " + std::to_string(uid) + ": " + e.what());
      }
    }
    mail.put_mailbox(report.mailbox, {report.uid_validity, uid});
  }
  return report;
}

}  // namespace twinning::mail
