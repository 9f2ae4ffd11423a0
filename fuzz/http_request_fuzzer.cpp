// Fuzzes the HTTP API in process: bytes through Boost.Beast's request
// parser under the server's own limits (server/beast_request.h), each
// request it accepts through Application::handle on a scratch registry (the
// cities, links and history of the HTTP tests, one user per role with a
// fixed API token, a coordinator's browser session with its CSRF token,
// and a web root with a secret file beside it).
//
// An input is either
//  - raw bytes of one or more pipelined HTTP/1.1 requests, or
//  - "@json METHOD PATTERN [ROLE] [ID]\n" followed by a JSON body: the body
//    sent to a write endpoint of api_routes() (every non-GET route, so new
//    routes are covered without touching this file; a line naming no route
//    picks one by its hash), as ROLE (default admin; "anonymous" for none),
//    with every path parameter set to ID (default 1; campaigns are "fuzz"
//    and "fresh").
//
// Invariants, for every request: the answer is never a 5xx but 503; an API
// error is a JSON error object; no header carries a line break; a session
// cookie is HttpOnly and SameSite=Strict; no body holds the secret outside
// the web root, and a file served is one of the root's; a 4xx answer, and
// any answer to GET/HEAD, leaves the database exactly as it was (a failed
// login records at most its one attempt, nothing else).
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <nlohmann/json.hpp>

#include "auth/secrets.h"
#include "auth/users.h"
#include "campaign/campaigns.h"
#include "fuzz_support.h"
#include "letters/correspondence.h"
#include "letters/offices.h"
#include "model/error.h"
#include "model/text.h"
#include "registry/registry.h"
#include "server/api.h"
#include "server/application.h"
#include "server/beast_request.h"
#include "store/city_store.h"
#include "store/session_store.h"

