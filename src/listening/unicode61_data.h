// The character table of SQLite FTS5's unicode61 tokenizer with
// remove_diacritics 2, generated at build time by tools/gen_unicode61 from
// the SQLite library Dandelion links (see unicode61.h for its use).
#pragma once

#include <cstdint>

namespace dandelion::listening::unicode61 {

//! 0: separator; 1: token character; 2: continues a token, never starts one.
struct ClassRun {
  uint32_t first;
  uint8_t cls;
};
//! A token character that changes when folded; `to` 0 means it is dropped.
struct FoldPair {
  uint32_t from;
  uint32_t to;
};

extern const ClassRun kClassRuns[];
extern const int kClassRunCount;
extern const FoldPair kFolds[];
extern const int kFoldCount;

}  // namespace dandelion::listening::unicode61
