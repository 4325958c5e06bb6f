// The top-level domains the URL extractor accepts, as twitter-text lists them
// (generic and country-code, each in twitter-text's order). The table is
// generated at build time from tlds.txt, which tlds.cmake derives from the
// conformance suite's tlds.yml; nothing here is typed by hand.
#pragma once

#include <span>
#include <string_view>

namespace dandelion::text::internal {

//! Generic TLDs (UTF-8, lower case), in twitter-text's order. Static data;
//! thread-safe.
std::span<const std::string_view> GenericTlds();

//! Country-code TLDs (UTF-8, lower case), in twitter-text's order. Static
//! data; thread-safe.
std::span<const std::string_view> CountryTlds();

}  // namespace dandelion::text::internal
