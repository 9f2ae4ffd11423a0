#include "mail/smtp_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace twinning::mail {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  const std::string* data = nullptr;
  std::size_t at = 0;
};

std::size_t read_upload(char* buf, std::size_t size, std::size_t n, void* userp) {
  auto* u = static_cast<Upload*>(userp);
  std::size_t len = std::min(size * n, u->data->size() - u->at);
  u->data->copy(buf, len, u->at);
  u->at += len;
  return len;
}

// The server's reply lines as libcurl's debug callback sees them ("header
// in" data): the last one answers the message when all went well; the
// first 4xx/5xx one says why not (libcurl then QUITs: "221 Bye" comes last).
struct Replies {
  std::string last, first_error;
};

int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* userp) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* replies = static_cast<Replies*>(userp);
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.empty()) return 0;
  replies->last = line;
  if (replies->first_error.empty() && (line[0] == '4' || line[0] == '5')) {
    replies->first_error = line;
  }
  return 0;
}

}  // namespace

struct SmtpSession::Impl {
  SmtpSettings settings;
  CURL* curl = nullptr;
};

SmtpSession::SmtpSession(SmtpSettings settings) : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->settings = std::move(settings);
  impl_->curl = curl_easy_init();
  if (!impl_->curl) throw std::bad_alloc();
}

SmtpSession::~SmtpSession() { curl_easy_cleanup(impl_->curl); }

SmtpOutcome SmtpSession::send(std::string_view from, std::string_view to,
                              const std::string& message) {
  CURL* c = impl_->curl;
  const SmtpSettings& s = impl_->settings;
  std::string mail_from = "<" + std::string(from) + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + std::string(to) + ">").c_str());
  Upload upload{&message, 0};
  Replies replies;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!s.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, s.ca_file.c_str());
  if (!s.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, s.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, s.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &replies);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rcpt);
  // The handle must not keep pointers into this call's locals.
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, nullptr);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);

  SmtpOutcome out;
  if (rc == CURLE_OK) {
    out.kind = SmtpOutcome::Kind::kAccepted;
    out.reply = replies.last.empty() ? "250" : replies.last;
    return out;
  }
  bool server_said = code >= 400 && code < 600 && rc != CURLE_LOGIN_DENIED;
  if (server_said) {
    out.kind = code >= 500 ? SmtpOutcome::Kind::kRefused : SmtpOutcome::Kind::kDeferred;
    out.reply = replies.first_error.empty() ? std::to_string(code) : replies.first_error;
    return out;
  }
  out.kind = SmtpOutcome::Kind::kNoSession;
  out.reply = std::string(curl_easy_strerror(rc)) + (error[0] ? std::string(": ") + error : "");
  return out;
}

}  // namespace twinning::mail
