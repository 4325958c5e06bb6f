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
    // The second byte's range depends on the lead byte (Unicode table 3-7),
    // which rules out overlongs, surrogates and values above U+10FFFF.
    int len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    char32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    // Consume the maximal subpart: the lead and every continuation byte that
    // was still acceptable; replace it by one U+FFFD (as the W3C and the
    // Unicode standard recommend), so that valid text after it survives.
    int k = 1;
    for (; len > 0 && k < len && i + k < n; ++k) {
      unsigned char b = p[i + k];
      if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) break;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (len == 0 || k < len) {
      d.code_points.push_back(0xFFFD);
      ++d.replaced;
      i += static_cast<size_t>(k);
      continue;
    }
    d.code_points.push_back(cp);
    i += static_cast<size_t>(len);
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
