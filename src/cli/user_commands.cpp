// CLI commands of user administration: user add | list | disable | enable |
// password | token, and reading the audit log (audit). Passwords are read from stdin
// (--password-stdin) or typed at a terminal prompt, never taken from the command line, where other
// users of the machine could read them.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "auth/audit_reading.h"
#include "auth/users.h"
#include "cli/cli_context.h"
#include "model/error.h"
#include "model/model_json.h"
#include "registry/city_lookup.h"

namespace twinning::cli {
namespace {

std::string read_line_without_echo(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << '\n';
  return line;
}

// The password for a new user or a password change.
std::string read_password(bool from_stdin) {
  if (from_stdin) {
    std::string line;
    if (!std::getline(std::cin, line) && line.empty()) {
      throw_invalid("--password-stdin: no password on standard input", "password");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (!isatty(STDIN_FILENO)) {
    throw_invalid("give --password-stdin to read the password from standard input", "password");
  }
  std::string first = read_line_without_echo("Password: ");
  std::string second = read_line_without_echo("Repeat password: ");
  if (first != second) throw_invalid("the two passwords differ", "password");
  return first;
}

void print_user(const Context& ctx, const User& u, const std::string& what) {
  if (ctx.json) return ctx.print_json(u);
  std::cout << what << " user " << u.name << " (#" << u.id << ", " << role_name(u.role);
  if (u.city) std::cout << " of city #" << *u.city;
  if (u.disabled) std::cout << ", disabled";
  std::cout << ")\n";
}

}  // namespace

void add_user_commands(CLI::App& app, Context& ctx) {
  auto* user = app.add_subcommand("user", "Manage the users of the HTTP API");
  user->require_subcommand(1);

  struct AddOptions {
    std::string name, role = "viewer", city;
    bool password_stdin = false, no_password = false;
  };
  auto a = std::make_shared<AddOptions>();
  auto* add = user->add_subcommand("add", "Add a user (password from a prompt or stdin)");
  add->add_option("NAME", a->name, "Login name (letters, digits, . _ - @)")->required();
  add->add_option("--role", a->role, "admin, coordinator, correspondent or viewer")
      ->capture_default_str();
  add->add_option("--city", a->city, "Bound city of a correspondent: id or \"Name, CC\"");
  add->add_flag("--password-stdin", a->password_stdin, "Read the password from standard input");
  add->add_flag("--no-password", a->no_password, "A token-only user (for scripts)");
  add_json_flag(add, ctx);
  add->callback([&ctx, a] {
    auth::NewUser n;
    n.name = a->name;
    n.role = parse_role(a->role, "--role");
    auto& store = ctx.store();
    if (!a->city.empty()) n.city = registry::resolve_city(store, a->city, "--city");
    if (!a->no_password) n.password = read_password(a->password_stdin);
    print_user(ctx, auth::add_user(store, n), "added");
  });

  auto* list = user->add_subcommand("list", "List the users");
  add_json_flag(list, ctx);
  list->callback([&ctx] {
    auto users = auth::list_users(ctx.store());
    if (ctx.json) return ctx.print_json(users);
    for (const auto& u : users) {
      std::cout << u.name << '\t' << role_name(u.role);
      if (u.city) std::cout << "\tcity #" << *u.city;
      if (u.disabled) std::cout << "\tdisabled";
      if (!u.has_password) std::cout << "\tno password";
      std::cout << '\n';
    }
    if (users.empty()) std::cout << "no users\n";
  });

  for (bool disable : {true, false}) {
    auto* cmd = user->add_subcommand(
        disable ? "disable" : "enable",
        disable ? "Disable a user (ends their sessions)" : "Enable a disabled user");
    auto name = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "Login name")->required();
    add_json_flag(cmd, ctx);
    cmd->callback([&ctx, disable, name] {
      auto& store = ctx.store();
      auth::UserUpdate u;
      u.disabled = disable;
      User after = auth::update_user(store, auth::get_user_by_name(store, *name).id, u);
      print_user(ctx, after, disable ? "disabled" : "enabled");
    });
  }

  struct PasswordOptions {
    std::string name;
    bool password_stdin = false;
  };
  auto pw = std::make_shared<PasswordOptions>();
  auto* password = user->add_subcommand("password", "Set a user's password (ends their sessions)");
  password->add_option("NAME", pw->name, "Login name")->required();
  password->add_flag("--password-stdin", pw->password_stdin,
                     "Read the password from standard input");
  add_json_flag(password, ctx);
  password->callback([&ctx, pw] {
    auto& store = ctx.store();
    UserId id = auth::get_user_by_name(store, pw->name).id;
    auth::UserUpdate u;
    u.password = read_password(pw->password_stdin);
    print_user(ctx, auth::update_user(store, id, u), "changed the password of");
  });

  struct TokenOptions {
    std::string name, label;
  };
  auto tk = std::make_shared<TokenOptions>();
  auto* token = user->add_subcommand("token", "Issue an API token (shown once) for scripts");
  token->add_option("NAME", tk->name, "Login name")->required();
  token->add_option("--label", tk->label, "What the token is for");
  add_json_flag(token, ctx);
  token->callback([&ctx, tk] {
    auto& store = ctx.store();
    auto issued =
        auth::issue_api_token(store, auth::get_user_by_name(store, tk->name).id, tk->label);
    if (ctx.json) {
      return ctx.print_json({{"id", issued.id},
                             {"token", issued.token},
                             {"label", issued.label},
                             {"user", issued.user}});
    }
    std::cout << issued.token << '\n';
  });

  // audit: the same entries as GET /api/audit, oldest first.
  auto audit_query = std::make_shared<store::AuditQuery>();
  auto* audit =
      app.add_subcommand("audit", "Show the audit log: who changed what, before and after");
  audit->add_option("--entity", audit_query->entity, "Only this kind of record, e.g. city, letter");
  audit->add_option("--entity-id", audit_query->entity_id, "Only this record (needs --entity)");
  audit->add_option("--actor", audit_query->actor, "Only changes by this actor, e.g. cli:alice");
  audit->add_option("--after-id", audit_query->after_id, "Only entries after this id (paging)")
      ->check(CLI::NonNegativeNumber);
  audit->add_option("--limit", audit_query->limit, "At most this many")
      ->check(CLI::Range(1, 100000));
  add_json_flag(audit, ctx);
  audit->callback([&ctx, audit_query] {
    auto entries = auth::read_audit(ctx.store(), *audit_query);
    if (ctx.json) return ctx.print_json(entries);
    for (const auto& e : entries) {
      std::cout << "#" << e.id << '\t' << e.at << '\t' << e.actor << '\t' << e.action << ' '
                << e.entity << ' ' << e.entity_id << '\n';
    }
    if (entries.empty()) std::cout << "no audit entries\n";
  });
}

}  // namespace twinning::cli
