// Reads NDJSON input a batch of lines at a time, from a file or standard
// input, gzip-compressed or not (zlib reads both transparently). Lines are
// not limited in length: a 10 MB line is read whole and left to the
// normaliser to refuse; beyond kMaxLine the rest of the line is dropped and
// the line is marked oversized so that memory stays bounded.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace dandelion::cli {

class LineReader {
 public:
  static constexpr size_t kMaxLine = 64u << 20;

  //! Opens `path` ("-" is standard input). NotFound / Unavailable naming
  //! the file when it cannot be opened.
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path);
  ~LineReader();

  //! Appends up to `max_lines` lines (without their '\n') to `storage`
  //! and their views to `lines` (views into `storage`, which is cleared
  //! first); a line cut at kMaxLine is returned as its first kMaxLine bytes
  //! followed by nothing else. Returns the number of lines read: 0 at the end.
  //! Internal with the file name on a read error.
  Result<size_t> Next(size_t max_lines, std::string& storage, std::vector<std::string_view>& lines);

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

}  // namespace dandelion::cli
