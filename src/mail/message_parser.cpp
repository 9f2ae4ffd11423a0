#include "mail/message_parser.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

#include "letters/attachments.h"
#include "mail/gmime_support.h"
#include "model/error.h"
#include "model/text.h"
#include "store/encoding.h"

namespace twinning::mail {
namespace {

struct GFree {
  void operator()(void* p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Text as valid UTF-8 without control characters other than line breaks and
// tabs (PostgreSQL refuses NUL; a register shows none of the others).
std::string clean_text(std::string_view in) {
  GString_ valid(g_utf8_make_valid(in.data(), static_cast<gssize>(in.size())));
  std::string out;
  for (const char* p = valid.get(); *p; ++p) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c == '\r') continue;
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) continue;
    out += static_cast<char>(c);
  }
  return out;
}

std::string clean_text(const char* in) { return in ? clean_text(std::string_view(in)) : ""; }

void add_addresses(InternetAddressList* list, std::vector<std::string>& out, int depth = 0) {
  if (!list || depth > 4) return;
  int n = internet_address_list_length(list);
  for (int i = 0; i < n; ++i) {
    InternetAddress* a = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
      const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
      std::string s = lower(clean_text(addr));
      if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    } else if (INTERNET_ADDRESS_IS_GROUP(a)) {
      add_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)), out,
                    depth + 1);
    }
  }
}

void add_header_addresses(GMimeObject* object, const char* header, std::vector<std::string>& out) {
  const char* value = g_mime_object_get_header(object, header);
  if (!value) return;
  GPtr<InternetAddressList> list(internet_address_list_parse(nullptr, value));
  add_addresses(list.get(), out);
}

std::string strip_angles(std::string id) {
  id = std::string(trim(id));
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  return id;
}

void add_references(const char* header_value, std::vector<std::string>& out, bool newest_first) {
  if (!header_value) return;
  GMimeReferences* refs = g_mime_references_parse(nullptr, header_value);
  if (!refs) return;
  std::vector<std::string> ids;
  for (int i = 0; i < g_mime_references_length(refs); ++i) {
    std::string id = clean_text(g_mime_references_get_message_id(refs, i));
    if (!id.empty()) ids.push_back(id);
  }
  g_mime_references_free(refs);
  if (newest_first) std::reverse(ids.begin(), ids.end());
  for (auto& id : ids) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
}

std::string part_bytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return {};
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, mem.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

std::string part_text(GMimePart* part) {
  if (GMIME_IS_TEXT_PART(part)) {
    GString_ text(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
    if (text) return clean_text(text.get());
  }
  return clean_text(part_bytes(part));
}

std::string mime_type(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (!type) return "application/octet-stream";
  GString_ s(g_mime_content_type_get_mime_type(type));
  return s ? lower(clean_text(s.get())) : "application/octet-stream";
}

// Header fields of one block of a message/delivery-status body (RFC 3464),
// names lower case, continuation lines unfolded.
using FieldBlock = std::vector<std::pair<std::string, std::string>>;

std::vector<FieldBlock> field_blocks(std::string_view body) {
  std::vector<FieldBlock> blocks(1);
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (trim(line).empty()) {
      if (!blocks.back().empty()) blocks.emplace_back();
    } else if ((line[0] == ' ' || line[0] == '\t') && !blocks.back().empty()) {
      blocks.back().back().second += " " + std::string(trim(line));
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
      blocks.back().emplace_back(lower(std::string(trim(line.substr(0, colon)))),
                                 std::string(trim(line.substr(colon + 1))));
    }
    if (end == body.size()) break;
  }
  return blocks;
}

std::string field(const FieldBlock& block, std::string_view name) {
  for (const auto& [k, v] : block) {
    if (k == name) return v;
  }
  return {};
}

// "rfc822; Hiroshima@Example.JP" -> "hiroshima@example.jp"
std::string typed_address(std::string value) {
  auto semi = value.find(';');
  if (semi != std::string::npos) value = value.substr(semi + 1);
  return lower(strip_angles(value));
}

