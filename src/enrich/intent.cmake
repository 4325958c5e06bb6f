# Intent classification (intent.h). The rules (intent_rules.txt) are compiled
# into the binary by tools/embed as dandelion::IntentRulesEmbedded().
add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/intent_rules_embedded.cc
  COMMAND embed ${CMAKE_CURRENT_BINARY_DIR}/intent_rules_embedded.cc IntentRulesEmbedded
          common/embedded.h ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_LIST_DIR}/intent_rules.txt
  DEPENDS embed ${CMAKE_CURRENT_LIST_DIR}/intent_rules.txt)
target_sources(dandelion_enrich PRIVATE ${CMAKE_CURRENT_LIST_DIR}/intent.cc
               ${CMAKE_CURRENT_BINARY_DIR}/intent_rules_embedded.cc)
