// A hash table from byte strings to 32-bit values, filled when a topic set
// is compiled and then only read: the matcher's dictionaries (the tokens of
// all terms, the stems of wildcard terms, entity and field keys). Keys are
// hashed eight bytes at a time (a post's words mostly in one step).
//
// Open addressing with linear probing over 24-byte entries which hold a
// key's first eight bytes (most keys are words: the whole key), the rest in
// one arena. Most lookups are of keys that are absent (a post's
// words that no topic uses, prefixes that are no stem): a small filter of
// two bits per key in one 64-bit word (a blocked Bloom filter, 16 bits a
// key: about 1.5% false positives) answers most of them without touching
// the entries, which at 100,000 topics are several megabytes.
// Not thread-safe to fill; safe to read from any thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "listening/prefetch.h"

namespace dandelion::listening {

class StringTable {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFF;

  //! The hash of `key`. `readable` bytes from key.data() (at least its
  //! size) may be read: with eight past the key's end, its last bytes are
  //! read as one word and masked, as the matcher's tokens in their buffer.
  static uint64_t Hash(std::string_view key, size_t readable) {
    const char* p = key.data();
    const size_t n = key.size();
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) h = Round(h, Load8(p + i));
    if (i < n) {
      uint64_t last = 0;
      if (readable - i >= 8) {
        last = Load8(p + i) & (~0ULL >> (8 * (8 - (n - i))));
      } else {
        for (size_t k = i; k < n; ++k) {
          last |= static_cast<uint64_t>(static_cast<unsigned char>(p[k])) << (8 * (k - i));
        }
      }
      h = Round(h, last);
    }
    return h;
  }
  static uint64_t Hash(std::string_view key) { return Hash(key, key.size()); }

  //! The value of `key`; when absent, `key` is added with `value`, which
  //! must not be kNone.
  uint32_t Insert(std::string_view key, uint32_t value) {
    if (2 * (size_ + 1) > entries_.size()) Grow();
    uint64_t h = Hash(key);
    for (size_t i = Index(h);; i = (i + 1) & mask_) {
      Entry& e = entries_[i];
      if (e.value == kNone) {
        e.head = HeadOf(key);
        e.value = value;
        e.length = static_cast<uint32_t>(key.size());
        e.offset = static_cast<uint32_t>(arena_.size());
        e.tag = Tag(h);
        if (key.size() > 8) arena_.append(key.substr(8));
        ++size_;
        AddToFilter(h);
        return value;
      }
      if (Same(e, Tag(h), HeadOf(key), key)) return e.value;
    }
  }

  //! The value of `key`, whose Hash() is `h`; kNone when absent.
  uint32_t Find(std::string_view key, uint64_t h) const {
    if (size_ == 0) return kNone;
    const uint64_t m = Mix(h);
    if ((filter_[(m >> 20) & filter_mask_] & FilterBits(m)) != FilterBits(m)) return kNone;
    const uint32_t tag = Tag(h);
    const uint64_t head = HeadOf(key);
    for (size_t i = Index(h);; i = (i + 1) & mask_) {
      const Entry& e = entries_[i];
      if (e.value == kNone) return kNone;
      if (Same(e, tag, head, key)) return e.value;
    }
  }
  uint32_t Find(std::string_view key) const { return Find(key, Hash(key)); }

  //! Asks for the memory Find(…, h) will read first, so that the lookups
  //! of several keys can wait for memory together.
  void Prefetch(uint64_t h) const {
    if (size_ == 0) return;
    const uint64_t m = Mix(h);
    listening::Prefetch(&filter_[(m >> 20) & filter_mask_]);
    listening::Prefetch(&entries_[Index(h)]);
  }

  size_t size() const { return size_; }

 private:
  struct Entry {
    uint64_t head = 0;  // the key's first eight bytes (HeadOf)
    uint32_t value = kNone;
    uint32_t length = 0;
    uint32_t offset = 0;  // the key's bytes after the eighth, in arena_
    uint32_t tag = 0;     // more bits of the hash
  };

  // Up to eight bytes of `key`, little-endian, zero-padded.
  static uint64_t HeadOf(std::string_view key) {
    uint64_t head = 0;
    for (size_t i = 0; i < key.size() && i < 8; ++i) {
      head |= static_cast<uint64_t>(static_cast<unsigned char>(key[i])) << (8 * i);
    }
    return head;
  }
  bool Same(const Entry& e, uint32_t tag, uint64_t head, std::string_view key) const {
    if (e.tag != tag || e.head != head || e.length != key.size()) return false;
    const char* rest = arena_.data() + e.offset;
    for (size_t i = 8; i < key.size(); ++i) {
      if (rest[i - 8] != key[i]) return false;
    }
    return true;
  }

  static uint64_t Load8(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);  // one unaligned load
    return v;
  }
  static uint64_t Round(uint64_t h, uint64_t word) {
    h = (h ^ word) * 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 29);
  }
  // Mixed once more before taking the index, the tag and the filter bits.
  static uint64_t Mix(uint64_t h) { return (h ^ (h >> 32)) * 0x9E3779B97F4A7C15ULL; }
  size_t Index(uint64_t h) const { return static_cast<size_t>(Mix(h) >> 32) & mask_; }
  static uint32_t Tag(uint64_t h) { return static_cast<uint32_t>(Mix(h)); }
  std::string Key(const Entry& e) const {
    std::string key;
    for (uint32_t i = 0; i < e.length && i < 8; ++i) key += static_cast<char>(e.head >> (8 * i));
    if (e.length > 8) key.append(arena_, e.offset, e.length - 8);
    return key;
  }
  static uint64_t FilterBits(uint64_t m) { return (1ULL << (m & 63)) | (1ULL << ((m >> 6) & 63)); }
  void AddToFilter(uint64_t h) {
    const uint64_t m = Mix(h);
    filter_[(m >> 20) & filter_mask_] |= FilterBits(m);
  }

  void Grow() {
    std::vector<Entry> old = std::move(entries_);
    entries_.assign(old.empty() ? 16 : 2 * old.size(), Entry{});
    mask_ = entries_.size() - 1;
    // At most one key per two entries: at least 16 filter bits a key.
    filter_.assign(entries_.size() / 8, 0);
    filter_mask_ = filter_.size() - 1;
    for (const Entry& e : old) {
      if (e.value == kNone) continue;
      const uint64_t h = Hash(Key(e));
      size_t i = Index(h);
      while (entries_[i].value != kNone) i = (i + 1) & mask_;
      entries_[i] = e;
      AddToFilter(h);
    }
  }

  std::vector<Entry> entries_;
  size_t mask_ = 0;
  size_t size_ = 0;
  std::vector<uint64_t> filter_;
  size_t filter_mask_ = 0;
  std::string arena_;
};

}  // namespace dandelion::listening
