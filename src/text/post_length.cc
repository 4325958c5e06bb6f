#include "text/post_length.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fmt/format.h>
#include <memory>

namespace dandelion::text {
namespace {

constexpr int kUrlWeight = 23;

struct Limits {
  int limit;
  const char* unit;
};

Limits LimitsFor(Network n) {
  switch (n) {
    case Network::kX: return {280, "weighted characters"};
    case Network::kMastodon: return {500, "characters"};
    case Network::kBluesky: return {300, "graphemes"};
    case Network::kLinkedIn: return {3000, "characters"};
    case Network::kFacebook: return {63206, "characters"};
    case Network::kInstagram: return {2200, "characters"};
    case Network::kOther: return {100000, "characters"};
  }
  return {100000, "characters"};
}

// twitter-text v3: the ranges that weigh 1 (scale 100 → weight 100).
int XWeight(char32_t c) {
  if (c <= 0x10FF) return 1;
  if (c >= 0x2000 && c <= 0x200D) return 1;
  if (c >= 0x2010 && c <= 0x201F) return 1;
  if (c >= 0x2032 && c <= 0x2037) return 1;
  return 2;
}

icu::UnicodeString ToIcu(std::u32string_view text) {
  return icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()),
                                       static_cast<int32_t>(text.size()));
}

// Grapheme boundaries as code-point offsets into `text`.
std::vector<int32_t> GraphemeStarts(std::u32string_view text) {
  std::vector<int32_t> starts;
  UErrorCode status = U_ZERO_ERROR;
  thread_local std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (!it || text.empty()) {
    for (size_t i = 0; i < text.size(); ++i) starts.push_back(static_cast<int32_t>(i));
    return starts;
  }
  icu::UnicodeString s = ToIcu(text);
  it->setText(s);
  // Map UTF-16 offsets back to code points as we go.
  int32_t u16 = 0, cp = 0;
  for (int32_t b = it->first(); b != icu::BreakIterator::DONE && b < s.length(); b = it->next()) {
    while (u16 < b) {
      u16 += U16_IS_LEAD(s.charAt(u16)) ? 2 : 1;
      ++cp;
    }
    starts.push_back(cp);
  }
  return starts;
}

bool IsEmojiCluster(std::u32string_view cluster) {
  if (cluster.empty()) return false;
  if (cluster.size() == 1) {
    char32_t c = cluster[0];
    return u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) ||
           (c > 0xFF && u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC));
  }
  icu::UnicodeString s = ToIcu(cluster);
  return u_stringHasBinaryProperty(s.getBuffer(), s.length(), UCHAR_RGI_EMOJI) ||
         u_hasBinaryProperty(cluster[0], UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(cluster[0], UCHAR_REGIONAL_INDICATOR);
}

// Adds `weight` for the piece [start, end) of the original text; records
// where the limit is first passed.
struct Counter {
  int limit;
  int total = 0;
  int over_at = -1;
  void Add(int weight, int32_t start) {
    total += weight;
    if (over_at < 0 && total > limit) over_at = start;
  }
};

// Walks the URL spans (sorted by start) alongside the text, so that a text
// with many URLs stays linear.
class UrlCursor {
 public:
  explicit UrlCursor(std::span<const Span> urls) : urls_(urls) {}
  //! The URL starting at `i`, if any; `i` must not decrease between calls.
  const Span* At(int32_t i) {
    while (next_ < urls_.size() && urls_[next_].start < i) ++next_;
    if (next_ < urls_.size() && urls_[next_].start == i && urls_[next_].end > i)
      return &urls_[next_];
    return nullptr;
  }

 private:
  std::span<const Span> urls_;
  size_t next_ = 0;
};

// One per code point, 23 per URL.
void CountCodePointsUrlsAs23(std::u32string_view text, std::span<const Span> urls, Counter& c) {
  UrlCursor cursor(urls);
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    if (const Span* u = cursor.At(i)) {
      c.Add(kUrlWeight, i);
      i = u->end;
    } else {
      c.Add(1, i++);
    }
  }
}

