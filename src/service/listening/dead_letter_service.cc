#include "service/listening/dead_letter_service.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "store/listening/listening_repos.h"

namespace dandelion::service {
namespace {

using domain::Action;

// The dead letters are the hub's: whoever may ingest may read and clear them.
Status MayHandle(Scope& s) {
  if (s.tree.Root() == nullptr) return FailedPrecondition("there is no hub yet");
  return s.Allow(Action::kIngest, s.tree.Root()->id);
}

}  // namespace

Result<RejectedPage> DeadLetterService::List(const domain::Principal& who,
                                             const std::string& cursor, int limit,
                                             const std::string& reason) {
  int64_t before = 0;
  if (!cursor.empty()) {
    auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), before);
    if (ec != std::errc() || end != cursor.data() + cursor.size() || before < 1) {
      return InvalidArgument("cursor must be the 'next' of a previous page", "cursor");
    }
  }
  RejectedPage page;
  DND_RETURN_IF_ERROR(access_.Read(who, "rejected_lines", [&](Scope& s) -> Status {
    DND_RETURN_IF_ERROR(MayHandle(s));
    auto& repo = store::Listening(s.tx).rejected();
    DND_ASSIGN_OR_RETURN(page.lines, repo.List(before, limit + 1, reason));
    DND_ASSIGN_OR_RETURN(page.reasons, repo.CountByReason());
    return Status::Ok();
  }));
  if (static_cast<int>(page.lines.size()) > limit) {
    page.lines.resize(static_cast<size_t>(limit));
    page.next = std::to_string(page.lines.back().id);
  }
  for (const auto& c : page.reasons) page.total += c.count;
  return page;
}

Status DeadLetterService::Delete(const domain::Principal& who, int64_t id) {
  const std::string target = fmt::format("rejected_line:{}", id);
  return access_.Write(who, target, [&](Scope& s) -> Status {
    DND_RETURN_IF_ERROR(MayHandle(s));
    DND_RETURN_IF_ERROR(store::Listening(s.tx).rejected().Delete(id));
    return s.Audit("rejected_line.delete", target, "null", "null");
  });
}

Result<int64_t> DeadLetterService::Clear(const domain::Principal& who, const std::string& reason) {
  int64_t deleted = 0;
  DND_RETURN_IF_ERROR(access_.Write(who, "rejected_lines", [&](Scope& s) -> Status {
    DND_RETURN_IF_ERROR(MayHandle(s));
    DND_ASSIGN_OR_RETURN(deleted, store::Listening(s.tx).rejected().DeleteAll(reason));
    nlohmann::json after = {{"deleted", deleted}};
    if (!reason.empty()) after["reason"] = reason;
    return s.Audit("rejected_lines.clear", "rejected_lines", "null", after.dump());
  }));
  return deleted;
}

}  // namespace dandelion::service
