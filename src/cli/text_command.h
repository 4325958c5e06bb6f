// `dandelion text analyze`: batch enrichment of NDJSON lines
// {"id":…, "text":…, "network":…} from standard input, one JSON result per
// line on standard output with the same fields as POST /api/v1/text/analyze
// plus the line's id. A bad line gets an error line naming the field and is
// counted; the others go on. Well-formed lines are read with simdjson on a
// fast path; the rest the slow way, which names what is wrong.
#pragma once

#include <istream>
#include <ostream>

namespace dandelion::cli {

struct TextAnalyzeSummary {
  long analyzed = 0;
  long rejected = 0;
};

//! Reads `in` to the end, `threads` analysing slices of it at once (0: one
//! per core); the output keeps the input's order. Never throws.
TextAnalyzeSummary RunTextAnalyze(std::istream& in, std::ostream& out, int threads = 0);

}  // namespace dandelion::cli
