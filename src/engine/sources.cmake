# dandelion_engine: the normalisers (network payload → Mention) over simdjson
# On Demand. SIMDJSON_EXCEPTIONS=0: simdjson reports error codes only.
#
# simdjson's On Demand kernel is chosen at compile time; without flags that is
# its portable "fallback" kernel. DANDELION_ENGINE_ARCH (e.g. "haswell",
# "native") compiles this library for that CPU instead, for deployments that
# know their hardware.
find_package(simdjson QUIET)
if(NOT TARGET simdjson::simdjson)
  pkg_check_modules(SIMDJSON REQUIRED IMPORTED_TARGET simdjson)
  add_library(simdjson::simdjson ALIAS PkgConfig::SIMDJSON)
endif()
set(DANDELION_ENGINE_ARCH "" CACHE STRING "-march for the engine's JSON parsing (empty: portable)")

add_library(dandelion_engine ${CMAKE_CURRENT_LIST_DIR}/normalize.cc
            ${CMAKE_CURRENT_LIST_DIR}/normalize_text.cc ${CMAKE_CURRENT_LIST_DIR}/pipeline.cc
            ${CMAKE_CURRENT_LIST_DIR}/text_request.cc)
target_link_libraries(dandelion_engine PUBLIC dandelion_text dandelion_common dandelion_enrich
                      dandelion_listening PRIVATE simdjson::simdjson)
target_compile_definitions(dandelion_engine PRIVATE SIMDJSON_EXCEPTIONS=0)
if(DANDELION_ENGINE_ARCH)
  target_compile_options(dandelion_engine PRIVATE -march=${DANDELION_ENGINE_ARCH})
endif()
