// Agreement of the C++ VADER with the reference, the npm package
// vader-sentiment 1.1.3 run by Node.js at test time (vader_reference.mjs), on
// the deterministic corpora of sentence_corpus.cc: 3,000 tweet-like sentences
// (the paper's examples, then generated negations, boosters, dampeners, caps,
// "but", "least", idioms, emoticons, emoji, punctuation, non-ASCII) and 5,000
// hostile strings aimed at the text model.
//
// Why the two could differ, and why they do not:
// - Arithmetic. vader.cc performs the reference's double operations in the
//   reference's order (sums left to right, "but" weights applied before the
//   sum, the same constants), and sqrt is correctly rounded in both, so the
//   scores are the same doubles, not merely close ones.
// - Rounding. The reference returns parseFloat(x.toFixed(n)), which rounds the
//   exact binary value half away from zero; printf-style rounding (half to
//   even) would differ by one unit in the last place on exact ties such as
//   0.0625 (neu = 1/16). vader.cc reproduces toFixed exactly.
// - Text model. JavaScript measures strings in UTF-16 code units (an emoji
//   outside the BMP is two, so a lone emoji is a word while a lone "é" is
//   not), splits on its own \s set (which includes U+00A0, U+3000, U+FEFF
//   but not U+200B or U+0085), and lowercases with full Unicode rules
//   (U+212A KELVIN SIGN becomes "k"). vader.cc implements these on UTF-8.
// - Lexicon. The reference's lexicon is compiled into its bundle; the one we
//   ship is the same file (a repeated token takes its last value there too).
//   Keys that lowercasing cannot produce (":D", ":-Þ") or that hold a space
//   ("fed up") never match in either.
// - Input. The corpus is valid UTF-8. For invalid UTF-8, Node.js decodes each
//   maximal invalid subsequence to U+FFFD before scoring, and so does vader.cc.
// Any text that differs is listed with both scores. None did when this test
// was written: 3,000 of 3,000 sentences and 5,000 of 5,000 hostile strings
// had all four scores identical to the reference's.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sentence_corpus.h"
#include "sentiment/vader.h"

namespace dandelion::sentiment {
namespace {

constexpr size_t kSentences = 3000;
constexpr size_t kHostileStrings = 5000;
constexpr double kCompoundTolerance = 1e-4;
constexpr std::string_view kReferenceVersion = "1.1.3";

std::optional<std::string> FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const std::string candidate = dir + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// j[key] as a double (not through float: NAN is a float), NaN if absent.
double Number(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : std::nan("");
}

// The reference's scores of `sentences`, or a message saying why there are none.
struct ReferenceRun {
  std::vector<Scores> scores;
  std::string error;
};

ReferenceRun RunReference(const std::vector<std::string>& sentences) {
  ReferenceRun run;
  const std::optional<std::string> node = FindOnPath("node");
  if (!node) {
    run.error =
        "node is not on PATH. The agreement test scores its sentences with the reference "
        "JavaScript VADER (npm vader-sentiment) under Node.js 20: install Node.js, then "
        "`make test` (scripts/setup runs `npm ci`) installs the package.";
    return run;
  }
  const std::filesystem::path root = DANDELION_SOURCE_DIR;
  const std::filesystem::path node_modules = root / "node_modules";
  const std::filesystem::path manifest = node_modules / "vader-sentiment" / "package.json";
  std::ifstream manifest_in(manifest);
  if (!manifest_in) {
    run.error = "the reference package is missing: " + manifest.string() +
                " does not exist. Run `npm ci` in " + root.string() +
                " (`make test` does; vader-sentiment is a devDependency of package.json).";
    return run;
  }
  const nlohmann::json package = nlohmann::json::parse(manifest_in, nullptr, false);
  if (package.is_discarded() || package.value("version", "") != kReferenceVersion) {
    run.error = "node_modules/vader-sentiment is not version " + std::string(kReferenceVersion) +
                ", the one the C++ port and its lexicon follow; run `npm ci`.";
    return run;
  }

  const std::filesystem::path input = std::filesystem::path(::testing::TempDir()) /
                                      ("vader_agreement_" + std::to_string(::getpid()) + ".jsonl");
  {
    std::ofstream out(input, std::ios::binary);
    for (const std::string& s : sentences) out << nlohmann::json(s).dump() << '\n';
    if (!out) {
      run.error = "cannot write " + input.string();
      return run;
    }
  }
  const std::filesystem::path script = root / "tests/unit/sentiment/vader_reference.mjs";
  const std::string command = Quote(*node) + " " + Quote(script.string()) + " " +
                              Quote(node_modules.string()) + " < " + Quote(input.string());
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    run.error = "popen failed: " + command;
    return run;
  }
  std::string output;
  char chunk[1 << 16];
  for (size_t got; (got = std::fread(chunk, 1, sizeof(chunk), pipe)) > 0;)
    output.append(chunk, got);
  const int status = ::pclose(pipe);
  std::filesystem::remove(input);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    run.error = "the reference script failed (status " + std::to_string(status) + "): " + command;
    return run;
  }
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      run.error = "the reference script printed something that is not a JSON object: " + line;
      return run;
    }
    run.scores.push_back(Scores{.negative = Number(j, "neg"),
                                .neutral = Number(j, "neu"),
                                .positive = Number(j, "pos"),
                                .compound = Number(j, "compound")});
  }
  if (run.scores.size() != sentences.size()) {
    run.error = "the reference script scored " + std::to_string(run.scores.size()) +
                " sentences of " + std::to_string(sentences.size());
  }
  return run;
}

