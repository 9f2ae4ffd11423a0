// Hostile text everywhere a route takes text (route_matrix.h): SQL
// injection, an encoded quote, NUL bytes, 10 kB strings, invalid UTF-8 and
// path traversal in every text query parameter, every string field of every
// JSON body (nested ones included), the CSV upload and every path
// parameter, sent by a caller the table allows, on both backends. The
// answer is a 4xx or a correct 2xx, never a 5xx; a list never returns rows
// the text does not name (no injected condition widened it); a write that
// was accepted stored the text as sent; a refused write changed nothing.
#include <gtest/gtest.h>

#include <functional>

#include "route_matrix.h"
#include "support/table_dump.h"

namespace twinning::testing {
namespace {

const std::vector<std::string>& attacks() {
  static const std::vector<std::string> kAttacks = {
      "' OR 1=1 --",
      "\"; DROP TABLE cities; --",
      "%27",
      "Robert'); DROP TABLE links;--",
      std::string("nul\0byte", 8),
      std::string(10 * 1024, 'A') + "'",
      "\xff\xfe invalid \xc3\x28 UTF-8",
      "../../etc/passwd",
      "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  };
  return kAttacks;
}

std::string printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s.substr(0, 40)) {
    if (c < 0x20 || c >= 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return s.size() > 40 ? out + "...(" + std::to_string(s.size()) + " bytes)" : out;
}

std::string percent_encoded(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

// `s` as a JSON string literal, its bytes >= 0x80 passed through as they
// are (so that invalid UTF-8 reaches the server as sent).
std::string json_literal(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// The JSON pointers of every string in `j`.
void string_fields(const nlohmann::json& j, const std::string& at, std::vector<std::string>& out) {
  if (j.is_string()) out.push_back(at);
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) string_fields(v, at + "/" + k, out);
  }
  if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      string_fields(j[i], at + "/" + std::to_string(i), out);
  }
}

// True if some string in `j` contains `text`.
bool holds(const nlohmann::json& j, const std::string& text) {
  // Contained, not equal: a forwarded copy's body is the sender's text
  // followed by the template's covering paragraph.
  if (j.is_string()) return j.get<std::string>().find(text) != std::string::npos;
  if (j.is_structured()) {
    for (const auto& v : j) {
      if (holds(v, text)) return true;
    }
  }
  return false;
}

// `target` with query parameter `name` set to `value` (encoded).
std::string with_query(const std::string& target, const std::string& name,
                       const std::string& value) {
  auto q = target.find('?');
  std::string path = target.substr(0, q), kept;
  if (q != std::string::npos) {
    std::string query = target.substr(q + 1);
    std::size_t start = 0;
    while (start <= query.size()) {
      auto amp = query.find('&', start);
      if (amp == std::string::npos) amp = query.size();
      std::string part = query.substr(start, amp - start);
      if (!part.empty() && part.rfind(name + "=", 0) != 0) kept += part + "&";
      start = amp + 1;
    }
  }
  return path + "?" + kept + name + "=" + percent_encoded(value);
}

class Injection : public RouteMatrixTest {
 protected:
  // The caller the table allows for `row` (the last column with a 2xx),
  // or -1.
  static int allowed_caller(const MatrixRow& row) {
    for (int c = 4; c >= 0; --c) {
      if (expected_status(row, c) < 300) return c;
    }
    return -1;
  }

