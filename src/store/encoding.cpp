#include "store/encoding.h"

#include <sodium.h>

#include "model/error.h"

namespace twinning::store {
namespace {

void require_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw Error(ErrorCode::kUnavailable, "libsodium could not be initialised");
}

}  // namespace

std::string to_base64(std::string_view bytes) {
  if (bytes.empty()) return "";
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string from_base64(std::string_view text, std::string_view what) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    throw Error(ErrorCode::kUnavailable, std::string(what) + " is not valid base64");
  }
  out.resize(len);
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  require_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace twinning::store
