# The listening query language (query.h), the unicode61-compatible tokenizer
# (unicode61.h) and the compiled topic matcher (matcher.h).
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(SQLITE3_GEN REQUIRED IMPORTED_TARGET sqlite3)

# unicode61's character table, asked of the SQLite library we link.
add_executable(gen_unicode61 ${PROJECT_SOURCE_DIR}/tools/gen_unicode61.cc)
target_link_libraries(gen_unicode61 PRIVATE PkgConfig::SQLITE3_GEN)
add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/unicode61_data.cc
  COMMAND gen_unicode61 ${CMAKE_CURRENT_BINARY_DIR}/unicode61_data.cc
  DEPENDS gen_unicode61
  COMMENT "Reading unicode61's character table from SQLite")

add_library(dandelion_listening ${CMAKE_CURRENT_LIST_DIR}/query.cc
            ${CMAKE_CURRENT_LIST_DIR}/unicode61.cc
            ${CMAKE_CURRENT_BINARY_DIR}/unicode61_data.cc)
target_link_libraries(dandelion_listening PUBLIC dandelion_common dandelion_text PkgConfig::ICU)

target_sources(dandelion_listening PRIVATE ${CMAKE_CURRENT_LIST_DIR}/matcher.cc
               ${CMAKE_CURRENT_LIST_DIR}/matcher_compile.cc)
