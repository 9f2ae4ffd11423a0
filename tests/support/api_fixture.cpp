#include "support/api_fixture.h"

#include <iostream>

#include "auth/users.h"
#include "registry/registry.h"
#include "store/city_store.h"
#include "store/link_store.h"

namespace twinning::testing {
namespace {

CityId add_city(store::Store& s, const std::string& name, const std::string& cc, double lat,
                double lng, std::vector<CityName> names = {}) {
  City c;
  c.name = name;
  c.country = cc;
  c.lat = lat;
  c.lng = lng;
  c.names = std::move(names);
  return store::CityStore(s).create(c);
}

}  // namespace

void ApiTest::SetUp() {
  if (!backend_available(GetParam())) return;
  database = std::make_unique<ScratchDatabase>(GetParam(), dir);
  store = open_migrated_store(*database);
  auto& s = *store;
  coventry = add_city(s, "Coventry", "GB", 52.4081, -1.5106);
  volgograd = add_city(
      s, "Volgograd", "RU", 48.7086, 44.5147,
      {{"Stalingrad", "en", "former", parse_partial_date("1925"), parse_partial_date("1961")}});
  cologne = add_city(s, "Cologne", "DE", 50.9375, 6.9603);
  kiel = add_city(s, "Kiel", "DE", 54.3233, 10.1228);
  Link l;
  l.city_a = coventry;
  l.city_b = volgograd;
  l.kind = LinkKind::kFriendship;
  l.since = parse_partial_date("1944-06-10");
  coventry_volgograd = registry::add_link(s, l).first.link.id;
  registry::record_link_event(s, coventry_volgograd, parse_partial_date("1941"),
                              "First contacts: letters of support from Coventry", "");
  registry::record_link_event(s, coventry_volgograd, parse_partial_date("1944-06-10"),
                              "Coventry City Council declares bonds of friendship", "");
  Link c;
  c.city_a = coventry;
  c.city_b = cologne;
  coventry_cologne = registry::add_link(s, c).first.link.id;
  for (Role role : kAllRoles) {
    auth::NewUser u;
    u.name = "api-" + std::string(role_name(role));
    u.role = role;
    if (role == Role::kCorrespondent) u.city = cologne;
    User user = auth::add_user(s, u);
    user_ids[role] = user.id;
    tokens[role] = auth::issue_api_token(s, user.id, "tests").token;
  }
  start_server();
}

void ApiTest::TearDown() {
  clients_.clear();
  anonymous_.reset();
  server.reset();
  store.reset();
  database.reset();
}

void ApiTest::start_server() {
  server =
      std::make_unique<ServerProcess>(database->location(), dir.file("access.log"), serve_args());
  clients_.clear();
  anonymous_.reset();
}

int ApiTest::stop_server() {
  clients_.clear();
  anonymous_.reset();
  server->terminate();
  int code = server->wait();
  // A server that did not stop cleanly says why (a crash prints its stack).
  if (code != 0)
    std::cerr << "server exited with " << code << "; its stderr:\n" << server->stderr_text();
  return code;
}

std::string ApiTest::access_log() const { return slurp(dir.file("access.log")); }

HttpClient& ApiTest::as(Role role) {
  auto& c = clients_[role];
  if (!c) {
    c = new_client();
    c->bearer = tokens.at(role);
  }
  return *c;
}

HttpClient& ApiTest::anonymous() {
  if (!anonymous_) anonymous_ = new_client();
  return *anonymous_;
}

std::unique_ptr<HttpClient> ApiTest::new_client() const {
  return std::make_unique<HttpClient>(server->port());
}

std::int64_t ApiTest::add_password_user(const std::string& name, Role role,
                                        const std::string& password,
                                        std::optional<std::int64_t> city) {
  auth::NewUser u;
  u.name = name;
  u.role = role;
  u.city = city;
  u.password = password;
  return auth::add_user(*store, u).id;
}

}  // namespace twinning::testing
