#include "store/campaign_store.h"

#include "model/campaign_json.h"
#include "model/error.h"
#include "store/audit_log.h"
#include "store/clock.h"

namespace twinning::store {
namespace {

Value date_value(const std::optional<PartialDate>& d) {
  return d ? Value(d->to_string()) : Value();
}

std::optional<PartialDate> date_of(const Row& r, std::size_t i) {
  auto t = r.opt_text(i);
  if (!t) return std::nullopt;
  return parse_partial_date(*t);
}

constexpr const char* kCampaignColumns =
    "id, code, title, initiative, template, target, majority_needed, member_states, starts_on, "
    "ends_on, reply_days";

constexpr const char* kContactColumns =
    "city_id, state, wave, referred_by, letter_id, sent_on, received_on, replied_on, "
    "forwarded_on, reply_due, reply_letter_id, stance, reminders, last_reminded_on";

CampaignContact contact_from_row(const Row& r) {
  CampaignContact c;
  c.city_id = r.integer(0);
  c.state = parse_contact_state(r.text(1));
  c.wave = static_cast<int>(r.integer(2));
  c.referred_by = r.opt_integer(3);
  c.letter_id = r.integer(4);
  c.sent_on = date_of(r, 5);
  c.received_on = date_of(r, 6);
  c.replied_on = date_of(r, 7);
  c.forwarded_on = date_of(r, 8);
  c.reply_due = date_of(r, 9);
  c.reply_letter_id = r.opt_integer(10);
  if (auto s = r.opt_text(11)) c.stance = parse_reply_stance(*s);
  c.reminders = static_cast<int>(r.integer(12));
  c.last_reminded_on = date_of(r, 13);
  return c;
}

Params contact_params(CampaignId id, const CampaignContact& c) {
  return {id,
          c.city_id,
          contact_state_name(c.state),
          c.wave,
          c.referred_by,
          c.letter_id,
          date_value(c.sent_on),
          date_value(c.received_on),
          date_value(c.replied_on),
          date_value(c.forwarded_on),
          date_value(c.reply_due),
          c.reply_letter_id,
          c.stance ? Value(reply_stance_name(*c.stance)) : Value(),
          c.reminders,
          date_value(c.last_reminded_on)};
}

CountryStance stance_from_row(const Row& r) {
  CountryStance s;
  s.country = r.text(0);
  s.state = parse_ministry_state(r.text(1));
  s.asked_on = date_of(r, 2);
  s.decided_on = date_of(r, 3);
  s.evidence_letter_id = r.opt_integer(4);
  s.notes = r.text(5);
  return s;
}

std::string entity_id(CampaignId id, const std::string& part) {
  return std::to_string(id) + "/" + part;
}

}  // namespace

CampaignId CampaignStore::create(const Campaign& c) {
  Database& db = store_.db();
  return db.write_transaction([&] {
    if (find_by_code(c.code)) throw_conflict("campaign code '" + c.code + "' is taken", "code");
    CampaignId id = db.insert(
        "INSERT INTO campaigns (code, title, initiative, template, target, majority_needed, "
        "member_states, starts_on, ends_on, reply_days, created_at) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
        {c.code, c.title, c.initiative, c.template_name, c.target, c.majority_needed,
         c.member_states, date_value(c.starts_on), date_value(c.ends_on), c.reply_days,
         now_utc_iso()});
    for (std::size_t i = 0; i < c.asks.size(); ++i) {
      db.execute("INSERT INTO campaign_asks (campaign_id, position, text) VALUES ($1, $2, $3)",
                 {id, static_cast<long long>(i + 1), c.asks[i]});
    }
    for (const auto& [lang, title] : c.titles) {
      db.execute("INSERT INTO campaign_titles (campaign_id, lang, title) VALUES ($1, $2, $3)",
                 {id, lang, title});
    }
    for (std::size_t i = 0; i < c.originators.size(); ++i) {
      db.execute(
          "INSERT INTO campaign_originators (campaign_id, city_id, position) VALUES ($1, $2, $3)",
          {id, c.originators[i], static_cast<long long>(i + 1)});
    }
    AuditLog(store_).record("create", "campaign", std::to_string(id), nullptr, *get(id));
    return id;
  });
}

std::optional<Campaign> CampaignStore::get(CampaignId id) {
  Database& db = store_.db();
  auto row = db.query_one(
      std::string("SELECT ") + kCampaignColumns + " FROM campaigns WHERE id = $1", {id});
  if (!row) return std::nullopt;
  Campaign c;
  c.id = row->integer(0);
  c.code = row->text(1);
  c.title = row->text(2);
  c.initiative = row->text(3);
  c.template_name = row->text(4);
  c.target = row->text(5);
  c.majority_needed = static_cast<int>(row->integer(6));
  c.member_states = static_cast<int>(row->integer(7));
  c.starts_on = date_of(*row, 8);
  c.ends_on = date_of(*row, 9);
  c.reply_days = static_cast<int>(row->integer(10));
  db.query_each("SELECT text FROM campaign_asks WHERE campaign_id = $1 ORDER BY position", {id},
                [&](const Row& r) { c.asks.push_back(r.text(0)); });
  db.query_each("SELECT city_id FROM campaign_originators WHERE campaign_id = $1 ORDER BY position",
                {id}, [&](const Row& r) { c.originators.push_back(r.integer(0)); });
  db.query_each("SELECT lang, title FROM campaign_titles WHERE campaign_id = $1 ORDER BY lang",
                {id}, [&](const Row& r) { c.titles[r.text(0)] = r.text(1); });
  return c;
}

void CampaignStore::put_title(CampaignId id, const std::string& lang, const std::string& title) {
  Database& db = store_.db();
  db.write_transaction([&] {
    auto before = get(id);
    if (!before) throw_not_found("no campaign #" + std::to_string(id), "campaign");
    db.execute("DELETE FROM campaign_titles WHERE campaign_id = $1 AND lang = $2", {id, lang});
    db.execute("INSERT INTO campaign_titles (campaign_id, lang, title) VALUES ($1, $2, $3)",
               {id, lang, title});
    AuditLog(store_).record("update", "campaign", std::to_string(id), *before, *get(id));
  });
}

std::optional<Campaign> CampaignStore::find_by_code(const std::string& code) {
  auto row = store_.db().query_one("SELECT id FROM campaigns WHERE code = $1", {code});
  if (!row) return std::nullopt;
  return get(row->integer(0));
}

std::vector<Campaign> CampaignStore::list() {
  std::vector<CampaignId> ids;
  store_.db().query_each("SELECT id FROM campaigns ORDER BY id", {},
                         [&](const Row& r) { ids.push_back(r.integer(0)); });
  std::vector<Campaign> out;
  for (CampaignId id : ids) out.push_back(*get(id));
  return out;
}

std::optional<CampaignContact> CampaignStore::contact(CampaignId id, CityId city) {
  auto row = store_.db().query_one(std::string("SELECT ") + kContactColumns +
                                       " FROM campaign_contacts WHERE campaign_id = $1 AND "
                                       "city_id = $2",
                                   {id, city});
  if (!row) return std::nullopt;
  return contact_from_row(*row);
}

std::vector<CampaignContact> CampaignStore::contacts(CampaignId id) {
  std::vector<CampaignContact> out;
  store_.db().query_each(std::string("SELECT ") + kContactColumns +
                             " FROM campaign_contacts WHERE campaign_id = $1 ORDER BY wave, "
                             "city_id",
                         {id}, [&](const Row& r) { out.push_back(contact_from_row(r)); });
  return out;
}

void CampaignStore::insert_contact(CampaignId id, const CampaignContact& c) {
  store_.db().write_transaction([&] {
    if (contact(id, c.city_id)) {
      throw_conflict(
          "city #" + std::to_string(c.city_id) + " was already contacted in this campaign", "city");
    }
    store_.db().execute(
        "INSERT INTO campaign_contacts (campaign_id, city_id, state, wave, referred_by, "
        "letter_id, sent_on, received_on, replied_on, forwarded_on, reply_due, reply_letter_id, "
        "stance, reminders, last_reminded_on) VALUES "
        "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)",
        contact_params(id, c));
    AuditLog(store_).record("create", "campaign_contact", entity_id(id, std::to_string(c.city_id)),
                            nullptr, c);
  });
}

void CampaignStore::update_contact(CampaignId id, const CampaignContact& c) {
  store_.db().write_transaction([&] {
    auto before = contact(id, c.city_id);
    if (!before) {
      throw_not_found("city #" + std::to_string(c.city_id) + " is not contacted in this campaign",
                      "city");
    }
    store_.db().execute(
        "UPDATE campaign_contacts SET state=$3, wave=$4, referred_by=$5, letter_id=$6, "
        "sent_on=$7, received_on=$8, replied_on=$9, forwarded_on=$10, reply_due=$11, "
        "reply_letter_id=$12, stance=$13, reminders=$14, last_reminded_on=$15 "
        "WHERE campaign_id=$1 AND city_id=$2",
        contact_params(id, c));
    AuditLog(store_).record("update", "campaign_contact", entity_id(id, std::to_string(c.city_id)),
                            *before, c);
  });
}

std::optional<CountryStance> CampaignStore::country(CampaignId id, const std::string& iso2) {
  auto row = store_.db().query_one(
      "SELECT country, state, asked_on, decided_on, evidence_letter_id, notes FROM "
      "campaign_countries WHERE campaign_id = $1 AND country = $2",
      {id, iso2});
  if (!row) return std::nullopt;
  return stance_from_row(*row);
}

std::vector<CountryStance> CampaignStore::countries(CampaignId id) {
  std::vector<CountryStance> out;
  store_.db().query_each(
      "SELECT country, state, asked_on, decided_on, evidence_letter_id, notes FROM "
      "campaign_countries WHERE campaign_id = $1 ORDER BY country",
      {id}, [&](const Row& r) { out.push_back(stance_from_row(r)); });
  return out;
}

void CampaignStore::put_country(CampaignId id, const CountryStance& s, std::string_view action) {
  store_.db().write_transaction([&] {
    auto before = country(id, s.country);
    Params p = {id,
                s.country,
                ministry_state_name(s.state),
                date_value(s.asked_on),
                date_value(s.decided_on),
                s.evidence_letter_id,
                s.notes};
    if (before) {
      store_.db().execute(
          "UPDATE campaign_countries SET state=$3, asked_on=$4, decided_on=$5, "
          "evidence_letter_id=$6, notes=$7 WHERE campaign_id=$1 AND country=$2",
          p);
    } else {
      store_.db().execute(
          "INSERT INTO campaign_countries (campaign_id, country, state, asked_on, decided_on, "
          "evidence_letter_id, notes) VALUES ($1,$2,$3,$4,$5,$6,$7)",
          p);
    }
    if (action.empty()) action = before ? "update" : "create";
    AuditLog(store_).record(action, "campaign_country", entity_id(id, s.country),
                            before ? nlohmann::json(*before) : nlohmann::json(nullptr), s);
  });
}

void CampaignStore::clear_country(CampaignId id, const CountryStance& s, std::string_view action) {
  store_.db().write_transaction([&] {
    auto before = country(id, s.country);
    if (!before) return;
    store_.db().execute("DELETE FROM campaign_countries WHERE campaign_id=$1 AND country=$2",
                        Params{id, s.country});
    AuditLog(store_).record(action, "campaign_country", entity_id(id, s.country), *before, s);
  });
}

std::int64_t CampaignStore::add_event(CampaignId id, const CampaignEvent& e) {
  return store_.db().insert(
      "INSERT INTO campaign_events (campaign_id, event_date, kind, city_id, country, letter_id, "
      "detail) VALUES ($1,$2,$3,$4,$5,$6,$7)",
      {id, e.date.to_string(), std::string(campaign_event_kind_name(e.kind)), e.city_id, e.country,
       e.letter_id, e.detail});
}

std::vector<CampaignEvent> CampaignStore::events(CampaignId id) {
  std::vector<CampaignEvent> out;
  store_.db().query_each(
      "SELECT id, event_date, kind, city_id, country, letter_id, detail FROM campaign_events "
      "WHERE campaign_id = $1 ORDER BY event_date, id",
      {id}, [&](const Row& r) {
        out.push_back(CampaignEvent{r.integer(0), parse_partial_date(r.text(1)),
                                    parse_campaign_event_kind(r.text(2)), r.opt_integer(3),
                                    r.text(4), r.opt_integer(5), r.text(6)});
      });
  return out;
}

std::int64_t CampaignStore::latest_event_id(CampaignId id) {
  return store_.db()
      .query_one("SELECT COALESCE(MAX(id), 0) FROM campaign_events WHERE campaign_id = $1", {id})
      ->integer(0);
}

}  // namespace twinning::store
