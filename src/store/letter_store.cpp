#include "store/letter_store.h"

#include <map>

#include "model/error.h"
#include "model/letter_json.h"
#include "store/audit_log.h"
#include "store/clock.h"
#include "store/encoding.h"

namespace twinning::store {
namespace {

constexpr const char* kLetterColumns =
    "id, office_id, direction, kind, status, number, reg_date, sender_number, sender_date, "
    "sender_city_id, letterhead, signatory_name, signatory_title, sender_address, sender_phone, "
    "sender_fax, sender_email, lang, template, subject, salutation, body, closing, "
    "response_deadline, sent_date, created_at, updated_at, courtesy_lang, courtesy_translation";

constexpr const char* kSummaryColumns =
    "l.id, l.office_id, o.code, l.direction, l.kind, l.status, l.number, l.reg_date, "
    "l.sender_city_id, c.name, l.subject, l.lang, l.response_deadline";

constexpr const char* kSummaryFrom =
    " FROM letters l JOIN offices o ON o.id = l.office_id "
    "LEFT JOIN cities c ON c.id = l.sender_city_id";

std::optional<PartialDate> opt_date(const Row& r, std::size_t i) {
  auto t = r.opt_text(i);
  if (!t || t->empty()) return std::nullopt;
  return parse_partial_date(*t);
}

Value date_value(const std::optional<PartialDate>& d) {
  return d ? Value(d->to_string()) : Value();
}

Letter letter_from_row(const Row& r) {
  Letter l;
  l.id = r.integer(0);
  l.office_id = r.integer(1);
  l.direction = parse_letter_direction(r.text(2));
  l.kind = parse_letter_kind(r.text(3));
  l.status = parse_letter_status(r.text(4));
  l.number = r.text(5);
  l.date = opt_date(r, 6);
  l.sender_number = r.text(7);
  l.sender_date = opt_date(r, 8);
  l.sender.city_id = r.opt_integer(9);
  l.sender.letterhead = r.text(10);
  l.sender.signatory_name = r.text(11);
  l.sender.signatory_title = r.text(12);
  l.sender.address = r.text(13);
  l.sender.phone = r.text(14);
  l.sender.fax = r.text(15);
  l.sender.email = r.text(16);
  l.lang = r.text(17);
  l.template_name = r.text(18);
  l.subject = r.text(19);
  l.salutation = r.text(20);
  l.body = r.text(21);
  l.closing = r.text(22);
  l.response_deadline = opt_date(r, 23);
  l.sent_date = opt_date(r, 24);
  l.created_at = r.text(25);
  l.updated_at = r.text(26);
  l.courtesy_lang = r.text(27);
  l.courtesy_translation = r.text(28);
  return l;
}

LetterSummary summary_from_row(const Row& r) {
  LetterSummary s;
  s.id = r.integer(0);
  s.office_id = r.integer(1);
  s.office_code = r.text(2);
  s.direction = parse_letter_direction(r.text(3));
  s.kind = parse_letter_kind(r.text(4));
  s.status = parse_letter_status(r.text(5));
  s.number = r.text(6);
  s.date = opt_date(r, 7);
  s.sender_city_id = r.opt_integer(8);
  s.sender_city = r.text(9);
  s.subject = r.text(10);
  s.lang = r.text(11);
  s.response_deadline = opt_date(r, 12);
  return s;
}

// Appends conditions with numbered parameters to a query under construction.
struct Conditions {
  std::string sql;
  Params params;
  std::string param(Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  }
  void add(const std::string& condition) { sql += (sql.empty() ? " WHERE " : " AND ") + condition; }
};

}  // namespace

void LetterStore::insert_children(LetterId id, const Letter& letter) {
  Database& db = store_.db();
  int position = 0;
  for (const Addressee& a : letter.addressees) {
    db.execute(
        "INSERT INTO letter_addressees (letter_id, position, city_id, title, name, address) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {id, position++, a.city_id, a.title, a.name, a.address});
  }
  for (const LetterLink& k : letter.links) {
    db.execute(
        "INSERT INTO letter_links (letter_id, kind, target_id) VALUES ($1, $2, $3) "
        "ON CONFLICT (letter_id, kind, target_id) DO NOTHING",
        {id, letter_link_kind_name(k.kind), k.target});
  }
}

LetterId LetterStore::insert(const Letter& l) {
  Database& db = store_.db();
  return db.write_transaction([&] {
    std::string now = now_utc_iso();
    LetterId id = db.insert(
        "INSERT INTO letters (office_id, direction, kind, status, number, reg_date, sender_number, "
        "sender_date, sender_city_id, letterhead, signatory_name, signatory_title, sender_address, "
        "sender_phone, sender_fax, sender_email, lang, template, subject, salutation, body, "
        "closing, response_deadline, sent_date, created_at, updated_at, courtesy_lang, "
        "courtesy_translation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
        "$14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $25, $26, $27)",
        {l.office_id,
         letter_direction_name(l.direction),
         letter_kind_name(l.kind),
         letter_status_name(l.status),
         l.registered() ? Value(l.number) : Value(),
         date_value(l.registered() ? l.date : std::nullopt),
         l.sender_number,
         date_value(l.sender_date),
         l.sender.city_id,
         l.sender.letterhead,
         l.sender.signatory_name,
         l.sender.signatory_title,
         l.sender.address,
         l.sender.phone,
         l.sender.fax,
         l.sender.email,
         l.lang,
         l.template_name,
         l.subject,
         l.salutation,
         l.body,
         l.closing,
         date_value(l.response_deadline),
         date_value(l.sent_date),
         now,
         l.courtesy_lang,
         l.courtesy_translation});
    insert_children(id, l);
    AuditLog(store_).record("create", "letter", std::to_string(id), nullptr, require(id));
    return id;
  });
}

void LetterStore::update_draft(const Letter& l) {
  Database& db = store_.db();
  db.write_transaction([&] {
    Letter before = require(l.id);
    auto changed = db.execute(
        "UPDATE letters SET sender_city_id = $2, letterhead = $3, signatory_name = $4, "
        "signatory_title = $5, sender_address = $6, sender_phone = $7, sender_fax = $8, "
        "sender_email = $9, lang = $10, template = $11, subject = $12, salutation = $13, "
        "body = $14, closing = $15, response_deadline = $16, updated_at = $17, "
        "courtesy_lang = $18, courtesy_translation = $19 WHERE id = $1 AND status = 'draft'",
        {l.id, l.sender.city_id, l.sender.letterhead, l.sender.signatory_name,
         l.sender.signatory_title, l.sender.address, l.sender.phone, l.sender.fax, l.sender.email,
         l.lang, l.template_name, l.subject, l.salutation, l.body, l.closing,
         date_value(l.response_deadline), now_utc_iso(), l.courtesy_lang,
         l.courtesy_translation});
    if (changed != 1) {
      throw_conflict("letter #" + std::to_string(l.id) + " is registered as No " + before.number +
                         " and can no longer be edited; register a correction",
                     "letter");
    }
    db.execute("DELETE FROM letter_addressees WHERE letter_id = $1", {l.id});
    db.execute("DELETE FROM letter_links WHERE letter_id = $1", {l.id});
    insert_children(l.id, l);
    AuditLog(store_).record("update", "letter", std::to_string(l.id), before, require(l.id));
  });
}

void LetterStore::register_number(LetterId id, const std::string& number, const PartialDate& date,
                                  LetterStatus status) {
  Database& db = store_.db();
  db.write_transaction([&] {
    Letter before = require(id);
    auto changed = db.execute(
        "UPDATE letters SET number = $2, reg_date = $3, status = $4, updated_at = $5 "
        "WHERE id = $1 AND status = 'draft'",
        {id, number, date.to_string(), letter_status_name(status), now_utc_iso()});
    if (changed != 1) {
      throw_conflict("letter #" + std::to_string(id) + " is already registered", "letter");
    }
    AuditLog(store_).record("register", "letter", std::to_string(id), before, require(id));
  });
}

void LetterStore::set_status(LetterId id, LetterStatus status, std::optional<PartialDate> sent) {
  Database& db = store_.db();
  db.write_transaction([&] {
    Letter before = require(id);
    if (!before.registered() || status == LetterStatus::kDraft) {
      throw_conflict("letter #" + std::to_string(id) + " is a draft: register it first", "letter");
    }
    db.execute(
        "UPDATE letters SET status = $2, sent_date = COALESCE($3, sent_date), updated_at = $4 "
        "WHERE id = $1",
        {id, letter_status_name(status), date_value(sent), now_utc_iso()});
    AuditLog(store_).record("status", "letter", std::to_string(id), before, require(id));
  });
}

std::vector<Addressee> LetterStore::addressees(LetterId id) {
  std::vector<Addressee> out;
  store_.db().query_each(
      "SELECT city_id, title, name, address FROM letter_addressees WHERE letter_id = $1 "
      "ORDER BY position",
      {id}, [&](const Row& r) {
        out.push_back(Addressee{r.opt_integer(0), r.text(1), r.text(2), r.text(3)});
      });
  return out;
}

std::vector<LetterLink> LetterStore::links(LetterId id) {
  std::vector<LetterLink> out;
  store_.db().query_each(
      "SELECT k.kind, k.target_id, t.direction, t.number, t.reg_date, t.sender_number, "
      "t.sender_date FROM letter_links k JOIN letters t ON t.id = k.target_id "
      "WHERE k.letter_id = $1 ORDER BY k.target_id, k.kind",
      {id}, [&](const Row& r) {
        Letter target;
        target.direction = parse_letter_direction(r.text(2));
        target.number = r.text(3);
        target.date = opt_date(r, 4);
        target.sender_number = r.text(5);
        target.sender_date = opt_date(r, 6);
        CitedNumber cited = cited_number(target);
        out.push_back(LetterLink{parse_letter_link_kind(r.text(0)), r.integer(1),
                                 std::move(cited.number), cited.date});
      });
  return out;
}

std::vector<Attachment> LetterStore::attachments(LetterId id) {
  std::vector<Attachment> out;
  store_.db().query_each(
      "SELECT id, name, media_type, size, sha256 FROM letter_attachments WHERE letter_id = $1 "
      "ORDER BY id",
      {id}, [&](const Row& r) {
        out.push_back(Attachment{r.integer(0), r.text(1), r.text(2), r.integer(3), r.text(4)});
      });
  return out;
}

std::optional<Letter> LetterStore::get(LetterId id) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kLetterColumns + " FROM letters WHERE id = $1", {id});
  if (!row) return std::nullopt;
  Letter l = letter_from_row(*row);
  l.addressees = addressees(id);
  l.links = links(id);
  l.attachments = attachments(id);
  return l;
}

