// `dandelion topic test 'QUERY' FILE`: which posts of an NDJSON file (any
// format the normalisers know; gzip accepted) a query matches, with the
// matched terms highlighted — or, with --ids, only their external ids, one
// per line, for scripts. A query error is shown under the query with a
// caret at its column.
//
// `dandelion topic import FILE`: topics from NDJSON lines
// {"unit": slug, "name": …, "query": …}; each invalid line is reported with
// its line number and error, the others are created (or updated when the
// unit already has a topic of that name) and back-filled.
#pragma once

#include <ostream>
#include <string>

#include "service/listening/listening.h"

namespace dandelion::cli {

struct TopicTestOptions {
  std::string query;
  std::string file;
  bool ids_only = false;
  bool color = false;  //!< highlight with terminal colours instead of [[…]]
};

//! Exit code: 0 when the query is valid (whether or not anything matched),
//! 2 when it is not, 1 when the file cannot be read.
int RunTopicTest(const TopicTestOptions& options, std::ostream& out, std::ostream& err);

//! Exit code: 0 when every line was imported, 1 otherwise.
int RunTopicImport(const std::string& file, service::ListeningServices& listening,
                   std::ostream& out, std::ostream& err);

}  // namespace dandelion::cli
