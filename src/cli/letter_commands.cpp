// CLI commands of the correspondence register: letter new | edit | attach |
// attachment | register | receive | list | show | sent | reply | forward |
// remind | correct | pdf | to-twins.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/cli_context.h"
#include "letters/correspondence.h"
#include "letters/letter_json.h"
#include "letters/offices.h"
#include "letters/to_twins.h"
#include "model/error.h"
#include "model/letter_json.h"
#include "registry/city_lookup.h"
#include "store/city_store.h"

namespace twinning::cli {
namespace {

std::string read_file(const std::string& path, const std::string& option) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_not_found("cannot read file '" + path + "'", option);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<letters::AttachmentInput> read_attachments(const std::vector<std::string>& paths) {
  std::vector<letters::AttachmentInput> out;
  for (const auto& p : paths) {
    out.push_back({std::filesystem::path(p).filename().string(), "", read_file(p, "--attach")});
  }
  return out;
}

std::optional<PartialDate> optional_full_date(const std::string& text, const std::string& option) {
  if (text.empty()) return std::nullopt;
  return parse_full_date(text, option);
}

// Options shared by the commands that write a letter's text.
struct TextOptions {
  std::string subject, salutation, body, body_file, closing, deadline, lang;
  std::string signatory, signatory_title;
  std::vector<std::string> attach;

