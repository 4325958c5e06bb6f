// Reads NDJSON input a batch of lines at a time, from a file or standard
// input, gzip-compressed or not (zlib reads both transparently). A line
// longer than the normaliser takes keeps only its first kMaxLine bytes
// (one more than the normaliser's limit, so that it is still refused as
// too long, with its length) and the rest is skipped; a batch ends at
// `max_bytes` as well as at `max_lines`. So memory stays bounded whatever
// the input, a gzip bomb of long lines included.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "engine/normalize.h"

namespace dandelion::ingest {

class LineReader {
 public:
  static constexpr size_t kMaxLine = engine::kMaxLineBytes + 1;
  static constexpr size_t kDefaultMaxBatchBytes = 64u << 20;

  //! Opens `path` ("-" is standard input). NotFound / Unavailable naming
  //! the file when it cannot be opened.
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path);
  ~LineReader();

  //! Appends up to `max_lines` lines (without their '\n'), and no more once
  //! `max_bytes` are held, to `storage` and their views to `lines` (views
  //! into `storage`, which is cleared first); a line cut at kMaxLine is
  //! returned as its first kMaxLine bytes. Returns the number of lines
  //! read: 0 at the end. Internal with the file name on a read error.
  Result<size_t> Next(size_t max_lines, std::string& storage, std::vector<std::string_view>& lines,
                      size_t max_bytes = kDefaultMaxBatchBytes);

  //! Bytes consumed of the file as stored (compressed bytes for gzip).
  int64_t consumed() const;
  //! The file's size on disk; 0 when unknown (standard input, a pipe).
  int64_t size() const { return size_; }
  const std::string& name() const { return name_; }

 private:
  LineReader() = default;
  bool Fill();

  std::string name_;
  void* gz_ = nullptr;  // gzFile
  int64_t size_ = 0;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool error_ = false;
};

}  // namespace dandelion::ingest