void read_delivery_status(std::string_view body, DeliveryReport& report) {
  auto blocks = field_blocks(body);
  // The first block is about the message; each later one about a recipient.
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    const FieldBlock& b = blocks[i];
    std::string address = typed_address(field(b, "final-recipient"));
    if (address.empty()) address = typed_address(field(b, "original-recipient"));
    std::string action = lower(field(b, "action"));
    std::string status = field(b, "status");
    if (address.empty()) continue;
    bool failed = action == "failed" || (action.empty() && !status.empty() && status[0] == '5');
    if (!failed) continue;
    report.failed.push_back(
        {clean_text(address), clean_text(status), clean_text(field(b, "diagnostic-code"))});
  }
}

void read_returned_headers(GMimeMessage* original, DeliveryReport& report) {
  if (!original) return;
  report.original_message_id = clean_text(g_mime_message_get_message_id(original));
  add_addresses(g_mime_message_get_to(original), report.original_recipients);
  add_addresses(g_mime_message_get_cc(original), report.original_recipients);
}

GPtr<GMimeMessage> parse_bytes(std::string_view raw) {
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  return GPtr<GMimeMessage>(g_mime_parser_construct_message(parser.get(), nullptr));
}

class PartWalker {
 public:
  explicit PartWalker(ParsedMessage& m) : m_(m) {}

  void walk(GMimeObject* object, int depth) {
    if (!object || depth > 32) return;  // a hostile nesting depth
    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      bool report = mime_type(object) == "multipart/report";
      const char* report_type = g_mime_object_get_content_type_parameter(object, "report-type");
      if (report && report_type && lower(report_type) == "delivery-status") {
        if (!m_.report) m_.report.emplace();
        in_report_ = true;
      }
      bool alternative = mime_type(object) == "multipart/alternative";
      int n = g_mime_multipart_get_count(multipart);
      for (int i = 0; i < n; ++i) {
        walk(g_mime_multipart_get_part(multipart, i), depth + 1);
        // Of an alternative, the first readable text is the body.
        if (alternative && !plain_.empty()) break;
      }
      return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      if (in_report_ && m_.report) {
        read_returned_headers(inner, *m_.report);
        return;
      }
      // A forwarded message is kept as an attachment, never read as ours.
      if (inner) {
        GString_ text(g_mime_object_to_string(GMIME_OBJECT(inner), nullptr));
        if (text) add_attachment("forwarded-message.eml", "message/rfc822", text.get());
      }
      return;
    }
    if (!GMIME_IS_PART(object)) return;
    GMimePart* part = GMIME_PART(object);
    std::string type = mime_type(object);
    if (in_report_ && m_.report && type == "message/delivery-status") {
      read_delivery_status(part_bytes(part), *m_.report);
      return;
    }
    if (in_report_ && m_.report && type == "text/rfc822-headers") {
      GPtr<GMimeMessage> headers = parse_bytes(part_bytes(part));
      read_returned_headers(headers.get(), *m_.report);
      return;
    }
    bool attachment = g_mime_part_is_attachment(part);
    if (!attachment && type == "text/plain") {
      if (plain_.empty()) plain_ = part_text(part);
      return;
    }
    if (!attachment && type == "text/html") {
      if (html_.empty()) html_ = part_text(part);
      return;
    }
    std::string bytes = part_bytes(part);
    add_attachment(clean_text(g_mime_part_get_filename(part)), type, std::move(bytes));
  }

  void finish() { m_.text = !plain_.empty() ? plain_ : html_to_text(html_); }

 private:
  void add_attachment(std::string name, std::string type, std::string bytes) {
    ++count_;
    name = safe_attachment_name(name, "attachment-" + std::to_string(count_));
    name = unique_name(name);
    if (bytes.size() > letters::kMaxAttachmentBytes) {
      m_.refused.push_back({name, bytes.size(),
                            "attachment '" + name + "' is " + std::to_string(bytes.size()) +
                                " bytes; the limit is " +
                                std::to_string(letters::kMaxAttachmentBytes)});
      return;
    }
    if (m_.attachments.size() >= letters::kMaxAttachments) {
      m_.refused.push_back({name, bytes.size(),
                            "attachment '" + name + "' is beyond the " +
                                std::to_string(letters::kMaxAttachments) +
                                " files a letter may carry"});
      return;
    }
    std::string sha = store::sha256_hex(bytes);
    m_.attachments.push_back({name, type, std::move(bytes), sha});
  }

  // A letter keeps one attachment per name: "scan.pdf", "scan-2.pdf".
  std::string unique_name(const std::string& name) {
    if (names_.insert(name).second) return name;
    auto dot = name.rfind('.');
    std::string stem = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
    std::string ext = dot == std::string::npos || dot == 0 ? "" : name.substr(dot);
    for (int i = 2;; ++i) {
      std::string candidate = stem + "-" + std::to_string(i) + ext;
      if (names_.insert(candidate).second) return candidate;
    }
  }

  ParsedMessage& m_;
  std::string plain_, html_;
  bool in_report_ = false;
  int count_ = 0;
  std::set<std::string> names_;
};

