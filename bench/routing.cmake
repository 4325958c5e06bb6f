# routing_bench: the compiled routing rules (one chain laid out per unit,
# every rule's keywords in one TopicSet) next to each rule checked on its
# own with its keywords in a set of their own, on enriched generated posts.
add_executable(routing_bench ${CMAKE_CURRENT_LIST_DIR}/routing_bench.cc)
target_link_libraries(routing_bench PRIVATE dandelion_routing dandelion_engine dandelion_enrich
                      dandelion_bench_corpus benchmark::benchmark)
