// A file compiled into the binary by tools/embed.cc.
#pragma once

#include <span>
#include <string_view>

namespace dandelion {

struct EmbeddedFile {
  std::string_view path;  //!< relative path, '/'-separated
  std::string_view data;  //!< the bytes; static storage
};

}  // namespace dandelion
