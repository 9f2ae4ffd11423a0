#include "mail/imap_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <sstream>

#include "model/error.h"

namespace twinning::mail {
namespace {

std::size_t append_bytes(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

}  // namespace

struct ImapSession::Impl {
  ImapSettings s;
  CURL* curl = nullptr;
  std::string base;     // imaps://host:port
  std::string mailbox;  // INBOX

  // Runs `command` (a custom request when not empty) on `url`; returns
  // what the server sent (untagged responses, or the fetched message).
  std::string run(const std::string& url, const std::string& command) {
    std::string out;
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, command.empty() ? nullptr : command.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_bytes);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    if (rc != CURLE_OK) {
      throw Error(ErrorCode::kUnavailable,
                  "IMAP " + base + "/" + mailbox + ": " +
                      (error[0] ? std::string(error) : curl_easy_strerror(rc)),
                  "imap_url");
    }
    return out;
  }
};

ImapSession::ImapSession(ImapSettings settings) : impl_(std::make_unique<Impl>()) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->s = std::move(settings);
  const std::string& url = impl_->s.url;
  auto scheme = url.find("://");
  auto slash = scheme == std::string::npos ? std::string::npos : url.find('/', scheme + 3);
  impl_->base = slash == std::string::npos ? url : url.substr(0, slash);
  impl_->mailbox = slash == std::string::npos ? "" : url.substr(slash + 1);
  if (impl_->mailbox.empty()) impl_->mailbox = "INBOX";
  CURL* c = impl_->curl = curl_easy_init();
  if (!c) throw Error(ErrorCode::kUnavailable, "libcurl could not start a session");
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!impl_->s.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, impl_->s.ca_file.c_str());
  if (!impl_->s.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, impl_->s.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, impl_->s.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 300L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
}

ImapSession::~ImapSession() {
  if (impl_ && impl_->curl) curl_easy_cleanup(impl_->curl);
}

std::int64_t ImapSession::uid_validity() {
  // STATUS names the mailbox itself; the URL selects none.
  std::string out = impl_->run(impl_->base + "/",
                               "STATUS \"" + impl_->mailbox + "\" (UIDVALIDITY)");
  auto at = out.find("UIDVALIDITY");
  if (at == std::string::npos) {
    throw Error(ErrorCode::kUnavailable, "IMAP server gave no UIDVALIDITY", "imap_url");
  }
  std::int64_t validity = 0;
  std::size_t i = at + 11;
  while (i < out.size() && out[i] == ' ') ++i;
  for (; i < out.size() && std::isdigit(static_cast<unsigned char>(out[i])) && validity < (1LL << 40); ++i) {
    validity = validity * 10 + (out[i] - '0');
  }
  return validity;
}

std::vector<std::int64_t> ImapSession::uids_after(std::int64_t after) {
  std::string out = impl_->run(impl_->base + "/" + impl_->mailbox,
                               "UID SEARCH UID " + std::to_string(after + 1) + ":*");
  std::vector<std::int64_t> uids;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("* SEARCH", 0) != 0) continue;
    std::istringstream words(line.substr(8));
    std::int64_t uid = 0;
    // "n:*" always includes the last message, even below n: keep those above.
    while (words >> uid) {
      if (uid > after) uids.push_back(uid);
    }
  }
  std::sort(uids.begin(), uids.end());
  return uids;
}

std::string ImapSession::fetch(std::int64_t uid) {
  return impl_->run(impl_->base + "/" + impl_->mailbox + "/;UID=" + std::to_string(uid), "");
}

}  // namespace twinning::mail
