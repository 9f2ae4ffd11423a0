// How `twinning serve` was configured. Plain values, read-only once the
// server runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "auth/login.h"

namespace twinning::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (printed at start)
  int threads = 0;  // 0: one per hardware thread (at least 2)
  std::string db_location;
  std::string web_root;         // built web interface (web/dist); "" serves no files
  std::string templates;        // letter templates; "" = letters::TemplateLibrary::locate's default
  std::string gazetteer;        // gazetteer CSV; "" = ingest::Gazetteer::locate's default
  bool secure_cookies = false;  // mark cookies Secure (behind a TLS proxy)
  std::string access_log = "-";  // file for the JSON access log; "-" stderr, "" none
  auth::LoginPolicy login;
  // --mail-poll: fetch every office's reply mailbox this often
  // (server/mail_poller.h); 0 = never.
  std::chrono::seconds mail_poll{0};
  std::chrono::seconds shutdown_grace = std::chrono::seconds(30);  // for in-flight requests
  // What one client address may hold at once: open connections, and bytes
  // of request bodies being received (a declared Content-Length, or a
  // chunked body's route limit). Beyond them: 429 and the connection closes.
  int max_connections_per_address = 256;  // a city office behind one NAT address
  std::uint64_t max_body_bytes_per_address = std::uint64_t{160} << 20;
};

}  // namespace twinning::server
