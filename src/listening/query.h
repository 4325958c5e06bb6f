// The listening query language (Brandwatch-compatible): a hand-written
// parser from query text to an AST, validation with 1-based columns, and a
// canonical printer. See shared/DESIGN.md, "The listening query language".
//
// Grammar (operators are upper case; `and`/`or` are plain words):
//   query   := expr EOF
//   expr    := unary ( AND unary | AND NOT unary | NOT unary )*
//            | unary ( OR unary )*          (AND and OR never mix at one level)
//   unary   := NOT unary | near
//   near    := primary [ NEAR/n[f] primary ]  (operands: words, phrases, OR-groups)
//   primary := '(' expr ')' | word | "phrase"[~n] | {Case Sensitive}
//            | #tag | @handle | $cashtag | field:value | field:[lo TO hi]
//
// Everything here is pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace dandelion::listening {

//! The kind of one AST node; which members of Node are meaningful depends on it.
enum class NodeKind { kTerm, kPhrase, kAnd, kOr, kNot, kNear, kEntity, kField, kRange };

//! The kind of an entity term.
enum class EntityKind { kHashtag, kMention, kCashtag };

//! One node of a parsed query: a tagged struct (the tree owns its children).
struct Node {
  NodeKind kind = NodeKind::kTerm;
  int column =
      0;  //!< 1-based code-point column: where a leaf starts; an operator node's first operator

  // kTerm
  std::string text;             //!< the word as written (without braces)
  std::string match;            //!< match form: folded, diacritics removed (unless case-sensitive)
  bool case_sensitive = false;  //!< written as {Word}; also set on phrases
  bool wildcard = false;        //!< `match` contains `*` or `?`

  // kPhrase (also made from a bare word that splits into several tokens)
  std::vector<std::string> tokens;  //!< match forms, in order
  int proximity = -1;               //!< `"a b"~n`: n; -1 for an exact phrase

  // kAnd, kOr (two or more), kNot (one), kNear (two: left, right)
  std::vector<Node> children;
  int distance = 0;      //!< kNear: at most this many tokens between the operands
  bool ordered = false;  //!< kNear written NEAR/nf: right operand after left

  // kEntity
  EntityKind entity = EntityKind::kHashtag;
  // kEntity, kField: the normalized value; kField, kRange: the field name
  std::string value;
  std::string field;
  int64_t lo = 0;  //!< kRange: inclusive bounds
  int64_t hi = 0;
};

//! A parsed query: its root node and how many leaf terms it holds.
struct Query {
  Node root;
  int terms = 0;  //!< number of leaves (terms, phrases, entities, filters)
};

//! One validation error, positioned for the UI to underline.
struct QueryError {
  int column = 0;        //!< 1-based, in code points
  std::string message;   //!< what is wrong, e.g. "missing operator between two terms"
  std::string expected;  //!< what would have been valid there; may be empty
};

inline constexpr int kMaxQueryBytes = 10 * 1024;  //!< longer queries are refused
inline constexpr int kMaxQueryTerms = 2000;       //!< more leaves are refused
inline constexpr int kMaxQueryDepth = 64;         //!< deeper nesting is refused
inline constexpr int kMaxNearDistance = 1000;     //!< NEAR/n and "…"~n bound

//! Parses `text`. Returns the Query, or InvalidArgument whose message is
//! "column N: <message>" plus " (expected <expected>)" when something was
//! expected, for the first error by column (limits, which stop parsing, come
//! first). Never throws; time and stack use are bounded by the limits above.
Result<Query> ParseQuery(std::string_view text);

//! Every error found in `text` (at least the first of each kind), sorted by
//! column; empty when ParseQuery would succeed. Never throws.
std::vector<QueryError> ValidateQuery(std::string_view text);

//! The canonical, fully-parenthesised form of `node`: AND/OR/NOT/NEAR groups
//! in parentheses, terms in match form, fields as name:value. Parsing it
//! again yields the same canonical form.
std::string ToString(const Node& node);

//! The unicode61 (remove_diacritics 2) tokens of `text`, as match forms:
//! lower-cased and without diacritics unless `case_sensitive`. Invalid UTF-8
//! decodes to U+FFFD (a separator).
std::vector<std::string> Tokenize(std::string_view text, bool case_sensitive = false);

}  // namespace dandelion::listening
