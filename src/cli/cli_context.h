// src/cli/ — the command-line face: one file per command group, each
// command parsing its options, calling one use case and printing its result
// (text, or with --json the API's JSON shape). It must not hold a domain
// rule nor read a store directly.
//
// Options are held one way: a command's options live in a struct (a single
// value for a command with one option) made with std::make_shared in the
// function that registers the command; add_option binds its fields and the
// command's callback captures the shared_ptr by value. Never `static`: a
// static outlives its App and is shared by every App the process builds, so
// a second one would start from the first one's parsed values. Sibling
// subcommands may share one such value for an argument they all take (the
// campaign commands' CAMPAIGN), since one subcommand runs per process.
//
// State shared by the CLI's command groups: the global options (--db,
// --json, --templates), the Store and the letter templates, each opened on
// first use so that `--help` needs no database. One per process.
#pragma once

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "letters/letter_template.h"
#include "model/error.h"
#include "store/city_store.h"
#include "store/store.h"

namespace twinning::cli {

struct Context {
  std::string db_location;  // --db, else $TWINNING_DB, else ./twinning.db
  bool json = false;        // --json: print machine-readable output
  // --templates (add_templates_option); "" = TemplateLibrary::locate's default
  std::string templates_dir;

  // Opens and migrates the database on first call; later calls return it.
  store::Store& store();

  // The letter templates of templates_dir (letters::TemplateLibrary::locate),
  // opened on first call; later calls return the same library, which every
  // command that writes or prints a letter uses. Throws Error(kNotFound)
  // naming "--templates" if the directory does not exist.
  const letters::TemplateLibrary& templates();

  // Prints `j` (pretty, UTF-8 unescaped) followed by a newline on stdout.
  void print_json(const nlohmann::json& j) const;

 private:
  std::unique_ptr<store::Store> store_;
  std::optional<letters::TemplateLibrary> templates_;
};

// Adds `--json` to a command that prints data (CLI11 does not inherit it).
void add_json_flag(CLI::App* cmd, Context& ctx);

// Error `e` about a use case's input, said as the CLI names that input:
// its field becomes `option` ("runs" -> "--runs"), and so does the field
// name that opens its message ("runs must be ..." -> "--runs must be ...");
// a message that does not open with it gets "--runs: " in front.
Error with_option_name(const Error& e, const std::string& option);

// Adds `--templates DIR` (into ctx.templates_dir) to a command that writes
// or prints letters.
void add_templates_option(CLI::App* cmd, Context& ctx);

// "48.7086, 44.5147" (4 decimals), or "" when the coordinates are unknown.
std::string format_coordinates(std::optional<double> lat, std::optional<double> lng);

// Each command group registers its subcommands on the root app. The
// callbacks run the use cases and print; errors propagate as exceptions.
void add_registry_commands(CLI::App& app, Context& ctx);
void add_import_commands(CLI::App& app, Context& ctx);
void add_letter_commands(CLI::App& app, Context& ctx);
void add_office_commands(CLI::App& app, Context& ctx);
void add_campaign_commands(CLI::App& app, Context& ctx);
void add_demo_commands(CLI::App& app, Context& ctx);
void add_quality_commands(CLI::App& app, Context& ctx);
void add_geocode_commands(CLI::App& app, Context& ctx);
void add_export_commands(CLI::App& app, Context& ctx);
void add_network_commands(CLI::App& app, Context& ctx);
void add_user_commands(CLI::App& app, Context& ctx);
void add_serve_commands(CLI::App& app, Context& ctx);
void add_backup_commands(CLI::App& app, Context& ctx);
void add_mail_commands(CLI::App& app, Context& ctx);
// `letter send` and `office mail-account` (cli/mail_send_commands.cpp), added
// to the `letter` and `office` groups by their own add_*_commands.
void add_letter_send_command(CLI::App* letter, Context& ctx);
void add_office_mail_account_command(CLI::App* office, Context& ctx);

}  // namespace twinning::cli