namespace {

using namespace twinning;
namespace http = boost::beast::http;
namespace fs = std::filesystem;

constexpr const char* kSecret = "TWINNING-FUZZ-SECRET-OUTSIDE-THE-ROOT";
constexpr int kMaxRequestsPerInput = 8;

// "twt_fuzz_admin", ...: what the corpus and the dictionary send.
std::string token_of(Role role) { return "twt_fuzz_" + std::string(role_name(role)); }

CityId add_city(store::Store& s, const std::string& name, const std::string& cc,
                std::vector<CityName> names = {}) {
  City c;
  c.name = name;
  c.country = cc;
  c.names = std::move(names);
  return store::CityStore(s).create(c);
}

// The registry of the HTTP tests (tests/support/api_fixture.cpp): ids 1-4
// are Coventry, Volgograd, Cologne, Kiel; links 1 (Coventry-Volgograd, with
// two events), 2 (Coventry-Cologne), 3 (Cologne-Kiel), 4 (Volgograd-Kiel);
// users 1-4 admin, coordinator, correspondent (Cologne), viewer; two
// campaigns.
void seed(store::Store& s) {
  CityId coventry = add_city(s, "Coventry", "GB");
  CityId volgograd = add_city(
      s, "Volgograd", "RU",
      {{"Stalingrad", "en", "former", parse_partial_date("1925"), parse_partial_date("1961")}});
  CityId cologne = add_city(s, "Cologne", "DE");
  CityId kiel = add_city(s, "Kiel", "DE");
  Link l;
  l.city_a = coventry;
  l.city_b = volgograd;
  l.kind = LinkKind::kFriendship;
  l.since = parse_partial_date("1944-06-10");
  LinkId cv = registry::add_link(s, l).first.link.id;
  registry::record_link_event(s, cv, parse_partial_date("1941"), "First contacts", "");
  registry::record_link_event(s, cv, parse_partial_date("1944-06-10"), "Bonds of friendship", "");
  for (auto [a, b] :
       {std::pair{coventry, cologne}, std::pair{kiel, cologne}, std::pair{kiel, volgograd}}) {
    Link more;
    more.city_a = a;
    more.city_b = b;
    registry::add_link(s, more);
  }
  // The originators' offices and Cologne's (the correspondent's); letter 1
  // a draft of Coventry's office to Kiel; campaign "fuzz" with wave 1 sent
  // (to Cologne and Kiel: letters 2 on), campaign "fresh" not sent yet.
  OfficeId coventry_office = 0;
  for (auto [code, city, pattern] : {std::tuple{"volgograd", volgograd, "19-024/{seq}рс"},
                                     std::tuple{"coventry", coventry, "CCC/{yyyy}/{seq}"},
                                     std::tuple{"cologne", cologne, "K-{seq}"}}) {
    letters::OfficeRequest o;
    o.code = code;
    o.city_id = city;
    o.outgoing_pattern = pattern;
    OfficeId id = letters::add_office(s, o);
    if (city == coventry) coventry_office = id;
  }
  letters::DraftRequest draft;
  draft.office = coventry_office;
  Addressee to_kiel;
  to_kiel.city_id = kiel;
  draft.addressees = {to_kiel};
  draft.lang = "en";
  draft.body = "A draft.";
  letters::create_draft(s, letters::TemplateLibrary::locate(""), draft);
  for (const char* code : {"fuzz", "fresh"}) {
    campaign::CampaignRequest r;
    r.code = code;
    r.title = "Fuzz";
    r.originators = {volgograd, coventry};
    r.template_name = "appeal-2013";
    CampaignId id = campaign::create_campaign(s, r);
    if (std::string(code) == "fresh") continue;
    campaign::SendOptions o;
    o.date = parse_partial_date("2013-09-06");
    campaign::send_wave(s, letters::TemplateLibrary::locate(""), id, o);
  }
  store::SessionStore sessions(s);
  for (Role role : {Role::kAdmin, Role::kCoordinator, Role::kCorrespondent, Role::kViewer}) {
    auth::NewUser u;
    u.name = "fuzz-" + std::string(role_name(role));
    u.role = role;
    if (role == Role::kCorrespondent) u.city = cologne;
    User user = auth::add_user(s, u);
    sessions.create_api_token(user.id, "fuzz", auth::token_digest(token_of(role)));
    if (role == Role::kCoordinator) {
      sessions.create_session(user.id, auth::token_digest("tws_fuzz_session"),
                              auth::token_digest("twc_fuzz_csrf"), "2999-12-31T00:00:00Z");
    }
  }
}

// The web root: two files, a hidden one, a link out of the root, and the
// secret beside the root; and a small gazetteer beside it. Removed at exit.
struct WebRoot {
  fs::path dir;
  std::vector<std::string> served;  // every file the root may serve
  WebRoot() {
    char pattern[] = "/tmp/twinning-http-fuzz.XXXXXX";
    FUZZ_CHECK(mkdtemp(pattern) != nullptr, "cannot make a temporary directory");
    dir = pattern;
    fs::create_directories(dir / "web" / "assets");
    write("web/index.html", "<!doctype html><title>Twinning</title>");
    write("web/assets/app.js", "console.log('twinning');");
    write("web/.env", kSecret);
    write("secret.txt", kSecret);
    fs::create_symlink(dir / "secret.txt", dir / "web" / "leak.txt");
    // POST /api/geocode loads its gazetteer on every pass: the world's
    // (135,000 places) took 60% of the fuzzing time. Three of its places
    // (rows of data/gazetteer.csv) serve the route as well.
    write("gazetteer.csv",
          "geonames_id,name,country,admin_code,feature_code,population,lat,lng\n"
          "472757,Volgograd,RU,84,PPLA,1011417,48.71939,44.50183\n"
          "2652221,Coventry,GB,ENG,PPLA2,359262,52.40656,-1.51217\n"
          "2886242,Köln,DE,07,PPLA2,963395,50.93333,6.95\n");
    served = {"<!doctype html><title>Twinning</title>", "console.log('twinning');"};
  }
  ~WebRoot() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write(const std::string& rel, const std::string& text) { std::ofstream(dir / rel) << text; }
};

struct Harness {
  WebRoot web;
  fuzz::ScratchRegistry registry{seed};
  server::Application app{options(web), server::api_routes()};
  std::vector<const server::Route*> writes;  // every route with an unsafe method

  Harness() {
    for (const auto& r : app.routes().routes()) {
      if (!server::is_safe(r.method)) writes.push_back(&r);
    }
  }