Letter LetterStore::require(LetterId id, std::string_view field) {
  auto l = get(id);
  if (!l) throw_not_found("no letter #" + std::to_string(id), std::string(field));
  return *l;
}

bool LetterStore::number_taken(OfficeId office, std::string_view number) {
  return store_.db()
      .query_one("SELECT 1 FROM letters WHERE office_id = $1 AND number = $2", {office, number})
      .has_value();
}

std::vector<LetterId> LetterStore::find_by_number(std::string_view number) {
  std::vector<LetterId> out;
  store_.db().query_each("SELECT id FROM letters WHERE number = $1 ORDER BY id", {number},
                         [&](const Row& r) { out.push_back(r.integer(0)); });
  return out;
}

namespace {

// The WHERE clause of list() and count().
Conditions letter_conditions(const LetterQuery& q) {
  Conditions where;
  where.add("l.id > " + where.param(q.after_id));
  if (q.office) where.add("l.office_id = " + where.param(*q.office));
  for (const auto& city : {q.involving_city, q.visible_to_city}) {
    if (!city) continue;
    // IN, not a correlated EXISTS: SQLite ran the EXISTS once per letter
    // over every addressee row of the city (1 s for 2,000 letters to one city).
    std::string c = where.param(*city);
    where.add("(o.city_id = " + c + " OR l.sender_city_id = " + c +
              " OR l.id IN (SELECT a.letter_id FROM letter_addressees a WHERE a.city_id = " + c +
              "))");
  }
  if (q.campaign) {
    std::string c = where.param(*q.campaign);
    where.add("l.id IN (SELECT letter_id FROM campaign_contacts WHERE campaign_id = " + c +
              " UNION SELECT reply_letter_id FROM campaign_contacts WHERE campaign_id = " + c +
              " AND reply_letter_id IS NOT NULL"
              " UNION SELECT letter_id FROM campaign_events WHERE campaign_id = " +
              c +
              " AND letter_id IS NOT NULL"
              " UNION SELECT evidence_letter_id FROM campaign_countries WHERE campaign_id = " +
              c + " AND evidence_letter_id IS NOT NULL)");
  }
  if (q.status) where.add("l.status = " + where.param(letter_status_name(*q.status)));
  if (q.direction) where.add("l.direction = " + where.param(letter_direction_name(*q.direction)));
  if (q.overdue_on) {
    where.add("l.response_deadline IS NOT NULL AND l.response_deadline < " +
              where.param(q.overdue_on->to_string()) +
              " AND l.status IN ('registered', 'sent', 'received')");
  }
  return where;
}

}  // namespace

