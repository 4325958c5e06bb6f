# entities_bench: entity extraction posts/s on one core over generated posts.
add_executable(entities_bench ${CMAKE_CURRENT_LIST_DIR}/entities_bench.cc)
target_link_libraries(entities_bench PRIVATE dandelion_text benchmark::benchmark_main)
