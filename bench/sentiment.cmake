# sentiment_bench: VADER sentences/s on one core. Its corpus is the agreement
# test's; `sentiment_bench --print_sentences | node bench/vader_js_bench.mjs`
# times the reference JavaScript on the same sentences.
add_executable(sentiment_bench ${CMAKE_CURRENT_LIST_DIR}/sentiment_bench.cc
               ${CMAKE_SOURCE_DIR}/tests/unit/sentiment/sentence_corpus.cc)
target_include_directories(sentiment_bench PRIVATE ${CMAKE_SOURCE_DIR}/tests/unit/sentiment)
target_link_libraries(sentiment_bench PRIVATE dandelion_sentiment nlohmann_json::nlohmann_json
                      benchmark::benchmark)
