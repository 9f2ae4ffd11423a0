// The API's routes as the tests expect them, kept in the tests rather than
// derived from the server: for each request (method, route pattern,
// concrete target, a valid body), the exact status each kind of caller gets
// (anonymous, viewer, correspondent, coordinator, admin), and the text
// query parameters the route takes. authorization_matrix_test.cpp checks
// the answers over real HTTP and that the table lists exactly the routes
// the server registers (a new route without a row fails);
// injection_test.cpp sends hostile text in every query parameter, body
// field and path parameter of every row.
//
// Placeholders in `target` and `body`, filled in by the fixture:
//   {coventry} {volgograd} {cologne} {kiel}  city ids (the correspondent's
//                                            city is Cologne)
//   {link}                                   the Coventry-Cologne link id
//   {viewer_user}                            the viewer's user id
//   {caller}                                 "anonymous", "viewer", ...
//   {partner_a} {partner_b}                  two cities not linked yet, a
//                                            pair per caller
//   {qid}                                    a Wikidata id, one per caller
//   {campaign}                               "matrix-<caller>": a campaign of
//                                            Volgograd and Coventry whose
//                                            wave 1 reached Cologne and Kiel
//   {fresh}                                  "fresh-<caller>": one not sent yet
//   {evidence}                               Cologne's reply letter in
//                                            {campaign} (once the reply row ran)
//   {to_cologne} {to_kiel}                   registered letters of the
//                                            "coventry" office to Cologne and
//                                            to Kiel, each with one attachment:
//   {to_cologne_file} {to_kiel_file}         its id
//   {draft_own} {draft_other}                a draft to Kiel, one per caller,
//                                            of the "cologne" and the
//                                            "coventry" office
// Offices: "volgograd", "coventry", "cologne" and "kiel" (which answers
// the letters to Kiel).
// Correspondent rows come in pairs: its own city (Cologne) or country (DE),
// and another (Kiel, RU).
// Rows are sent in order, each by every caller in column order, on one
// server: later rows see what earlier allowed writes did.
#pragma once

#include <string>

#include "model/letter.h"
#include "support/api_fixture.h"

