// Fuzzes Enrich: any bytes, any network, must give a consistent result:
// valid UTF-8 out, entity and PII spans inside the text, a compound score
// in [-1, 1].
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "enrich/enrich.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dandelion;
  if (size == 0) return 0;
  auto network = static_cast<text::Network>(data[0] % 7);
  std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  enrich::Enrichment e = enrich::Enrich(in, network);
  for (const text::Entity& en : e.entities) {
    if (en.start < 0 || en.end > e.code_points || en.start >= en.end) std::abort();
  }
  for (const text::PiiMatch& m : e.pii) {
    if (m.span.start < 0 || m.span.end > e.code_points || m.span.start >= m.span.end) std::abort();
  }
  if (e.sentiment.compound < -1.0 || e.sentiment.compound > 1.0) std::abort();
  if (e.length.length < 0) std::abort();
  return 0;
}
