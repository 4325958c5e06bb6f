# listening_bench: the compiled topic matcher next to a naive evaluator of
# each topic on its own, on generated brand-monitoring topics and posts
# (listening_topics.cc); compile and topic-change times.
add_executable(listening_bench ${CMAKE_CURRENT_LIST_DIR}/listening_bench.cc
               ${CMAKE_CURRENT_LIST_DIR}/listening_topics.cc
               ${CMAKE_CURRENT_LIST_DIR}/listening_naive.cc)
target_link_libraries(listening_bench PRIVATE dandelion_engine dandelion_listening dandelion_enrich
                      dandelion_bench_corpus benchmark::benchmark)

# ingest_corpus: posts and topics for the end-to-end ingest benchmark
# (ingest_bench.sh), and the simdjson-only floor over the same file.
add_executable(ingest_corpus ${CMAKE_CURRENT_LIST_DIR}/ingest_corpus.cc
               ${CMAKE_CURRENT_LIST_DIR}/listening_topics.cc)
target_link_libraries(ingest_corpus PRIVATE dandelion_engine dandelion_listening dandelion_enrich
                      dandelion_bench_corpus nlohmann_json::nlohmann_json)
target_compile_definitions(ingest_corpus PRIVATE SIMDJSON_EXCEPTIONS=0)

# topic_change_bench: a topic change at 10,000 topics through the listening
# service (only the change compiled, next to every topic compiled again).
add_executable(topic_change_bench ${CMAKE_CURRENT_LIST_DIR}/topic_change_bench.cc
               ${CMAKE_CURRENT_LIST_DIR}/listening_topics.cc)
target_link_libraries(topic_change_bench PRIVATE dandelion_service dandelion_store_sqlite dandelion_engine
                      dandelion_listening dandelion_enrich dandelion_bench_corpus
                      benchmark::benchmark)