  void add(CLI::App* cmd, Context& ctx, bool with_attachments = true) {
    cmd->add_option("--subject", subject, "Subject");
    cmd->add_option("--salutation", salutation, "Salutation (default: the template's)");
    cmd->add_option("--body", body, "Text; paragraphs separated by blank lines");
    cmd->add_option("--body-file", body_file, "Read the text from a UTF-8 file");
    cmd->add_option("--closing", closing, "Closing formula (default: the template's)");
    cmd->add_option("--deadline", deadline, "Response expected by YYYY-MM-DD");
    cmd->add_option("--lang", lang, "Language (BCP 47); default: the addressee's");
    cmd->add_option("--signatory", signatory, "Who signs (default: the office's requisites)");
    cmd->add_option("--signatory-title", signatory_title, "Their title");
    if (with_attachments) cmd->add_option("--attach", attach, "Attach a file; repeatable");
    add_templates_option(cmd, ctx);
  }
  std::string text() const {
    if (!body_file.empty()) {
      if (!body.empty()) throw_invalid("give --body or --body-file, not both", "--body-file");
      return read_file(body_file, "--body-file");
    }
    return body;
  }
};

// --register [--date D] [--number N]
struct RegisterFlags {
  bool now = false;
  std::string date, number;
  void add(CLI::App* cmd, bool with_flag) {
    if (with_flag) cmd->add_flag("--register", now, "Register at once (give it its number)");
    cmd->add_option("--date", date, "Registration date YYYY-MM-DD (default today)");
    cmd->add_option("--number", number,
                    "Explicit number, for a letter registered earlier or elsewhere");
  }
  letters::RegisterOptions options() const {
    letters::RegisterOptions o;
    o.date = optional_full_date(date, "--date");
    o.number = number;
    return o;
  }
};

std::vector<Addressee> addressees_from(store::Store& store, const std::vector<std::string>& to,
                                       const std::vector<std::string>& titles) {
  std::vector<Addressee> out;
  for (const auto& ref : to) {
    Addressee a;
    a.city_id = registry::resolve_city(store, ref, "--to");
    out.push_back(a);
  }
  if (out.empty()) {
    for (const auto& t : titles) out.push_back(Addressee{std::nullopt, t, "", ""});
  } else {
    if (titles.size() > out.size()) {
      throw_invalid("more --to-title than --to: titles pair with the cities in order",
                    "--to-title");
    }
    for (std::size_t i = 0; i < titles.size(); ++i) out[i].title = titles[i];
  }
  return out;
}

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

// Prints the letter `id` after a command that created or changed it.
void report(Context& ctx, LetterId id, const std::string& what) {
  auto& store = ctx.store();
  auto v = letters::letter_view(store, id);
  if (ctx.json) return ctx.print_json(letters::letter_view_json(v));
  std::cout << what << " letter #" << id;
  if (v.letter.registered()) {
    std::cout << " No " << v.letter.number << " of " << v.letter.date->to_string();
  }
  std::cout << " (" << v.letter.lang << ")\n";
}

std::optional<OfficeId> office_option(store::Store& store, const std::string& ref) {
  if (ref.empty()) return std::nullopt;
  return letters::find_office(store, ref, "--office").id;
}

LetterId letter_ref(store::Store& store, const std::string& ref, const std::string& office) {
  return letters::resolve_letter(store, ref, office_option(store, office));
}

// Options of reply, forward, remind, correct.
struct FollowUpOptions {
  std::string letter, office;
  std::vector<std::string> to, to_title;
  TextOptions text;
  RegisterFlags reg;
};

void add_follow_up(CLI::App* parent, Context& ctx, const std::string& name, const std::string& help,
                   bool needs_to,
                   LetterId (*make)(store::Store&, const letters::TemplateLibrary&, LetterId,
                                    const letters::FollowUp&)) {
  auto o = std::make_shared<FollowUpOptions>();
  auto* cmd = parent->add_subcommand(name, help);
  cmd->add_option("LETTER", o->letter, "Letter id (#12) or registration number")->required();
  cmd->add_option("--office", o->office, "Office writing it (code or id)");
  auto* to = cmd->add_option("--to", o->to, "Addressee city id or \"Name, CC\"; repeatable");
  if (needs_to) to->required();
  cmd->add_option("--to-title", o->to_title, "Addressee title; repeatable, pairs with --to");
  o->text.add(cmd, ctx);
  o->reg.add(cmd, true);
  add_json_flag(cmd, ctx);
  cmd->callback([&ctx, o, make, name] {
    auto& store = ctx.store();
    LetterId original = letter_ref(store, o->letter, "");
    letters::FollowUp f;
    f.office = office_option(store, o->office);
    if (!o->to.empty() || !o->to_title.empty())
      f.addressees = addressees_from(store, o->to, o->to_title);
    f.lang = o->text.lang;
    f.subject = o->text.subject;
    f.salutation = o->text.salutation;
    f.body = o->text.text();
    f.closing = o->text.closing;
    f.response_deadline = optional_full_date(o->text.deadline, "--deadline");
    f.signatory_name = o->text.signatory;
    f.signatory_title = o->text.signatory_title;
    f.attachments = read_attachments(o->text.attach);
    if (o->reg.now) f.register_now = o->reg.options();
    LetterId id = make(store, ctx.templates(), original, f);
    report(ctx, id, o->reg.now ? "registered " + name : "drafted " + name);
  });
}

}  // namespace

void add_letter_commands(CLI::App& app, Context& ctx) {
  auto* letter = app.add_subcommand("letter", "The correspondence register and official letters");
  letter->require_subcommand(1);

  // letter new
  struct NewOptions {
    std::string office, template_name = "letter", courtesy_lang, courtesy_file;
    std::vector<std::string> to, to_title;
    TextOptions text;
    RegisterFlags reg;
  };
  auto n = std::make_shared<NewOptions>();
  auto* cmd_new =
      letter->add_subcommand("new", "Draft an outgoing letter (--register: and register it)");
  cmd_new->add_option("--office", n->office, "Office code or id (default: the only office)");
  cmd_new->add_option("--to", n->to, "Addressee city id or \"Name, CC\"; repeatable");
  cmd_new->add_option("--to-title", n->to_title,
                      "Addressee title, e.g. \"Мэру города-побратима\"; repeatable, pairs with "
                      "--to in order, or stands alone");
  cmd_new->add_option("--template", n->template_name, "Template name (default: letter)");
  n->text.add(cmd_new, ctx);
  cmd_new->add_option("--courtesy-lang", n->courtesy_lang,
                      "The addressee's language, when the template has no text in it: the "
                      "letter goes in the sender's language, with --courtesy-translation or "
                      "alone (the letter says so)");
  cmd_new->add_option("--courtesy-translation", n->courtesy_file,
                      "The office's translation into --courtesy-lang (a UTF-8 file), printed on "
                      "a page of its own");
  n->reg.add(cmd_new, true);
  add_json_flag(cmd_new, ctx);
  cmd_new->callback([&ctx, n] {
    auto& store = ctx.store();
    letters::DraftRequest r;
    if (n->office.empty()) {
      auto all = letters::list_offices(store);
      if (all.size() != 1) {
        throw_invalid(
            "name the office with --office (there are " + std::to_string(all.size()) + ")",
            "--office");
      }
      r.office = all[0].id;
    } else {
      r.office = letters::find_office(store, n->office, "--office").id;
    }
    r.addressees = addressees_from(store, n->to, n->to_title);
    r.lang = n->text.lang;
    r.template_name = n->template_name;
    r.subject = n->text.subject;
    r.salutation = n->text.salutation;
    r.body = n->text.text();
    r.closing = n->text.closing;
    r.response_deadline = optional_full_date(n->text.deadline, "--deadline");
    r.signatory_name = n->text.signatory;
    r.signatory_title = n->text.signatory_title;
    r.attachments = read_attachments(n->text.attach);
    r.courtesy_lang = n->courtesy_lang;
    if (!n->courtesy_file.empty()) {
      r.courtesy_translation = read_file(n->courtesy_file, "--courtesy-translation");
    }
    if (n->reg.now) {
      auto reg = letters::register_outgoing(store, ctx.templates(), r, n->reg.options());
      return report(ctx, reg.id, "registered");
    }
    if (!n->reg.date.empty() || !n->reg.number.empty()) {
      throw_invalid("--date and --number need --register", "--register");
    }
    report(ctx, letters::create_draft(store, ctx.templates(), r), "drafted");
  });

  // letter edit
  struct EditOptions {
    std::string letter;
    std::optional<std::string> subject, salutation, body, body_file, closing, deadline, lang;
    std::optional<std::string> signatory, signatory_title;
  };
  auto e = std::make_shared<EditOptions>();
  auto* cmd_edit = letter->add_subcommand("edit", "Change a draft (registered letters are frozen)");
  cmd_edit->add_option("LETTER", e->letter, "Letter id or registration number")->required();
  cmd_edit->add_option("--subject", e->subject, "Subject");
  cmd_edit->add_option("--salutation", e->salutation, "Salutation");
  cmd_edit->add_option("--body", e->body, "Text");
  cmd_edit->add_option("--body-file", e->body_file, "Read the text from a file");
  cmd_edit->add_option("--closing", e->closing, "Closing formula");
  cmd_edit->add_option("--deadline", e->deadline, "Response expected by YYYY-MM-DD (\"\" clears)");
  cmd_edit->add_option("--lang", e->lang, "Language");
  cmd_edit->add_option("--signatory", e->signatory, "Who signs");
  cmd_edit->add_option("--signatory-title", e->signatory_title, "Their title");
  add_json_flag(cmd_edit, ctx);
  cmd_edit->callback([&ctx, e] {
    auto& store = ctx.store();
    LetterId id = letter_ref(store, e->letter, "");
    letters::DraftEdit d;
    d.subject = e->subject;
    d.salutation = e->salutation;
    d.body = e->body;
    if (e->body_file) d.body = read_file(*e->body_file, "--body-file");
    d.closing = e->closing;
    d.lang = e->lang;
    d.signatory_name = e->signatory;
    d.signatory_title = e->signatory_title;
    if (e->deadline) d.response_deadline = optional_full_date(*e->deadline, "--deadline");
    letters::edit_draft(store, id, d);
    report(ctx, id, "edited");
  });

  // letter attach
  struct AttachOptions {
    std::string letter;
    std::vector<std::string> files;
  };
  auto a = std::make_shared<AttachOptions>();
  auto* cmd_attach = letter->add_subcommand("attach", "Attach files to a draft");
  cmd_attach->add_option("LETTER", a->letter, "Letter id or registration number")->required();
  cmd_attach->add_option("FILE", a->files, "Files")->required();
  add_json_flag(cmd_attach, ctx);
  cmd_attach->callback([&ctx, a] {
    auto& store = ctx.store();
    LetterId id = letter_ref(store, a->letter, "");
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : read_attachments(a->files)) {
      Attachment att = letters::attach_file(store, id, f);
      out.push_back(att);
      if (!ctx.json) {
        std::cout << "attached #" << att.id << " " << att.name << " (" << att.size
                  << " bytes, sha256 " << att.sha256 << ")\n";
      }
    }
    if (ctx.json) ctx.print_json(out);
  });

