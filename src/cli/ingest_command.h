// `dandelion ingest FILE…|-`: bulk ingest of NDJSON posts (gzip accepted),
// a thin command over the engine's runtime (ingest/runtime.h): a reader
// thread cuts the input into batches of lines, worker threads normalise,
// enrich and match them, and this thread stores them in order, one
// transaction per batch. Rejected lines go to a dead-letter file with their file, line
// number and reason; the run never stops for them. A progress bar with rate
// and ETA is drawn on a terminal; otherwise only the summary is printed.
// Topic changes made meanwhile (e.g. in the web UI) are picked up within
// two seconds: the topics are recompiled off the ingest path and swapped in.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/normalize.h"
#include "service/listening/listening.h"

namespace dandelion::cli {

struct IngestOptions {
  std::vector<std::string> files;        //!< "-" is standard input
  std::optional<engine::Format> format;  //!< nullopt: guessed per line
  //! Where rejected lines go (raw posts, so personal data): by default
  //! rejected.ndjson in the data folder, never the working directory.
  std::string dead_letter;
  int threads = 0;  //!< workers; 0: one per core
  //! Lines per batch, and so per transaction. Larger batches cost SQLite
  //! less per post (FTS5 writes one segment per transaction, and merges
  //! fewer); 8,000 ingest about 1.4× faster than 2,000, for ~70 MB more
  //! memory in flight (bench/README.md).
  size_t batch_lines = 8000;
  bool progress = true;  //!< draw the bar when stderr is a terminal
};

//! Runs the ingest; the summary goes to `out`, the progress bar to stderr.
//! Fails only on what stops the whole run (unreadable file, store down).
Result<service::IngestReport> RunIngest(const IngestOptions& options,
                                        service::ListeningServices& listening, std::ostream& out);

}  // namespace dandelion::cli
