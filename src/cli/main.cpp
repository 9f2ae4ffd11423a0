// `twinning`: the command-line face of Twinning. Parses, calls the use cases,
// prints. Exit codes: 0 success, 2 bad input or a refused operation (one line
// on stderr naming what is wrong), 1 an internal error.
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "model/error.h"

int main(int argc, char** argv) {
  using namespace twinning;
  cli::Context ctx;
  const char* env_db = std::getenv("TWINNING_DB");
  ctx.db_location = env_db && *env_db ? env_db : "twinning.db";

  CLI::App app{"Twinning: the registry and campaign desk of the twin-cities movement", "twinning"};
  app.set_version_flag("--version", TWINNING_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--db", ctx.db_location,
                 "SQLite file or postgresql:// URL (default ./twinning.db, env TWINNING_DB)");
  cli::add_registry_commands(app, ctx);
  cli::add_import_commands(app, ctx);
  cli::add_letter_commands(app, ctx);
  cli::add_office_commands(app, ctx);
  cli::add_campaign_commands(app, ctx);
  cli::add_demo_commands(app, ctx);
  cli::add_quality_commands(app, ctx);
  cli::add_geocode_commands(app, ctx);
  cli::add_export_commands(app, ctx);
  cli::add_network_commands(app, ctx);
  cli::add_user_commands(app, ctx);
  cli::add_serve_commands(app, ctx);
  cli::add_backup_commands(app, ctx);
  cli::add_mail_commands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "twinning: " << e.what() << " (see --help)\n";
    return 2;
  } catch (const Error& e) {
    std::cerr << "twinning: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "twinning: internal error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