  // letter attachment
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

  // letter register
  struct RegOptions {
    std::string letter;
    RegisterFlags reg;
  };
  auto rg = std::make_shared<RegOptions>();
  auto* cmd_reg = letter->add_subcommand("register", "Give a draft its number and freeze it");
  cmd_reg->add_option("LETTER", rg->letter, "Letter id (#12)")->required();
  rg->reg.add(cmd_reg, false);
  add_json_flag(cmd_reg, ctx);
  cmd_reg->callback([&ctx, rg] {
    auto& store = ctx.store();
    LetterId id = letter_ref(store, rg->letter, "");
    letters::register_letter(store, id, rg->reg.options());
    report(ctx, id, "registered");
  });

  // letter receive
  struct ReceiveOptions {
    std::string office, from, from_org, their_number, their_date, reply_to, forward_of;
    TextOptions text;
    RegisterFlags reg;
  };
  auto rc = std::make_shared<ReceiveOptions>();
  auto* cmd_recv = letter->add_subcommand("receive", "Register an incoming letter");
  cmd_recv->add_option("--office", rc->office, "Receiving office (code or id)")->required();
  cmd_recv->add_option("--from", rc->from, "Sending city id or \"Name, CC\"");
  cmd_recv->add_option("--from-org", rc->from_org, "Sender's letterhead (an organisation)");
  cmd_recv->add_option("--their-number", rc->their_number, "The number on the letter");
  cmd_recv->add_option("--their-date", rc->their_date, "The date on the letter YYYY-MM-DD");
  cmd_recv->add_option("--reply-to", rc->reply_to, "Our letter it answers (id or number)");
  cmd_recv->add_option("--forward-of", rc->forward_of, "The letter it is a copy of (id or number)");
  rc->text.add(cmd_recv, ctx);
  rc->reg.add(cmd_recv, false);
  add_json_flag(cmd_recv, ctx);
  cmd_recv->callback([&ctx, rc] {
    auto& store = ctx.store();
    letters::IncomingRequest r;
    r.office = letters::find_office(store, rc->office, "--office").id;
    if (!rc->from.empty()) r.sender.city_id = registry::resolve_city(store, rc->from, "--from");
    r.sender.letterhead = rc->from_org;
    r.sender.signatory_name = rc->text.signatory;
    r.sender.signatory_title = rc->text.signatory_title;
    r.sender_number = rc->their_number;
    r.sender_date = optional_full_date(rc->their_date, "--their-date");
    if (!rc->text.lang.empty()) r.lang = rc->text.lang;
    r.subject = rc->text.subject;
    r.body = rc->text.text();
    r.response_deadline = optional_full_date(rc->text.deadline, "--deadline");
    if (!rc->reply_to.empty()) {
      r.links.push_back({LetterLinkKind::kReplyTo, letter_ref(store, rc->reply_to, ""), "", {}});
    }
    if (!rc->forward_of.empty()) {
      r.links.push_back(
          {LetterLinkKind::kForwardOf, letter_ref(store, rc->forward_of, ""), "", {}});
    }
    r.attachments = read_attachments(rc->text.attach);
    auto reg = letters::register_incoming(store, r, rc->reg.options());
    report(ctx, reg.id, "received");
  });

