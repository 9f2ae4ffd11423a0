// CLI commands of the correspondence register: letter new | edit | attach |
// attachment | register | receive | list | show | sent | reply | forward |
// remind | correct | pdf | to-twins.
// Each command lives with its concern (letter_cli.h); this is their order
// in `twinning letter --help`.
#include "cli/cli_context.h"
#include "cli/letter_cli.h"

namespace twinning::cli {

void add_letter_commands(CLI::App& app, Context& ctx) {
  auto* letter = app.add_subcommand("letter", "The correspondence register and official letters");
  letter->require_subcommand(1);
  letter_cli::add_new(letter, ctx);
  letter_cli::add_edit(letter, ctx);
  letter_cli::add_attach(letter, ctx);
  letter_cli::add_attachment(letter, ctx);
  letter_cli::add_register(letter, ctx);
  letter_cli::add_receive(letter, ctx);
  letter_cli::add_list(letter, ctx);
  letter_cli::add_show(letter, ctx);
  letter_cli::add_sent(letter, ctx);
  add_letter_send_command(letter, ctx);
  letter_cli::add_follow_ups(letter, ctx);
  letter_cli::add_pdf(letter, ctx);
  letter_cli::add_to_twins(letter, ctx);
}

}  // namespace twinning::cli
