// Helpers behind the normalisers, exposed for their tests and the benchmark.
// Not part of the engine's interface.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dandelion::engine::internal {

//! Mastodon's HTML as plain text: <p> and <br> become line breaks (a blank
//! line between paragraphs), other tags are dropped keeping their text,
//! character references (&amp; &#39; &#x1F600;) are decoded; an unknown or
//! unterminated reference stays as written, an invalid code point becomes
//! U+FFFD. Leading and trailing white space is trimmed. Never fails.
std::string HtmlToText(std::string_view html);

//! Milliseconds since the Unix epoch of an RFC 3339 date-time
//! ("2024-11-20T10:15:30.123Z", "...+02:00"; 't', 'z' and a space separator
//! accepted, fractions beyond milliseconds truncated). False when malformed
//! or out of range (month 13, 31 April, hour 24).
bool ParseRfc3339(std::string_view s, int64_t* ms);

//! The benchmark's floor: simdjson On Demand alone, copying `line` into the
//! same per-thread padded buffer and visiting every value of the document
//! (strings unescaped, numbers parsed). Returns the number of values seen,
//! or -1 on a parse error.
int64_t WalkJson(std::string_view line);

}  // namespace dandelion::engine::internal
