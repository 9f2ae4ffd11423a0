// Crash safety (PRODUCT.md section 5: "a kill -9 during writes loses no
// acknowledged write"): writer threads drive concurrent writes over HTTP
// (cities, their names and populations, links, link events, users;
// registered letters, the replies that arrive to them, and foreign
// ministries' endorsements with a reply as evidence) against a real
// `twinning serve`; the server is killed with SIGKILL at a random moment,
// restarted on the same database, and then
//  - every write that got a 2xx is there with exactly the content sent;
//  - a write that got no answer is there whole or not at all, and one that
//    got an error answer is not there;
//  - registration numbers stay unique (no acknowledged number twice);
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

#include "campaign/campaigns.h"
#include "letters/offices.h"
#include "model/model_json.h"
#include "store/campaign_store.h"
#include "store/city_store.h"
#include "store/letter_store.h"
#include "store/link_store.h"
#include "store/user_store.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

constexpr int kRounds = 20;
constexpr int kWriters = 4;

enum class Op { kCity, kPatchCity, kLink, kEvent, kUser, kLetter, kReply, kEndorse };

// The countries a writer's endorsements name: a disjoint slice of
// kEndorsingCountries per writer (a ministry answers once per campaign, and
// each round has its own campaign).
constexpr const char* kEndorsingCountries[] = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "GR", "HU",
    "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI",
    "ES", "SE", "NO", "CH", "IS", "JP", "KR", "CN", "IN", "BR", "AR", "MX"};
