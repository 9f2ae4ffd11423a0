// `twinning letter send` and `twinning office mail-account`: the faces of
// mail/letter_sending.h and mail/mail_account.h.
#include <iostream>
#include <map>
#include <memory>

#include "cli/cli_context.h"
#include "letters/letter_reading.h"
#include "letters/offices.h"
#include "mail/letter_sending.h"
#include "mail/mail_account.h"
#include "mail/mail_json.h"

namespace twinning::cli {
namespace {

// "POSITION=ADDRESS" pairs of --email.
std::map<int, std::string> parse_emails(const std::vector<std::string>& items) {
  std::map<int, std::string> out;
  for (const auto& item : items) {
    auto eq = item.find('=');
    int position = -1;
    try {
      if (eq != std::string::npos) position = std::stoi(item.substr(0, eq));
    } catch (const std::exception&) {
    }
    if (eq == std::string::npos || position < 0 ||
        std::to_string(position) != item.substr(0, eq)) {
      throw_invalid("--email takes POSITION=ADDRESS (the addressee's number from `letter show`, "
                        "from 0), not '" + item + "'",
                    "--email");
    }
    out[position] = item.substr(eq + 1);
  }
  return out;
}

}  // namespace

void add_letter_send_command(CLI::App* letter, Context& ctx) {
  struct SendFlags {
    std::string letter, office;
    std::vector<std::string> emails;
    std::optional<double> rate;
    bool resend_in_doubt = false;
  };
  auto o = std::make_shared<SendFlags>();
  auto* cmd = letter->add_subcommand(
      "send", "Send a registered letter by e-mail to each addressee with an e-mail");
  cmd->add_option("LETTER", o->letter, "Letter id or registration number")->required();
  cmd->add_option("--office", o->office, "Office whose number it is");
  cmd->add_option("--email", o->emails,
                  "POSITION=ADDRESS: the e-mail of addressee POSITION (from 0) instead of its "
                  "city's; repeatable");
  cmd->add_option("--rate", o->rate,
                  "Messages per second at most (default: the office account's; 0: no limit)");
  cmd->add_flag("--resend-in-doubt", o->resend_in_doubt,
                "Also send the deliveries an interrupted send left in doubt (same Message-ID)");
  add_templates_option(cmd, ctx);
  add_json_flag(cmd, ctx);
  cmd->callback([&ctx, o] {
    auto& store = ctx.store();
    std::optional<OfficeId> office;
    if (!o->office.empty()) office = letters::find_office(store, o->office, "--office").id;
    LetterId id = letters::resolve_letter(store, o->letter, office);
    mail::SendOptions options;
    options.emails = parse_emails(o->emails);
    options.rate = o->rate;
    options.resend_in_doubt = o->resend_in_doubt;
    // Progress on stderr, one line per addressee, as its outcome is recorded.
    options.on_progress = [](const mail::Delivery& d, int done, int total) {
      std::cerr << "[" << done << "/" << total << "] " << mail::delivery_state_name(d.state) << " "
                << d.email << ": " << d.server_reply << std::endl;
    };
    mail::SendReport r;
    try {
      r = mail::send_letter(store, ctx.templates(), id, options);
    } catch (const Error& e) {
      if (e.field() == "rate") throw with_option_name(e, "--rate");
      if (e.field() == "emails") throw with_option_name(e, "--email");
      throw;
    }
    if (ctx.json) return ctx.print_json(mail::send_report_json(r));
    std::cout << r.number << ": " << r.sent << " sent, " << r.failed << " failed, " << r.deferred
              << " deferred, " << r.already_accepted << " sent before, " << r.in_doubt
              << " in doubt, " << r.without_email.size() << " without e-mail\n";
    for (const auto& d : r.deliveries) {
      std::cout << "  " << d.position << " " << d.email << " " << mail::delivery_state_name(d.state)
                << (d.server_reply.empty() ? "" : " (" + d.server_reply + ")") << "\n";
    }
    if (r.in_doubt > 0) {
      std::cout << r.in_doubt
                << " in doubt: a send was interrupted during their SMTP transaction; they were "
                   "not sent again (check with the addressee, then --resend-in-doubt)\n";
    }
  });
}

void add_office_mail_account_command(CLI::App* office, Context& ctx) {
  struct AccountFlags {
    std::string office;
    mail::MailAccount a;
    bool show = false;
  };
  auto o = std::make_shared<AccountFlags>();
  auto* cmd = office->add_subcommand(
      "mail-account", "Set (or --show) the office's mail account: SMTP out, reply mailbox in");
  cmd->add_option("OFFICE", o->office, "Office code")->required();
  cmd->add_flag("--show", o->show, "Print the account instead of setting it");
  cmd->add_option("--smtp-url", o->a.smtp_url,
                  "smtp://host:587 (STARTTLS) or smtps://host:465 (no password in it)");
  cmd->add_option("--smtp-user", o->a.smtp_user, "SMTP user (none: no AUTH)");
  cmd->add_option("--from", o->a.from_address, "From address of the letters");
  cmd->add_option("--reply-address", o->a.reply_address,
                  "Reply mailbox; each addressee answers to LOCAL+<token>@DOMAIN of it");
  cmd->add_option("--imap-url", o->a.imap_url, "imaps://host/INBOX of the reply mailbox");
  cmd->add_option("--imap-user", o->a.imap_user, "IMAP user (default: the SMTP user)");
  cmd->add_option("--password-source", o->a.password_source,
                  "env:NAME or file:/path (chmod 600): where the password is read when used");
  cmd->add_option("--ca-file", o->a.ca_file, "PEM certificate to trust besides the system's");
  cmd->add_option("--rate", o->a.rate, "Messages per second a send keeps under (0: no limit)");
  add_json_flag(cmd, ctx);
  cmd->callback([&ctx, o] {
    auto& store = ctx.store();
    Office office = letters::find_office(store, o->office, "OFFICE");
    std::optional<mail::MailAccount> account;
    if (o->show) {
      account = mail::find_mail_account(store, office.id);
      if (!account) throw_not_found("office '" + office.code + "' has no mail account", "OFFICE");
    } else {
      o->a.office_id = office.id;
      try {
        account = mail::set_mail_account(store, o->a);
      } catch (const Error& e) {
        static const std::map<std::string, std::string> options = {
            {"smtp_url", "--smtp-url"},       {"imap_url", "--imap-url"},
            {"from_address", "--from"},       {"reply_address", "--reply-address"},
            {"password_source", "--password-source"}, {"rate", "--rate"},
            {"smtp_user", "--smtp-user"}};
        auto it = options.find(e.field());
        if (it != options.end()) throw with_option_name(e, it->second);
        throw;
      }
    }
    nlohmann::json j = mail::mail_account_json(*account);
    if (ctx.json) return ctx.print_json(j);
    for (const auto& [key, value] : j.items()) {
      std::cout << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump())
                << "\n";
    }
  });
}

}  // namespace twinning::cli
