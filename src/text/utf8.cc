#include "text/utf8.h"

namespace dandelion::text {

Decoded DecodeUtf8(std::string_view s) {
  Decoded d;
  d.code_points.reserve(s.size());
  d.byte_offsets.reserve(s.size() + 1);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    d.byte_offsets.push_back(static_cast<uint32_t>(i));
    if (c < 0x80) {
      d.code_points.push_back(c);
      ++i;
      continue;
    }
    char32_t cp = 0;
    bool valid = true;
    i += DecodeUtf8Sequence(p, n, i, &cp, &valid);
    d.code_points.push_back(cp);
    d.replaced += !valid;
  }
  d.byte_offsets.push_back(static_cast<uint32_t>(n));
  return d;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string EncodeUtf8(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size());
  for (char32_t cp : cps) AppendUtf8(out, cp);
  return out;
}

std::string SanitizeUtf8(std::string_view s, int* replaced) {
  Decoded d = DecodeUtf8(s);
  if (replaced) *replaced = d.replaced;
  if (d.replaced == 0) return std::string(s);
  return EncodeUtf8(d.code_points);
}

}  // namespace dandelion::text
