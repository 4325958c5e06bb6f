# Tests of post length, language and PII.
add_executable(text_parts_test ${CMAKE_CURRENT_LIST_DIR}/post_length_test.cc
               ${CMAKE_CURRENT_LIST_DIR}/language_test.cc ${CMAKE_CURRENT_LIST_DIR}/pii_test.cc
               ${CMAKE_CURRENT_LIST_DIR}/utf8_test.cc)
target_link_libraries(text_parts_test PRIVATE dandelion_text GTest::gtest_main)
gtest_discover_tests(text_parts_test)
