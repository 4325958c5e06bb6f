// Files (or standard input, "-"), plain or gzip, one after the other: the
// source of `dandelion ingest`. Lines are numbered per file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ingest/line_reader.h"
#include "ingest/source.h"

namespace dandelion::ingest {

class FileSource : public Source {
 public:
  //! Opens every file first: NotFound / Unavailable naming the one that
  //! cannot be read, before anything is ingested.
  static Result<std::unique_ptr<FileSource>> Open(const std::vector<std::string>& paths);

  Result<std::optional<SourceBatch>> Next(size_t max_lines, size_t max_bytes) override;
  int64_t consumed() const override;
  int64_t size() const override { return total_; }
  //! The first file's name, or "N files".
  std::string name() const;

 private:
  std::vector<std::unique_ptr<LineReader>> readers_;
  size_t current_ = 0;
  int64_t next_line_ = 1;
  int64_t total_ = 0;
  int64_t done_before_ = 0;  // sizes of the files already read
};

}  // namespace dandelion::ingest
