// The letter commands' shared parts (internal to src/cli/): the options
// that write a letter's text or register it, the readers of letter and
// office references, and the printing of a letter a command wrote. The
// commands themselves are registered by add_letter_commands
// (letter_commands.cpp) from four files, one per concern:
// letter_draft_commands.cpp (new, edit, attach), letter_read_commands.cpp
// (list, show, attachment), letter_register_commands.cpp (register, receive,
// sent, pdf, to-twins) and letter_follow_up_commands.cpp (reply, forward,
// remind, correct). Options are held as cli_context.h says.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "letters/correspondence.h"
#include "model/letter.h"

namespace twinning::cli::letter_cli {

// The bytes of file `path`. Throws Error(kNotFound) naming `option` if it
// cannot be read.
std::string read_file(const std::string& path, const std::string& option);

// Each file of `paths` as an attachment named by its file name (--attach).
std::vector<letters::AttachmentInput> read_attachments(const std::vector<std::string>& paths);

// The full date `text` (YYYY-MM-DD), none for "". Throws Error(kInvalidInput)
// naming `option`.
std::optional<PartialDate> optional_full_date(const std::string& text, const std::string& option);

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
  // Sets a draft's or a follow-up's text fields (letters::DraftRequest,
  // letters::FollowUp) from these options, the files read: lang, subject,
  // salutation, body, closing, response deadline, signatory and
  // attachments. Throws as text(), optional_full_date and read_attachments.
  template <class Request>
  void fill(Request& r) const {
    r.lang = lang;
    r.subject = subject;
    r.salutation = salutation;
    r.body = text();
    r.closing = closing;
    r.response_deadline = optional_full_date(deadline, "--deadline");
    r.signatory_name = signatory;
    r.signatory_title = signatory_title;
    r.attachments = read_attachments(attach);
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

// The addressees of --to (cities) and --to-title (titles paired with the
// cities in order, or standing alone). Throws Error(kInvalidInput) naming
// "--to-title" for more titles than cities.
std::vector<Addressee> addressees_from(store::Store& store, const std::vector<std::string>& to,
                                       const std::vector<std::string>& titles);

// Prints letter `id` after a command that created or changed it: with
// --json its view (letters::letter_view_json), else "<what> letter #ID No N
// of DATE (lang)".
void report(Context& ctx, LetterId id, const std::string& what);

// The office of --office `ref` (code or id), none for "".
std::optional<OfficeId> office_option(store::Store& store, const std::string& ref);

// The letter `ref` names (id or number, of office `office` when given).
LetterId letter_ref(store::Store& store, const std::string& ref, const std::string& office);

// The letter commands, each registered on `letter` ("twinning letter").
void add_new(CLI::App* letter, Context& ctx);
void add_edit(CLI::App* letter, Context& ctx);
void add_attach(CLI::App* letter, Context& ctx);
void add_attachment(CLI::App* letter, Context& ctx);
void add_register(CLI::App* letter, Context& ctx);
void add_receive(CLI::App* letter, Context& ctx);
void add_list(CLI::App* letter, Context& ctx);
void add_show(CLI::App* letter, Context& ctx);
void add_sent(CLI::App* letter, Context& ctx);
void add_pdf(CLI::App* letter, Context& ctx);
void add_to_twins(CLI::App* letter, Context& ctx);
void add_follow_ups(CLI::App* letter, Context& ctx);  // reply, forward, remind, correct

}  // namespace twinning::cli::letter_cli
