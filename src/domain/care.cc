#include "domain/care.h"

#include <array>

namespace dandelion::domain {
namespace {
constexpr std::array<std::string_view, 4> kPriorityNames = {"low", "normal", "high", "urgent"};
constexpr std::array<std::string_view, 4> kStatusNames = {"new", "open", "pending", "resolved"};
constexpr std::array<std::string_view, 3> kAssignmentNames = {"manual", "round_robin",
                                                              "least_loaded"};
constexpr std::array<std::string_view, 3> kClockNames = {"first_response", "next_response",
                                                         "resolution"};
}  // namespace

std::string_view PriorityName(CasePriority p) { return kPriorityNames.at(static_cast<size_t>(p)); }

std::optional<CasePriority> ParsePriority(std::string_view name) {
  for (size_t i = 0; i < kPriorityNames.size(); ++i) {
    if (kPriorityNames[i] == name) return static_cast<CasePriority>(i);
  }
  return std::nullopt;
}

CasePriority Raised(CasePriority p) {
  return p == CasePriority::kUrgent ? p : static_cast<CasePriority>(static_cast<int>(p) + 1);
}

std::string_view CaseStatusName(CaseStatus s) { return kStatusNames.at(static_cast<size_t>(s)); }

std::optional<CaseStatus> ParseCaseStatus(std::string_view name) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<CaseStatus>(i);
  }
  return std::nullopt;
}

std::string_view AssignmentName(Assignment a) {
  return kAssignmentNames.at(static_cast<size_t>(a));
}

std::optional<Assignment> ParseAssignment(std::string_view name) {
  for (size_t i = 0; i < kAssignmentNames.size(); ++i) {
    if (kAssignmentNames[i] == name) return static_cast<Assignment>(i);
  }
  return std::nullopt;
}

std::string_view SlaClockName(SlaClock c) { return kClockNames.at(static_cast<size_t>(c)); }

}  // namespace dandelion::domain
