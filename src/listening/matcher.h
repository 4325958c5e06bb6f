// The compiled topic matcher: every topic's terms compiled together into
// dictionaries over the folded tokens of posts, so that matching a post
// costs one pass over its tokens (a hash lookup per token, and per stem
// length of the wildcard terms), then a boolean / proximity evaluation of
// only the topics whose required terms occurred (plus the few topics made
// of field filters alone). The cost per post grows with the post, not with
// the number of topics. See shared/DESIGN.md, "The listening query language".
//
// How text is matched: the post is tokenized and folded exactly as SQLite
// FTS5's unicode61 tokenizer would (unicode61.h). A word or phrase is found
// by its first token in the dictionary and its other tokens compared by
// dictionary id; a wildcard term (`run*`, `co?or`) by the folded text before
// its first wildcard, then its glob checked on the token; a case-sensitive
// term (`{Apple}`) by its folded form, then compared with the token as
// written. #tags, @handles and $CASHTAGS (from the entity extractor) and
// field values are looked up as keys.
//
// A TopicSet is immutable and shared by all ingest threads; a change of
// topics compiles a new set off the ingest path and swaps it in
// (TopicRegistry). A Matcher holds one thread's scratch space.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dandelion::listening {

//! What the matcher reads of one post. Strings are as the enrichment gives
//! them; views must outlive the Match() call.
struct PostFacts {
  std::string_view text;
  std::string_view network;    //!< "x", "mastodon", … (network.h names)
  std::string_view language;   //!< ISO 639 code or "unknown"
  std::string_view author;     //!< the author's handle, without '@'
  std::optional<int64_t> author_followers;
  std::string_view country;    //!< ISO 3166 code, lower case; empty when unknown
  std::string_view sentiment;  //!< "positive", "negative" or "neutral"
  std::vector<std::string_view> intents;   //!< intent labels ("support", …)
  std::vector<std::string_view> hashtags;  //!< without '#'
  std::vector<std::string_view> mentions;  //!< handles without '@'
  std::vector<std::string_view> cashtags;  //!< without '$'
  std::vector<std::string_view> sites;     //!< hosts of the post's links
};

//! One topic to compile: its id and query text.
struct TopicQuery {
  int64_t id = 0;
  std::string query;
};

//! A topic left out of a compiled set, and why.
struct CompileError {
  int64_t topic_id = 0;
  std::string message;
};

//! A byte range of a post's text that made a topic match.
struct Highlight {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const Highlight&) const = default;
};

class Matcher;
struct Query;

//! Tokens one of which every post matching `query` contains (a trailing
//! '*' marks a token prefix), for finding candidates with a full-text
//! index; nullopt when the query can match a post without any (a topic of
//! field filters only). Case-sensitive and wildcard terms give their folded
//! stem, so the list is a superset test, never exact.
std::optional<std::vector<std::string>> AnchorTerms(const Query& query);

//! All topics, compiled. Immutable and thread-safe once built.
class TopicSet {
 public:
  //! Compiles `topics`. A topic whose query does not parse is left out and
  //! reported in `errors` (may be null); the others are compiled. Never
  //! throws.
  static std::shared_ptr<const TopicSet> Compile(const std::vector<TopicQuery>& topics,
                                                 std::vector<CompileError>* errors);
  ~TopicSet();
  TopicSet(const TopicSet&) = delete;
  TopicSet& operator=(const TopicSet&) = delete;

  size_t topic_count() const;  //!< topics compiled
  //! Distinct terms of the set (words, phrases, wildcard terms, entities).
  size_t pattern_count() const;
  //! The ids of the compiled topics, ascending.
  std::vector<int64_t> topic_ids() const;

  struct Impl;

 private:
  explicit TopicSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend class Matcher;
};

//! One thread's matching state. Not thread-safe; cheap to keep per thread.
class Matcher {
 public:
  Matcher();
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  //! Replaces `out` with the ids of the topics of `set` that `post`
  //! matches, ascending.
  void Match(const TopicSet& set, const PostFacts& post, std::vector<int64_t>& out);

  //! After Match(set, post, …): the byte ranges of post.text holding the
  //! terms (not under NOT) of topic `topic_id` that occurred, in order,
  //! merged when they overlap. Empty for a topic that did not match or that
  //! matched on fields or entities only.
  std::vector<Highlight> Highlights(const TopicSet& set, const PostFacts& post,
                                    int64_t topic_id);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace dandelion::listening
