// letter list | show | attachment: reading the register (letter_cli.h).
#include "cli/letter_cli.h"

#include <iostream>
#include <memory>

#include "letters/letter_json.h"
#include "model/error.h"
#include "model/letter_json.h"
#include "registry/city_lookup.h"

namespace twinning::cli::letter_cli {
namespace {

void print_summary(const store::LetterSummary& s) {
  std::cout << "#" << s.id << "\t" << (s.number.empty() ? "(draft)" : s.number) << "\t"
            << (s.date ? s.date->to_string() : "") << "\t" << s.office_code << "\t"
            << letter_direction_name(s.direction) << "\t" << letter_status_name(s.status) << "\t"
            << (s.direction == LetterDirection::kIncoming ? "from " + s.sender_city
                                                          : "to " + s.addressee);
  if (s.direction == LetterDirection::kOutgoing && s.addressee_count > 1) {
    std::cout << " and " << s.addressee_count - 1 << " more";
  }
  if (!s.subject.empty()) std::cout << "\t" << s.subject;
  if (s.response_deadline) std::cout << "\tdue " << s.response_deadline->to_string();
  if (s.overdue_count && *s.overdue_count > 0) {
    std::cout << " (" << *s.overdue_count << " of " << s.addressee_count << " overdue)";
  }
  std::cout << '\n';
}

void print_view(store::Store& store, const letters::LetterView& v) {
  const Letter& l = v.letter;
  std::cout << "letter #" << l.id << "  " << letter_direction_name(l.direction) << " "
            << letter_kind_name(l.kind) << ", " << letter_status_name(l.status) << "\n";
  std::cout << "  office: " << v.office.code << "\n";
  if (l.registered()) std::cout << "  No " << l.number << " of " << l.date->to_string() << "\n";
  // Each of the sender's number and date on its own: either may be missing.
  if (!l.sender_number.empty()) std::cout << "  sender's No " << l.sender_number << "\n";
  if (l.sender_date) std::cout << "  sender's date " << l.sender_date->to_string() << "\n";
  std::cout << "  from: "
            << (l.sender.city_id ? registry::city_label(store, *l.sender.city_id) : "");
  if (!l.sender.signatory_name.empty()) {
    std::cout << " — " << l.sender.signatory_title << " " << l.sender.signatory_name;
  }
  std::cout << "\n";
  for (const auto& a : v.answers) {
    const Addressee& to = l.addressees[a.position];
    std::cout << "  to: " << to.title;
    if (to.city_id) std::cout << " [" << registry::city_label(store, *to.city_id) << "]";
    std::cout << " — " << letters::answer_state_name(a.state);
    if (a.reply) std::cout << " by No " << a.reply->number << " of " << a.reply->date->to_string();
    std::cout << "\n";
  }
  std::cout << "  language: " << l.lang << ", template: " << l.template_name << "\n";
  if (!l.subject.empty()) std::cout << "  subject: " << l.subject << "\n";
  if (l.response_deadline)
    std::cout << "  response due: " << l.response_deadline->to_string() << "\n";
  if (l.sent_date) std::cout << "  sent: " << l.sent_date->to_string() << "\n";
  for (const auto& k : l.links) {
    std::cout << "  " << letter_link_kind_name(k.kind) << " #" << k.target;
    if (!k.target_number.empty()) {
      std::cout << " (No " << k.target_number << " of "
                << (k.target_date ? k.target_date->to_string() : "?") << ")";
    }
    std::cout << "\n";
  }
  for (const auto& r : v.referred_by) {
    std::cout << "  referred to by #" << r.letter.id << " (" << letter_link_kind_name(r.kind)
              << (r.letter.number.empty() ? ", draft" : ", No " + r.letter.number) << ")\n";
  }
  for (const auto& a : l.attachments) {
    std::cout << "  attachment #" << a.id << ": " << a.name << " (" << a.size << " bytes, sha256 "
              << a.sha256 << ")\n";
  }
  if (!l.salutation.empty()) std::cout << "\n" << l.salutation << "\n";
  if (!l.body.empty()) std::cout << "\n" << l.body << "\n";
  if (!l.closing.empty()) std::cout << "\n" << l.closing << "\n";
}

}  // namespace

// letter list: the register, filtered.
void add_list(CLI::App* letter, Context& ctx) {
  struct ListOptions {
    std::string office, city, status, direction, on;
    bool overdue = false;
    int limit = 100;
    std::int64_t after = 0;
  };
  auto ls = std::make_shared<ListOptions>();
  auto* cmd_list = letter->add_subcommand("list", "List the register");
  cmd_list->add_option("--office", ls->office, "Only this office's letters");
  cmd_list->add_option("--city", ls->city, "Only letters from, to or registered by this city");
  cmd_list->add_option("--status", ls->status, "draft, registered, sent, received or answered");
  cmd_list->add_option("--direction", ls->direction, "outgoing or incoming");
  cmd_list->add_flag("--overdue", ls->overdue, "Only letters past their response deadline");
  cmd_list->add_option("--on", ls->on, "Day the --overdue check is made for (default today)");
  cmd_list->add_option("--limit", ls->limit, "At most this many")->check(CLI::Range(1, 100000));
  cmd_list->add_option("--after", ls->after, "Only letters with a larger id (paging)");
  add_json_flag(cmd_list, ctx);
  cmd_list->callback([&ctx, ls] {
    auto& store = ctx.store();
    store::LetterQuery q;
    q.office = office_option(store, ls->office);
    if (!ls->city.empty()) q.involving_city = registry::resolve_city(store, ls->city, "--city");
    if (!ls->status.empty()) q.status = parse_letter_status(ls->status, "--status");
    if (!ls->direction.empty()) q.direction = parse_letter_direction(ls->direction, "--direction");
    if (ls->overdue) {
      q.overdue_on = ls->on.empty() ? today_utc() : parse_full_date(ls->on, "--on");
    } else if (!ls->on.empty()) {
      throw_invalid("--on goes with --overdue", "--on");
    }
    q.limit = ls->limit;
    q.after_id = ls->after;
    auto rows = letters::list_letters(store, q);
    if (ctx.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& s : rows) out.push_back(letters::letter_summary_json(s));
      return ctx.print_json(out);
    }
    for (const auto& s : rows) print_summary(s);
    if (rows.empty()) std::cout << "no letters\n";
  });
}

