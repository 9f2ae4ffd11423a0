// `twinning serve`: the HTTP API and the web interface (server/).
#include <csignal>
#include <iostream>

#include "cli/cli_context.h"
#include "server/api.h"
#include "server/application.h"
#include "server/crash_report.h"
#include "server/http_server.h"

namespace twinning::cli {

void add_serve_commands(CLI::App& app, Context& ctx) {
  static server::ServerOptions options;
  static int session_hours = 12;
  static int session_idle_minutes = 30;
  static int mail_poll_seconds = 0;
  options.web_root = "web/dist";
  auto* serve = app.add_subcommand("serve", "Run the HTTP API and the web interface");
  serve->add_option("--host", options.host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", options.port, "TCP port; 0 picks a free one (printed)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve
      ->add_option("--threads", options.threads,
                   "Worker threads, each with its own database connection (default: one per "
                   "core, at least 2)")
      ->check(CLI::Range(0, 256));
  serve->add_option("--web", options.web_root, "Directory of the built web interface")
      ->capture_default_str();
  add_templates_option(serve, ctx);
  serve->add_option("--gazetteer", options.gazetteer,
                    "Gazetteer CSV for POST /api/geocode (default $TWINNING_GAZETTEER, else "
                    "data/gazetteer.csv)");
  serve->add_flag("--secure-cookies", options.secure_cookies,
                  "Mark cookies Secure (when a TLS proxy is in front)");
  serve->add_option("--access-log", options.access_log,
                    "File for the JSON access log; - for stderr (default), \"\" for none");
  serve->add_option("--session-hours", session_hours, "How long a login session lasts")
      ->capture_default_str()
      ->check(CLI::Range(1, 24 * 30));
  serve
      ->add_option("--session-idle-minutes", session_idle_minutes,
                   "A login session unused this long ends (before --session-hours)")
      ->capture_default_str()
      ->check(CLI::Range(1, 24 * 60));
  serve
      ->add_option("--connections-per-address", options.max_connections_per_address,
                   "Open connections one client address may hold")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  serve
      ->add_option("--upload-bytes-per-address", options.max_body_bytes_per_address,
                   "Bytes of request bodies one client address may send at once")
      ->capture_default_str()
      ->check(CLI::Range(std::uint64_t{1} << 20, std::uint64_t{1} << 40));
  serve
      ->add_option("--login-limit-user", options.login.max_user_failures,
                   "Failed logins per user within 15 minutes before logins are refused")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  serve
      ->add_option("--login-limit-ip", options.login.max_ip_failures,
                   "Failed logins per client address within 15 minutes before logins are refused")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  serve
      ->add_option("--mail-poll", mail_poll_seconds,
                   "Fetch and file every office's reply mailbox every SECONDS, as "
                   "system:mail-poller (like `mail fetch`); 0: never")
      ->capture_default_str()
      ->check(CLI::Range(0, 24 * 3600));
  serve->callback([&ctx] {
    // A peer or a reader of our stdout that went away must not kill the
    // server: writes then fail with EPIPE instead.
    std::signal(SIGPIPE, SIG_IGN);
    server::install_crash_report();
    options.db_location = ctx.db_location;
    options.templates = ctx.templates_dir;
    options.login.session_lifetime = std::chrono::hours(session_hours);
    options.login.session_idle = std::chrono::minutes(session_idle_minutes);
    options.mail_poll = std::chrono::seconds(mail_poll_seconds);
    server::Application application(options, server::api_routes());
    server::run_http_server(application, [](const std::string& host, int port) {
      std::cout << "twinning: serving http://" << host << ":" << port << "/" << std::endl;
    });
    std::cout << "twinning: stopped" << std::endl;
  });

  // The document `serve` answers at /api/openapi.yaml, for tools that check
  // or generate from it without a server (the contract test, the web
  // client's types).
  app.add_subcommand("openapi", "Print the HTTP API's OpenAPI document (YAML)")->callback([] {
    std::cout << server::openapi_document();
  });
}

}  // namespace twinning::cli
