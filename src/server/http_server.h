// `twinning serve`: the asynchronous HTTP/1.1 server (Boost.Beast over
// Asio) in front of the Application. Keep-alive connections, a pool of
// worker threads sharing one io_context, one database connection (Store)
// per worker thread, request size limits and timeouts, a structured access
// log (one JSON object per line: time, method, path, status, bytes,
// duration_ms, user, ip — never a password, token or cookie), and graceful
// shutdown on SIGTERM or SIGINT: stop accepting, close idle connections,
// let in-flight requests finish (within ServerOptions::shutdown_grace), then
// close the database connections. With ServerOptions::mail_poll, the mail
// poller (server/mail_poller.h) runs beside the workers from the moment the
// socket listens, and is stopped with them.
#pragma once

#include <functional>
#include <string>

#include "server/application.h"
#include "server/server_options.h"

namespace twinning::server {

// Runs the server until SIGTERM or SIGINT, then shuts down gracefully and
// returns. Calls `on_listening(host, port)` once the socket listens (with the
// actual port when options.port is 0). Throws Error(kUnavailable) if the
// address cannot be bound or the database cannot be opened, and
// Error(kInvalidInput) for an unusable host or access-log path.
void run_http_server(const Application& app,
                     const std::function<void(const std::string&, int)>& on_listening);

}  // namespace twinning::server
