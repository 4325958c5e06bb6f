// Tokens exactly as SQLite FTS5's `unicode61` tokenizer with
// `remove_diacritics 2` makes them: the query language promises that a query
// matches what its FTS5 form matches, so posts and query terms are split and
// folded by the same table (generated from SQLite itself, unicode61_data.h).
//
// A token is a run of token characters (letters, numbers, private use),
// which may also hold diacritics; each character is folded alone: lower
// case, diacritics removed. Thread-safe; the tables are built on first use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dandelion::listening {

enum class CharClass : uint8_t { kSeparator = 0, kToken = 1, kContinue = 2 };

//! The unicode61 class of `c`.
CharClass ClassOf(char32_t c);
//! What `c` becomes inside a token: lower case without diacritics; 0 when
//! it is dropped (a combining diacritic).
char32_t FoldOf(char32_t c);

//! One token of a text: where it is in the text and its folded form.
struct TextToken {
  uint32_t begin = 0;  //!< byte offsets into the text
  uint32_t end = 0;
};

//! Splits `text` (UTF-8; invalid bytes are read as SQLite does, leniently)
//! into tokens, appending each token's folded form (or its bytes as written
//! when `fold` is false) to `out` preceded by one space, and the token's
//! byte range in `text` to `spans`; `out` ends with a space when any token
//! was written. With out = " " initially, `out` becomes " tok1 tok2 … ",
//! the form the matcher scans. Returns the number of tokens.
size_t AppendTokens(std::string_view text, bool fold, std::string& out,
                    std::vector<TextToken>* spans);

//! One token as the matcher reads it: its folded form's byte range in the
//! folded buffer, and its byte range in the text.
struct FoldedToken {
  uint32_t begin = 0;  //!< into the folded buffer
  uint32_t end = 0;
  uint32_t text_begin = 0;  //!< into the text
  uint32_t text_end = 0;
};

//! Splits and folds `text` as AppendTokens(text, true, …) does, but writes
//! the folded tokens back to back, without spaces, over `folded`, and one
//! FoldedToken per token over `tokens`: the same bytes per token, read in
//! place by the matcher. Runs of ASCII token characters take a fast path.
void FoldTokens(std::string_view text, std::string& folded, std::vector<FoldedToken>& tokens);

//! Appends `text` to `out` with every character folded (FoldOf; dropped
//! ones left out), separators included: how a #hashtag's value is compared.
void AppendFolded(std::string_view text, std::string& out);

//! The folded tokens of `text`, one string each.
std::vector<std::string> Unicode61Tokens(std::string_view text, bool fold = true);

}  // namespace dandelion::listening
