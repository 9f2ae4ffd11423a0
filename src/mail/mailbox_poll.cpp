#include "mail/mailbox_poll.h"

#include <exception>

#include "mail/mail_account.h"
#include "model/error.h"
#include "store/office_store.h"

namespace twinning::mail {

Actor mail_poller_actor() {
  Actor a;
  a.user_id = 0;
  a.name = "system:mail-poller";
  a.role = Role::kAdmin;
  return a;
}

std::vector<MailboxPoll> poll_mailboxes(store::Store& store,
                                        const std::function<bool()>& stop) {
  if (store.actor().role != Role::kAdmin) {
    throw Error(ErrorCode::kForbidden, "only an administrator polls every office's mailbox",
                "actor");
  }
  std::vector<MailboxPoll> out;
  for (OfficeId office : offices_with_reply_mailbox(store)) {
    if (stop && stop()) break;
    MailboxPoll poll;
    poll.office = office;
    try {
      poll.office_code = store::OfficeStore(store).require(office).code;
      poll.report = fetch_mail(store, office, stop);
    } catch (const std::exception& e) {  // twinning::Error, and anything else that broke
      poll.error = e.what();
    }
    if (poll.office_code.empty()) poll.office_code = "#" + std::to_string(office);
    out.push_back(std::move(poll));
  }
  return out;
}

}  // namespace twinning::mail
