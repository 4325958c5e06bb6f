#include "domain/validation.h"

namespace dandelion::domain {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r'))
    --e;
  return std::string(s.substr(b, e - b));
}

std::string NormalizeEmail(std::string_view email) {
  std::string out = Trim(email);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status ValidateSlug(std::string_view slug, std::string_view field) {
  std::string f(field);
  if (slug.empty() || slug.size() > 32) {
    return InvalidArgument("slug must be 1 to 32 characters", f);
  }
  if (slug[0] == '-') return InvalidArgument("slug must start with a letter or digit", f);
  for (char c : slug) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) {
      return InvalidArgument("slug may only hold lower-case letters, digits and '-'", f);
    }
  }
  return Status::Ok();
}

Status ValidateName(std::string_view name, std::string_view field) {
  std::string f(field);
  std::string t = Trim(name);
  if (t.empty()) return InvalidArgument(f + " must not be empty", f);
  if (t.size() > 120) return InvalidArgument(f + " must be at most 120 bytes", f);
  for (unsigned char c : t) {
    if (c < 0x20 || c == 0x7f) return InvalidArgument(f + " must not hold control characters", f);
  }
  return Status::Ok();
}

Status ValidateEmail(std::string_view email, std::string_view field) {
  std::string f(field);
  std::string e = NormalizeEmail(email);
  size_t at = e.find('@');
  if (e.size() > 254 || at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos ||
      e.find('.', at) == std::string::npos || e.back() == '.' || e.find(' ') != std::string::npos) {
    return InvalidArgument("not an e-mail address", f);
  }
  for (unsigned char c : e) {
    if (c < 0x21 || c == 0x7f) return InvalidArgument("not an e-mail address", f);
  }
  return Status::Ok();
}

Status ValidatePassword(std::string_view password, std::string_view field) {
  std::string f(field);
  if (password.size() < 10) return InvalidArgument("password must be at least 10 characters", f);
  if (password.size() > 200) return InvalidArgument("password must be at most 200 characters", f);
  return Status::Ok();
}

}  // namespace dandelion::domain
