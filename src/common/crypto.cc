#include "common/crypto.h"

#include <sodium.h>

#include <vector>

namespace dandelion {

Status CryptoInit() {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  return Status::Ok();
}

static std::string ToHex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.resize(n * 2);
  return out;
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return ToHex(buf.data(), buf.size());
}

std::string Sha256Hex(std::string_view data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return ToHex(out, sizeof out);
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, out);
  return ToHex(out, sizeof out);
}

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops = cost == PasswordCost::kInteractive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                                              : crypto_pwhash_OPSLIMIT_MIN;
  size_t mem = cost == PasswordCost::kInteractive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                                  : crypto_pwhash_MEMLIMIT_MIN;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view encoded, std::string_view password) {
  std::string enc(encoded);  // needs a NUL-terminated string
  return crypto_pwhash_str_verify(enc.c_str(), password.data(), password.size()) == 0;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace dandelion
