# service_test: spike detection, the alert payload, and the webhook against
# a listener on 127.0.0.1 started by the test.
add_executable(service_test ${CMAKE_CURRENT_LIST_DIR}/alerts_test.cc)
target_link_libraries(service_test PRIVATE dandelion_service dandelion_common GTest::gtest_main)
gtest_discover_tests(service_test)
