add_library(dandelion_bench_corpus ${CMAKE_CURRENT_LIST_DIR}/post_corpus.cc)
target_link_libraries(dandelion_bench_corpus PUBLIC dandelion_text)
target_include_directories(dandelion_bench_corpus PUBLIC ${CMAKE_SOURCE_DIR})

add_executable(enrich_bench ${CMAKE_CURRENT_LIST_DIR}/enrich_bench.cc)
target_link_libraries(enrich_bench PRIVATE dandelion_enrich dandelion_bench_corpus benchmark::benchmark)

add_executable(enrich_corpus ${CMAKE_CURRENT_LIST_DIR}/enrich_corpus.cc)
target_link_libraries(enrich_corpus PRIVATE dandelion_enrich dandelion_bench_corpus)