  // letter list
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

  // letter show
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

  // letter sent
  struct SentOptions {
    std::string letter, date;
  };
  auto st = std::make_shared<SentOptions>();
  auto* cmd_sent = letter->add_subcommand("sent", "Record that a registered letter was sent");
  cmd_sent->add_option("LETTER", st->letter, "Letter id or registration number")->required();
  cmd_sent->add_option("--date", st->date, "Day it was sent YYYY-MM-DD (default today)");
  add_json_flag(cmd_sent, ctx);
  cmd_sent->callback([&ctx, st] {
    auto& store = ctx.store();
    LetterId id = letter_ref(store, st->letter, "");
    letters::mark_sent(store, id, optional_full_date(st->date, "--date"));
    report(ctx, id, "sent");
  });
  add_letter_send_command(letter, ctx);

  add_follow_up(letter, ctx, "reply", "Draft a reply to a letter (cites its number and date)",
                false, &letters::reply);
  add_follow_up(letter, ctx, "forward", "Draft a covering letter forwarding a copy of a letter",
                true, &letters::forward);
  add_follow_up(letter, ctx, "remind", "Draft a reminder of an unanswered letter", false,
                &letters::remind);
  add_follow_up(letter, ctx, "correct",
                "Draft a correction: a new letter replacing a registered one", false,
                &letters::correct);

