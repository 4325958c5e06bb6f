# sentiment_test: table-driven VADER rules (tests/data/sentiment/), agreement
# with the reference JavaScript implementation (run with node at test time),
# and hostile input.
add_executable(sentiment_test ${CMAKE_CURRENT_LIST_DIR}/vader_test.cc
               ${CMAKE_CURRENT_LIST_DIR}/agreement_test.cc
               ${CMAKE_CURRENT_LIST_DIR}/sentence_corpus.cc)
target_link_libraries(sentiment_test PRIVATE dandelion_sentiment nlohmann_json::nlohmann_json
                      GTest::gtest_main)
target_compile_definitions(sentiment_test PRIVATE DANDELION_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
gtest_discover_tests(sentiment_test)
