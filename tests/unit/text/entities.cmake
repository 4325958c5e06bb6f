# Entity extraction: twitter-text's conformance suite (read at test time from
# DANDELION_CONFORMANCE_DIR, overridable by the environment variable of the
# same name; skipped when absent) and hostile input.
find_package(yaml-cpp REQUIRED)
add_executable(text_entities_test ${CMAKE_CURRENT_LIST_DIR}/entities_test.cc)
target_link_libraries(text_entities_test PRIVATE dandelion_text GTest::gtest_main yaml-cpp)
target_compile_definitions(text_entities_test
                           PRIVATE DANDELION_CONFORMANCE_DIR="${DANDELION_CONFORMANCE_DIR}")
gtest_discover_tests(text_entities_test)
