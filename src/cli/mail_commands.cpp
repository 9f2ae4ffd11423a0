// CLI commands of incoming mail: mail fetch | file | triage [file|discard]
// (mail/mail_fetch.h, mail/intake.h).
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "ingest/files.h"
#include "letters/letter_reading.h"
#include "letters/offices.h"
#include "mail/intake.h"
#include "mail/mail_fetch.h"
#include "registry/city_lookup.h"

namespace twinning::cli {
namespace {

void print_result(Context& ctx, const mail::FilingResult& r) {
  if (ctx.json) return ctx.print_json(r);
  std::cout << "message #" << r.message << ": "
            << (r.already_seen ? "seen before, nothing filed"
                               : std::string(store::mail_outcome_name(r.outcome)));
  if (r.letter && !r.already_seen) std::cout << ", letter #" << *r.letter;
  if (!r.reason.empty()) std::cout << " (" << r.reason << ")";
  std::cout << '\n';
}

}  // namespace

void add_mail_commands(CLI::App& app, Context& ctx) {
  auto* mail = app.add_subcommand("mail", "Incoming e-mail: file messages, triage");
  mail->require_subcommand(1);

  auto file = std::make_shared<std::string>();
  auto* c_file = mail->add_subcommand("file", "File one message (an .eml file) as the intake would");
  c_file->add_option("FILE", *file, "The raw message (RFC 5322)")->required();
  add_json_flag(c_file, ctx);
  c_file->callback([&ctx, file] {
    std::string raw = ingest::read_file(*file);
    print_result(ctx, mail::file_message(ctx.store(), raw));
  });

  auto office = std::make_shared<std::string>();
  auto* c_fetch = mail->add_subcommand("fetch", "Fetch and file the new messages of an office's reply mailbox");
  c_fetch->add_option("--office", *office, "The office (code or id)")->required();
  add_json_flag(c_fetch, ctx);
  c_fetch->callback([&ctx, office] {
    auto& store = ctx.store();
    auto report = mail::fetch_mail(store, letters::find_office(store, *office, "--office").id);
    if (ctx.json) return ctx.print_json(report);
    std::cout << report.mailbox << ": " << report.fetched << " fetched, " << report.seen_before
              << " seen before, " << report.triage << " to triage\n";
    for (const auto& r : report.results) print_result(ctx, r);
    for (const auto& why : report.refused) std::cout << "refused " << why << '\n';
  });

  auto* triage = mail->add_subcommand("triage", "List the messages that matched nothing");
  struct TriageOpts {
    int limit = 100;
    std::int64_t after = 0, id = 0;
    std::string letter, city;
  };
  auto t = std::make_shared<TriageOpts>();
  triage->add_option("--limit", t->limit, "At most this many");
  triage->add_option("--after", t->after, "Messages after this id");
  add_json_flag(triage, ctx);
  triage->callback([&ctx, t, triage] {
    if (!triage->get_subcommands().empty()) return;
    auto list = mail::triage_list(ctx.store(), t->limit, t->after);
    if (ctx.json) return ctx.print_json(list);
    for (const auto& m : list) {
      std::cout << '#' << m.id << "  " << m.received_at << "  " << m.from_address << "  "
                << m.subject << "\n    " << m.reason << '\n';
    }
    if (list.empty()) std::cout << "triage is empty\n";
  });

  auto* t_file = triage->add_subcommand("file", "File a triage message as an answer to a letter");
  t_file->add_option("ID", t->id, "Triage message id")->required();
  t_file->add_option("--letter", t->letter, "The letter it answers (id or number)")->required();
  t_file->add_option("--city", t->city, "The sending city, if its address does not say");
  add_json_flag(t_file, ctx);
  t_file->callback([&ctx, t] {
    auto& store = ctx.store();
    LetterId letter = letters::resolve_letter(store, t->letter);
    std::optional<CityId> city;
    if (!t->city.empty()) city = registry::resolve_city(store, t->city, "--city");
    print_result(ctx, mail::file_from_triage(store, t->id, letter, city));
  });

  auto* t_discard = triage->add_subcommand("discard", "Discard a triage message");
  t_discard->add_option("ID", t->id, "Triage message id")->required();
  add_json_flag(t_discard, ctx);
  t_discard->callback([&ctx, t] {
    auto m = mail::discard_from_triage(ctx.store(), t->id);
    if (ctx.json) return ctx.print_json(m);
    std::cout << "message #" << m.id << " discarded\n";
  });
}

}  // namespace twinning::cli
