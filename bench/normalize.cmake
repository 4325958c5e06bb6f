# Normalisers: lines/s per format next to simdjson alone walking the same
# lines (the floor), in one run.
add_executable(normalize_bench ${CMAKE_CURRENT_LIST_DIR}/normalize_bench.cc)
target_link_libraries(normalize_bench PRIVATE dandelion_engine dandelion_bench_corpus benchmark::benchmark)