constexpr std::size_t kCountriesPerWriter = std::size(kEndorsingCountries) / 4;

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
  Writer(int round, int index, int port, const std::string& coordinator, const std::string& admin,
         CityId addressee)
      : round_(round), index_(index), addressee_(addressee), registry_(port), users_(port) {
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
      if (w.op == Op::kLetter) letters_.push_back(w.answer["letter"]["id"].get<LetterId>());
      if (w.op == Op::kReply) replies_.push_back(w.answer["letter"]["id"].get<LetterId>());
    }
  }

  // The campaign of round `round`, whose endorsements the writers record.
  static std::string campaign_code(int round) { return "crash-r" + std::to_string(round); }

  std::vector<Write> writes;

 private:
  std::string tag(int i) const {
    return "r" + std::to_string(round_) + " w" + std::to_string(index_) + " #" + std::to_string(i);
  }

  Write next(int i) {
    // A letter, its reply and an endorsement come first, so that even a
    // round killed after a few writes (a slow machine, a sanitizer build)
    // has done each kind.
    static constexpr Op kMix[] = {Op::kLetter, Op::kReply, Op::kEndorse,   Op::kCity, Op::kCity,
                                  Op::kLink,   Op::kEvent, Op::kPatchCity, Op::kUser, Op::kLetter};
    static constexpr const char* kCountries[] = {"PL", "DE", "FR", "IT", "JP", "BR"};
    Op op = kMix[i % std::size(kMix)];
    if (op == Op::kLink && next_pair_ + 1 >= cities_.size()) op = Op::kCity;
    if (op == Op::kEvent && links_.empty()) op = Op::kCity;
    if (op == Op::kPatchCity && cities_.empty()) op = Op::kCity;
    if (op == Op::kReply && letters_.empty()) op = Op::kLetter;
    if (op == Op::kEndorse && (replies_.empty() || endorsed_ == kCountriesPerWriter)) {
      op = Op::kLetter;
    }
    Write w;
    w.op = op;
    switch (op) {
      case Op::kCity:
        w.method = "POST";
        w.target = "/api/cities";
        w.body = {
            {"name", "Crash " + tag(i)},
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
      case Op::kLetter:
        w.method = "POST";
        w.target = "/api/letters";
        w.body = {{"office", "crash"},
                  {"addressees", {{{"city_id", addressee_}, {"title", "Mayor " + tag(i)}}}},
                  {"lang", "en"},
                  {"subject", "Letter " + tag(i)},
                  {"body", "Письмо " + tag(i)},
                  {"register", true},
                  {"date", "2013-09-0" + std::to_string(1 + i % 9)}};
        break;
      case Op::kReply:
        w.method = "POST";
        w.subject = letters_.back();
        w.target = "/api/letters/incoming";
        w.body = {{"office", "crash"},
                  {"sender", {{"city_id", addressee_}}},
                  {"sender_number", "KI-" + tag(i)},
                  {"sender_date", "2013-10-01"},
                  {"subject", "Reply " + tag(i)},
                  {"body", "Antwort " + tag(i)},
                  {"links", {{{"kind", "reply_to"}, {"target", w.subject}}}}};
        break;
      case Op::kEndorse:
        w.method = "POST";
        w.subject = replies_.back();
        w.target = "/api/campaigns/" + campaign_code(round_) + "/endorse";
        w.body = {{"country", kEndorsingCountries[index_ * kCountriesPerWriter + endorsed_++]},
                  {"evidence", w.subject},
                  {"date", "2013-11-01"},
                  {"notes", "Endorsed " + tag(i)}};
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
  CityId addressee_;     // of the letters, and the sender of the replies
  HttpClient registry_;  // coordinator: cities, links, events, letters, endorsements
  HttpClient users_;     // admin: users
  std::vector<std::int64_t> cities_, links_;
  std::vector<LetterId> letters_, replies_;  // acknowledged
  std::size_t next_pair_ = 0, endorsed_ = 0;
};

struct Tally {
  int kills = 0;
  int acknowledged = 0;
  int unanswered = 0;
  int unanswered_present = 0;
  int refused = 0;
  int letters = 0, replies = 0, endorsements = 0;  // acknowledged, of the above
};

class CrashSafety : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // The office the writers register letters in (and receive replies).
    letters::OfficeRequest o;
    o.code = "crash";
    o.city_id = coventry;
    o.outgoing_pattern = "CR/{seq}";
    o.incoming_pattern = "IN/{seq}";
    letters::add_office(*store, o);
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
    for (const auto& r :
         db.query("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
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
      auto created =
          ids(s.db(), "SELECT entity_id FROM audit_log WHERE entity = $1 AND action = 'create'",
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
  void check_writes(store::Store& s, int round, const std::vector<Write>& writes, Tally& tally) {
    // A city's patches, in the order its one writer sent them.
    std::map<std::int64_t, std::vector<const Write*>> patches;
    for (const auto& w : writes) {
      if (w.acknowledged()) {
        ++tally.acknowledged;
        tally.letters += w.op == Op::kLetter;
        tally.replies += w.op == Op::kReply;
        tally.endorsements += w.op == Op::kEndorse;
      }
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
          ASSERT_EQ(found,
                    std::set<std::string>{std::to_string(w.answer["id"].get<std::int64_t>())});
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
        case Op::kLetter:
        case Op::kReply: {
          auto found = ids(s.db(), "SELECT id FROM letters WHERE subject = $1",
                           {w.body["subject"].get<std::string>()});
          if (w.refused()) {
            EXPECT_TRUE(found.empty());
            break;
          }
          if (!w.acknowledged()) {
            ASSERT_LE(found.size(), 1u);
            tally.unanswered_present += static_cast<int>(found.size());
            if (found.empty()) break;
          } else {
            ASSERT_EQ(found, std::set<std::string>{
                                 std::to_string(w.answer["letter"]["id"].get<LetterId>())});
          }
          // Whole: registered, with its number, text, addressee or link.
          Letter l = *store::LetterStore(s).get(std::stoll(*found.begin()));
          EXPECT_TRUE(l.registered());
          EXPECT_FALSE(l.number.empty());
          EXPECT_EQ(l.body, w.body["body"].get<std::string>());
          if (w.acknowledged()) {
            EXPECT_EQ(l.number, w.answer["letter"]["number"]);
          }
          if (w.op == Op::kLetter) {
            ASSERT_EQ(l.addressees.size(), 1u);
            EXPECT_EQ(l.addressees[0].title, w.body["addressees"][0]["title"]);
          } else {
            ASSERT_EQ(l.links.size(), 1u);
            EXPECT_EQ(l.links[0].target, w.subject);
            EXPECT_EQ(l.sender.city_id, w.body["sender"]["city_id"].get<CityId>());
          }
          break;
        }
        case Op::kEndorse: {
          store::CampaignStore campaigns(s);
          auto campaign = campaigns.find_by_code(Writer::campaign_code(round));
          ASSERT_TRUE(campaign);
          auto stance = campaigns.country(campaign->id, w.body["country"].get<std::string>());
          bool present = stance && stance->state == MinistryState::kEndorsed;
          if (w.refused()) {
            EXPECT_FALSE(present);
            break;
          }
          if (!w.acknowledged()) {
            tally.unanswered_present += present ? 1 : 0;
            if (!present) break;
          } else {
            ASSERT_TRUE(present);
          }
          EXPECT_EQ(stance->evidence_letter_id, std::optional<LetterId>(w.subject));
          EXPECT_EQ(stance->notes, w.body["notes"].get<std::string>());
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
        campaign::CampaignRequest c;
        c.code = Writer::campaign_code(round);
        c.title = "Crash round " + std::to_string(round);
        c.originators = {coventry};
        campaign::create_campaign(*s, c);
      }
      std::atomic<bool> stop{false};
      std::vector<std::unique_ptr<Writer>> writers;
      std::vector<std::thread> threads;
      for (int i = 0; i < kWriters; ++i) {
        writers.push_back(std::make_unique<Writer>(
            round, i, server->port(), tokens[Role::kCoordinator], tokens[Role::kAdmin], kiel));
      }
      for (auto& w : writers) threads.emplace_back([&w, &stop] { w->run(stop); });
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(30, 400)(rng)));
      ASSERT_EQ(kill(server->pid(), SIGKILL), 0);
      stop = true;
      for (auto& t : threads) t.join();
      ASSERT_EQ(server->wait(), 128 + SIGKILL);
      ++tally.kills;
      start_server();

      auto s = store::Store::open(database->location());
      check_integrity(*s);
      check_audit_trail(*s, since);
      for (const auto& w : writers) check_writes(*s, round, w->writes, tally);
      // No registration number was handed out twice in an office's register.
      auto numbers = s->db().query_one(
          "SELECT COUNT(*), COUNT(DISTINCT office_id || ' ' || direction || ' ' || number) "
          "FROM letters WHERE number IS NOT NULL");
      EXPECT_EQ(numbers->integer(0), numbers->integer(1));
      s.reset();

      // The restarted server serves reads and writes.
      EXPECT_EQ(anonymous().get("/api/health").status, 200);
      auto r =
          as(Role::kCoordinator)
              .send_json("POST", "/api/cities",
                         {{"name", "After round " + std::to_string(round)}, {"country", "GB"}});
      ASSERT_EQ(r.status, 201) << r.body;
      EXPECT_EQ(anonymous().get("/api/cities/" + std::to_string(r.json()["id"].get<int>())).status,
                200);
    }
    EXPECT_EQ(tally.kills, kRounds);
    EXPECT_GT(tally.acknowledged, kRounds * kWriters);
    EXPECT_GT(tally.letters, kRounds);
    EXPECT_GT(tally.replies, 0);
    EXPECT_GT(tally.endorsements, 0);
    std::cout << "crash safety [" << backend_name(GetParam()) << "]: " << tally.kills
              << " SIGKILLs survived; " << tally.acknowledged
              << " acknowledged writes present as sent (" << tally.letters << " letters, "
              << tally.replies << " replies, " << tally.endorsements << " endorsements); "
              << tally.unanswered << " unanswered writes whole or absent ("
              << tally.unanswered_present << " present); " << tally.refused
              << " refused writes absent\n";
    RecordProperty("kills", tally.kills);
    RecordProperty("acknowledged", tally.acknowledged);
  }
};

TEST_P(CrashSafety, KillDuringConcurrentWritesLosesNothingAcknowledged) { run_rounds(); }

TWINNING_API_ON_EVERY_BACKEND(CrashSafety);

}  // namespace
}  // namespace twinning::testing