std::vector<LetterSummary> LetterStore::list(const LetterQuery& q) {
  Conditions where = letter_conditions(q);
  // Drafts have neither date nor number; the CASE puts them first in both
  // engines, which disagree on where NULLs sort.
  const char* order = q.order == LetterOrder::kById
                          ? " ORDER BY l.id"
                          : " ORDER BY CASE WHEN l.reg_date IS NULL THEN 0 ELSE 1 END, "
                            "l.reg_date DESC, length(l.number) DESC, l.number DESC, l.id DESC";
  std::string sql = std::string("SELECT ") + kSummaryColumns + kSummaryFrom + where.sql + order +
                    " LIMIT " + where.param(q.limit) + " OFFSET " + where.param(q.offset);
  std::vector<LetterSummary> out;
  store_.db().query_each(sql, where.params,
                         [&](const Row& r) { out.push_back(summary_from_row(r)); });
  if (out.empty()) return out;
  // The addressees of the listed letters, a fixed number of letters per
  // query: one statement shape (both engines cache statements by their
  // text), padded with id 0, which no letter has.
  constexpr std::size_t kChunk = 50;
  static const std::string sql_addressees = [] {
    std::string list;
    for (std::size_t i = 1; i <= kChunk; ++i) list += (i > 1 ? ", $" : "$") + std::to_string(i);
    return "SELECT a.letter_id, a.city_id, a.title, c.name FROM letter_addressees a "
           "LEFT JOIN cities c ON c.id = a.city_id WHERE a.letter_id IN (" +
           list + ") ORDER BY a.letter_id, a.position";
  }();
  std::map<LetterId, std::size_t> index;
  for (std::size_t i = 0; i < out.size(); ++i) index[out[i].id] = i;
  for (std::size_t first = 0; first < out.size(); first += kChunk) {
    Params ids(kChunk, Value(LetterId{0}));
    for (std::size_t i = first; i < out.size() && i < first + kChunk; ++i) {
      ids[i - first] = Value(out[i].id);
    }
    store_.db().query_each(sql_addressees, ids, [&](const Row& r) {
      LetterSummary& s = out[index.at(r.integer(0))];
      ++s.addressee_count;
      if (auto city = r.opt_integer(1)) s.addressee_cities.push_back(*city);
      if (s.addressee.empty()) s.addressee = r.text(2).empty() ? r.text(3) : r.text(2);
    });
  }
  return out;
}

