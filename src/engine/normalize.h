// Normalisers: one JSON line from a network's API or stream in, the engine's
// Mentions out. Parsing uses simdjson's On Demand API with one parser and one
// padded buffer per thread, touching only the fields a Mention needs.
//
// Every function here is thread-safe and never throws. A failure is
// InvalidArgument whose message starts with a short machine-readable reason,
// "reason: detail", where reason is one of
//   empty_line, not_json, truncated_json, malformed_json, invalid_utf8,
//   too_large, too_deep, not_an_object, missing_field, wrong_type,
//   invalid_value, invalid_timestamp, not_a_post, api_error, unknown_format
// (ErrorReason() returns it, for use as a dead-letter counter key). Status's
// field() names the JSON path at fault when there is one ("data.id").
//
// Invalid UTF-8 bytes anywhere in the line reject it (invalid_utf8): simdjson
// validates the whole document anyway and a corrupt line says nothing
// trustworthy. Text that decodes to invalid UTF-8 some other way (an escaped
// lone surrogate, a bad HTML character reference) is repaired to U+FFFD.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "engine/mention.h"

namespace dandelion::engine {

//! The payload shapes Normalize() understands.
enum class Format {
  kTwitterV2,         //!< an X/Twitter API v2 response or stream line: data + includes.users
  kMastodon,          //!< a Mastodon Status entity (a reblog yields the reblogged status)
  kBlueskyJetstream,  //!< a Bluesky Jetstream event; only commits creating app.bsky.feed.post are
                      //!< posts
  kNative,            //!< Dandelion's own shape: {network, id, text, created_at, author, ...}
};

//! Lines longer than this are rejected (too_large) before any parsing.
inline constexpr size_t kMaxLineBytes = 4u << 20;

//! The Mentions in `line`, read as `format`. Exactly one for every format
//! but kTwitterV2, whose `data` may hold several tweets (all of them or
//! none: one bad tweet rejects the line) or none (an empty search page:
//! `data` an empty array, or absent next to `meta`). Returns InvalidArgument with a reason
//! (see above) when the line is not a well-formed post of that format.
Result<std::vector<Mention>> Normalize(Format format, std::string_view line);

//! The format `line` looks like, guessed from its top-level keys only
//! (data/includes: kTwitterV2; did+kind or commit: kBlueskyJetstream;
//! account+content: kMastodon; network: kNative; else meta: kTwitterV2). nullopt when the line is
//! not a JSON object or matches none.
std::optional<Format> DetectFormat(std::string_view line);

//! DetectFormat() then Normalize(); unknown_format when nothing matches.
Result<std::vector<Mention>> NormalizeAny(std::string_view line);

//! "twitter_v2", "mastodon", "bluesky_jetstream", "native".
std::string_view FormatName(Format format);
//! The format named `name` (as FormatName() spells it); nullopt when unknown.
std::optional<Format> ParseFormat(std::string_view name);

//! The reason prefix of a Normalize() error ("missing_field"); empty for OK.
std::string_view ErrorReason(const Status& status);

}  // namespace dandelion::engine
