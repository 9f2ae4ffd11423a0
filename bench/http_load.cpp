// http_load: an open-loop HTTP load generator for `scripts/bench api`.
//
// wrk measures throughput with as many requests as the server can take; its
// latency percentiles at full load say little about latency at a given rate.
// http_load sends GET requests at a fixed rate (e.g. 1,000/s) spread over
// keep-alive connections, and measures each request's latency from the time
// it was *scheduled* to be sent, so that a stall delays and counts against
// every request queued behind it (no "coordinated omission"). It prints the
// number of requests, errors (transport failures and non-2xx/304 answers),
// the achieved rate, and latency percentiles. A request waits for a free
// connection when all are busy; that wait counts in its latency.
//
//   http_load --url http://127.0.0.1:8080/api/cities/1 --rate 1000 --duration 10
//             [--connections 8] [--json]
#include <algorithm>
#include <utility>  // before Asio: its awaitable.hpp uses std::exchange

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <iostream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Target {
  std::string host;
  unsigned short port = 80;
  std::string path;
};

Target parse_url(const std::string& url) {
  std::smatch m;
  if (!std::regex_match(url, m, std::regex(R"(http://([^/:]+)(?::(\d+))?(/.*)?)"))) {
    throw std::invalid_argument("expected http://host[:port]/path, got " + url);
  }
  Target t;
  t.host = m[1];
  if (m[2].matched) t.port = static_cast<unsigned short>(std::stoi(m[2]));
  t.path = m[3].matched ? std::string(m[3]) : "/";
  return t;
}

// The connections and the schedule, all on one thread (one io_context):
// fewer threads than a thread per connection, so that the generator itself
// adds little scheduling noise to what it measures.
class Load {
 public:
  Load(const Target& target, int connections, double rate, long total)
      : target_(target), rate_(rate), total_(total), timer_(ioc_) {
    endpoint_ = tcp::endpoint(net::ip::make_address(target.host), target.port);
    req_ = {http::verb::get, target.path, 11};
    req_.set(http::field::host, target.host);
    req_.keep_alive(true);
    for (int i = 0; i < connections; ++i) {
      conns_.push_back(std::make_unique<Conn>(ioc_));
      connect(*conns_.back());
    }
  }

  void run() {
    start_ = Clock::now() + std::chrono::milliseconds(100);
    tick();
    ioc_.run();
  }

  std::vector<double> latencies_ms;
  long errors = 0;

 private:
  struct Conn {
    explicit Conn(net::io_context& ioc) : stream(ioc) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    bool busy = false;
    bool open = false;
    Clock::time_point scheduled;
  };

  void connect(Conn& c) {
    beast::error_code ec;
    c.stream.socket().close(ec);
    c.stream.connect(endpoint_, ec);
    if (!ec) c.stream.socket().set_option(tcp::no_delay(true), ec);
    c.open = !ec;
    c.buffer.clear();
  }

  // Queues the next request at its scheduled time.
  void tick() {
    if (issued_ >= total_) return;
    auto at = start_ + std::chrono::nanoseconds(static_cast<long long>(issued_ * 1e9 / rate_));
    timer_.expires_at(at);
    timer_.async_wait([this, at](beast::error_code) {
      pending_.push_back(at);
      ++issued_;
      dispatch();
      tick();
    });
  }

  void dispatch() {
    for (auto& c : conns_) {
      if (pending_.empty()) return;
      if (c->busy) continue;
      if (!c->open) connect(*c);
      c->busy = true;
      c->scheduled = pending_.front();
      pending_.pop_front();
      send(*c);
    }
  }

  void send(Conn& c) {
    http::async_write(c.stream, req_, [this, &c](beast::error_code ec, std::size_t) {
      if (ec) return finish(c, false);
      c.res = {};
      http::async_read(c.stream, c.buffer, c.res, [this, &c](beast::error_code rec, std::size_t) {
        int status = static_cast<int>(c.res.result_int());
        bool ok = !rec && ((status >= 200 && status < 300) || status == 304);
        if (ok && !c.res.keep_alive()) c.open = false;
        finish(c, ok);
      });
    });
  }

  void finish(Conn& c, bool ok) {
    latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - c.scheduled).count());
    if (!ok) {
      ++errors;
      c.open = false;
    }
    c.busy = false;
    dispatch();
  }

  Target target_;
  double rate_;
  long total_;
  long issued_ = 0;
  net::io_context ioc_;
  net::steady_timer timer_;
  tcp::endpoint endpoint_;
  http::request<http::empty_body> req_;
  std::vector<std::unique_ptr<Conn>> conns_;
  std::deque<Clock::time_point> pending_;
  Clock::time_point start_;
};

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto i = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size())) - 1;
  return sorted[std::min(i, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Open-loop HTTP load at a fixed rate, with latency percentiles", "http_load"};
  std::string url;
  double rate = 1000, duration = 10;
  int connections = 8;
  bool json = false;
  app.add_option("--url", url, "http://host:port/path (GET)")->required();
  app.add_option("--rate", rate, "Requests per second")->check(CLI::Range(1.0, 1e6));
  app.add_option("--duration", duration, "Seconds")->check(CLI::Range(0.1, 3600.0));
  app.add_option("--connections", connections, "Keep-alive connections")
      ->check(CLI::Range(1, 1000));
  app.add_flag("--json", json, "Print JSON");
  CLI11_PARSE(app, argc, argv);
  Target target;
  try {
    target = parse_url(url);
  } catch (const std::exception& e) {
    std::cerr << "http_load: " << e.what() << '\n';
    return 2;
  }
  long total = static_cast<long>(rate * duration);
  Load load(target, connections, rate, total);
  auto started = Clock::now();
  load.run();
  double elapsed =
      std::chrono::duration<double>(Clock::now() - started).count() - 0.1;  // the 100 ms lead-in
  std::vector<double> all = std::move(load.latencies_ms);
  long errors = load.errors;
  std::sort(all.begin(), all.end());
  nlohmann::json out = {{"url", url},
                        {"requests", all.size()},
                        {"errors", errors},
                        {"rate", rate},
                        {"achieved_rate", all.size() / elapsed},
                        {"p50_ms", percentile(all, 50)},
                        {"p90_ms", percentile(all, 90)},
                        {"p99_ms", percentile(all, 99)},
                        {"max_ms", all.empty() ? 0.0 : all.back()}};
  if (json) {
    std::cout << out.dump() << '\n';
  } else {
    std::printf(
        "%ld requests at %.0f/s over %d connections: %ld errors, %.1f req/s achieved; "
        "latency ms p50 %.3f p90 %.3f p99 %.3f max %.3f\n",
        static_cast<long>(all.size()), rate, connections, errors,
        out["achieved_rate"].get<double>(), out["p50_ms"].get<double>(),
        out["p90_ms"].get<double>(), out["p99_ms"].get<double>(), out["max_ms"].get<double>());
  }
  return errors == 0 ? 0 : 1;
}