std::string Describe(const Scores& s) {
  char buffer[128];
  std::snprintf(buffer, sizeof(buffer), "{neg %.3f, neu %.3f, pos %.3f, compound %.4f}", s.negative,
                s.neutral, s.positive, s.compound);
  return buffer;
}

// Scores `corpus` with both implementations, prints the agreement and every
// sentence that differs, and expects at least 99% agreement.
void ExpectAgreement(const std::string& what, const std::vector<std::string>& corpus) {
  const ReferenceRun reference = RunReference(corpus);
  ASSERT_TRUE(reference.error.empty()) << reference.error;

  const Analyzer& analyzer = Analyzer::Default();
  size_t compound_within = 0;
  size_t all_equal = 0;
  size_t shares_within = 0;
  std::string differing;
  for (size_t i = 0; i < corpus.size(); ++i) {
    const Scores cpp = analyzer.Score(corpus[i]);
    const Scores& js = reference.scores[i];
    const bool compound_ok = std::fabs(cpp.compound - js.compound) <= kCompoundTolerance;
    const bool shares_ok = std::fabs(cpp.negative - js.negative) <= 1e-3 &&
                           std::fabs(cpp.neutral - js.neutral) <= 1e-3 &&
                           std::fabs(cpp.positive - js.positive) <= 1e-3;
    compound_within += compound_ok;
    shares_within += shares_ok;
    all_equal += cpp == js;
    if (!compound_ok || !shares_ok) {
      differing += "  " + nlohmann::json(corpus[i]).dump() + "\n    c++ " + Describe(cpp) +
                   "\n    js  " + Describe(js) + "\n";
    }
  }
  const double n = static_cast<double>(corpus.size());
  std::printf(
      "VADER agreement with vader-sentiment %s on %s: %zu texts; compound within %g: %zu "
      "(%.2f%%); neg/neu/pos within 1e-3: %zu (%.2f%%); all four scores identical: %zu (%.2f%%)\n",
      std::string(kReferenceVersion).c_str(), what.c_str(), corpus.size(), kCompoundTolerance,
      compound_within, 100.0 * static_cast<double>(compound_within) / n, shares_within,
      100.0 * static_cast<double>(shares_within) / n, all_equal,
      100.0 * static_cast<double>(all_equal) / n);
  if (!differing.empty()) std::printf("Texts that differ:\n%s", differing.c_str());
  EXPECT_GE(static_cast<double>(compound_within), 0.99 * n) << differing;
  EXPECT_GE(static_cast<double>(shares_within), 0.99 * n) << differing;
}

TEST(VaderAgreementTest, CompoundMatchesJavaScriptReference) {
  const std::vector<std::string> corpus = SentenceCorpus(kSentences);
  ASSERT_GE(corpus.size(), 2000u);
  ExpectAgreement("the sentence corpus", corpus);
}

TEST(VaderAgreementTest, HostileStringsMatchJavaScriptReference) {
  ExpectAgreement("hostile strings", HostileCorpus(kHostileStrings));
}

}  // namespace
}  // namespace dandelion::sentiment
