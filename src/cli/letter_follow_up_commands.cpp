// letter reply | forward | remind | correct: follow-ups of a letter, each
// drafted (or registered at once) from the letter it follows (letter_cli.h).
#include "cli/letter_cli.h"

#include <memory>

namespace twinning::cli::letter_cli {
namespace {

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
    o->text.fill(f);
    if (o->reg.now) f.register_now = o->reg.options();
    LetterId id = make(store, ctx.templates(), original, f);
    report(ctx, id, o->reg.now ? "registered " + name : "drafted " + name);
  });
}

}  // namespace

void add_follow_ups(CLI::App* letter, Context& ctx) {
  add_follow_up(letter, ctx, "reply", "Draft a reply to a letter (cites its number and date)",
                false, &letters::reply);
  add_follow_up(letter, ctx, "forward", "Draft a covering letter forwarding a copy of a letter",
                true, &letters::forward);
  add_follow_up(letter, ctx, "remind", "Draft a reminder of an unanswered letter", false,
                &letters::remind);
  add_follow_up(letter, ctx, "correct",
                "Draft a correction: a new letter replacing a registered one", false,
                &letters::correct);
}

}  // namespace twinning::cli::letter_cli
