// One file of over 500 lines, on purpose: it is the Beast server's one
// asynchronous state machine — the listener, each session's
// read/handle/write loop with its timeouts and per-client quotas, the
// worker threads and their store connections, the graceful shutdown — all
// sharing ServerState; StorePool, AccessLog and ClientQuotas are private
// parts of it, used nowhere else.
#include "server/http_server.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "ingest/country_resolver.h"
#include "model/error.h"
#include "server/beast_request.h"
#include "server/mail_poller.h"
#include "store/clock.h"

namespace twinning::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kIdleTimeout = std::chrono::seconds(60);
constexpr auto kTransferTimeout = std::chrono::seconds(60);
constexpr auto kDrainTimeout = std::chrono::seconds(2);

// The worker thread's index into the store pool; -1 outside the workers.
thread_local int t_worker = -1;

// One database connection per worker thread, opened on first use and
// reopened after the database became unreachable.
class StorePool {
 public:
  StorePool(std::string location, int threads) : location_(std::move(location)), stores_(threads) {}

  store::Store& for_this_thread() {
    auto& slot = stores_.at(static_cast<std::size_t>(t_worker));
    if (!slot) slot = store::Store::open(location_);
    return *slot;
  }
  // Drops this thread's connection so that the next request reconnects.
  void discard_this_thread() { stores_.at(static_cast<std::size_t>(t_worker)).reset(); }
  // Closes every connection. Call when no worker runs.
  void close_all() {
    for (auto& s : stores_) s.reset();
  }

 private:
  std::string location_;
  std::vector<std::unique_ptr<store::Store>> stores_;  // slot i belongs to worker i alone
};

// The access log: whole lines, one write each, from any thread.
class AccessLog {
 public:
  explicit AccessLog(const std::string& target) {
    if (target.empty()) return;
    if (target == "-") {
      fd_ = STDERR_FILENO;
      return;
    }
    fd_ = ::open(target.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd_ < 0) throw_invalid("cannot open access log '" + target + "'", "--access-log");
    owned_ = true;
  }
  ~AccessLog() {
    if (owned_) ::close(fd_);
  }
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(std::string line) {
    if (fd_ < 0) return;
    line += '\n';
    std::lock_guard lock(mutex_);
    std::size_t done = 0;
    while (done < line.size()) {
      ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
      if (n <= 0) return;
      done += static_cast<std::size_t>(n);
    }
  }

 private:
  int fd_ = -1;
  bool owned_ = false;
  std::mutex mutex_;
};

// What each client address holds of the server at once: connections and
// bytes of request bodies being received. Thread-safe.
class ClientQuotas {
 public:
  ClientQuotas(int max_connections, std::uint64_t max_body_bytes)
      : max_connections_(max_connections), max_body_bytes_(max_body_bytes) {}

  // Counts a connection from `ip`; false (nothing counted) past the limit.
  bool open_connection(const std::string& ip) {
    std::lock_guard lock(mutex_);
    auto& u = usage_[ip];
    if (u.connections >= max_connections_) return false;
    ++u.connections;
    return true;
  }
  void close_connection(const std::string& ip) {
    std::lock_guard lock(mutex_);
    auto it = usage_.find(ip);
    if (it == usage_.end()) return;
    if (--it->second.connections <= 0 && it->second.body_bytes == 0) usage_.erase(it);
  }
  // Reserves `bytes` of body for `ip`; false (nothing reserved) past the limit.
  bool reserve_body(const std::string& ip, std::uint64_t bytes) {
    std::lock_guard lock(mutex_);
    auto& u = usage_[ip];
    if (u.body_bytes + bytes > max_body_bytes_) return false;
    u.body_bytes += bytes;
    return true;
  }
  void release_body(const std::string& ip, std::uint64_t bytes) {
    std::lock_guard lock(mutex_);
    auto it = usage_.find(ip);
    if (it == usage_.end()) return;
    it->second.body_bytes -= std::min(bytes, it->second.body_bytes);
  }