std::int64_t LetterStore::count(const LetterQuery& q) {
  Conditions where = letter_conditions(q);
  auto row = store_.db().query_one(std::string("SELECT COUNT(*)") + kSummaryFrom + where.sql,
                                   where.params);
  return row ? row->integer(0) : 0;
}

LetterSummary LetterStore::summary(LetterId id) {
  LetterQuery q;
  q.after_id = id - 1;
  q.limit = 1;
  auto rows = list(q);
  if (rows.empty() || rows[0].id != id)
    throw_not_found("no letter #" + std::to_string(id), "letter");
  return rows[0];
}

std::vector<Referral> LetterStore::referring(LetterId target) {
  std::vector<std::pair<LetterLinkKind, LetterId>> ids;
  store_.db().query_each(
      "SELECT kind, letter_id FROM letter_links WHERE target_id = $1 ORDER BY letter_id, kind",
      {target},
      [&](const Row& r) { ids.emplace_back(parse_letter_link_kind(r.text(0)), r.integer(1)); });
  std::vector<Referral> out;
  for (auto& [kind, id] : ids) out.push_back(Referral{kind, summary(id)});
  return out;
}

std::int64_t LetterStore::add_attachment(LetterId letter, const std::string& name,
                                         const std::string& media_type, std::string_view bytes,
                                         const std::string& sha256) {
  Database& db = store_.db();
  return db.write_transaction([&] {
    Letter before = require(letter);
    std::int64_t id = db.insert(
        "INSERT INTO letter_attachments (letter_id, name, media_type, size, sha256, "
        "content_base64) VALUES ($1, $2, $3, $4, $5, $6)",
        {letter, name, media_type, static_cast<long long>(bytes.size()), sha256, to_base64(bytes)});
    db.execute("UPDATE letters SET updated_at = $2 WHERE id = $1", {letter, now_utc_iso()});
    AuditLog(store_).record("attach", "letter", std::to_string(letter), before, require(letter));
    return id;
  });
}

std::string LetterStore::attachment_content(LetterId letter, std::int64_t attachment_id) {
  auto row = store_.db().query_one(
      "SELECT content_base64 FROM letter_attachments WHERE letter_id = $1 AND id = $2",
      {letter, attachment_id});
  if (!row) {
    throw_not_found("letter #" + std::to_string(letter) + " has no attachment #" +
                        std::to_string(attachment_id),
                    "attachment");
  }
  return from_base64(row->text(0));
}

}  // namespace twinning::store
