target_sources(dandelion_enrich PRIVATE ${CMAKE_CURRENT_LIST_DIR}/enrich.cc)
target_link_libraries(dandelion_enrich PUBLIC dandelion_sentiment)