void CountX(std::u32string_view text, std::span<const Span> urls, Counter& c) {
  UrlCursor cursor(urls);
  // Weights apply to the NFC form; indices are reported in the original.
  // NFC only ever merges within a grapheme, so we normalise per grapheme.
  std::vector<int32_t> starts = GraphemeStarts(text);
  starts.push_back(static_cast<int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  for (size_t g = 0; g + 1 < starts.size();) {
    int32_t b = starts[g], e = starts[g + 1];
    if (const Span* u = cursor.At(b)) {
      c.Add(kUrlWeight, b);
      while (g + 1 < starts.size() && starts[g] < u->end) ++g;
      continue;
    }
    std::u32string_view cluster = text.substr(b, e - b);
    if (IsEmojiCluster(cluster)) {
      c.Add(2, b);
    } else {
      bool plain = cluster.size() == 1 && cluster[0] < 0x300;
      if (plain || nfc == nullptr) {
        for (int32_t i = b; i < e; ++i) c.Add(XWeight(text[i]), i);
      } else {
        icu::UnicodeString n = nfc->normalize(ToIcu(cluster), status);
        int32_t i = b;
        for (int32_t k = 0; k < n.length(); k = n.moveIndex32(k, 1)) {
          c.Add(XWeight(n.char32At(k)), std::min(i++, e - 1));
        }
      }
    }
    ++g;
  }
}

// True when every code point is below U+0300 (Latin with precomposed
// accents, no combining marks, no emoji): then each code point is its own
// grapheme (but CR LF), NFC changes nothing, and ICU need not be asked.
bool IsSimple(std::u32string_view text) {
  for (char32_t c : text) {
    if (c >= 0x300) return false;
  }
  return true;
}

// Grapheme starts for simple text: every code point but the LF of CR LF.
std::vector<int32_t> SimpleGraphemeStarts(std::u32string_view text) {
  std::vector<int32_t> starts;
  starts.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && text[i] == '\n' && text[i - 1] == '\r') continue;
    starts.push_back(static_cast<int32_t>(i));
  }
  return starts;
}

}  // namespace

PostLength MeasurePost(std::u32string_view text, std::span<const Span> urls, int hashtags,
                       Network network) {
  PostLength out;
  out.network = network;
  Limits lim = LimitsFor(network);
  out.limit = lim.limit;
  out.unit = lim.unit;
  Counter c{lim.limit};
  const bool simple = IsSimple(text);
  switch (network) {
    case Network::kX:
      // In simple text every code point weighs 1 (it is below U+10FF).
      if (simple) {
        CountCodePointsUrlsAs23(text, urls, c);
      } else {
        CountX(text, urls, c);
      }
      break;
    case Network::kMastodon:
      CountCodePointsUrlsAs23(text, urls, c);
      break;
    case Network::kBluesky:
      for (int32_t s : simple ? SimpleGraphemeStarts(text) : GraphemeStarts(text)) c.Add(1, s);
      break;
    default:
      for (int32_t i = 0; i < static_cast<int32_t>(text.size()); ++i) c.Add(1, i);
  }
  out.length = c.total;
  out.over_at = c.over_at;
  if (out.length > out.limit) {
    out.problems.push_back(fmt::format("{} {} over the limit of {} {} on {}",
                                       out.length - out.limit, out.unit, out.limit, out.unit,
                                       NetworkDisplayName(network)));
  }
  if (network == Network::kInstagram && hashtags > 30) {
    out.problems.push_back(fmt::format("{} hashtags; Instagram allows at most 30", hashtags));
  }
  for (char32_t ch : text) {
    // twitter-text refuses these outright; so do we, everywhere.
    if (ch == 0xFFFE || ch == 0xFEFF || ch == 0xFFFF) {
      out.problems.push_back("the text holds an invalid character (U+FFFE, U+FEFF or U+FFFF)");
      break;
    }
  }
  out.valid = out.problems.empty();
  return out;
}

}  // namespace dandelion::text
