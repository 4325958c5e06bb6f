# Intent classification: the table of labelled posts (tests/data/intent/),
# the rules parser's errors, cue reporting and hostile input.
add_executable(intent_test ${CMAKE_CURRENT_LIST_DIR}/intent_test.cc)
target_link_libraries(intent_test PRIVATE dandelion_enrich GTest::gtest_main)
target_compile_definitions(intent_test PRIVATE DANDELION_TEST_DATA="${CMAKE_SOURCE_DIR}/tests/data")
gtest_discover_tests(intent_test)