  // letter pdf
  struct PdfOptions {
    std::string letter, office, out;
  };
  auto pd = std::make_shared<PdfOptions>();
  auto* cmd_pdf = letter->add_subcommand("pdf", "Print a letter to PDF");
  cmd_pdf->add_option("LETTER", pd->letter, "Letter id (#12) or registration number")->required();
  cmd_pdf->add_option("--office", pd->office, "Office whose number it is");
  cmd_pdf->add_option("--out", pd->out, "PDF file (default: the number, or draft-ID, .pdf)");
  add_templates_option(cmd_pdf, ctx);
  add_json_flag(cmd_pdf, ctx);
  cmd_pdf->callback([&ctx, pd] {
    auto& store = ctx.store();
    LetterId id = letter_ref(store, pd->letter, pd->office);
    std::string out = pd->out;
    if (out.empty()) out = letters::letter_pdf_name(letters::letter_view(store, id).letter);
    auto result = letters::print_letter(store, ctx.templates(), id, out);
    if (ctx.json) {
      return ctx.print_json(
          {{"letter", id}, {"path", out}, {"pages", result.pages}, {"bytes", result.bytes}});
    }
    std::cout << "wrote " << out << " (" << result.pages
              << (result.pages == 1 ? " page, " : " pages, ") << result.bytes << " bytes)\n";
  });

  // letter to-twins
  struct TwinsOptions {
    std::string city, office, template_name, out = ".", date;
    std::vector<std::string> courtesy;  // LANG=FILE
    TextOptions text;
  };
  auto tw = std::make_shared<TwinsOptions>();
  auto* cmd_twins = letter->add_subcommand(
      "to-twins", "Register one letter to every active twin, each in its language, and print them");
  cmd_twins->add_option("CITY", tw->city, "The writing city: id or \"Name, CC\"")->required();
  cmd_twins->add_option("--template", tw->template_name, "Template name")->required();
  cmd_twins->add_option("--office", tw->office, "Office (default: the city's only office)");
  cmd_twins->add_option("--out", tw->out, "Directory for the PDFs (default: current)");
  cmd_twins->add_option("--date", tw->date, "Registration date YYYY-MM-DD (default today)");
  cmd_twins->add_option("--courtesy-translation", tw->courtesy,
                        "LANG=FILE: the office's translation into LANG (UTF-8 file), printed on "
                        "a page of its own in each letter to a twin in LANG that the template "
                        "has no text in (repeatable)");
  tw->text.add(cmd_twins, ctx, false);
  add_json_flag(cmd_twins, ctx);
  cmd_twins->callback([&ctx, tw] {
    auto& store = ctx.store();
    if (!tw->text.lang.empty()) {
      throw_invalid("each twin is written to in its own language; --lang does not apply", "--lang");
    }
    letters::ToTwinsRequest r;
    r.city = registry::resolve_city(store, tw->city, "CITY");
    r.office = office_option(store, tw->office);
    r.template_name = tw->template_name;
    r.date = optional_full_date(tw->date, "--date");
    r.response_deadline = optional_full_date(tw->text.deadline, "--deadline");
    r.subject = tw->text.subject;
    r.salutation = tw->text.salutation;
    r.body = tw->text.text();
    r.closing = tw->text.closing;
    r.out_dir = tw->out;
    for (const auto& option : tw->courtesy) {
      auto eq = option.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == option.size()) {
        throw_invalid("--courtesy-translation takes LANG=FILE, not '" + option + "'",
                      "--courtesy-translation");
      }
      r.courtesy_translations[option.substr(0, eq)] =
          read_file(option.substr(eq + 1), "--courtesy-translation");
    }
    auto letters_out = letters::letter_to_twins(store, ctx.templates(), r);
    if (ctx.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& t : letters_out) {
        out.push_back({{"twin_id", t.twin},
                       {"twin", t.twin_name},
                       {"letter", t.letter},
                       {"number", t.number},
                       {"lang", t.lang},
                       {"fell_back_to_english", t.fell_back},
                       {"lang_reason", t.lang_reason},
                       {"courtesy_lang", t.courtesy_lang},
                       {"courtesy_translated", t.courtesy_translated},
                       {"pdf", t.pdf},
                       {"pages", t.pages}});
      }
      return ctx.print_json(out);
    }
    for (const auto& t : letters_out) {
      std::cout << t.number << "\t" << t.twin_name << "\t" << t.lang << " (" << t.lang_reason
                << ")\t" << t.pdf << '\n';
      if (t.courtesy_translated) {
        std::cout << "  the original (" << t.lang
                  << ") with the office's courtesy translation into " << t.courtesy_lang << '\n';
      } else if (!t.courtesy_lang.empty()) {
        std::cout << "  in the original (" << t.lang << ") alone, as the letter states; to add a "
                  << "courtesy translation: --courtesy-translation " << t.courtesy_lang
                  << "=FILE\n";
      }
    }
    std::cout << letters_out.size() << " letters registered\n";
  });
}

}  // namespace twinning::cli
