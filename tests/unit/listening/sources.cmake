# listening: the query parser, driven by tests/data/listening/*.tsv.
add_executable(listening_test ${CMAKE_CURRENT_LIST_DIR}/query_test.cc)
target_link_libraries(listening_test PRIVATE dandelion_listening GTest::gtest_main)
target_compile_definitions(listening_test
                           PRIVATE DANDELION_LISTENING_DATA="${CMAKE_SOURCE_DIR}/tests/data/listening")
gtest_discover_tests(listening_test)

# The matcher against SQLite FTS5 (10,000 random queries) and its own
# cases; its tokenizer against the general one.
add_executable(listening_matcher_test ${CMAKE_CURRENT_LIST_DIR}/fts5_differential_test.cc
               ${CMAKE_CURRENT_LIST_DIR}/matcher_test.cc
               ${CMAKE_CURRENT_LIST_DIR}/unicode61_test.cc)
target_link_libraries(listening_matcher_test PRIVATE dandelion_listening sqlite3 GTest::gtest_main)
gtest_discover_tests(listening_matcher_test)
