// Fuzzes the normalisers: the first byte picks the format, the rest is the
// line. Any input must return (never crash, never throw); on success every
// Mention has a non-empty external_id and valid UTF-8 text. DetectFormat and
// NormalizeAny must agree with Normalize on what they accept.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "engine/normalize.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dandelion;
  if (size == 0) return 0;
  auto format = static_cast<engine::Format>(data[0] % 4);
  std::string_view line(reinterpret_cast<const char*>(data + 1), size - 1);
  Result<std::vector<engine::Mention>> r = engine::Normalize(format, line);
  if (r.ok()) {  // only a Twitter v2 search page may hold no post
    if (r->empty() && format != engine::Format::kTwitterV2) std::abort();
    for (const engine::Mention& m : *r) {
      if (m.external_id.empty()) std::abort();
      if (text::SanitizeUtf8(m.text) != m.text) std::abort();
    }
  } else if (engine::ErrorReason(r.status()).empty() ||
             r.status().code() != Code::kInvalidArgument) {
    std::abort();
  }
  std::optional<engine::Format> detected = engine::DetectFormat(line);
  Result<std::vector<engine::Mention>> any = engine::NormalizeAny(line);
  if (!detected && any.ok()) std::abort();
  return 0;
}
