#include "text/pii.h"

#include <algorithm>
#include <map>

#include "text/utf8.h"

namespace dandelion::text {
namespace {

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsUpper(char32_t c) { return c >= 'A' && c <= 'Z'; }
bool IsAlnum(char32_t c) { return IsDigit(c) || IsUpper(c) || (c >= 'a' && c <= 'z'); }
bool IsWordChar(char32_t c) { return IsAlnum(c) || c == '_' || c > 0x7F; }

bool IsEmailLocal(char32_t c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsDomainChar(char32_t c) { return IsAlnum(c) || c == '-' || c == '.'; }

// IBAN lengths by country (ISO 13616 registry, SWIFT release 2024).
const std::map<std::u32string, int>& IbanLengths() {
  static const std::map<std::u32string, int> m = {
      {U"AD", 24}, {U"AE", 23}, {U"AL", 28}, {U"AT", 20}, {U"AZ", 28}, {U"BA", 20}, {U"BE", 16},
      {U"BG", 22}, {U"BH", 22}, {U"BR", 29}, {U"BY", 28}, {U"CH", 21}, {U"CR", 22}, {U"CY", 28},
      {U"CZ", 24}, {U"DE", 22}, {U"DK", 18}, {U"DO", 28}, {U"EE", 20}, {U"EG", 29}, {U"ES", 24},
      {U"FI", 18}, {U"FO", 18}, {U"FR", 27}, {U"GB", 22}, {U"GE", 22}, {U"GI", 23}, {U"GL", 18},
      {U"GR", 27}, {U"GT", 28}, {U"HR", 21}, {U"HU", 28}, {U"IE", 22}, {U"IL", 23}, {U"IQ", 23},
      {U"IS", 26}, {U"IT", 27}, {U"JO", 30}, {U"KW", 30}, {U"KZ", 20}, {U"LB", 28}, {U"LC", 32},
      {U"LI", 21}, {U"LT", 20}, {U"LU", 20}, {U"LV", 21}, {U"MC", 27}, {U"MD", 24}, {U"ME", 22},
      {U"MK", 19}, {U"MR", 27}, {U"MT", 31}, {U"MU", 30}, {U"NL", 18}, {U"NO", 15}, {U"PK", 24},
      {U"PL", 28}, {U"PS", 29}, {U"PT", 25}, {U"QA", 29}, {U"RO", 24}, {U"RS", 22}, {U"SA", 24},
      {U"SC", 31}, {U"SE", 24}, {U"SI", 19}, {U"SK", 24}, {U"SM", 27}, {U"ST", 25}, {U"SV", 28},
      {U"TL", 23}, {U"TN", 24}, {U"TR", 26}, {U"UA", 29}, {U"VA", 22}, {U"VG", 24}, {U"XK", 20},
  };
  return m;
}

// E-mail: local@domain.tld around an '@' at `at`.
bool MatchEmail(std::u32string_view t, size_t at, Span* out) {
  size_t b = at;
  while (b > 0 && IsEmailLocal(t[b - 1])) --b;
  while (b < at && t[b] == '.') ++b;
  if (b == at) return false;
  // "@alice@mastodon.social" is a fediverse handle, not an address.
  if (b > 0 && (t[b - 1] == '@' || t[b - 1] == 0xFF20)) return false;
  size_t e = at + 1;
  while (e < t.size() && IsDomainChar(t[e])) ++e;
  while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;
  std::u32string_view domain = t.substr(at + 1, e - at - 1);
  size_t dot = domain.rfind('.');
  if (dot == std::u32string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return false;
  for (size_t i = dot + 1; i < domain.size(); ++i) {
    if (IsDigit(domain[i]) || domain[i] == '-') return false;  // a TLD is letters
  }
  *out = {static_cast<int32_t>(b), static_cast<int32_t>(e)};
  return true;
}

// A run of digits with the separators numbers are written with.
struct NumberRun {
  size_t start, end;  // [start, end) in the text
  std::u32string digits;
  bool plus = false;
  bool grouped = false;  // has spaces, dashes, dots or parentheses
  bool parens = false;
};

NumberRun ScanNumber(std::u32string_view t, size_t i) {
  NumberRun r{i, i, U"", false, false, false};
  if (t[i] == '+') {
    r.plus = true;
    ++i;
  }
  size_t last_digit_end = i;
  while (i < t.size()) {
    char32_t c = t[i];
    if (IsDigit(c)) {
      r.digits += c;
      ++i;
      last_digit_end = i;
    } else if ((c == ' ' || c == '-' || c == '.' || c == '/' || c == 0xA0) && i + 1 < t.size() &&
               (IsDigit(t[i + 1]) || t[i + 1] == '(')) {
      r.grouped = true;
      ++i;
    } else if (c == '(' && i + 1 < t.size() && IsDigit(t[i + 1])) {
      r.parens = r.grouped = true;
      ++i;
    } else if (c == ')' && !r.digits.empty()) {
      r.grouped = true;
      ++i;
    } else {
      break;
    }
  }
  r.end = last_digit_end;
  return r;
}

bool LooksLikeCard(const NumberRun& r) {
  size_t n = r.digits.size();
  if (n < 13 || n > 19 || r.plus || r.parens) return false;
  // Issuer prefixes and the lengths each issues (ISO/IEC 7812 ranges).
  auto prefix = [&](int digits) {
    int v = 0;
    for (int i = 0; i < digits; ++i) v = v * 10 + static_cast<int>(r.digits[i] - '0');
    return v;
  };
  int p2 = prefix(2), p4 = prefix(4);
  bool ok = false;
  if (r.digits[0] == '4') ok = n == 13 || n == 16 || n == 19;                 // Visa
  else if (p2 >= 51 && p2 <= 55) ok = n == 16;                               // Mastercard
  else if (p4 >= 2221 && p4 <= 2720) ok = n == 16;                           // Mastercard 2-series
  else if (p2 == 34 || p2 == 37) ok = n == 15;                               // Amex
  else if (p2 == 36 || p2 == 38 || (p2 == 30 && prefix(3) <= 305)) ok = n == 14;  // Diners
  else if (p4 >= 3528 && p4 <= 3589) ok = n >= 16;                           // JCB
  else if (p4 == 6011 || p2 == 65 || (prefix(3) >= 644 && prefix(3) <= 649) || p2 == 62) {
    ok = n >= 16;                                                            // Discover, UnionPay
  }
  return ok && LuhnValid(r.digits);
}

bool LooksLikePhone(const NumberRun& r, std::u32string_view t) {
  size_t n = r.digits.size();
  if (n < 8 || n > 15) return false;
  bool international = r.plus || (r.digits.starts_with(U"00") && n >= 10);
  bool national = r.grouped && (r.digits[0] == '0' || r.parens || n == 10);
  if (!international && !national) return false;
  // Dates (2024-05-01) and versions (1.2.3.4) are not phones.
  std::u32string_view s = t.substr(r.start, r.end - r.start);
  size_t dots = std::count(s.begin(), s.end(), U'.');
  size_t dashes = std::count(s.begin(), s.end(), U'-');
  if (n == 8 && dashes == 2 && !r.plus) return false;
  if (dots >= 2 && n <= 10 && !r.plus && !r.grouped) return false;
  return true;
}

}  // namespace

std::string_view PiiKindName(PiiKind k) {
  switch (k) {
    case PiiKind::kEmail: return "email";
    case PiiKind::kPhone: return "phone";
    case PiiKind::kCard: return "card";
    case PiiKind::kIban: return "iban";
  }
  return "pii";
}

bool LuhnValid(std::u32string_view digits) {
  int sum = 0, count = 0;
  bool dbl = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!IsDigit(digits[i])) continue;
    int d = static_cast<int>(digits[i] - '0');
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
    ++count;
  }
  return count > 1 && sum % 10 == 0;
}

bool IbanValid(std::u32string_view iban) {
  std::u32string s;
  for (char32_t c : iban) {
    if (c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = c - 'a' + 'A';
    if (!IsAlnum(c)) return false;
    s += c;
  }
  if (s.size() < 15 || !IsUpper(s[0]) || !IsUpper(s[1]) || !IsDigit(s[2]) || !IsDigit(s[3])) {
    return false;
  }
  auto it = IbanLengths().find(s.substr(0, 2));
  if (it == IbanLengths().end() || static_cast<int>(s.size()) != it->second) return false;
  std::u32string r = s.substr(4) + s.substr(0, 4);
  int mod = 0;
  for (char32_t c : r) {
    int v = IsDigit(c) ? static_cast<int>(c - '0') : static_cast<int>(c - 'A' + 10);
    mod = (v >= 10 ? mod * 100 + v : mod * 10 + v) % 97;
  }
  return mod == 1;
}

std::vector<PiiMatch> FindPii(std::u32string_view t) {
  std::vector<PiiMatch> out;
  size_t i = 0;
  auto push = [&](PiiKind k, size_t b, size_t e) {
    out.push_back({k, {static_cast<int32_t>(b), static_cast<int32_t>(e)}});
  };
  while (i < t.size()) {
    char32_t c = t[i];
    bool boundary = i == 0 || !IsWordChar(t[i - 1]);
    // IBAN: two capitals, two digits, then groups.
    if (boundary && i + 4 < t.size() && IsUpper(c) && IsUpper(t[i + 1]) && IsDigit(t[i + 2]) &&
        IsDigit(t[i + 3])) {
      size_t e = i;
      size_t last = i;
      while (e < t.size() && (IsAlnum(t[e]) || (t[e] == ' ' && e + 1 < t.size() && IsAlnum(t[e + 1]))) &&
             e - i < 42) {
        ++e;
        if (IsAlnum(t[e - 1])) last = e;
        // Stop at the valid length, so "… DE89… and" does not swallow words.
        if (IbanValid(t.substr(i, last - i))) {
          push(PiiKind::kIban, i, last);
          i = last;
          goto next;
        }
      }
    }
    if (c == '@') {
      Span s;
      if (MatchEmail(t, i, &s)) {
        // An e-mail's local part may hold digits already claimed: drop them.
        while (!out.empty() && out.back().span.end > s.start) out.pop_back();
        out.push_back({PiiKind::kEmail, s});
        i = static_cast<size_t>(s.end);
        continue;
      }
    }
    if (boundary && (IsDigit(c) || (c == '+' && i + 1 < t.size() && IsDigit(t[i + 1])) ||
                     (c == '(' && i + 1 < t.size() && IsDigit(t[i + 1])))) {
      NumberRun r = ScanNumber(t, i);
      bool end_ok = r.end >= t.size() || !IsWordChar(t[r.end]) || t[r.end] > 0x7F;
      if (end_ok && LooksLikeCard(r)) {
        push(PiiKind::kCard, r.start, r.end);
        i = r.end;
        continue;
      }
      if (end_ok && LooksLikePhone(r, t)) {
        push(PiiKind::kPhone, r.start, r.end);
        i = r.end;
        continue;
      }
      i = std::max(r.end, i + 1);
      continue;
    }
    ++i;
  next:;
  }
  return out;
}

std::string MaskPii(std::u32string_view text, const std::vector<PiiMatch>& matches) {
  std::string out;
  size_t pos = 0;
  for (const PiiMatch& m : matches) {
    if (static_cast<size_t>(m.span.start) < pos) continue;
    out += EncodeUtf8(text.substr(pos, m.span.start - pos));
    if (m.kind == PiiKind::kCard) {
      std::u32string digits;
      for (int32_t i = m.span.start; i < m.span.end; ++i) {
        if (IsDigit(text[i])) digits += text[i];
      }
      out += "[card ending " + EncodeUtf8(digits.substr(digits.size() - 4)) + "]";
    } else {
      out += "[" + std::string(PiiKindName(m.kind)) + "]";
    }
    pos = static_cast<size_t>(m.span.end);
  }
  out += EncodeUtf8(text.substr(std::min(pos, text.size())));
  return out;
}

}  // namespace dandelion::text
