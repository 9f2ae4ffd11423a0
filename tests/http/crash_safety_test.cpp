// Crash safety (PRODUCT.md section 5: "a kill -9 during writes loses no
// acknowledged write"): writer threads drive concurrent writes over HTTP
// (cities, their names and populations, links, link events, users) against
// a real `twinning serve`; the server is killed with SIGKILL at a random
// moment, restarted on the same database, and then
//  - every write that got a 2xx is there with exactly the content sent;
//  - a write that got no answer is there whole or not at all, and one that
//    got an error answer is not there;
//  - every city, link, link event and user has its audit entry and is
//    exactly what its newest audit entry says (nothing written without its
//    audit entry, no audit entry without its write);
//  - the database is intact (SQLite: integrity_check and foreign_key_check;
//    PostgreSQL: amcheck of every B-tree index against its table and of
//    every table's heap);
//  - the server serves reads and writes again.
// kRounds kills per backend, on SQLite and PostgreSQL.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "model/model_json.h"
#include "store/city_store.h"
#include "store/link_store.h"
#include "store/user_store.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

constexpr int kRounds = 20;
constexpr int kWriters = 4;

enum class Op { kCity, kPatchCity, kLink, kEvent, kUser };

// One write a writer sent, and what came back.
struct Write {
  Op op = Op::kCity;
  std::string method, target;
  nlohmann::json body;
  std::int64_t subject = 0;  // the city patched, the link of an event
  int status = 0;            // 0: no answer (the server died first)
  nlohmann::json answer;

  bool acknowledged() const { return status >= 200 && status < 300; }
  bool refused() const { return status >= 300; }
  std::string describe() const {
    return method + " " + target + " " + body.dump() + " -> " +
           (status ? std::to_string(status) + " " + answer.dump() : "no answer");
  }
};

// One writer thread's writes in one round. Each writer touches only what it
// created itself, so that the expected state of everything is known.
class Writer {
 public:
  Writer(int round, int index, int port, const std::string& coordinator, const std::string& admin)
      : round_(round), index_(index), registry_(port), users_(port) {
    registry_.bearer = coordinator;
    users_.bearer = admin;
  }

  // Writes until `stop` is set or the server stops answering.
  void run(const std::atomic<bool>& stop) {
    for (int i = 0; !stop; ++i) {
      writes.push_back(next(i));
      Write& w = writes.back();
      HttpClient& client = w.op == Op::kUser ? users_ : registry_;
      HttpResponse r;
      try {
        r = client.send_json(w.method, w.target, w.body);
      } catch (const std::exception&) {
        return;  // the server is gone; this write has no answer
      }
      w.status = r.status;
      w.answer = nlohmann::json::parse(r.body, nullptr, false);
      if (!w.acknowledged()) continue;
      if (w.op == Op::kCity) cities_.push_back(w.answer["id"].get<std::int64_t>());
      if (w.op == Op::kLink) links_.push_back(w.answer["id"].get<std::int64_t>());
    }
  }

  std::vector<Write> writes;

 private:
  std::string tag(int i) const {
    return "r" + std::to_string(round_) + " w" + std::to_string(index_) + " #" + std::to_string(i);
  }

  Write next(int i) {
    static constexpr Op kMix[] = {Op::kCity, Op::kCity, Op::kLink,
                                  Op::kEvent, Op::kPatchCity, Op::kUser};
    static constexpr const char* kCountries[] = {"PL", "DE", "FR", "IT", "JP", "BR"};
    Op op = kMix[i % 6];
    if (op == Op::kLink && next_pair_ + 1 >= cities_.size()) op = Op::kCity;
    if (op == Op::kEvent && links_.empty()) op = Op::kCity;
    if (op == Op::kPatchCity && cities_.empty()) op = Op::kCity;
    Write w;
    w.op = op;
    switch (op) {
      case Op::kCity:
        w.method = "POST";
        w.target = "/api/cities";
        w.body = {{"name", "Crash " + tag(i)},
                  {"country", kCountries[i % 6]},
                  {"names", {{{"name", "Alt " + tag(i)}, {"lang", "de"}, {"kind", "former"}}}},
                  {"population", 1000 + i},
                  {"languages", {"de", "pl"}},
                  {"email", "w" + std::to_string(index_) + "." + std::to_string(i) + "@example.org"}};
        break;
      case Op::kPatchCity:
        w.method = "PATCH";
        w.subject = cities_.back();
        w.target = "/api/cities/" + std::to_string(w.subject);
        w.body = {{"population", 5'000'000 + round_ * 100'000 + index_ * 10'000 + i}};
        break;
      case Op::kLink:
        w.method = "POST";
        w.target = "/api/links";
        w.body = {{"city_a", cities_[next_pair_]},
                  {"city_b", cities_[next_pair_ + 1]},
                  {"kind", "partner"},
                  {"since", std::to_string(1950 + i % 70) + "-0" + std::to_string(1 + i % 9)},
                  {"source", "crash " + tag(i)},
                  {"notes", "Партнёрство " + tag(i)}};
        ++next_pair_;
        break;
      case Op::kEvent:
        w.method = "POST";
        w.subject = links_.back();
        w.target = "/api/links/" + std::to_string(w.subject) + "/events";
        w.body = {{"date", "2001-02-0" + std::to_string(1 + i % 9)},
                  {"text", "Event " + tag(i)},
                  {"source", "протокол " + tag(i)}};
        break;
      case Op::kUser:
        w.method = "POST";
        w.target = "/api/users";
        w.body = {{"name", "crash-r" + std::to_string(round_) + "-w" + std::to_string(index_) +
                               "-" + std::to_string(i)},
                  {"role", i % 12 == 5 ? "coordinator" : "viewer"}};
        break;
    }
    return w;
  }

