#include "mail/mail_account.h"

#include <sys/stat.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "letters/letter_access.h"
#include "model/error.h"
#include "store/audit_log.h"
#include "store/office_store.h"

namespace twinning::mail {
namespace {

nlohmann::json audit_json(const MailAccount& a) {
  return {{"smtp_url", a.smtp_url},       {"smtp_user", a.smtp_user},
          {"from_address", a.from_address}, {"reply_address", a.reply_address},
          {"imap_url", a.imap_url},       {"imap_user", a.imap_user},
          {"password_source", a.password_source}, {"ca_file", a.ca_file},
          {"rate", a.rate}};
}

Office writable_office(store::Store& store, OfficeId id) {
  Office office = store::OfficeStore(store).require(id);
  letters::require_writer_for_city(store.actor(), office.city_id);
  return office;
}

std::optional<MailAccount> read_account(store::Store& store, OfficeId office) {
  return store::MailAccountStore(store).find(office);
}

// "scheme://[user@]host[:port][/path]" with one of `schemes`, and no
// password in the user part.
void check_url(const std::string& url, std::initializer_list<const char*> schemes,
               std::string_view field) {
  auto sep = url.find("://");
  std::string scheme = sep == std::string::npos ? "" : url.substr(0, sep);
  bool known = false;
  std::string names;
  for (const char* s : schemes) {
    known = known || scheme == s;
    names += (names.empty() ? "" : " or ") + std::string(s) + "://";
  }
  if (!known || url.size() == sep + 3) {
    throw_invalid(std::string(field) + " must be a " + names + " URL", std::string(field));
  }
  std::string authority = url.substr(sep + 3, url.find('/', sep + 3) - (sep + 3));
  auto at = authority.rfind('@');
  if (at != std::string::npos && authority.substr(0, at).find(':') != std::string::npos) {
    throw_invalid(std::string(field) +
                      " must not carry a password: give the user on its own and the password "
                      "through password_source (env:NAME or file:/path)",
                  std::string(field));
  }
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ') {
      throw_invalid(std::string(field) + " must not contain spaces or control characters",
                    std::string(field));
    }
  }
}

void check_password_source(const std::string& source) {
  if (source.empty()) return;
  if (source.rfind("env:", 0) == 0 && source.size() > 4) return;
  if (source.rfind("file:/", 0) == 0) return;
  throw_invalid(
      "password_source must be env:NAME (an environment variable) or file:/absolute/path (a file "
      "only its owner may read)",
      "password_source");
}

}  // namespace

void check_email_address(std::string_view address, std::string_view field) {
  auto at = address.find('@');
  bool ok = !address.empty() && address.size() <= 254 && at != std::string_view::npos &&
            at > 0 && at + 1 < address.size() && address.find('@', at + 1) == std::string_view::npos;
  for (char c : address) {
    auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || u == 127 || std::string_view("<>()[],;:\"\\").find(c) != std::string_view::npos) {
      ok = false;
    }
  }
  if (!ok) {
    throw_invalid(std::string(field) + ": '" + std::string(address.substr(0, 300)) +
                      "' is not an e-mail address (local@domain)",
                  std::string(field));
  }
}

std::optional<MailAccount> find_mail_account(store::Store& store, OfficeId office) {
  writable_office(store, office);
  return read_account(store, office);
}

MailAccount require_mail_account(store::Store& store, OfficeId office) {
  Office o = writable_office(store, office);
  auto account = read_account(store, office);
  if (!account) {
    throw_conflict("office '" + o.code +
                       "' has no mail account: set one with `twinning office mail-account " +
                       o.code + " --smtp-url ... --from ... --reply-address ...`",
                   "mail_account");
  }
  return *account;
}

std::vector<OfficeId> offices_with_reply_mailbox(store::Store& store) {
  if (store.actor().role != Role::kAdmin) {
    throw Error(ErrorCode::kForbidden, "only an administrator lists every office's mail account",
                "actor");
  }
  return store::MailAccountStore(store).offices_with_reply_mailbox();
}

MailAccount set_mail_account(store::Store& store, const MailAccount& account) {
  check_url(account.smtp_url, {"smtp", "smtps"}, "smtp_url");
  if (!account.imap_url.empty()) check_url(account.imap_url, {"imap", "imaps"}, "imap_url");
  check_email_address(account.from_address, "from_address");
  check_email_address(account.reply_address, "reply_address");
  check_password_source(account.password_source);
  if (!std::isfinite(account.rate) || account.rate < 0) {
    throw_invalid("rate must be a number of messages per second, 0 or more (0: no limit)", "rate");
  }
  for (const auto* user : {&account.smtp_user, &account.imap_user}) {
    for (char c : *user) {
      if (static_cast<unsigned char>(c) < ' ') throw_invalid("a user name has a control character", "smtp_user");
    }
  }
  return store.db().write_transaction([&] {
    writable_office(store, account.office_id);
    auto before = read_account(store, account.office_id);
    MailAccount after = store::MailAccountStore(store).put(account);
    store::AuditLog(store).record(before ? "update" : "create", "mail_account",
                                  std::to_string(account.office_id),
                                  before ? audit_json(*before) : nlohmann::json(),
                                  audit_json(after));
    return after;
  });
}

std::string mail_password(const MailAccount& account) {
  const std::string& source = account.password_source;
  if (source.empty()) return "";
  if (source.rfind("env:", 0) == 0) {
    std::string name = source.substr(4);
    const char* value = std::getenv(name.c_str());
    if (!value) {
      throw Error(ErrorCode::kUnavailable,
                  "the mail password's environment variable " + name + " is not set",
                  "password_source");
    }
    return value;
  }
  std::string path = source.substr(5);
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    throw Error(ErrorCode::kUnavailable, "the mail password file " + path + " cannot be read",
                "password_source");
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw_invalid("the mail password file " + path +
                      " may be read or written by others than its owner: chmod 600 it",
                  "password_source");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorCode::kUnavailable, "the mail password file " + path + " cannot be read",
                "password_source");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string password = ss.str();
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  return password;
}

}  // namespace twinning::mail
