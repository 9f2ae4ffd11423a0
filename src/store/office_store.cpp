#include "store/office_store.h"

#include "model/error.h"
#include "model/letter_json.h"
#include "store/audit_log.h"
#include "store/clock.h"

namespace twinning::store {
namespace {

constexpr const char* kOfficeColumns =
    "id, code, city_id, name, outgoing_pattern, incoming_pattern, yearly_restart";

Office office_from_row(const Row& r) {
  Office o;
  o.id = r.integer(0);
  o.code = r.text(1);
  o.city_id = r.integer(2);
  o.name = r.text(3);
  o.outgoing_pattern = r.text(4);
  o.incoming_pattern = r.text(5);
  o.yearly_restart = r.integer(6) != 0;
  return o;
}

OfficeRequisites requisites_from_row(const Row& r) {
  return OfficeRequisites{r.text(0), r.text(1), r.text(2), r.text(3),
                          r.text(4), r.text(5), r.text(6), r.text(7)};
}

}  // namespace

OfficeId OfficeStore::create(const Office& o) {
  Database& db = store_.db();
  return db.write_transaction([&] {
    std::string now = now_utc_iso();
    OfficeId id = db.insert(
        "INSERT INTO offices (code, city_id, name, outgoing_pattern, incoming_pattern, "
        "yearly_restart, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        {o.code, o.city_id, o.name, o.outgoing_pattern, o.incoming_pattern, o.yearly_restart, now});
    AuditLog(store_).record("create", "office", std::to_string(id), nullptr, require(id));
    return id;
  });
}

std::optional<Office> OfficeStore::get(OfficeId id) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kOfficeColumns + " FROM offices WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return office_from_row(*row);
}

Office OfficeStore::require(OfficeId id, std::string_view field) {
  auto o = get(id);
  if (!o) throw_not_found("no office with id " + std::to_string(id), std::string(field));
  return *o;
}

std::optional<Office> OfficeStore::find_by_code(std::string_view code) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kOfficeColumns + " FROM offices WHERE code = $1", {code});
  if (!row) return std::nullopt;
  return office_from_row(*row);
}

std::vector<Office> OfficeStore::list(std::optional<CityId> city) {
  std::vector<Office> out;
  auto add = [&](const Row& r) { out.push_back(office_from_row(r)); };
  if (city) {
    store_.db().query_each(
        std::string("SELECT ") + kOfficeColumns + " FROM offices WHERE city_id = $1 ORDER BY code",
        {*city}, add);
  } else {
    store_.db().query_each(std::string("SELECT ") + kOfficeColumns + " FROM offices ORDER BY code",
                           {}, add);
  }
  return out;
}

void OfficeStore::set_requisites(OfficeId office, const OfficeRequisites& r) {
  Database& db = store_.db();
  db.write_transaction([&] {
    require(office);
    nlohmann::json before = nullptr;
    for (const auto& old : requisites(office)) {
      if (old.lang == r.lang) before = old;
    }
    db.execute(
        "INSERT INTO office_requisites (office_id, lang, letterhead, signatory_name, "
        "signatory_title, address, phone, fax, email) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
        "ON CONFLICT (office_id, lang) DO UPDATE SET letterhead = $3, signatory_name = $4, "
        "signatory_title = $5, address = $6, phone = $7, fax = $8, email = $9",
        {office, r.lang, r.letterhead, r.signatory_name, r.signatory_title, r.address, r.phone,
         r.fax, r.email});
    db.execute("UPDATE offices SET updated_at = $2 WHERE id = $1", {office, now_utc_iso()});
    AuditLog(store_).record("requisites", "office", std::to_string(office), before, r);
  });
}

std::vector<OfficeRequisites> OfficeStore::requisites(OfficeId office) {
  std::vector<OfficeRequisites> out;
  store_.db().query_each(
      "SELECT lang, letterhead, signatory_name, signatory_title, address, phone, fax, email "
      "FROM office_requisites WHERE office_id = $1 ORDER BY lang",
      {office}, [&](const Row& r) { out.push_back(requisites_from_row(r)); });
  return out;
}

std::int64_t OfficeStore::take_sequence(OfficeId office, std::string_view series, int year) {
  auto rows = store_.db().query(
      "INSERT INTO office_counters (office_id, series, year, next_seq) VALUES ($1, $2, $3, 2) "
      "ON CONFLICT (office_id, series, year) DO UPDATE "
      "SET next_seq = office_counters.next_seq + 1 RETURNING next_seq - 1",
      {office, series, year});
  if (rows.size() != 1) {
    throw Error(ErrorCode::kUnavailable, "the numbering counter of office #" +
                                             std::to_string(office) + " returned no value");
  }
  return rows[0].integer(0);
}

void OfficeStore::reserve_sequence(OfficeId office, std::string_view series, int year,
                                   std::int64_t used) {
  store_.db().execute(
      "INSERT INTO office_counters (office_id, series, year, next_seq) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (office_id, series, year) DO UPDATE SET next_seq = CASE WHEN "
      "office_counters.next_seq > $4 THEN office_counters.next_seq ELSE $4 END",
      {office, series, year, used + 1});
}

std::int64_t OfficeStore::peek_sequence(OfficeId office, std::string_view series, int year) {
  auto row = store_.db().query_one(
      "SELECT next_seq FROM office_counters WHERE office_id = $1 AND series = $2 AND year = $3",
      {office, series, year});
  return row ? row->integer(0) : 1;
}

}  // namespace twinning::store
