// The one error type that crosses layer boundaries. Use cases throw it for
// every failure a user can cause or fix; the CLI maps it to exit code 2 and a
// one-line message, the HTTP server to a 4xx JSON body. Anything else that
// escapes (std::bad_alloc, a bug) is an internal error.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace twinning {

enum class ErrorCode {
  kInvalidInput,     // malformed value, bad file, wrong format (HTTP 400)
  kNotFound,         // the named thing does not exist (HTTP 404)
  kAmbiguous,        // a name matches several things; message lists them (HTTP 409)
  kConflict,         // valid input that contradicts the stored state (HTTP 409)
  kUnauthenticated,  // no or bad credentials (HTTP 401)
  kForbidden,        // authenticated but not allowed (HTTP 403)
  kUnavailable,      // the database or a file could not be reached (HTTP 503)
  kRateLimited,      // too many attempts (failed logins); retry later (HTTP 429)
};

// Stable machine-readable name of a code, e.g. "invalid_input".
std::string_view error_code_name(ErrorCode code);

class Error : public std::runtime_error {
 public:
  // `field` names the input at fault ("country", "line 12", "--since"), or is
  // empty when the error is not about one input.
  Error(ErrorCode code, std::string message, std::string field = {})
      : std::runtime_error(std::move(message)), code_(code), field_(std::move(field)) {}

  ErrorCode code() const { return code_; }
  const std::string& field() const { return field_; }
  // Seconds after which the same request may succeed (kRateLimited,
  // kUnavailable), or 0 when the error does not say.
  int retry_after() const { return retry_after_; }
  Error& set_retry_after(int seconds) {
    retry_after_ = seconds;
    return *this;
  }

 private:
  ErrorCode code_;
  std::string field_;
  int retry_after_ = 0;
};

// Shorthands for the common cases.
[[noreturn]] inline void throw_invalid(std::string message, std::string field = {}) {
  throw Error(ErrorCode::kInvalidInput, std::move(message), std::move(field));
}
[[noreturn]] inline void throw_not_found(std::string message, std::string field = {}) {
  throw Error(ErrorCode::kNotFound, std::move(message), std::move(field));
}
[[noreturn]] inline void throw_conflict(std::string message, std::string field = {}) {
  throw Error(ErrorCode::kConflict, std::move(message), std::move(field));
}

}  // namespace twinning
