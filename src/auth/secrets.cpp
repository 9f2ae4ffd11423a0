#include "auth/secrets.h"

#include <sodium.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

#include "model/error.h"

namespace twinning::auth {
namespace {

void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw Error(ErrorCode::kUnavailable, "libsodium could not be initialised");
}

// One of the kMaxConcurrentPasswordHashes slots, held while it lives.
class PasswordHashSlot {
 public:
  PasswordHashSlot() {
    std::unique_lock lock(mutex_);
    if (!freed_.wait_for(lock, std::chrono::seconds(30),
                         [] { return in_use_ < kMaxConcurrentPasswordHashes; })) {
      throw Error(ErrorCode::kUnavailable, "the server is busy checking passwords; try again");
    }
    ++in_use_;
  }
  ~PasswordHashSlot() {
    {
      std::lock_guard lock(mutex_);
      --in_use_;
    }
    freed_.notify_one();
  }
  PasswordHashSlot(const PasswordHashSlot&) = delete;
  PasswordHashSlot& operator=(const PasswordHashSlot&) = delete;

 private:
  static inline std::mutex mutex_;
  static inline std::condition_variable freed_;
  static inline int in_use_ = 0;
};

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  PasswordHashSlot slot;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw Error(ErrorCode::kUnavailable, "out of memory while hashing a password");
  }
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  ensure_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  PasswordHashSlot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_password_dummy(std::string_view password) {
  static const std::string dummy = hash_password("twinning: no such user");
  verify_password(dummy, password);
}

std::string new_token(std::string_view prefix) {
  ensure_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char text[sodium_base64_ENCODED_LEN(sizeof bytes, kVariant)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, kVariant);
  sodium_memzero(bytes, sizeof bytes);
  return std::string(prefix) + text;
}

std::string token_digest(std::string_view token) {
  ensure_sodium();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  ensure_sodium();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace twinning::auth
