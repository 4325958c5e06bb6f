# The VADER scorer (vader.h) and its lexicon, compiled in by tools/embed.cc so
# that nothing is read at run time.
set(VADER_LEXICON ${CMAKE_CURRENT_LIST_DIR}/data/vader_lexicon.txt)
add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/vader_lexicon_data.cc
  COMMAND embed ${CMAKE_CURRENT_BINARY_DIR}/vader_lexicon_data.cc sentiment::VaderLexiconFiles
          sentiment/vader_lexicon_data.h ${CMAKE_CURRENT_LIST_DIR}/data ${VADER_LEXICON}
  DEPENDS embed ${VADER_LEXICON})

add_library(dandelion_sentiment ${CMAKE_CURRENT_LIST_DIR}/vader.cc
            ${CMAKE_CURRENT_BINARY_DIR}/vader_lexicon_data.cc)
target_link_libraries(dandelion_sentiment PUBLIC dandelion_common)