  int round_, index_;
  HttpClient registry_;  // coordinator: cities, links, events
  HttpClient users_;     // admin: users
  std::vector<std::int64_t> cities_, links_;
  std::size_t next_pair_ = 0;
};

struct Tally {
  int kills = 0;
  int acknowledged = 0;
  int unanswered = 0;
  int unanswered_present = 0;
  int refused = 0;
};

class CrashSafety : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // No other connection holds the database while the server is killed:
    // the restarted server recovers it alone, as in production.
    store.reset();
  }

  // Every row id of `table` ("" when none).
  std::set<std::string> ids(store::Database& db, const std::string& sql,
                            const store::Params& params = {}) {
    std::set<std::string> out;
    for (const auto& r : db.query(sql, params)) out.insert(r.text(0));
    return out;
  }

  // The largest id of each audited table now: what a round adds lies above.
  std::map<std::string, std::int64_t> watermarks(store::Store& s) {
    std::map<std::string, std::int64_t> out;
    for (const char* t : {"cities", "links", "link_events", "users"}) {
      out[t] = s.db().query_one(std::string("SELECT COALESCE(MAX(id), 0) FROM ") + t)->integer(0);
    }
    return out;
  }

  void check_integrity(store::Store& s) {
    auto& db = s.db();
    if (db.dialect() == store::Dialect::kSqlite) {
      auto check = db.query("PRAGMA integrity_check");
      ASSERT_EQ(check.size(), 1u);
      EXPECT_EQ(check[0].text(0), "ok");
      EXPECT_TRUE(db.query("PRAGMA foreign_key_check").empty());
      return;
    }
    db.execute_script("CREATE EXTENSION IF NOT EXISTS amcheck");
    // Every B-tree index against its table (heapallindexed), then every
    // table's heap; either throws or reports rows on damage.
    std::int64_t indexes = 0;
    for (const auto& r : db.query(
             "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
             "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' "
             "AND c.relnamespace = 'public'::regnamespace")) {
      db.query("SELECT bt_index_check($1::regclass, true)", {r.text(0)});
      ++indexes;
    }
    EXPECT_GE(indexes, 10);
    auto damaged = db.query_one(
        "SELECT COUNT(*) FROM pg_class c, LATERAL verify_heapam(c.oid) v "
        "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace");
    EXPECT_EQ(damaged->integer(0), 0);
  }

  // Every city, link, link event and user has exactly one 'create' audit
  // entry and no such entry names a missing row; those above `since` are
  // exactly what their newest audit entry says.
  void check_audit_trail(store::Store& s, const std::map<std::string, std::int64_t>& since) {
    struct Entity {
      const char* table;
      const char* entity;
    };
    for (Entity e : {Entity{"cities", "city"}, Entity{"links", "link"},
                     Entity{"link_events", "link_event"}, Entity{"users", "user"}}) {
      auto rows = ids(s.db(), std::string("SELECT id FROM ") + e.table);
      auto created = ids(s.db(),
                         "SELECT entity_id FROM audit_log WHERE entity = $1 AND action = 'create'",
                         {e.entity});
      EXPECT_EQ(rows, created) << e.table << " and their audit entries differ";
      auto creates = s.db().query_one(
          "SELECT COUNT(*) FROM audit_log WHERE entity = $1 AND action = 'create'", {e.entity});
      EXPECT_EQ(creates->integer(0), static_cast<std::int64_t>(created.size()))
          << e.entity << " created twice";
      std::map<std::int64_t, nlohmann::json> newest;
      s.db().query_each(
          "SELECT entity_id, after_json FROM audit_log WHERE entity = $1 AND action IN ('create', "
          "'update', 'add_name') ORDER BY id",
          {e.entity}, [&](const store::Row& r) {
            std::int64_t id = std::stoll(r.text(0));
            if (id > since.at(e.table)) newest[id] = nlohmann::json::parse(r.text(1));
          });
      for (const auto& [id, after] : newest) {
        nlohmann::json now;
        std::string entity = e.entity;
        if (entity == "city") {
          if (auto c = store::CityStore(s).get(id)) now = *c;
        } else if (entity == "link") {
          if (auto l = store::LinkStore(s).get(id)) now = *l;
        } else if (entity == "user") {
          if (auto u = store::UserStore(s).get(id)) now = *u;
        } else {
          std::int64_t link = after["link_id"].get<std::int64_t>();
          for (const auto& ev : store::LinkStore(s).events(link)) {
            if (ev.id == id) now = ev;
          }
        }
        EXPECT_EQ(now, after) << e.entity << " " << id << " is not what its audit entry says";
      }
    }
  }

  // The writes of one round against the database after the restart.
  void check_writes(store::Store& s, const std::vector<Write>& writes, Tally& tally) {
    // A city's patches, in the order its one writer sent them.
    std::map<std::int64_t, std::vector<const Write*>> patches;
    for (const auto& w : writes) {
      if (w.acknowledged()) ++tally.acknowledged;
      if (w.refused()) ++tally.refused;
      if (w.status == 0) ++tally.unanswered;
      SCOPED_TRACE(w.describe());
      switch (w.op) {
        case Op::kCity: {
          std::string name = w.body["name"];
          auto found = ids(s.db(), "SELECT id FROM cities WHERE name = $1", {name});
          auto alt = s.db().query_one("SELECT COUNT(*) FROM city_names WHERE name = $1",
                                      {w.body["names"][0]["name"].get<std::string>()});
          if (w.refused()) {
            EXPECT_TRUE(found.empty());
            EXPECT_EQ(alt->integer(0), 0);
            break;
          }
          if (!w.acknowledged()) {
            ASSERT_LE(found.size(), 1u);
            EXPECT_EQ(alt->integer(0), static_cast<std::int64_t>(found.size()))
                << "a city without its names, or names without their city";
            tally.unanswered_present += static_cast<int>(found.size());
            break;
          }
          ASSERT_EQ(found, std::set<std::string>{std::to_string(w.answer["id"].get<std::int64_t>())});
          City c = store::CityStore(s).require(w.answer["id"].get<std::int64_t>());
          EXPECT_EQ(c.name, name);
          EXPECT_EQ(c.country, w.body["country"].get<std::string>());
          EXPECT_EQ(c.email, w.body["email"].get<std::string>());
          EXPECT_EQ(nlohmann::json(c.languages), w.body["languages"]);
          // The official name, and the one sent.
          ASSERT_EQ(c.names.size(), 2u);
          auto alt_name = std::find_if(c.names.begin(), c.names.end(),
                                       [](const CityName& n) { return n.kind == "former"; });
          ASSERT_NE(alt_name, c.names.end());
          EXPECT_EQ(alt_name->name, w.body["names"][0]["name"].get<std::string>());
          EXPECT_EQ(alt_name->lang, "de");
          if (!patches.count(c.id)) patches[c.id] = {};
          break;
        }
        case Op::kPatchCity:
          patches[w.subject].push_back(&w);
          break;
        case Op::kLink: {
          auto found = store::LinkStore(s).find(w.body["city_a"].get<std::int64_t>(),
                                                w.body["city_b"].get<std::int64_t>());
          if (w.refused()) {
            EXPECT_FALSE(found);
          } else if (!w.acknowledged()) {
            if (found) {
              ++tally.unanswered_present;
              EXPECT_EQ(found->source, w.body["source"].get<std::string>());
            }
          } else {
            ASSERT_TRUE(found);
            EXPECT_EQ(found->id, w.answer["id"].get<std::int64_t>());
            EXPECT_EQ(std::string(link_kind_name(found->kind)), w.body["kind"].get<std::string>());
            ASSERT_TRUE(found->since);
            EXPECT_EQ(found->since->to_string(), w.body["since"].get<std::string>());
            EXPECT_EQ(found->source, w.body["source"].get<std::string>());
            EXPECT_EQ(found->notes, w.body["notes"].get<std::string>());
          }
          break;
        }
        case Op::kEvent: {
          std::vector<LinkEvent> found;
          for (auto& ev : store::LinkStore(s).events(w.subject)) {
            if (ev.text == w.body["text"].get<std::string>()) found.push_back(ev);
          }
          if (w.refused()) {
            EXPECT_TRUE(found.empty());
          } else if (!w.acknowledged()) {
            EXPECT_LE(found.size(), 1u);
            tally.unanswered_present += static_cast<int>(found.size());
          } else {
            ASSERT_EQ(found.size(), 1u);
            EXPECT_EQ(found[0].id, w.answer["id"].get<std::int64_t>());
            EXPECT_EQ(found[0].date.to_string(), w.body["date"].get<std::string>());
            EXPECT_EQ(found[0].source, w.body["source"].get<std::string>());
          }
          break;
        }
        case Op::kUser: {
          auto found = store::UserStore(s).find_by_name(w.body["name"].get<std::string>());
          if (w.refused()) {
            EXPECT_FALSE(found);
          } else if (!w.acknowledged()) {
            if (found) ++tally.unanswered_present;
          } else {
            ASSERT_TRUE(found);
            EXPECT_EQ(found->id, w.answer["id"].get<std::int64_t>());
            EXPECT_EQ(std::string(role_name(found->role)), w.body["role"].get<std::string>());
            EXPECT_FALSE(found->has_password);
          }
          break;
        }
      }
    }
    // A city's population: its newest acknowledged value (the one it was
    // created with if no patch was acknowledged), or a value sent after it
    // that got no answer.
    for (const auto& [city, sent] : patches) {
      std::set<std::int64_t> allowed;
      for (const auto& w : writes) {
        if (w.op == Op::kCity && w.acknowledged() && w.answer["id"].get<std::int64_t>() == city) {
          allowed = {w.body["population"].get<std::int64_t>()};
        }
      }
      for (const Write* p : sent) {
        if (p->acknowledged()) allowed = {p->body["population"].get<std::int64_t>()};
        if (p->status == 0) allowed.insert(p->body["population"].get<std::int64_t>());
      }
      auto c = store::CityStore(s).require(city);
      ASSERT_TRUE(c.population);
      EXPECT_TRUE(allowed.count(*c.population))
          << "city " << city << " has population " << *c.population;
    }
  }

  void run_rounds() {
    std::random_device seed_source;
    unsigned seed = seed_source();
    std::mt19937 rng(seed);
    SCOPED_TRACE("random seed " + std::to_string(seed));
    Tally tally;
    for (int round = 1; round <= kRounds && !HasFatalFailure(); ++round) {
      SCOPED_TRACE("round " + std::to_string(round));
      std::map<std::string, std::int64_t> since;
      {
        auto s = store::Store::open(database->location());
        since = watermarks(*s);
      }
      std::atomic<bool> stop{false};
      std::vector<std::unique_ptr<Writer>> writers;
      std::vector<std::thread> threads;
      for (int i = 0; i < kWriters; ++i) {
        writers.push_back(std::make_unique<Writer>(round, i, server->port(),
                                                   tokens[Role::kCoordinator], tokens[Role::kAdmin]));
      }
      for (auto& w : writers) threads.emplace_back([&w, &stop] { w->run(stop); });
      std::this_thread::sleep_for(std::chrono::milliseconds(
          std::uniform_int_distribution<int>(30, 400)(rng)));
      ASSERT_EQ(kill(server->pid(), SIGKILL), 0);
      stop = true;
      for (auto& t : threads) t.join();
      ASSERT_EQ(server->wait(), 128 + SIGKILL);
      ++tally.kills;
      start_server();

      auto s = store::Store::open(database->location());
      check_integrity(*s);
      check_audit_trail(*s, since);
      for (const auto& w : writers) check_writes(*s, w->writes, tally);
      s.reset();

      // The restarted server serves reads and writes.
      EXPECT_EQ(anonymous().get("/api/health").status, 200);
      auto r = as(Role::kCoordinator)
                   .send_json("POST", "/api/cities",
                              {{"name", "After round " + std::to_string(round)}, {"country", "GB"}});
      ASSERT_EQ(r.status, 201) << r.body;
      EXPECT_EQ(anonymous().get("/api/cities/" + std::to_string(r.json()["id"].get<int>())).status,
                200);
    }
    EXPECT_EQ(tally.kills, kRounds);
    EXPECT_GT(tally.acknowledged, kRounds * kWriters);
    std::cout << "crash safety [" << backend_name(GetParam()) << "]: " << tally.kills
              << " SIGKILLs survived; " << tally.acknowledged
              << " acknowledged writes present as sent; " << tally.unanswered
              << " unanswered writes whole or absent (" << tally.unanswered_present
              << " present); " << tally.refused << " refused writes absent\n";
    RecordProperty("kills", tally.kills);
    RecordProperty("acknowledged", tally.acknowledged);
  }
};

TEST_P(CrashSafety, KillDuringConcurrentWritesLosesNothingAcknowledged) { run_rounds(); }

TWINNING_API_ON_EVERY_BACKEND(CrashSafety);

}  // namespace
}  // namespace twinning::testing