 private:
  struct Usage {
    int connections = 0;
    std::uint64_t body_bytes = 0;
  };
  const int max_connections_;
  const std::uint64_t max_body_bytes_;
  std::mutex mutex_;
  std::unordered_map<std::string, Usage> usage_;
};

class Session;

struct ServerState {
  ServerState(const Application& a, int threads)
      : app(a),
        stores(a.options().db_location, threads),
        log(a.options().access_log),
        quotas(a.options().max_connections_per_address, a.options().max_body_bytes_per_address) {}
  const Application& app;
  StorePool stores;
  AccessLog log;
  ClientQuotas quotas;
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, ServerState& state) : stream_(std::move(socket)), state_(state) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) ip_ = ep.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  ~Session() {
    release_body();
    if (counted_) state_.quotas.close_connection(ip_);
    std::lock_guard lock(state_.sessions_mutex);
    state_.sessions.erase(this);
  }

  void start() {
    {
      std::lock_guard lock(state_.sessions_mutex);
      state_.sessions.emplace(this, weak_from_this());
    }
    counted_ = state_.quotas.open_connection(ip_);
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->counted_) {
        return self->reject(error_response(429, "too_many_connections",
                                           "too many connections from your address; close some"));
      }
      self->read_header();
    });
  }

  net::any_io_executor executor() { return stream_.get_executor(); }

  // Runs on the session's strand when the server stops: an idle connection
  // is closed now; a request being received, handled or answered finishes
  // (its response then closes the connection).
  void on_stop() {
    if (closed_) return;
    beast::error_code ec;
    bool idle = phase_ == Phase::kIdle && buffer_.size() == 0 &&
                (!parser_ || !parser_->got_some()) && stream_.socket().available(ec) == 0;
    if (idle) close();
  }

  // Runs on the session's strand after the drain: closes the connection
  // whatever it was doing, so that its pending operations complete.
  void on_drain_over() { close(); }

 private:
  enum class Phase { kIdle, kReadingBody, kHandling, kWriting };

  void read_header() {
    if (state_.stopping) return close();
    phase_ = Phase::kIdle;
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    // No body limit while the header is read (the parser would check the
    // Content-Length against its default); on_header sets the route's.
    // (Not boost::none: Beast 1.74 compares the length with it as optional.)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(kIdleTimeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec);
    started_ = Clock::now();
    auto& req = parser_->get();
    Method method =
        parse_method(std::string_view(req.method_string().data(), req.method_string().size()));
    std::string_view target(req.target().data(), req.target().size());
    std::string_view path = target.substr(0, target.find('?'));
    method_ = std::string(req.method_string());
    path_ = std::string(path);
    std::size_t limit = request_body_limit(state_.app, method, path);
    if (auto length = parser_->content_length(); length && *length > limit) {
      return reject(body_too_large_response(*length, limit));
    }
    parser_->body_limit(limit);
    auto length = parser_->content_length();
    if ((length && *length > 0) || parser_->chunked()) {
      // Who is asking is known from the header: refuse before the body is
      // sent (and before 100 Continue invites it).
      Request head = header_request(req, ip_);
      std::optional<Response> refusal;
      try {
        refusal = state_.app.refuse_before_body(head, state_.stores.for_this_thread());
      } catch (const Error&) {
        // The database could not be opened: handle() answers that.
      }
      if (refusal) {
        user_ = refusal->log_user;
        return reject(std::move(*refusal));
      }
      std::uint64_t expected = length ? *length : limit;
      if (!state_.quotas.reserve_body(ip_, expected)) {
        return reject(error_response(429, "too_many_uploads",
                                     "too many request bytes in flight from your address; "
                                     "wait for your other uploads to finish"));
      }
      reserved_body_ = expected;
    }
    phase_ = Phase::kReadingBody;
    stream_.expires_after(kTransferTimeout);
    if (beast::iequals(req[http::field::expect], "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                     req.version());
      http::async_write(stream_, *cont,
                        [self = shared_from_this(), cont](beast::error_code wec, std::size_t) {
                          if (wec) return self->close();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_body, shared_from_this()));
  }

  void on_read_error(beast::error_code ec) {
    if (auto answer = parse_error_response(ec)) return reject(std::move(*answer));
    close();  // end of stream, timeout, reset, or stopped
  }

  void on_body(beast::error_code ec, std::size_t) {
    release_body();
    if (ec) return on_read_error(ec);
    phase_ = Phase::kHandling;
    unsigned version = parser_->get().version();
    bool keep_alive = parser_->get().keep_alive();
    Request request = to_request(parser_->release(), ip_);
    Response response = handle(request);
    // The database connection may have broken (a server restart): reconnect,
    // and try a read once more on the new connection.
    if (response.status == 503 && is_safe(request.method)) response = handle(request);
    keep_alive = keep_alive && !response.close && !state_.stopping;
    send(std::move(response), version, keep_alive, request.method == Method::kHead, false);
  }

  // The application's answer, on this thread's database connection; a 503
  // drops the connection so that the next use opens a new one.
  Response handle(const Request& request) {
    Response response;
    try {
      response = state_.app.handle(request, state_.stores.for_this_thread());
    } catch (const Error& e) {  // the database could not be opened
      response = error_response(e);
    }
    if (response.status == 503) state_.stores.discard_this_thread();
    return response;
  }

  // Answers an error before the body was read, then closes the connection
  // after draining what the client still sends (so it sees the answer).
  void reject(Response answer) {
    if (phase_ == Phase::kIdle) started_ = Clock::now();
    unsigned version = parser_ && parser_->is_header_done() ? parser_->get().version() : 11;
    send(std::move(answer), version, false, false, true);
  }

  void send(Response r, unsigned version, bool keep_alive, bool head, bool drain) {
    phase_ = Phase::kWriting;
    status_ = r.status;
    user_ = std::move(r.log_user);
    res_.emplace(static_cast<http::status>(r.status), version);
    res_->set(http::field::server, "twinning");
    if (!r.content_type.empty()) res_->set(http::field::content_type, r.content_type);
    for (auto& [name, value] : r.headers) res_->insert(name, value);
    res_->keep_alive(keep_alive);
    bytes_ = r.body.size();
    res_->body() = std::move(r.body);
    res_->prepare_payload();
    if (head) res_->body().clear();  // Content-Length stays that of the GET
    // Logged when the answer is ready, so that the log follows the order in
    // which clients see their answers.
    log();
    stream_.expires_after(kTransferTimeout);
    http::async_write(
        stream_, *res_,
        [self = shared_from_this(), keep_alive, drain](beast::error_code ec, std::size_t) {
          if (ec) return self->close();
          if (drain) return self->drain();
          if (!keep_alive) return self->close();
          self->read_header();
        });
  }

  void log() {
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    nlohmann::json line = {
        {"time", store::now_utc_iso()},
        {"method", method_},
        {"path", path_},
        {"status", status_},
        {"bytes", bytes_},
        {"duration_ms", std::round(ms * 1000) / 1000},
        {"user", user_.empty() ? nlohmann::json(nullptr) : nlohmann::json(user_)},
        {"ip", ip_}};
    state_.log.write(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    method_.clear();
    path_.clear();
  }

  // Reads and discards until the client closes or kDrainTimeout passes.
  void drain() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    drain_buffer_.resize(64 * 1024);
    stream_.expires_after(kDrainTimeout);  // a deadline for the whole drain
    drain_more();
  }
  void drain_more() {
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain_more();
                            });
  }

  void release_body() {
    if (reserved_body_ == 0) return;
    state_.quotas.release_body(ip_, reserved_body_);
    reserved_body_ = 0;
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  ServerState& state_;
  std::string ip_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> res_;
  std::vector<char> drain_buffer_;
  Phase phase_ = Phase::kIdle;
  bool closed_ = false;
  Clock::time_point started_;
  std::string method_, path_, user_;
  int status_ = 0;
  std::size_t bytes_ = 0;
  bool counted_ = false;             // this connection counts in state_.quotas
  std::uint64_t reserved_body_ = 0;  // body bytes reserved in state_.quotas
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, tcp::endpoint endpoint, ServerState& state)
      : ioc_(ioc), acceptor_(ioc), state_(state) {
    beast::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      throw Error(ErrorCode::kUnavailable,
                  "cannot listen on " + endpoint.address().to_string() + ":" +
                      std::to_string(endpoint.port()) + ": " + ec.message(),
                  "--port");
    }
  }

  int port() const { return acceptor_.local_endpoint().port(); }
  void start() { accept(); }
  void stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                             if (!self->acceptor_.is_open()) return;
                             if (!ec && !self->state_.stopping) {
                               std::make_shared<Session>(std::move(socket), self->state_)->start();
                             }
                             self->accept();
                           });
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  ServerState& state_;
};