// letter show: one letter with its links and attachments.
void add_show(CLI::App* letter, Context& ctx) {
  struct ShowOptions {
    std::string letter, office;
  };
  auto sh = std::make_shared<ShowOptions>();
  auto* cmd_show = letter->add_subcommand("show", "Show a letter, its links and attachments");
  cmd_show->add_option("LETTER", sh->letter, "Letter id (#12) or registration number")->required();
  cmd_show->add_option("--office", sh->office, "Office whose number it is");
  add_json_flag(cmd_show, ctx);
  cmd_show->callback([&ctx, sh] {
    auto& store = ctx.store();
    auto v = letters::letter_view(store, letter_ref(store, sh->letter, sh->office));
    if (ctx.json) return ctx.print_json(letters::letter_view_json(v));
    print_view(store, v);
  });
}

// letter attachment: saves an attachment to a file.
void add_attachment(CLI::App* letter, Context& ctx) {
  struct GetOptions {
    std::string letter, attachment, out;
  };
  auto g = std::make_shared<GetOptions>();
  auto* cmd_get = letter->add_subcommand("attachment", "Save an attachment of a letter to a file");
  cmd_get->add_option("LETTER", g->letter, "Letter id or registration number")->required();
  cmd_get->add_option("ATTACHMENT", g->attachment, "Attachment id or name")->required();
  cmd_get->add_option("--out", g->out, "File to write")->required();
  add_json_flag(cmd_get, ctx);
  cmd_get->callback([&ctx, g] {
    auto& store = ctx.store();
    LetterId id = letter_ref(store, g->letter, "");
    auto view = letters::letter_view(store, id);
    std::optional<Attachment> found;
    for (const auto& att : view.letter.attachments) {
      if (att.name == g->attachment || std::to_string(att.id) == g->attachment) found = att;
    }
    if (!found)
      throw_not_found(
          "letter #" + std::to_string(id) + " has no attachment '" + g->attachment + "'",
          "ATTACHMENT");
    std::string bytes = letters::attachment_bytes(store, id, found->id);
    letters::write_file_atomically(g->out, bytes);
    if (ctx.json) {
      nlohmann::json j = *found;
      j["path"] = g->out;
      return ctx.print_json(j);
    }
    std::cout << "wrote " << g->out << " (" << bytes.size() << " bytes, sha256 verified)\n";
  });
}

}  // namespace twinning::cli::letter_cli
