#include "store/link_store.h"

#include "model/error.h"
#include "model/model_json.h"
#include "model/text.h"
#include "store/audit_log.h"
#include "store/clock.h"

namespace twinning::store {
namespace {

constexpr const char* kLinkColumns =
    "l.id, l.city_a, l.city_b, l.kind, l.since, l.until, l.status, l.source, l.notes";

Link link_from_row(const Row& r) {
  Link l;
  l.id = r.integer(0);
  l.city_a = r.integer(1);
  l.city_b = r.integer(2);
  l.kind = parse_link_kind(r.text(3));
  if (auto s = r.opt_text(4)) l.since = parse_partial_date(*s);
  if (auto u = r.opt_text(5)) l.until = parse_partial_date(*u);
  l.status = parse_link_status(r.text(6));
  l.source = r.text(7);
  l.notes = r.text(8);
  return l;
}

Value date_value(const std::optional<PartialDate>& d) {
  return d ? Value(d->to_string()) : Value();
}

void validate(const Link& l) {
  if (l.city_a == l.city_b) throw_invalid("a city cannot be twinned with itself", "city");
  if (l.since && l.until && *l.until < *l.since) {
    throw_invalid("the link ends (" + l.until->to_string() + ") before it starts (" +
                      l.since->to_string() + ")",
                  "until");
  }
  if (!is_valid_utf8(l.source) || !is_valid_utf8(l.notes)) {
    throw_invalid("source and notes must be valid UTF-8", "source");
  }
}

}  // namespace

std::pair<LinkId, bool> LinkStore::create(Link link) {
  validate(link);
  if (link.city_a > link.city_b) std::swap(link.city_a, link.city_b);
  Database& db = store_.db();
  return db.write_transaction([&]() -> std::pair<LinkId, bool> {
    for (CityId c : {link.city_a, link.city_b}) {
      if (!db.query_one("SELECT 1 FROM cities WHERE id = $1", {c})) {
        throw_not_found("no city with id " + std::to_string(c), "city");
      }
    }
    if (auto existing = find(link.city_a, link.city_b)) return {existing->id, false};
    std::string now = now_utc_iso();
    link.id = db.insert(
        "INSERT INTO links (city_a, city_b, kind, since, until, status, source, notes, "
        "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9)",
        {link.city_a, link.city_b, link_kind_name(link.kind), date_value(link.since),
         date_value(link.until), link_status_name(link.status), link.source, link.notes, now});
    AuditLog(store_).record("create", "link", std::to_string(link.id), nullptr, link);
    return {link.id, true};
  });
}

std::optional<Link> LinkStore::get(LinkId id) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kLinkColumns + " FROM links l WHERE l.id = $1", {id});
  if (!row) return std::nullopt;
  return link_from_row(*row);
}

Link LinkStore::require(LinkId id) {
  auto l = get(id);
  if (!l) throw_not_found("no link with id " + std::to_string(id), "link");
  return *l;
}

std::optional<Link> LinkStore::find(CityId a, CityId b) {
  if (a > b) std::swap(a, b);
  auto row = store_.db().query_one(
      std::string("SELECT ") + kLinkColumns + " FROM links l WHERE l.city_a = $1 AND l.city_b = $2",
      {a, b});
  if (!row) return std::nullopt;
  return link_from_row(*row);
}

std::vector<Partner> LinkStore::partners(CityId city) {
  std::vector<Partner> out;
  store_.db().query_each(
      std::string("SELECT ") + kLinkColumns +
          ", c.id, c.name, c.country FROM links l JOIN cities c ON c.id = CASE WHEN l.city_a = "
          "$1 THEN l.city_b ELSE l.city_a END WHERE l.city_a = $1 OR l.city_b = $1 "
          "ORDER BY c.name, c.id",
      {city}, [&](const Row& r) {
        out.push_back(Partner{link_from_row(r), r.integer(9), r.text(10), r.text(11)});
      });
  return out;
}

void LinkStore::for_each(const std::function<void(const Link&)>& fn) {
  store_.db().query_each(std::string("SELECT ") + kLinkColumns + " FROM links l ORDER BY l.id", {},
                         [&](const Row& r) { fn(link_from_row(r)); });
}

std::vector<std::pair<CityId, CityId>> LinkStore::all_pairs() {
  std::vector<std::pair<CityId, CityId>> out;
  store_.db().query_each("SELECT city_a, city_b FROM links ORDER BY id", {},
                         [&](const Row& r) { out.emplace_back(r.integer(0), r.integer(1)); });
  return out;
}

void LinkStore::update(const Link& link) {
  validate(link);
  store_.db().write_transaction([&] {
    Link before = require(link.id);
    Link after = link;
    after.city_a = before.city_a;
    after.city_b = before.city_b;
    store_.db().execute(
        "UPDATE links SET kind=$2, since=$3, until=$4, status=$5, source=$6, notes=$7, "
        "updated_at=$8 WHERE id=$1",
        {link.id, link_kind_name(after.kind), date_value(after.since), date_value(after.until),
         link_status_name(after.status), after.source, after.notes, now_utc_iso()});
    AuditLog(store_).record("update", "link", std::to_string(link.id), before, after);
  });
}

std::pair<LinkEvent, bool> LinkStore::add_event(const LinkEvent& event) {
  if (trim(event.text).empty()) throw_invalid("a link event needs a text", "text");
  if (!is_valid_utf8(event.text) || !is_valid_utf8(event.source)) {
    throw_invalid("event text and source must be valid UTF-8", "text");
  }
  Database& db = store_.db();
  return db.write_transaction([&] {
    require(event.link_id);
    auto existing = db.query_one(
        "SELECT id, source FROM link_events WHERE link_id = $1 AND event_date = $2 AND text = $3",
        {event.link_id, event.date.to_string(), event.text});
    if (existing) {
      LinkEvent there = event;
      there.id = existing->integer(0);
      there.source = existing->text(1);
      return std::pair{there, false};
    }
    LinkEvent stored = event;
    stored.id = db.insert(
        "INSERT INTO link_events (link_id, event_date, text, source) VALUES ($1,$2,$3,$4)",
        {event.link_id, event.date.to_string(), event.text, event.source});
    AuditLog(store_).record("create", "link_event", std::to_string(stored.id), nullptr, stored);
    return std::pair{stored, true};
  });
}

std::vector<LinkEvent> LinkStore::events(LinkId id) {
  std::vector<LinkEvent> out;
  store_.db().query_each(
      "SELECT id, link_id, event_date, text, source FROM link_events WHERE link_id = $1 "
      "ORDER BY event_date, id",
      {id}, [&](const Row& r) {
        out.push_back(LinkEvent{r.integer(0), r.integer(1), parse_partial_date(r.text(2)),
                                r.text(3), r.text(4)});
      });
  return out;
}

std::vector<CityId> LinkStore::listed_by(LinkId id) {
  std::vector<CityId> out;
  store_.db().query_each(
      "SELECT DISTINCT listed_by FROM link_listings WHERE link_id = $1 ORDER BY listed_by", {id},
      [&](const Row& r) { out.push_back(r.integer(0)); });
  return out;
}

std::int64_t LinkStore::count() {
  return store_.db().query_one("SELECT COUNT(*) FROM links")->integer(0);
}

}  // namespace twinning::store
