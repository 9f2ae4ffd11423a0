// letter register | receive | sent | pdf | to-twins: numbering, receiving,
// sending and printing letters (letter_cli.h).
#include "cli/letter_cli.h"

#include <iostream>
#include <memory>

#include "letters/offices.h"
#include "letters/to_twins.h"
#include "model/error.h"
#include "registry/city_lookup.h"

namespace twinning::cli::letter_cli {

// letter register: gives a draft its number.
void add_register(CLI::App* letter, Context& ctx) {
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
}

// letter receive: registers an incoming letter.
void add_receive(CLI::App* letter, Context& ctx) {
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
}

// letter sent: records that a letter was sent.
void add_sent(CLI::App* letter, Context& ctx) {
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
}

// letter pdf: prints a letter to PDF.
void add_pdf(CLI::App* letter, Context& ctx) {
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
}

// letter to-twins: one letter to every active twin, registered and printed.
void add_to_twins(CLI::App* letter, Context& ctx) {
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

}  // namespace twinning::cli::letter_cli