bool says_auto_submitted(GMimeObject* headers) {
  auto header = [&](const char* name) {
    const char* v = g_mime_object_get_header(headers, name);
    return v ? lower(std::string(trim(v))) : std::string();
  };
  std::string auto_submitted = header("Auto-Submitted");
  if (!auto_submitted.empty() && auto_submitted.rfind("no", 0) != 0) return true;
  if (!header("X-Autoreply").empty() || !header("X-Autorespond").empty()) return true;
  if (header("X-Autogenerated") == "reply") return true;
  std::string precedence = header("Precedence");
  return precedence == "auto_reply";
}

}  // namespace

std::string safe_attachment_name(std::string_view name, std::string_view fallback) {
  std::string s = clean_text(name);
  auto slash = s.find_last_of("/\\");
  if (slash != std::string::npos) s = s.substr(slash + 1);
  std::string out;
  for (char c : s) {
    if (c == '\t' || c == '\n') c = ' ';
    out += c;
  }
  out = std::string(trim(out));
  if (out.size() > 255) {
    auto dot = out.rfind('.');
    std::string ext = dot != std::string::npos && out.size() - dot <= 16 ? out.substr(dot) : "";
    out = std::string(utf8_prefix(out, 255 - ext.size())) + ext;
  }
  if (out.empty() || out == "." || out == ".." || out[0] == '.') {
    out = out.empty() || out == "." || out == ".." ? std::string(fallback) : "_" + out;
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string out;
  std::size_t i = 0;
  auto lower_at = [&](std::size_t at, std::string_view word) {
    if (at + word.size() > html.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (std::tolower(static_cast<unsigned char>(html[at + k])) != word[k]) return false;
    }
    return true;
  };
  auto skip_past = [&](std::string_view end_tag) {
    while (i < html.size() && !lower_at(i, end_tag)) ++i;
    i = std::min(html.size(), i + end_tag.size());
  };
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (lower_at(i, "<!--")) {
        skip_past("-->");
        continue;
      }
      std::size_t close = html.find('>', i);
      std::size_t name_start = i + 1 + (i + 1 < html.size() && html[i + 1] == '/' ? 1 : 0);
      std::string name;
      for (std::size_t k = name_start; k < html.size() && std::isalnum(static_cast<unsigned char>(html[k])); ++k) {
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[k])));
      }
      bool closing = name_start == i + 2;
      i = close == std::string_view::npos ? html.size() : close + 1;
      if (!closing && (name == "script" || name == "style" || name == "head" || name == "title")) {
        skip_past("</" + name);
        std::size_t end = html.find('>', i);
        i = end == std::string_view::npos ? html.size() : end + 1;
        continue;
      }
      static const std::set<std::string> blocks = {"br", "p", "div", "li", "tr", "h1", "h2",
                                                   "h3", "h4", "h5", "h6", "table", "blockquote"};
      if (blocks.count(name)) out += '\n';
      else if (name == "td" || name == "th") out += ' ';
      continue;
    }
    if (c == '&') {
      std::size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string entity(html.substr(i + 1, semi - i - 1));
        static const std::pair<const char*, const char*> named[] = {
            {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
        bool done = false;
        for (const auto& [n, v] : named) {
          if (entity == n) {
            out += v;
            done = true;
          }
        }
        if (!done && entity.size() > 1 && entity[0] == '#') {
          unsigned long code = 0;
          bool hex = entity[1] == 'x' || entity[1] == 'X';
          std::string digits = entity.substr(hex ? 2 : 1);
          bool ok = !digits.empty() && digits.size() <= 7;
          for (char d : digits) ok &= hex ? std::isxdigit(static_cast<unsigned char>(d)) != 0
                                          : std::isdigit(static_cast<unsigned char>(d)) != 0;
          if (ok) code = std::stoul(digits, nullptr, hex ? 16 : 10);
          if (ok && code >= 0x20 && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF)) {
            char buf[8];
            int len = g_unichar_to_utf8(static_cast<gunichar>(code), buf);
            out.append(buf, static_cast<std::size_t>(len));
            done = true;
          }
        }
        if (done) {
          i = semi + 1;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  // Fold runs of blanks and of empty lines.
  std::string folded;
  int newlines = 0;
  bool space = false;
  for (char c : clean_text(out)) {
    if (c == '\n') {
      ++newlines;
      space = false;
      continue;
    }
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (!folded.empty()) {
      if (newlines > 0) folded += newlines > 1 ? "\n\n" : "\n";
      else if (space) folded += ' ';
    }
    newlines = 0;
    space = false;
    folded += c;
  }
  return folded;
}

ParsedMessage parse_message(std::string_view raw) {
  if (raw.empty()) throw_invalid("the message is empty", "message");
  if (raw.size() > kMaxMessageBytes) {
    throw_invalid("the message is " + std::to_string(raw.size()) + " bytes; the limit is " +
                      std::to_string(kMaxMessageBytes),
                  "message");
  }
  init_gmime();
  ParsedMessage m;
  GPtr<GMimeMessage> message = parse_bytes(raw);
  if (!message) return m;
  GMimeObject* headers = GMIME_OBJECT(message.get());

  std::vector<std::string> from;
  add_addresses(g_mime_message_get_from(message.get()), from);
  if (!from.empty()) m.from = from.front();
  InternetAddressList* from_list = g_mime_message_get_from(message.get());
  if (from_list && internet_address_list_length(from_list) > 0) {
    m.from_name = clean_text(internet_address_get_name(internet_address_list_get_address(from_list, 0)));
  }
  add_addresses(g_mime_message_get_to(message.get()), m.recipients);
  add_addresses(g_mime_message_get_cc(message.get()), m.recipients);
  for (const char* h : {"Delivered-To", "X-Original-To", "Envelope-To"}) {
    add_header_addresses(headers, h, m.recipients);
  }
  m.subject = std::string(trim(clean_text(g_mime_message_get_subject(message.get()))));
  if (GDateTime* date = g_mime_message_get_date(message.get())) {
    GDateTime* utc = g_date_time_to_utc(date);
    if (utc) {
      int year = g_date_time_get_year(utc);
      if (year >= 1 && year <= 9999) {
        GString_ day(g_date_time_format(utc, "%Y-%m-%d"));
        if (day) m.date = day.get();
      }
      g_date_time_unref(utc);
    }
  }
  m.message_id = clean_text(g_mime_message_get_message_id(message.get()));
  add_references(g_mime_object_get_header(headers, "In-Reply-To"), m.references, false);
  add_references(g_mime_object_get_header(headers, "References"), m.references, true);
  m.auto_reply = says_auto_submitted(headers);

  PartWalker walker(m);
  walker.walk(g_mime_message_get_mime_part(message.get()), 0);
  walker.finish();
  return m;
}

}  // namespace twinning::mail