// The sessions still alive, each held so that it cannot end meanwhile.
std::vector<std::shared_ptr<Session>> live_sessions(ServerState& state) {
  std::vector<std::shared_ptr<Session>> live;
  std::lock_guard lock(state.sessions_mutex);
  for (auto& [raw, weak] : state.sessions) {
    if (auto s = weak.lock()) live.push_back(std::move(s));
  }
  return live;
}

}  // namespace

void run_http_server(const Application& app,
                     const std::function<void(const std::string&, int)>& on_listening) {
  const ServerOptions& options = app.options();
  int threads = options.threads > 0
                    ? options.threads
                    : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  ServerState state(app, threads);
  {
    // Open (and migrate) the database once before listening, so that a bad
    // --db fails at start; a fresh database gets its reference countries.
    t_worker = 0;
    store::Store& first = state.stores.for_this_thread();
    ingest::load_reference_countries_if_empty(first);
    t_worker = -1;
  }
  beast::error_code ec;
  auto address = net::ip::make_address(options.host, ec);
  if (ec)
    throw_invalid("cannot listen on host '" + options.host + "': not an IP address", "--host");
  if (options.port < 0 || options.port > 65535) throw_invalid("port out of range", "--port");

  net::io_context ioc(threads);
  auto listener = std::make_shared<Listener>(
      ioc, tcp::endpoint(address, static_cast<unsigned short>(options.port)), state);
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer drain_timer(ioc);
  Clock::time_point deadline;
  std::optional<MailPoller> mail_poller;  // --mail-poll; started once listening

  std::function<void()> watch_drain = [&] {
    std::size_t open;
    {
      std::lock_guard lock(state.sessions_mutex);
      open = state.sessions.size();
    }
    if (open == 0 || Clock::now() >= deadline) {
      ioc.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(20));
    drain_timer.async_wait([&](beast::error_code) { watch_drain(); });
  };

  signals.async_wait([&](beast::error_code sec, int) {
    if (sec) return;
    state.stopping = true;
    deadline = Clock::now() + options.shutdown_grace;
    if (mail_poller) mail_poller->request_stop();
    listener->stop();
    for (auto& s : live_sessions(state)) {
      net::post(s->executor(), [s] { s->on_stop(); });
    }
    watch_drain();
  });

  listener->start();
  on_listening(options.host, listener->port());
  if (options.mail_poll.count() > 0) {
    mail_poller.emplace(options.db_location, options.mail_poll, std::cerr);
  }

  std::vector<std::thread> workers;
  for (int i = 1; i < threads; ++i) {
    workers.emplace_back([&ioc, i] {
      t_worker = i;
      ioc.run();
    });
  }
  t_worker = 0;
  ioc.run();
  for (auto& w : workers) w.join();
  // Handlers still queued own the listener and the sessions the drain left
  // open; were they destroyed inside ~io_context, their sockets would reach
  // into its half-destroyed services (a crash at exit; see Asio issues
  // #143 and #1245). So close them all and run their handlers out first.
  drain_timer.cancel();
  signals.cancel();
  listener->stop();
  for (auto& s : live_sessions(state)) {
    net::post(s->executor(), [s] { s->on_drain_over(); });
  }
  ioc.restart();
  ioc.run_for(kDrainTimeout);
  t_worker = -1;
  mail_poller.reset();  // waits for a round in progress
  state.stores.close_all();
}

}  // namespace twinning::server
