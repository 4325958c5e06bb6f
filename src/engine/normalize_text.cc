// HTML to plain text and RFC 3339 timestamps for the normalisers.
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/normalize_internal.h"
#include "text/utf8.h"

namespace dandelion::engine::internal {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

//! The lower-cased tag name after '<' (and an optional '/').
std::string_view TagName(std::string_view tag, bool* closing) {
  size_t i = 0;
  *closing = false;
  if (i < tag.size() && tag[i] == '/') {
    *closing = true;
    ++i;
  }
  size_t start = i;
  while (i < tag.size() && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z') ||
                            (tag[i] >= '0' && tag[i] <= '9'))) {
    ++i;
  }
  return tag.substr(start, i - start);
}

bool NameIs(std::string_view name, std::string_view want) {
  if (name.size() != want.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (Lower(name[i]) != want[i]) return false;
  }
  return true;
}

//! Appends a line break unless the output is empty or already ends in
//! `count` of them (collapses <p></p><br> runs to at most a blank line).
void Break(std::string& out, int count) {
  if (out.empty()) return;
  int have = 0;
  for (size_t i = out.size(); i > 0 && out[i - 1] == '\n' && have < 2; --i) ++have;
  while (have < count) {
    out.push_back('\n');
    ++have;
  }
}

//! Decodes the character reference at html[i] == '&'; returns the bytes
//! consumed, 0 when it is not a reference (the '&' is then literal).
size_t DecodeReference(std::string_view html, size_t i, std::string& out) {
  size_t end = html.find(';', i + 1);
  if (end == std::string_view::npos || end - i > 12) return 0;
  std::string_view body = html.substr(i + 1, end - i - 1);
  if (body.empty()) return 0;
  if (body[0] == '#') {
    uint32_t cp = 0;
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    size_t j = hex ? 2 : 1;
    if (j >= body.size()) return 0;
    for (; j < body.size(); ++j) {
      char c = body[j];
      uint32_t d;
      if (c >= '0' && c <= '9') {
        d = static_cast<uint32_t>(c - '0');
      } else if (hex && Lower(c) >= 'a' && Lower(c) <= 'f') {
        d = static_cast<uint32_t>(Lower(c) - 'a' + 10);
      } else {
        return 0;
      }
      cp = cp * (hex ? 16 : 10) + d;
      if (cp > 0x10FFFF) cp = 0x110000;  // saturate; replaced below
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    text::AppendUtf8(out, static_cast<char32_t>(cp));
    return end - i + 1;
  }
  static constexpr struct {
    std::string_view name;
    char32_t cp;
  } kNamed[] = {{"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},
                {"apos", '\''},    {"nbsp", 0xA0},    {"hellip", 0x2026}, {"mdash", 0x2014},
                {"ndash", 0x2013}, {"rsquo", 0x2019}, {"lsquo", 0x2018},  {"rdquo", 0x201D},
                {"ldquo", 0x201C}, {"copy", 0xA9},    {"reg", 0xAE},      {"euro", 0x20AC}};
  for (const auto& n : kNamed) {
    if (body == n.name) {
      text::AppendUtf8(out, n.cp);
      return end - i + 1;
    }
  }
  return 0;
}

int Digits(std::string_view s, size_t pos, size_t n, bool* ok) {
  int v = 0;
  if (pos + n > s.size()) {
    *ok = false;
    return 0;
  }
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') {
      *ok = false;
      return 0;
    }
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

//! Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      // A tag runs to the next '>' outside quotes; an unterminated one is text.
      size_t j = i + 1;
      char quote = 0;
      for (; j < html.size(); ++j) {
        if (quote) {
          if (html[j] == quote) quote = 0;
        } else if (html[j] == '"' || html[j] == '\'') {
          quote = html[j];
        } else if (html[j] == '>') {
          break;
        }
      }
      if (j >= html.size()) {
        out.append(html.substr(i));
        break;
      }
      bool closing = false;
      std::string_view name = TagName(html.substr(i + 1, j - i - 1), &closing);
      if (NameIs(name, "br")) {
        out.push_back('\n');
      } else if (NameIs(name, "p") || NameIs(name, "div") || NameIs(name, "blockquote") ||
                 NameIs(name, "li")) {
        Break(out, closing ? 2 : (NameIs(name, "li") ? 1 : 2));
      }
      i = j + 1;
    } else if (c == '&') {
      size_t used = DecodeReference(html, i, out);
      if (used == 0) {
        out.push_back('&');
        i += 1;
      } else {
        i += used;
      }
    } else {
      size_t next = html.find_first_of("<&", i);
      if (next == std::string_view::npos) next = html.size();
      out.append(html.substr(i, next - i));
      i = next;
    }
  }
  size_t b = 0, e = out.size();
  while (b < e && IsSpace(out[b])) ++b;
  while (e > b && IsSpace(out[e - 1])) --e;
  if (b > 0 || e < out.size()) out = out.substr(b, e - b);
  return out;
}

bool ParseRfc3339(std::string_view s, int64_t* ms) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM|+HHMM)
  bool ok = true;
  int year = Digits(s, 0, 4, &ok);
  if (!ok || s.size() < 20 || s[4] != '-' || s[7] != '-') return false;
  int month = Digits(s, 5, 2, &ok);
  int day = Digits(s, 8, 2, &ok);
  char sep = s[10];
  if (sep != 'T' && sep != 't' && sep != ' ') return false;
  int hour = Digits(s, 11, 2, &ok);
  if (s[13] != ':' || s[16] != ':') return false;
  int minute = Digits(s, 14, 2, &ok);
  int second = Digits(s, 17, 2, &ok);
  if (!ok) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int month_days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day > month_days || hour > 23 || minute > 59 || second > 60) return false;
  size_t i = 19;
  int millis = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t start = i;
    int scale = 100;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      millis += (s[i] - '0') * scale;
      scale /= 10;
      ++i;
    }
    if (i == start || i - start > 18) return false;
  }
  if (i >= s.size()) return false;
  int offset_min = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    int sign = s[i] == '-' ? -1 : 1;
    int oh = Digits(s, i + 1, 2, &ok);
    size_t k = i + 3;
    if (k < s.size() && s[k] == ':') ++k;
    int om = Digits(s, k, 2, &ok);
    if (!ok || oh > 23 || om > 59) return false;
    offset_min = sign * (oh * 60 + om);
    i = k + 2;
  } else {
    return false;
  }
  if (i != s.size()) return false;
  if (second == 60) second = 59;  // a leap second: keep it inside its minute
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_min * 60;
  *ms = secs * 1000 + millis;
  return true;
}

}  // namespace dandelion::engine::internal