  // Sends one hostile request and checks the answer; `text` is the hostile
  // text, `in_body` whether it went into a body field.
  void probe(const MatrixRow& row, int c, const std::string& target, const std::string& body,
             const std::string& text, bool in_body, const std::string& where) {
    SCOPED_TRACE(std::string(row.method) + " " + row.pattern + ", " + where + " = " +
                 printable(text));
    bool write = std::string(row.method) != "GET";
    if (write && !before_) before_ = dump_tables(store->db());
    auto r = send(row, c, &target, &body);
    ++requests_;
    ASSERT_LT(r.status, 500) << r.body.substr(0, 300);
    ASSERT_GE(r.status, 200);
    EXPECT_EQ(r.body.find("root:x:0:0"), std::string::npos);
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (r.status >= 400) {
      EXPECT_FALSE(r.error_code().empty()) << r.body.substr(0, 300);
      if (!write) return;
      auto now = dump_tables(store->db());
      if (std::string(row.pattern) == "/api/session" && r.status == 401) {
        // A failed login of a well-formed name is recorded for rate
        // limiting, and nothing else.
        EXPECT_LE(now.at("login_attempts").size(), before_->at("login_attempts").size() + 1);
        now.erase("login_attempts");
        before_->erase("login_attempts");
      }
      // PostgreSQL sequences advance even for rolled-back inserts (by design:
      // they are not transactional); the rows are what must not change.
      now.erase("pg_sequences");
      before_->erase("pg_sequences");
      EXPECT_EQ(first_difference(*before_, now), "");
      before_.reset();
      return;
    }
    ++accepted_;
    // No injected condition widened a list: none of the texts names a row.
    if (j.is_object() && j.contains("items")) {
      EXPECT_TRUE(j["items"].empty()) << r.body.substr(0, 300);
    }
    if (write) {
      before_.reset();
      // Stored as sent, not interpreted: the answer (the resource created or
      // changed) holds the text, except secrets, which are never echoed. (A
      // 200 to a POST found the resource there already and changed nothing.)
      bool changed = r.status == 201 || std::string(row.method) == "PATCH";
      if (in_body && changed && where.find("password") == std::string::npos) {
        EXPECT_TRUE(holds(j, text)) << r.body.substr(0, 300);
      }
    }
  }

  std::optional<TableRows> before_;
  int requests_ = 0, accepted_ = 0;
};

TEST_P(Injection, HostileTextIsRefusedOrStoredAsTextNeverExecuted) {
  for (const auto& row : kRouteMatrix) {
    int c = allowed_caller(row);
    if (c < 0) continue;
    std::string target = fill(row.target, c);
    std::string body = fill(row.body, c);
    for (const auto& text : attacks()) {
      // Every text query parameter.
      std::string params = row.query;
      for (std::size_t start = 0; start < params.size();) {
        auto comma = params.find(',', start);
        if (comma == std::string::npos) comma = params.size();
        std::string name = params.substr(start, comma - start);
        probe(row, c, with_query(target, name, text), body, text, false, "?" + name);
        start = comma + 1;
      }
      // Every path parameter: never an id or a code, so a 4xx (431 when two
      // 10 kB parameters make the request line too long).
      auto open = std::string(row.pattern).find('{');
      if (open != std::string::npos) {
        std::string p = row.pattern, hostile;
        for (std::size_t i = 0; i < p.size(); ++i) {
          if (p[i] == '{') {
            i = p.find('}', i);
            hostile += percent_encoded(text);
          } else {
            hostile += p[i];
          }
        }
        auto r = send(row, c, &hostile, &body);
        ++requests_;
        EXPECT_TRUE(r.status >= 400 && r.status < 500)
            << row.method << " " << hostile.substr(0, 100) << " -> " << r.status << " " << r.body;
      }
      if (!*row.body) continue;
      if (std::string(row.content_type) != "application/json") {
        // An upload: the text as a city name of a CSV, or as the bytes of
        // an attached file (its name is a query parameter, probed above).
        std::string upload = body;
        if (auto kiel_at = upload.find("Kiel"); kiel_at != std::string::npos) {
          upload.replace(kiel_at, 4, text);
          probe(row, c, target, upload, text, false, "CSV city1");
        } else {
          probe(row, c, target, text, text, false, "file bytes");
        }
        continue;
      }
      // Every string field of the body, one at a time.
      auto j = nlohmann::json::parse(body);
      std::vector<std::string> fields;
      string_fields(j, "", fields);
      for (const auto& pointer : fields) {
        nlohmann::json hostile = j;
        hostile[nlohmann::json::json_pointer(pointer)] = "@@HOSTILE@@";
        std::string sent = hostile.dump();
        sent.replace(sent.find("\"@@HOSTILE@@\""), 13, json_literal(text));
        probe(row, c, target, sent, text, true, pointer);
      }
    }
  }
  // The tables are all still there.
  EXPECT_EQ(anonymous().get("/api/cities/" + std::to_string(kiel)).status, 200);
  EXPECT_EQ(anonymous().get("/api/links/" + std::to_string(coventry_cologne)).status, 200);
  EXPECT_GT(accepted_, 0);
  std::cout << "injection [" << backend_name(GetParam()) << "]: " << requests_
            << " hostile requests, " << accepted_ << " accepted as text, none a 5xx\n";
}

TWINNING_API_ON_EVERY_BACKEND(Injection);

}  // namespace
}  // namespace twinning::testing
