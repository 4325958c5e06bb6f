add_executable(enrich_test ${CMAKE_CURRENT_LIST_DIR}/enrich_test.cc)
target_link_libraries(enrich_test PRIVATE dandelion_enrich GTest::gtest_main)
gtest_discover_tests(enrich_test)
