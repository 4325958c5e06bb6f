// The VADER lexicon compiled into the library (generated from
// data/vader_lexicon.txt by tools/embed.cc; see sources.cmake). Internal to
// src/sentiment.
#pragma once

#include <span>

#include "common/embedded.h"

namespace dandelion::sentiment {

//! One file, "vader_lexicon.txt": token TAB mean valence TAB ... per line.
std::span<const EmbeddedFile> VaderLexiconFiles();

}  // namespace dandelion::sentiment
