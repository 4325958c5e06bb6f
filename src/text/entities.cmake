# Entity extraction (hashtags, mentions, lists, URLs, cashtags) as
# twitter-text defines it. The TLD table is generated from tlds.txt at build
# time; `cmake --build build --target update_tlds` refreshes tlds.txt from the
# conformance suite's tlds.yml.
set(DANDELION_CONFORMANCE_DIR "${CMAKE_SOURCE_DIR}/../shared/conformance"
    CACHE PATH "twitter-text conformance suite (extract.yml, tlds.yml)")

set(DANDELION_TLDS_CC ${CMAKE_CURRENT_BINARY_DIR}/tlds_table.cc)
add_custom_command(
  OUTPUT ${DANDELION_TLDS_CC}
  COMMAND ${CMAKE_COMMAND} -DTLDS_TXT=${CMAKE_CURRENT_LIST_DIR}/tlds.txt
          -DTLDS_CC=${DANDELION_TLDS_CC} -P ${CMAKE_CURRENT_LIST_DIR}/tlds.cmake
  DEPENDS ${CMAKE_CURRENT_LIST_DIR}/tlds.txt ${CMAKE_CURRENT_LIST_DIR}/tlds.cmake
  COMMENT "Generating the TLD table from tlds.txt"
  VERBATIM)

target_sources(dandelion_text PRIVATE ${CMAKE_CURRENT_LIST_DIR}/entities.cc
               ${CMAKE_CURRENT_LIST_DIR}/entities_chars.cc ${DANDELION_TLDS_CC})

add_custom_target(update_tlds
  COMMAND ${CMAKE_COMMAND} -DTLDS_YML=${DANDELION_CONFORMANCE_DIR}/tlds.yml
          -DTLDS_TXT=${CMAKE_CURRENT_LIST_DIR}/tlds.txt -P ${CMAKE_CURRENT_LIST_DIR}/tlds.cmake
  COMMENT "Refreshing src/text/tlds.txt from ${DANDELION_CONFORMANCE_DIR}/tlds.yml"
  VERBATIM)
