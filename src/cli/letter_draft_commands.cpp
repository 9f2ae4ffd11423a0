// letter new | edit | attach: drafting outgoing letters (letter_cli.h).
#include "cli/letter_cli.h"

#include <iostream>
#include <memory>

#include "letters/offices.h"
#include "model/error.h"
#include "model/letter_json.h"

namespace twinning::cli::letter_cli {

// letter new: drafts an outgoing letter, or registers it at once.
void add_new(CLI::App* letter, Context& ctx) {
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
    r.template_name = n->template_name;
    n->text.fill(r);
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
}

// letter edit: changes a draft.
void add_edit(CLI::App* letter, Context& ctx) {
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
}

// letter attach: attaches files to a draft.
void add_attach(CLI::App* letter, Context& ctx) {
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
}

}  // namespace twinning::cli::letter_cli
