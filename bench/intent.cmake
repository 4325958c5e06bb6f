# Intent classification on the labelled posts of tests/data/intent/cases.tsv.
add_executable(intent_bench ${CMAKE_CURRENT_LIST_DIR}/intent_bench.cc)
target_link_libraries(intent_bench PRIVATE dandelion_enrich benchmark::benchmark)
target_compile_definitions(intent_bench PRIVATE DANDELION_TEST_DATA="${CMAKE_SOURCE_DIR}/tests/data")
