// Thin wrappers over libsodium: random tokens, SHA-256, argon2id password
// hashes. Call CryptoInit() once at start (it is idempotent and thread-safe).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace dandelion {

//! Initialises libsodium. Returns Internal when the library cannot start.
Status CryptoInit();

//! `bytes` random bytes from the OS CSPRNG, as lowercase hex.
std::string RandomHex(size_t bytes);

//! SHA-256 of `data`, lowercase hex (64 characters).
std::string Sha256Hex(std::string_view data);

//! HMAC-SHA256 of `data` under `key`, lowercase hex: signs outgoing webhooks.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

//! Cost of password hashing. kInteractive for real use; kMinimum only for
//! tests and the demo seeding of a throw-away store.
enum class PasswordCost { kInteractive, kMinimum };

//! An argon2id hash in the PHC string format ("$argon2id$v=19$..."), with a
//! fresh random salt. Returns Internal when out of memory.
Result<std::string> HashPassword(std::string_view password, PasswordCost cost);

//! True when `password` matches `encoded` (from HashPassword). Runs in time
//! independent of where the strings differ.
bool VerifyPassword(std::string_view encoded, std::string_view password);

//! Constant-time equality of two strings of the same length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace dandelion
