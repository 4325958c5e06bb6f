#include "text/language.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <malloc.h>

#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include "text/utf8.h"

namespace CLD2 {
const char* LanguageCode(Language lang);  // from cld2/internal/lang_script.h
}

namespace dandelion::text {

namespace {
// CLD2 allocates and frees a large scoring buffer on every call; with
// glibc's defaults each free trims the heap and the next call grows it
// again (brk and fresh page faults), which made a short post cost ~40 µs.
// Keeping the top of the heap makes it ~6 µs. This changes the process's
// allocator settings once; the cost is up to 16 MB of heap kept mapped.
void KeepHeapTop() {
  static const bool done = [] {
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    return true;
  }();
  (void)done;
}
}  // namespace

LanguageGuess DetectLanguage(std::string_view utf8) {
  KeepHeapTop();
  LanguageGuess out;
  // Count letters cheaply: ASCII letters plus every non-ASCII lead byte (a
  // rough stand-in for a letter in other scripts, good enough for a floor).
  int letters = 0;
  for (unsigned char c : utf8) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++letters;
    else if (c >= 0xC0) ++letters;
  }
  if (letters < kMinLetters) return out;
  CLD2::Language lang3[3];
  int percent3[3];
  double score3[3];
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix = 0;
  std::string clean;
  std::string_view input = utf8;
  CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      input.data(), static_cast<int>(input.size()), true, nullptr, 0, lang3, percent3, score3,
      nullptr, &text_bytes, &reliable, &valid_prefix);
  if (valid_prefix < static_cast<int>(input.size())) {
    // CLD2 stops at the first invalid byte; repair and ask again.
    clean = SanitizeUtf8(utf8);
    lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(clean.data(), static_cast<int>(clean.size()),
                                                   true, nullptr, 0, lang3, percent3, score3,
                                                   nullptr, &text_bytes, &reliable, &valid_prefix);
  }
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return out;
  out.code = CLD2::LanguageCode(lang);
  // CLD2 keeps two retired ISO 639 codes.
  if (out.code == "iw") out.code = "he";
  if (out.code == "jw") out.code = "jv";
  out.reliable = true;
  out.confidence = percent3[0] / 100.0;
  return out;
}

}  // namespace dandelion::text
