// Prefetch(p): asks for the cache line holding `p` ahead of its use, so
// that several reads far apart in memory can wait for it together.
//
// Not __builtin_prefetch alone: GCC 12 counts it free of side effects, so a
// function that only prefetches (an inline helper, say) is found "const"
// by its interprocedural analysis and the calls to it are dropped. The
// empty volatile asm, which emits nothing, keeps them.
#pragma once

namespace dandelion::listening {

inline void Prefetch(const void* p) {
  __builtin_prefetch(p);
  asm volatile("" : : "r"(p));
}

}  // namespace dandelion::listening
