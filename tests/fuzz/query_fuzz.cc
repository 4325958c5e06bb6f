// Fuzzes ParseQuery: any bytes must parse or fail cleanly; when they parse,
// the canonical form parses again to itself, and ValidateQuery agrees.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "listening/query.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dandelion::listening;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto q = ParseQuery(in);
  bool valid = ValidateQuery(in).empty();
  if (valid != q.ok()) std::abort();
  if (!q.ok()) return 0;
  std::string canonical = ToString(q->root);
  auto again = ParseQuery(canonical);
  if (!again.ok()) std::abort();
  if (ToString(again->root) != canonical) std::abort();
  return 0;
}
