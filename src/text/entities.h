// Entity extraction exactly as Twitter's twitter-text library defines it:
// #hashtags, @mentions, @user/lists, URLs with and without protocol, $cashtags.
// The rules are a port of twitter-text's Regex.java and Extractor.java,
// checked against its conformance suite (extract.yml, tlds.yml); they run as a
// hand-written scanner over code points, not as regular expressions.
//
// Indices are code-point indices [start, end) into the decoded text and
// include the sigil ('#', '@', '$'). Every function is thread-safe: the
// character tables and the TLD table are built once, on first use, and the
// scratch space is per thread. None of them fails: any input, including
// unpaired surrogates or values above U+10FFFF in a u32string, gives a
// (possibly empty) result, in time linear in the length of the text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dandelion::text {

enum class EntityType { kHashtag, kMention, kList, kUrl, kCashtag };

//! One entity found in a post.
struct Entity {
  EntityType type = EntityType::kHashtag;
  //! Hashtag without '#', screen name without '@' (also for a list), URL as
  //! written, cashtag without '$'. UTF-8.
  std::string value;
  //! "/slug" for a list (kList), empty otherwise.
  std::string list_slug;
  int32_t start = 0;  //!< code-point index of the first character (the sigil)
  int32_t end = 0;    //!< code-point index one past the last character

  friend bool operator==(const Entity&, const Entity&) = default;
};

//! All entities of `text`: URLs, hashtags, mentions and lists, cashtags,
//! sorted by start. Where two overlap (a hashtag or mention inside a URL),
//! the one that starts first is kept, as twitter-text's
//! extractEntitiesWithIndices does.
std::vector<Entity> ExtractEntities(std::u32string_view text);

//! ExtractEntities over UTF-8. Invalid sequences are decoded to U+FFFD first
//! (as DecodeUtf8 does), so indices count code points of the decoded text.
//! The decoding also finds the '#', '＃', '@', '＠', '$' and '.' the
//! extractors start from, so text without them costs little more than that.
std::vector<Entity> ExtractEntities(std::string_view utf8);

//! Hashtags (kHashtag) of `text`, sorted by start; a hashtag that is part of
//! a URL (http://x.com/#tag) is not one (twitter-text's
//! extractHashtagsWithIndices).
std::vector<Entity> ExtractHashtags(std::u32string_view text);
std::vector<Entity> ExtractHashtags(std::string_view utf8);

//! @mentions (kMention) of `text` that are not lists, sorted by start
//! (extractMentionedScreennamesWithIndices). A "@user/list" yields nothing
//! here; ExtractMentionsOrLists reports it as a list.
std::vector<Entity> ExtractMentions(std::u32string_view text);
std::vector<Entity> ExtractMentions(std::string_view utf8);

//! @mentions (kMention) and @user/lists (kList, with list_slug "/slug") of
//! `text`, sorted by start (extractMentionsOrListsWithIndices). A list's
//! indices cover "@user/slug".
std::vector<Entity> ExtractMentionsOrLists(std::u32string_view text);
std::vector<Entity> ExtractMentionsOrLists(std::string_view utf8);

//! The screen name `text` replies to: an @mention at its very start, after
//! nothing but white space; nullopt when the text is not a reply
//! (extractReplyScreenname).
std::optional<std::string> ExtractReplyScreenname(std::u32string_view text);
std::optional<std::string> ExtractReplyScreenname(std::string_view utf8);

//! URLs (kUrl) of `text`, sorted by start, with or without protocol
//! (extractURLsWithIndices). A URL without protocol needs a known TLD; hosts
//! must survive IDNA ToASCII (labels of at most 63 characters), the whole URL
//! at most 4096 characters; t.co links stop after their slug (and query).
std::vector<Entity> ExtractUrls(std::u32string_view text);
std::vector<Entity> ExtractUrls(std::string_view utf8);

//! $cashtags (kCashtag) of `text`, sorted by start: '$' after white space or
//! at the start, 1-6 ASCII letters, optionally '.' or '_' and 1-2 letters
//! (extractCashtagsWithIndices).
std::vector<Entity> ExtractCashtags(std::u32string_view text);
std::vector<Entity> ExtractCashtags(std::string_view utf8);

}  // namespace dandelion::text
