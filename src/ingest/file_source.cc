#include "ingest/file_source.h"

#include <fmt/format.h>

namespace dandelion::ingest {

Result<std::unique_ptr<FileSource>> FileSource::Open(const std::vector<std::string>& paths) {
  if (paths.empty()) return InvalidArgument("name at least one file, or - for standard input");
  auto s = std::unique_ptr<FileSource>(new FileSource());
  for (const auto& p : paths) {
    DND_ASSIGN_OR_RETURN(auto r, LineReader::Open(p));
    s->total_ += r->size();
    s->readers_.push_back(std::move(r));
  }
  return s;
}

Result<std::optional<SourceBatch>> FileSource::Next(size_t max_lines, size_t max_bytes) {
  while (current_ < readers_.size()) {
    SourceBatch b;
    DND_ASSIGN_OR_RETURN(size_t n,
                         readers_[current_]->Next(max_lines, b.storage, b.lines, max_bytes));
    if (n > 0) {
      b.first_line = next_line_;
      next_line_ += static_cast<int64_t>(n);
      b.origin = readers_[current_]->name();
      return std::optional<SourceBatch>(std::move(b));
    }
    done_before_ += readers_[current_]->size();
    ++current_;
    next_line_ = 1;
  }
  return std::optional<SourceBatch>();
}

int64_t FileSource::consumed() const {
  if (current_ >= readers_.size()) return done_before_;
  return done_before_ + readers_[current_]->consumed();
}

std::string FileSource::name() const {
  if (readers_.size() == 1) return readers_[0]->name();
  return fmt::format("{} files", readers_.size());
}

}  // namespace dandelion::ingest
