// The cryptography of authentication, all of it libsodium: Argon2id password
// hashes, random bearer tokens, and the digests under which tokens are
// stored. Nothing here is hand-rolled. Every function is thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace twinning::auth {

// Argon2id computations (hash_password, verify_password) that may run at
// once in this process, whatever the load: each takes 64 MiB, so together
// they never take more than this times 64 MiB. Further callers wait for a
// slot, up to 30 s (then Error(kUnavailable)).
inline constexpr int kMaxConcurrentPasswordHashes = 2;

// An Argon2id hash string ("$argon2id$v=19$m=65536,t=2,p=1$...") of
// `password` with libsodium's interactive limits (about 64 MiB, ~0.1 s).
// Throws Error(kUnavailable) if memory for hashing cannot be had, or no
// slot (kMaxConcurrentPasswordHashes) frees within 30 s.
std::string hash_password(std::string_view password);

// True if `password` matches `hash` (made by hash_password). False for an
// empty or malformed hash. Throws Error(kUnavailable) as hash_password when
// no slot frees.
bool verify_password(const std::string& hash, std::string_view password);

// Burns the time of one verify_password, for a login whose user does not
// exist, so that response times do not tell which names exist.
void verify_password_dummy(std::string_view password);

// A new bearer secret: 32 random bytes, URL-safe base64 without padding,
// prefixed with `prefix` ("tws_" sessions, "twt_" API tokens).
std::string new_token(std::string_view prefix);

// The hex BLAKE2b-256 digest under which a token is stored and looked up.
// Tokens carry 256 random bits, so a fast hash is enough (no salt needed).
std::string token_digest(std::string_view token);

// True if `a` equals `b`, in time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace twinning::auth