  static server::ServerOptions options(const WebRoot& web) {
    server::ServerOptions o;
    o.web_root = (web.dir / "web").string();
    o.gazetteer = (web.dir / "gazetteer.csv").string();
    o.access_log = "";
    // Every password login is refused as rate-limited before the (slow, by
    // design) Argon2 check: the parsing before it is what is fuzzed.
    o.login.max_user_failures = 0;
    o.login.max_ip_failures = 0;
    return o;
  }
};

Harness& harness() {
  static Harness h;
  return h;
}

std::string describe(const server::Request& req) {
  return std::string(server::method_name(req.method)) + " " + req.target.substr(0, 200);
}

std::string_view header_of(const server::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

// True if the request itself carries the secret's text (in its target,
// also percent-decoded, a header or the body): an answer that echoes the
// request's own words back (an error naming an unknown parameter) then
// holds it without having read the file.
bool carries_secret(const server::Request& req) {
  std::string decoded;
  bool in_target =
      req.target.find(kSecret) != std::string::npos ||
      (server::percent_decode(req.target, decoded) && decoded.find(kSecret) != std::string::npos);
  bool in_headers = false;
  for (const auto& [name, value] : req.headers) {
    in_headers |=
        name.find(kSecret) != std::string::npos || value.find(kSecret) != std::string::npos;
  }
  return in_target || in_headers || req.body.find(kSecret) != std::string::npos;
}

// The invariants about the response alone.
void check_response(const server::Request& req, const server::Response& r) {
  std::string what =
      describe(req) + " -> " + std::to_string(r.status) + " " + r.body.substr(0, 300);
  FUZZ_CHECK(r.status >= 200 && r.status <= 599, "status out of range: " + what);
  FUZZ_CHECK(r.status < 500 || r.status == 503, "a server error: " + what);
  FUZZ_CHECK(r.body.find(kSecret) == std::string::npos || carries_secret(req),
             "the secret outside the root: " + what);
  for (const auto& [name, value] : r.headers) {
    FUZZ_CHECK(name.find_first_of("\r\n") == std::string::npos &&
                   value.find_first_of("\r\n") == std::string::npos,
               "a line break in header " + name + ": " + what);
    if (name == "Set-Cookie" && value.rfind(std::string(server::kSessionCookie) + "=", 0) == 0) {
      FUZZ_CHECK(value.find("; HttpOnly") != std::string::npos &&
                     value.find("SameSite=Strict") != std::string::npos,
                 "a session cookie without HttpOnly/SameSite: " + value);
    }
  }
  if (r.content_type == "application/json") {
    FUZZ_CHECK(nlohmann::json::accept(r.body), "a JSON response that is not JSON: " + what);
  }
  bool api = req.path == "/api" || req.path.rfind("/api/", 0) == 0;
  if (r.status >= 400) {
    FUZZ_CHECK(r.content_type == "application/json", "an error that is not JSON: " + what);
    auto j = nlohmann::json::parse(r.body);
    FUZZ_CHECK(
        j.contains("error") && j["error"]["code"].is_string() && j["error"]["message"].is_string(),
        "an error without code and message: " + what);
  } else if (!api && r.status == 200 && req.method == server::Method::kGet) {
    bool known = false;
    for (const auto& f : harness().web.served) known = known || r.body == f;
    FUZZ_CHECK(known, "a static file that is not the root's: " + what);
  }
}

// Handles one parsed request and checks every invariant. Returns its status.
int handle(server::Request req) {
  auto& h = harness();
  // The state to compare with: as reset() left it, or (after an earlier
  // request of this input wrote) as it is now.
  std::optional<testing::TableRows> before;
  if (!h.registry.pristine()) before = h.registry.rows();
  std::int64_t changes = h.registry.changes();
  server::Response r = h.app.handle(req, h.registry.store());
  check_response(req, r);
  bool must_not_write = (r.status >= 400 && r.status < 500) || server::is_safe(req.method);
  if (!must_not_write || h.registry.changes() == changes) return r.status;
  testing::TableRows expected = before ? *before : h.registry.pristine_rows();
  testing::TableRows now = h.registry.rows();
  if (r.status == 401 && req.method == server::Method::kPost && req.path == "/api/session") {
    // A failed login is recorded (rate limiting): one row at most, nothing else.
    FUZZ_CHECK(now["login_attempts"].size() <= expected["login_attempts"].size() + 1,
               "a failed login recorded " + std::to_string(now["login_attempts"].size()) + " rows");
    now.erase("login_attempts");
    expected.erase("login_attempts");
  }
  std::string diff = testing::first_difference(expected, now);
  FUZZ_CHECK(diff.empty(),
             describe(req) + " -> " + std::to_string(r.status) + " changed the database: " + diff);
  return r.status;
}

// Feeds `bytes` to Beast as the server's connection would, handling each
// complete request, until the bytes end, a request is refused or one asks
// to close the connection.
void serve_bytes(std::string_view bytes) {
  auto& h = harness();
  for (int n = 0; n < kMaxRequestsPerInput && !bytes.empty(); ++n) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(server::kHeaderLimit);
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    parser.eager(false);
    boost::beast::error_code ec;
    auto put = [&] {
      while (!ec && !bytes.empty() &&
             !(parser.eager() ? parser.is_done() : parser.is_header_done())) {
        std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
        bytes.remove_prefix(used);
        if (used == 0 && !ec) break;
      }
    };
    put();
    if (!parser.is_header_done()) {
      if (ec && ec != http::error::need_more) {
        auto answer = server::parse_error_response(ec);
        FUZZ_CHECK(answer && answer->status >= 400 && answer->status < 500,
                   "a refused header without a 4xx: " + ec.message());
      }
      return;  // refused, or the header never ends: the server closes
    }
    auto& req = parser.get();
    server::Method method = server::parse_method(
        std::string_view(req.method_string().data(), req.method_string().size()));
    std::string_view target(req.target().data(), req.target().size());
    std::size_t limit =
        server::request_body_limit(h.app, method, target.substr(0, target.find('?')));
    if (auto length = parser.content_length(); length && *length > limit) return;  // 413
    // The refusal from the header alone, before the body (as the server
    // does for a request with a body): 401 or 403, the same answer the
    // whole request then gets, and nothing written.
    std::optional<int> early;
    {
      server::Request head = server::header_request(req, "192.0.2.1");
      std::int64_t changes = h.registry.changes();
      if (auto refusal = h.app.refuse_before_body(head, h.registry.store())) {
        check_response(head, *refusal);
        FUZZ_CHECK(refusal->status == 401 || refusal->status == 403,
                   "a refusal before the body that is not 401/403: " + describe(head) + " -> " +
                       std::to_string(refusal->status));
        early = refusal->status;
      }
      FUZZ_CHECK(h.registry.changes() == changes,
                 "the check before the body wrote: " + describe(head));
    }
    parser.body_limit(limit);
    parser.eager(true);
    put();
    if (!parser.is_done()) {
      if (ec && ec != http::error::need_more) {
        auto answer = server::parse_error_response(ec);
        FUZZ_CHECK(answer && answer->status >= 400 && answer->status < 500,
                   "a refused body without a 4xx: " + ec.message());
      }
      return;
    }
    bool keep_alive = parser.get().keep_alive();
    int status = handle(server::to_request(parser.release(), "192.0.2.1"));
    FUZZ_CHECK(!early || status == *early,
               "refused before the body with " + std::to_string(early.value_or(0)) +
                   " but answered " + std::to_string(status) + " whole");
    if (!keep_alive) return;
  }
}

std::string percent_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// "@json METHOD PATTERN [ROLE] [ID]\n" + body, as the bytes of one request.
std::string json_request(std::string_view line, std::string_view body) {
  auto& h = harness();
  std::vector<std::string> words;
  std::string word;
  for (char c : line) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  const server::Route* route = nullptr;
  for (const auto* r : h.writes) {
    if (words.size() >= 3 && words[1] == server::method_name(r->method) && words[2] == r->pattern) {
      route = r;
    }
  }
  if (!route) {
    std::uint32_t hash = 2166136261u;
    for (unsigned char c : line) hash = (hash ^ c) * 16777619u;
    route = h.writes[hash % h.writes.size()];
  }
  std::string authorization = "Authorization: Bearer " + token_of(Role::kAdmin) + "\r\n";
  std::string id = "1";
  for (std::size_t i = 3; i < words.size(); ++i) {
    if (words[i] == "anonymous") {
      authorization.clear();
      continue;
    }
    try {
      authorization = "Authorization: Bearer " + token_of(parse_role(words[i])) + "\r\n";
    } catch (const Error&) {
      id = percent_encode(words[i]);
    }
  }
  std::string path;
  for (std::size_t i = 0; i < route->pattern.size(); ++i) {
    if (route->pattern[i] == '{') {
      i = route->pattern.find('}', i);
      path += id;
    } else {
      path += route->pattern[i];
    }
  }
  return std::string(server::method_name(route->method)) + " " + path +
         " HTTP/1.1\r\nHost: fuzz\r\n" + authorization +
         "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + std::string(body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& h = harness();
  h.registry.reset();
  std::string_view text = fuzz::as_text(data, size);
  if (text.rfind("@json ", 0) == 0) {
    auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    std::string_view body = newline == std::string_view::npos ? "" : text.substr(newline + 1);
    serve_bytes(json_request(line, body));
  } else {
    serve_bytes(text);
  }
  return 0;
}
