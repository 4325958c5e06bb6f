# engine_test: table-driven normaliser cases (tests/data/engine/) and hostile
# input per format.
add_executable(engine_test ${CMAKE_CURRENT_LIST_DIR}/normalize_test.cc)
target_link_libraries(engine_test PRIVATE dandelion_engine GTest::gtest_main)
target_compile_definitions(engine_test PRIVATE DANDELION_TEST_DATA="${CMAKE_SOURCE_DIR}/tests/data")
gtest_discover_tests(engine_test)
