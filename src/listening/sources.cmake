# The listening query language: parser, AST, validation (query.h).
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
add_library(dandelion_listening ${CMAKE_CURRENT_LIST_DIR}/query.cc)
target_link_libraries(dandelion_listening PUBLIC dandelion_common PkgConfig::ICU)
