# Post length, language and PII (the entity extractor is in entities.cmake).
target_sources(dandelion_text PRIVATE ${CMAKE_CURRENT_LIST_DIR}/network.cc
               ${CMAKE_CURRENT_LIST_DIR}/post_length.cc ${CMAKE_CURRENT_LIST_DIR}/language.cc
               ${CMAKE_CURRENT_LIST_DIR}/pii.cc)
target_link_libraries(dandelion_text PUBLIC fmt::fmt cld2)