namespace twinning::testing {

struct MatrixRow {
  const char* method;
  const char* pattern;  // exactly as registered
  const char* target;   // with placeholders
  const char* body;     // "" for none; JSON unless content_type says otherwise
  int anonymous, viewer, correspondent, coordinator, admin;
  const char* query = "";  // text query parameters, comma-separated
  const char* content_type = "application/json";
};

// clang-format off
inline constexpr MatrixRow kRouteMatrix[] = {
  // method    pattern                          target
  //   body
  //   anon viewer corr. coord. admin  query parameters
  {"GET",    "/api/health",                   "/api/health", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/openapi.yaml",             "/api/openapi.yaml", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/session",                  "/api/session", "",
     200,  200,  200,  200,  200},
  {"POST",   "/api/session",                  "/api/session",
     R"({"name": "matrix-login", "password": "matrix password 1"})",
     200,  200,  200,  200,  200},
  {"DELETE", "/api/session",                  "/api/session", "",
     401,  204,  204,  204,  204},
  {"GET",    "/api/users",                    "/api/users?role=viewer", "",
     401,  403,  403,  403,  200,  "role"},
  {"POST",   "/api/users",                    "/api/users",
     R"({"name": "matrix-{caller}", "role": "viewer"})",
     401,  403,  403,  403,  201},
  {"GET",    "/api/users/{id}",               "/api/users/{viewer_user}", "",
     401,  403,  403,  403,  200},
  {"PATCH",  "/api/users/{id}",               "/api/users/{viewer_user}",
     R"({"disabled": false})",
     401,  403,  403,  403,  200},
  {"POST",   "/api/users/{id}/tokens",        "/api/users/{viewer_user}/tokens",
     R"({"label": "matrix {caller}"})",
     401,  403,  403,  403,  201},
  {"GET",    "/api/audit",                    "/api/audit?entity=city", "",
     401,  403,  403,  200,  200,  "entity,entity_id,actor"},
  {"GET",    "/api/countries",                "/api/countries?region=Europe", "",
     200,  200,  200,  200,  200,  "region,sort"},
  {"GET",    "/api/cities",                   "/api/cities?search=kiel", "",
     200,  200,  200,  200,  200,  "search,country"},
  {"POST",   "/api/cities",                   "/api/cities",
     R"({"name": "Matrix {caller}", "country": "PL", "names": [{"name": "Matrix alt {caller}", "lang": "de"}], "head_name": "Mayor", "head_title": "Mayor", "postal_address": "Rynek 1", "phone": "+48 1", "fax": "+48 2", "email": "office@example.org", "languages": ["pl"], "wikidata_id": "{qid}"})",
     401,  403,  403,  201,  201},
  {"GET",    "/api/cities/{id}",              "/api/cities/{kiel}", "",
     200,  200,  200,  200,  200},
  // A correspondent changes no registry entry, not even its own city's.
  {"PATCH",  "/api/cities/{id}",              "/api/cities/{cologne}",
     R"({"head_name": "Oberbürgermeisterin {caller}", "email": "stadt@koeln.example"})",
     401,  403,  403,  200,  200},
  {"PATCH",  "/api/cities/{id}",              "/api/cities/{kiel}",
     R"({"head_name": "Oberbürgermeister {caller}", "phone": "+49 431 901"})",
     401,  403,  403,  200,  200},
  {"POST",   "/api/cities/{id}/names",        "/api/cities/{cologne}/names",
     R"({"name": "Köln {caller}", "lang": "de", "kind": "alternate"})",
     401,  403,  403,  201,  201},
  {"POST",   "/api/cities/{id}/names",        "/api/cities/{kiel}/names",
     R"({"name": "Kiel {caller}", "lang": "da", "kind": "alternate"})",
     401,  403,  403,  201,  201},
  {"GET",    "/api/cities/{id}/twins",        "/api/cities/{kiel}/twins", "",
     200,  200,  200,  200,  200,  "kind,status,sort"},
  {"GET",    "/api/city-names",               "/api/city-names?lang=ru", "",
     200,  200,  200,  200,  200,  "lang"},
  {"GET",    "/api/stats",                    "/api/stats", "",
     200,  200,  200,  200,  200},
  {"POST",   "/api/links",                    "/api/links",
     R"({"city_a": {partner_a}, "city_b": {partner_b}, "kind": "partner", "since": "1967", "source": "matrix {caller}", "notes": "note"})",
     401,  403,  403,  201,  201},
  {"GET",    "/api/links/{id}",               "/api/links/{link}", "",
     200,  200,  200,  200,  200},
  {"PATCH",  "/api/links/{id}",               "/api/links/{link}",
     R"({"notes": "matrix {caller}", "source": "minutes"})",
     401,  403,  403,  200,  200},
  {"GET",    "/api/links/{id}/events",        "/api/links/{link}/events", "",
     200,  200,  200,  200,  200},
  {"POST",   "/api/links/{id}/events",        "/api/links/{link}/events",
     R"({"date": "1967-05", "text": "Matrix {caller}", "source": "archive"})",
     401,  403,  403,  201,  201},
  {"POST",   "/api/import/wikipedia-csv",     "/api/import/wikipedia-csv?name=matrix.csv",
     "city1,country1,city2,country2\nKiel,Germany,Brest,France\n",
     401,  403,  403,  200,  200,  "name", "text/csv"},
  {"GET",    "/api/quality",                  "/api/quality?limit=5", "",
     200,  200,  200,  200,  200},
  {"POST",   "/api/geocode",                  "/api/geocode", "",
     401,  403,  403,  200,  200},
  {"GET",    "/api/geocode/reviews",          "/api/geocode/reviews?limit=5", "",
     200,  200,  200,  200,  200},
  // Kiel's point is its gazetteer place: not on the review list.
  {"POST",   "/api/cities/{id}/geocode",      "/api/cities/{kiel}/geocode", R"({"keep": true})",
     401,  403,  403,  404,  404},
  {"GET",    "/api/export/csv",               "/api/export/csv", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/export/geojson",           "/api/export/geojson", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/export/graphml",           "/api/export/graphml", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/map",                      "/api/map", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/reach",                    "/api/reach?from={coventry}&hops=2", "",
     200,  200,  200,  200,  200,  "from"},
  {"GET",    "/api/chain",                    "/api/chain?from={kiel}&to={volgograd}", "",
     200,  200,  200,  200,  200,  "from,to"},
  {"GET",    "/api/network/bridges",          "/api/network/bridges?from={coventry}&top=3", "",
     200,  200,  200,  200,  200,  "from"},
  {"GET",    "/api/network/centrality",       "/api/network/centrality?top=3&threads=1", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/forecast",                 "/api/forecast?seed={coventry}&runs=200&threads=1", "",
     200,  200,  200,  200,  200,  "seed,campaign"},
  {"GET",    "/api/plan",                     "/api/plan?seed={coventry}&budget=1&runs=50&threads=1", "",
     200,  200,  200,  200,  200,  "seed,campaign"},
  // Campaigns: reads are public; coordinators and admins run them; a
  // correspondent records what happened in its own city and country only.
  {"GET",    "/api/campaigns",                "/api/campaigns", "",
     200,  200,  200,  200,  200},
  {"POST",   "/api/campaigns",                "/api/campaigns",
     R"({"code": "new-{caller}", "title": "Matrix {caller}", "originators": [{volgograd}, "Coventry, GB"], "asks": ["Ask your ministry"], "initiative": "UN year", "template": "appeal-2013", "target": "UN GA", "starts_on": "2013-09-06"})",
     401,  403,  403,  201,  201},
  {"GET",    "/api/campaigns/{code}",         "/api/campaigns/{campaign}", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/campaigns/{code}/status",  "/api/campaigns/{campaign}/status?as_of=2014-01-01", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/campaigns/{code}/timeline", "/api/campaigns/{campaign}/timeline", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/campaigns/{code}/chain/{city}", "/api/campaigns/{campaign}/chain/{cologne}", "",
     200,  200,  200,  200,  200},
  {"GET",    "/api/campaigns/{code}/countries-map", "/api/campaigns/{campaign}/countries-map", "",
     200,  200,  200,  200,  200},
  {"POST",   "/api/campaigns/{code}/titles",  "/api/campaigns/{campaign}/titles",
     R"({"lang": "ru", "title": "Год побратимов {caller}"})",
     401,  403,  403,  200,  200},
  {"POST",   "/api/campaigns/{code}/send",    "/api/campaigns/{fresh}/send",
     R"({"date": "2013-09-06", "number": ""})",
     401,  403,  403,  200,  200},
  {"POST",   "/api/campaigns/{code}/receive", "/api/campaigns/{campaign}/receive",
     R"({"city": {cologne}, "date": "2013-09-20"})",
     401,  403,  200,  200,  200},
  {"POST",   "/api/campaigns/{code}/receive", "/api/campaigns/{campaign}/receive",
     R"({"city": {kiel}, "date": "2013-09-21"})",
     401,  403,  403,  200,  200},
  {"POST",   "/api/campaigns/{code}/reply",   "/api/campaigns/{campaign}/reply",
     R"({"city": "Cologne, DE", "date": "2013-10-01", "their_number": "K-2013/77", "their_date": "2013-09-30", "stance": "supports", "subject": "Reply", "body": "Cologne supports it."})",
     401,  403,  200,  200,  200},
  {"POST",   "/api/campaigns/{code}/reply",   "/api/campaigns/{campaign}/reply",
     R"({"city": {kiel}, "date": "2013-10-02", "their_number": "KI-1", "their_date": "2013-10-01", "subject": "Reply", "body": "Kiel too."})",
     401,  403,  403,  200,  200},
  {"POST",   "/api/campaigns/{code}/forward", "/api/campaigns/{campaign}/forward",
     R"({"city": {cologne}, "date": "2013-10-03"})",
     401,  403,  200,  200,  200},
  {"POST",   "/api/campaigns/{code}/forward", "/api/campaigns/{campaign}/forward",
     R"({"city": {kiel}, "date": "2013-10-04"})",
     401,  403,  403,  200,  200},
  {"GET",    "/api/campaigns/{code}/forward-candidates", "/api/campaigns/{campaign}/forward-candidates?city={cologne}", "",
     401,  403,  200,  200,  200, "city"},
  {"GET",    "/api/campaigns/{code}/forward-candidates", "/api/campaigns/{campaign}/forward-candidates?city={kiel}", "",
     401,  403,  403,  200,  200, "city"},
  {"POST",   "/api/campaigns/{code}/ask",     "/api/campaigns/{campaign}/ask",
     R"({"country": "DE", "date": "2013-10-05"})",
     401,  403,  200,  200,  200},
  {"POST",   "/api/campaigns/{code}/ask",     "/api/campaigns/{campaign}/ask",
     R"({"country": "RU", "date": "2013-10-05"})",
     401,  403,  403,  200,  200},
  {"POST",   "/api/campaigns/{code}/endorse", "/api/campaigns/{campaign}/endorse",
     R"({"country": "DE", "evidence": {evidence}, "date": "2013-11-01", "notes": "Note verbale"})",
     401,  403,  200,  200,  200},
  {"POST",   "/api/campaigns/{code}/endorse", "/api/campaigns/{campaign}/endorse",
     R"({"country": "RU", "evidence": {evidence}, "declined": false, "date": "2013-11-02", "notes": "MFA"})",
     401,  403,  403,  200,  200},
  {"GET",    "/api/campaigns/{code}/ministry-countries", "/api/campaigns/{campaign}/ministry-countries?lang=ru", "",
     200,  200,  200,  200,  200, "lang"},
  {"POST",   "/api/campaigns/{code}/ministry-correction", "/api/campaigns/{campaign}/ministry-correction",
     R"({"country": "RU", "state": "asked", "reason": "Matrix correction by {caller}"})",
     401,  403,  403,  200,  200},
  {"POST",   "/api/campaigns/{code}/remind",  "/api/campaigns/{campaign}/remind",
     R"({"as_of": "2014-06-01", "dry_run": true, "min_days": 0})",
     401,  403,  403,  200,  200},
  // The correspondence register: not public; a correspondent reads its
  // city's letters and writes only in its city's office (another city's
  // letter, another office: 403).
  {"GET",    "/api/letters",                  "/api/letters?direction=outgoing&limit=5", "",
     401,  403,  200,  200,  200,  "direction,city,office,campaign,status"},
  {"POST",   "/api/letters",                  "/api/letters",
     R"({"office": "cologne", "addressees": [{"city_id": {kiel}, "title": "Mayor"}], "lang": "en", "subject": "Matrix {caller}", "body": "Matrix {caller}."})",
     401,  403,  201,  201,  201},
  {"POST",   "/api/letters",                  "/api/letters",
     R"({"office": "coventry", "addressees": [{"city_id": {kiel}}], "lang": "en", "body": "Matrix {caller}.", "register": true, "date": "2013-10-01"})",
     401,  403,  403,  201,  201},
  {"POST",   "/api/letters/incoming",         "/api/letters/incoming",
     R"({"office": "cologne", "sender": {"city_id": {kiel}, "signatory_name": "Matrix {caller}"}, "sender_number": "KI-{caller}", "sender_date": "2013-10-02", "subject": "Matrix {caller}", "body": "Incoming."})",
     401,  403,  201,  201,  201},
  {"POST",   "/api/letters/incoming",         "/api/letters/incoming",
     R"({"office": "coventry", "sender": {"city_id": {kiel}}, "subject": "Matrix {caller}", "body": "Incoming."})",
     401,  403,  403,  201,  201},
  {"GET",    "/api/letters/{id}",             "/api/letters/{to_cologne}", "",
     401,  403,  200,  200,  200},
  {"GET",    "/api/letters/{id}",             "/api/letters/{to_kiel}", "",
     401,  403,  403,  200,  200},
  {"GET",    "/api/letters/{id}/pdf",         "/api/letters/{to_cologne}/pdf", "",
     401,  403,  200,  200,  200},
  {"GET",    "/api/letters/{id}/pdf",         "/api/letters/{to_kiel}/pdf", "",
     401,  403,  403,  200,  200},
  {"POST",   "/api/letters/{id}/attachments", "/api/letters/{draft_own}/attachments?name=matrix-{caller}.txt",
     "Matrix attachment.",
     401,  403,  201,  201,  201,  "name", "text/plain"},
  {"POST",   "/api/letters/{id}/attachments", "/api/letters/{draft_other}/attachments?name=matrix-{caller}.txt",
     "Matrix attachment.",
     401,  403,  403,  201,  201,  "name", "text/plain"},
  {"GET",    "/api/letters/{id}/attachments/{attachment}", "/api/letters/{to_cologne}/attachments/{to_cologne_file}", "",
     401,  403,  200,  200,  200},
  {"GET",    "/api/letters/{id}/attachments/{attachment}", "/api/letters/{to_kiel}/attachments/{to_kiel_file}", "",
     401,  403,  403,  200,  200},
  {"POST",   "/api/letters/{id}/register",    "/api/letters/{draft_own}/register",
     R"({"date": "2013-10-03"})",
     401,  403,  200,  200,  200},
  {"POST",   "/api/letters/{id}/register",    "/api/letters/{draft_other}/register",
     R"({"date": "2013-10-03"})",
     401,  403,  403,  200,  200},
  {"POST",   "/api/letters/{id}/reply",       "/api/letters/{to_cologne}/reply",
     R"({"body": "Matrix reply {caller}.", "lang": "en"})",
     401,  403,  201,  201,  201},
  {"POST",   "/api/letters/{id}/reply",       "/api/letters/{to_kiel}/reply",
     R"({"body": "Matrix reply {caller}.", "lang": "en"})",
     401,  403,  403,  201,  201},
  {"POST",   "/api/letters/{id}/forward",     "/api/letters/{to_cologne}/forward",
     R"({"addressees": [{"city_id": {kiel}}], "body": "Matrix forward {caller}."})",
     401,  403,  201,  201,  201},
  {"POST",   "/api/letters/{id}/forward",     "/api/letters/{to_kiel}/forward",
     R"({"addressees": [{"city_id": {volgograd}}], "body": "Matrix forward {caller}."})",
     401,  403,  403,  201,  201},
  {"POST",   "/api/letters/{id}/correct",     "/api/letters/{to_cologne}/correct",
     R"({"body": "Matrix correction {caller}."})",
     401,  403,  403,  201,  201},
  {"POST",   "/api/letters/{id}/sent",        "/api/letters/{draft_own}/sent",
     R"({"date": "2013-10-04"})",
     401,  403,  200,  200,  200},
  {"POST",   "/api/letters/{id}/sent",        "/api/letters/{draft_other}/sent",
     R"({"date": "2013-10-04"})",
     401,  403,  403,  200,  200},
  // By e-mail: only a writer for the office, and Coventry's office has no
  // mail account (the sending itself: tests/http/letter_send_api_test.cpp).
  {"POST",   "/api/letters/{id}/send",        "/api/letters/{to_kiel}/send", "{}",
     401,  403,  403,  409,  409},
  {"POST",   "/api/letters/preview",          "/api/letters/preview",
     R"({"office": "cologne", "addressees": [{"city_id": {kiel}}], "lang": "en", "body": "Matrix {caller}."})",
     401,  403,  200,  200,  200},
  {"POST",   "/api/letters/preview",          "/api/letters/preview",
     R"({"office": "coventry", "addressees": [{"city_id": {kiel}}], "lang": "en", "body": "Matrix {caller}."})",
     401,  403,  403,  200,  200},
  {"POST",   "/api/letters/preview/pdf",      "/api/letters/preview/pdf",
     R"({"office": "cologne", "addressees": [{"city_id": {kiel}}], "lang": "en", "body": "Matrix {caller}."})",
     401,  403,  200,  200,  200},
  {"POST",   "/api/letters/{id}/remind",      "/api/letters/{to_cologne}/remind",
     R"({"body": "Matrix reminder {caller}."})",
     401,  403,  403,  201,  201},
  {"POST",   "/api/letters/{id}/remind",      "/api/letters/{to_kiel}/remind",
     R"({"body": "Matrix reminder {caller}."})",
     401,  403,  403,  201,  201},
  {"GET",    "/api/offices",                  "/api/offices", "",
     401,  403,  200,  200,  200},
  // Setting up an office is a registry write, even for the correspondent's city.
  {"POST",   "/api/offices",                  "/api/offices",
     R"({"code": "matrix-{caller}", "city_id": {cologne}, "outgoing_pattern": "M-{caller}/{seq}"})",
     401,  403,  403,  201,  201},
  {"GET",    "/api/templates",                "/api/templates", "",
     401,  403,  200,  200,  200},
  {"GET",    "/api/cities/{id}/letter-languages", "/api/cities/{kiel}/letter-languages?template=appeal-2013", "",
     401,  403,  200,  200,  200,  "template"},
  // Incoming mail's triage: coordinators only; the matrix files no mail, so
  // message 999999 does not exist.
  {"GET",    "/api/mail/triage",              "/api/mail/triage?limit=5", "",
     401,  403,  403,  200,  200},
  {"POST",   "/api/mail/triage/{id}/file",    "/api/mail/triage/999999/file",
     R"({"letter": "{to_cologne}"})",
     401,  403,  403,  404,  404},
  {"POST",   "/api/mail/triage/{id}/discard", "/api/mail/triage/999999/discard", "",
     401,  403,  403,  404,  404},
};
// clang-format on

// The callers, in the table's column order.
inline constexpr const char* kCallers[] = {"anonymous", "viewer", "correspondent", "coordinator",
                                           "admin"};

// The answer the table expects for caller `index` (kCallers order).
inline int expected_status(const MatrixRow& row, int index) {
  const int answers[] = {row.anonymous, row.viewer, row.correspondent, row.coordinator, row.admin};
  return answers[index];
}

// The HTTP fixture with what the table's rows need: the user of the login
// row, the placeholders, a client per caller.
class RouteMatrixTest : public ApiTest {
 protected:
  void SetUp() override;

  // The client of caller `index` (kCallers order).
  HttpClient& caller(int index);
  // `text` with the table's placeholders filled in for caller `index`.
  std::string fill(std::string text, int index);
  // Sends `row` as caller `index`, with `target` and `body` if given
  // instead of the row's (already filled in).
  HttpResponse send(const MatrixRow& row, int index, const std::string* target = nullptr,
                    const std::string* body = nullptr);

 private:
  // The letters of the register rows (placeholders {to_cologne} ...).
  LetterId to_cologne_ = 0, to_kiel_ = 0;
  std::int64_t to_cologne_file_ = 0, to_kiel_file_ = 0;
  LetterId draft_own_[5] = {}, draft_other_[5] = {};
};

}  // namespace twinning::testing
