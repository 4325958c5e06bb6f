#include "ingest/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace dandelion::ingest {
namespace {
constexpr size_t kChunk = 1u << 20;
}

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path) {
  std::unique_ptr<LineReader> r(new LineReader());
  r->name_ = path == "-" ? "standard input" : path;
  int fd = path == "-" ? dup(0) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::string why = std::strerror(errno);
    if (errno == ENOENT) return NotFound("cannot open " + path + ": " + why, "file");
    return Unavailable("cannot open " + path + ": " + why);
  }
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) r->size_ = st.st_size;
  gzFile gz = gzdopen(fd, "rb");
  if (gz == nullptr) {
    ::close(fd);
    return Unavailable("cannot read " + r->name_);
  }
  gzbuffer(gz, 256 * 1024);
  r->gz_ = gz;
  return r;
}

LineReader::~LineReader() {
  if (gz_ != nullptr) gzclose(static_cast<gzFile>(gz_));
}

int64_t LineReader::consumed() const {
  return gz_ == nullptr ? 0 : static_cast<int64_t>(gzoffset(static_cast<gzFile>(gz_)));
}

bool LineReader::Fill() {
  if (eof_) return false;
  buf_.erase(0, pos_);
  pos_ = 0;
  size_t old = buf_.size();
  buf_.resize(old + kChunk);
  int n = gzread(static_cast<gzFile>(gz_), buf_.data() + old, static_cast<unsigned>(kChunk));
  if (n < 0) {
    error_ = true;
    n = 0;
  }
  buf_.resize(old + static_cast<size_t>(n));
  if (n == 0) eof_ = true;
  return n > 0;
}

Result<size_t> LineReader::Next(size_t max_lines, std::string& storage,
                                std::vector<std::string_view>& lines, size_t max_bytes) {
  storage.clear();
  lines.clear();
  std::vector<std::pair<size_t, size_t>> spans;  // into storage, fixed up at the end
  while (spans.size() < max_lines && storage.size() < max_bytes) {
    size_t nl = buf_.find('\n', pos_);
    if (nl == std::string::npos) {
      if (buf_.size() - pos_ > kMaxLine) {
        // An oversized line: keep its head, drop the rest up to its end.
        size_t start = storage.size();
        storage.append(buf_, pos_, kMaxLine);
        spans.push_back({start, kMaxLine});
        pos_ = buf_.size();
        for (;;) {
          if (!Fill()) break;
          size_t end = buf_.find('\n');
          if (end != std::string::npos) {
            pos_ = end + 1;
            break;
          }
          pos_ = buf_.size();
        }
        continue;
      }
      if (Fill()) continue;
      if (error_) return Internal("read error in " + name_ + " (corrupt gzip data?)");
      if (pos_ < buf_.size()) {  // a last line without '\n'
        size_t start = storage.size();
        storage.append(buf_, pos_, std::string::npos);
        spans.push_back({start, buf_.size() - pos_});
        pos_ = buf_.size();
      }
      break;
    }
    // A long line that arrived whole with its '\n' is cut the same way.
    size_t start = storage.size(), n = std::min(nl - pos_, kMaxLine);
    storage.append(buf_, pos_, n);
    spans.push_back({start, n});
    pos_ = nl + 1;
  }
  for (auto [s, n] : spans) lines.emplace_back(storage.data() + s, n);
  return spans.size();
}

}  // namespace dandelion::ingest
