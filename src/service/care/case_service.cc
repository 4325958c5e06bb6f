#include "service/care/case_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "enrich/enrich.h"
#include "service/care/sla.h"
#include "store/care/care_repos.h"
#include "store/listening/listening_repos.h"
#include "store/org/org_repos.h"
#include "text/network.h"

namespace dandelion::service {
namespace {

using domain::Action;
using domain::Case;
using domain::CaseEvent;
using domain::CaseStatus;
using domain::SlaClock;

constexpr size_t kMaxNoteBytes = 10'000;
constexpr int kMaxThread = 200;
constexpr int kSweepBatch = 500;

Status Hidden(int64_t id) { return NotFound(fmt::format("no case with id {}", id)); }

ClockView ClockOf(const Case& c, SlaClock clock, std::optional<int64_t> due,
                  std::optional<int64_t> done, int64_t now) {
  ClockView v{.clock = clock, .state = "none", .due_ms = due, .done_ms = done};
  const bool breached = (c.breached & domain::BreachBit(clock)) != 0;
  if (due) {
    v.state = breached || *due <= now ? "breached" : c.paused_at_ms ? "paused" : "running";
  } else if (done) {
    v.state = breached ? "breached" : "met";
  } else if (breached) {
    v.state = "breached";
  }
  return v;
}

Result<std::string> EmailOf(store::Tx& tx, std::optional<int64_t> user_id,
                            std::map<int64_t, std::string>& cache) {
  if (!user_id) return std::string();
  if (auto it = cache.find(*user_id); it != cache.end()) return it->second;
  DND_ASSIGN_OR_RETURN(auto u, store::Org(tx).users().Get(*user_id));
  cache[*user_id] = u.email;
  return u.email;
}

Result<std::pair<int64_t, int64_t>> ParseCursor(const std::string& cursor) {
  size_t colon = cursor.find(':');
  char* end = nullptr;
  long long key = std::strtoll(cursor.c_str(), &end, 10);
  if (colon == std::string::npos || end != cursor.c_str() + colon) {
    return InvalidArgument("bad cursor", "cursor");
  }
  long long id = std::strtoll(cursor.c_str() + colon + 1, &end, 10);
  if (*end != '\0' || colon + 1 == cursor.size()) return InvalidArgument("bad cursor", "cursor");
  return std::pair<int64_t, int64_t>{key, id};
}

// Whether `user_id` may work cases at `unit_id`.
Result<bool> MayWork(store::Tx& tx, const domain::UnitTree& tree, int64_t user_id, int64_t unit_id) {
  domain::Principal p;
  DND_ASSIGN_OR_RETURN(p.user, store::Org(tx).users().Get(user_id));
  DND_ASSIGN_OR_RETURN(p.memberships, store::Org(tx).memberships().ForUser(user_id));
  return domain::Authorize(p, tree, Action::kWorkCases, unit_id).ok();
}

}  // namespace

CaseView ViewOf(const Case& c, const domain::UnitTree& tree, const CareSnapshot& snap,
                std::string assignee_email, int64_t now) {
  CaseView v;
  v.c = c;
  const domain::Unit* u = tree.Find(c.unit_id);
  v.unit_slug = u ? u->slug : "";
  v.assignee_email = std::move(assignee_email);
  if (const auto* p = snap.PolicyOf(c.sla_policy_id)) v.sla_policy_name = p->name;
  if (c.sla_policy_id) {
    v.clocks.push_back(ClockOf(c, SlaClock::kFirstResponse, c.first_response_due_ms,
                               c.first_response_at_ms, now));
    v.clocks.push_back(ClockOf(c, SlaClock::kNextResponse, c.next_response_due_ms,
                               c.next_response_due_ms ? std::nullopt : c.last_response_at_ms, now));
    v.clocks.push_back(
        ClockOf(c, SlaClock::kResolution, c.resolution_due_ms, c.resolved_at_ms, now));
  }
  return v;
}

Result<CasePage> CaseService::List(const domain::Principal& who, const CaseFilter& f) {
  CasePage page;
  if (f.limit < 1 || f.limit > 200) return InvalidArgument("limit is 1 to 200", "limit");
  DND_RETURN_IF_ERROR(access_.Read(who, "cases", [&](Scope& s) -> Status {
    store::CaseQuery q;
    if (!f.unit.empty()) {
      DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(f.unit, Action::kViewCases, "unit"));
      for (const domain::Unit* x : s.tree.DepthFirst()) {
        if (x->id == u->id || (f.subtree && s.tree.IsInSubtree(x->id, u->id))) {
          q.unit_ids.push_back(x->id);
        }
      }
    } else {
      for (const domain::Unit* x : s.tree.DepthFirst()) {
        if (s.May(Action::kViewCases, x->id)) q.unit_ids.push_back(x->id);
      }
    }
    q.statuses = f.statuses.empty() ? std::vector<CaseStatus>{CaseStatus::kNew, CaseStatus::kOpen,
                                                               CaseStatus::kPending}
                                    : f.statuses;
    if (f.assignee == "me") {
      q.assignee_id = who.user.id;
    } else if (f.assignee == "none") {
      q.unassigned = true;
    } else if (!f.assignee.empty()) {
      char* end = nullptr;
      long long id = std::strtoll(f.assignee.c_str(), &end, 10);
      if (*end != '\0' || id <= 0) {
        return InvalidArgument("assignee is 'me', 'none' or a user id", "assignee");
      }
      q.assignee_id = id;
    }
    q.priority = f.priority;
    q.tag = f.tag;
    q.by_due = f.by_due;
    q.limit = f.limit + 1;
    if (!f.cursor.empty()) {
      DND_ASSIGN_OR_RETURN(auto after, ParseCursor(f.cursor));
      q.after = after;
    }
    auto& cases = store::Care(s.tx).cases();
    DND_ASSIGN_OR_RETURN(page.total, cases.Count(q));
    DND_ASSIGN_OR_RETURN(auto found, cases.Find(q));
    DND_ASSIGN_OR_RETURN(auto snap, router_.Current(s.tx, std::nullopt));
    std::map<int64_t, std::string> emails;
    const int64_t now = s.NowMs();
    for (size_t i = 0; i < found.size() && i < static_cast<size_t>(f.limit); ++i) {
      DND_ASSIGN_OR_RETURN(std::string email, EmailOf(s.tx, found[i].assignee_id, emails));
      page.items.push_back(ViewOf(found[i], s.tree, *snap, std::move(email), now));
    }
    if (found.size() > static_cast<size_t>(f.limit)) {
      const Case& last = found[static_cast<size_t>(f.limit) - 1];
      const int64_t key = f.by_due ? last.due_ms.value_or(INT64_MAX) : -last.id;
      page.next = fmt::format("{}:{}", key, last.id);
    }
    return Status::Ok();
  }));
  return page;
}

Result<CaseDetail> CaseService::Get(const domain::Principal& who, int64_t id) {
  CaseDetail d;
  DND_RETURN_IF_ERROR(access_.Read(who, fmt::format("case:{}", id), [&](Scope& s) -> Status {
    auto& cases = store::Care(s.tx).cases();
    auto c = cases.Get(id);
    if (c.status().code() == Code::kNotFound) return Hidden(id);
    DND_RETURN_IF_ERROR(c.status());
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kViewCases, Action::kViewCases, c->unit_id, Hidden(id)));
    DND_ASSIGN_OR_RETURN(auto snap, router_.Current(s.tx, std::nullopt));
    std::map<int64_t, std::string> emails;
    DND_ASSIGN_OR_RETURN(std::string email, EmailOf(s.tx, c->assignee_id, emails));
    d.view = ViewOf(*c, s.tree, *snap, std::move(email), s.NowMs());
    DND_ASSIGN_OR_RETURN(auto ids, cases.MentionIds(id, kMaxThread));
    DND_ASSIGN_OR_RETURN(d.mentions, store::Listening(s.tx).mentions().ByIds(ids));
    DND_ASSIGN_OR_RETURN(d.events, cases.Events(id, 1000));
    return Status::Ok();
  }));
  return d;
}

Result<CaseView> CaseService::Change(
    const domain::Principal& who, int64_t id, const std::string& audit_action,
    const std::function<Status(Scope&, Case&, CaseEvent&)>& change) {
  CaseView out;
  DND_RETURN_IF_ERROR(access_.Write(who, fmt::format("case:{}", id), [&](Scope& s) -> Status {
    auto& cases = store::Care(s.tx).cases();
    auto found = cases.Get(id);
    if (found.status().code() == Code::kNotFound) return Hidden(id);
    DND_RETURN_IF_ERROR(found.status());
    Case c = *found;
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kWorkCases, Action::kViewCases, c.unit_id, Hidden(id)));
    CaseEvent e = domain::NewEvent(id, s.NowMs(), "", "", std::nullopt, who.user.id);
    DND_RETURN_IF_ERROR(change(s, c, e));
    c.updated_at_ms = s.NowMs();
    DND_ASSIGN_OR_RETURN(c, cases.Update(c));
    if (!e.kind.empty()) DND_RETURN_IF_ERROR(cases.AddEvent(e).status());
    // A note's or reply's words stay in the case (where an erase can reach
    // them), never in the audit chain, which cannot be rewritten.
    const bool words = e.kind == "note" || e.kind == "reply";
    DND_RETURN_IF_ERROR(s.Audit(audit_action, fmt::format("case:{}", id), "",
                                words ? fmt::format("a {} of {} bytes", e.kind, e.detail.size()) : e.detail));
    DND_ASSIGN_OR_RETURN(auto snap, router_.Current(s.tx, std::nullopt));
    std::map<int64_t, std::string> emails;
    DND_ASSIGN_OR_RETURN(std::string email, EmailOf(s.tx, c.assignee_id, emails));
    out = ViewOf(c, s.tree, *snap, std::move(email), s.NowMs());
    return Status::Ok();
  }));
  return out;
}

Result<CaseView> CaseService::Claim(const domain::Principal& who, int64_t id) {
  return Change(who, id, "case.claim", [&](Scope& s, Case& c, CaseEvent& e) -> Status {
    if (c.assignee_id == who.user.id) return Status::Ok();  // already the caller's: nothing to do
    if (c.assignee_id) {
      std::map<int64_t, std::string> emails;
      DND_ASSIGN_OR_RETURN(std::string holder, EmailOf(s.tx, c.assignee_id, emails));
      return FailedPrecondition(fmt::format("case {} is already taken by {}", c.id, holder));
    }
    c.assignee_id = who.user.id;
    if (c.status == CaseStatus::kNew) c.status = CaseStatus::kOpen;
    e.kind = "assigned";
    e.detail = fmt::format("{} took the case", who.user.email);
    return Status::Ok();
  });
}

Result<CaseView> CaseService::Assign(const domain::Principal& who, int64_t id,
                                     std::optional<int64_t> user_id) {
  return Change(who, id, "case.assign", [&](Scope& s, Case& c, CaseEvent& e) -> Status {
    if (c.assignee_id == user_id) return Status::Ok();
    e.kind = "assigned";
    if (!user_id) {
      c.assignee_id.reset();
      e.detail = "unassigned";
      return Status::Ok();
    }
    auto may = MayWork(s.tx, s.tree, *user_id, c.unit_id);
    if (may.status().code() == Code::kNotFound || (may.ok() && !*may)) {
      return InvalidArgument(fmt::format("user {} may not work this unit's cases", *user_id),
                             "user_id");
    }
    DND_RETURN_IF_ERROR(may.status());
    c.assignee_id = user_id;
    if (c.status == CaseStatus::kNew) c.status = CaseStatus::kOpen;
    std::map<int64_t, std::string> emails;
    DND_ASSIGN_OR_RETURN(std::string email, EmailOf(s.tx, user_id, emails));
    e.detail = fmt::format("assigned to {}", email);
    return store::Care(s.tx).agents().Assigned(*user_id, c.unit_id, s.NowMs());
  });
}

Result<CaseView> CaseService::SetStatus(const domain::Principal& who, int64_t id, CaseStatus to) {
  return Change(who, id, "case.status", [&](Scope& s, Case& c, CaseEvent& e) -> Status {
    if (c.status == to) return Status::Ok();
    if (to == CaseStatus::kNew) {
      return InvalidArgument("a case goes back to open, not to new", "status");
    }
    DND_ASSIGN_OR_RETURN(auto snap, router_.Current(s.tx, std::nullopt));
    const auto& cal = snap->CalendarOf(c.unit_id);
    const int64_t now = s.NowMs();
    const CaseStatus from = c.status;
    if (from == CaseStatus::kPending) sla::Resume(c, cal, now);
    if (from == CaseStatus::kResolved) {
      // Re-opened by hand: like a new mention, without one.
      sla::Inbound(c, snap->PolicyOf(c.sla_policy_id), cal, now);
    }
    if (to == CaseStatus::kPending) sla::Pause(c, now);
    if (to == CaseStatus::kResolved) sla::Resolve(c, now);
    c.status = to;
    e.kind = "status";
    e.detail = fmt::format("{} → {}", domain::CaseStatusName(from), domain::CaseStatusName(to));
    return Status::Ok();
  });
}

Result<CaseView> CaseService::Update(const domain::Principal& who, int64_t id,
                                     std::optional<domain::CasePriority> priority,
                                     std::optional<std::vector<std::string>> tags) {
  return Change(who, id, "case.update", [&](Scope&, Case& c, CaseEvent& e) -> Status {
    std::vector<std::string> said;
    if (priority && *priority != c.priority) {
      said.push_back(fmt::format("priority {} → {}", domain::PriorityName(c.priority),
                                 domain::PriorityName(*priority)));
      c.priority = *priority;
    }
    if (tags) {
      for (size_t i = 0; i < tags->size(); ++i) {
        const std::string& t = (*tags)[i];
        const bool ok = !t.empty() && t.size() <= 40 &&
                        std::all_of(t.begin(), t.end(), [](char ch) {
                          return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                                 ch == '-' || ch == '_';
                        });
        if (!ok) {
          return InvalidArgument(
              fmt::format("'{}' is not a tag (lower-case letters, digits, - and _)", t),
              fmt::format("tags[{}]", i));
        }
      }
      if (tags->size() > 20) return InvalidArgument("at most 20 tags", "tags");
      std::vector<std::string> sorted = *tags;
      std::sort(sorted.begin(), sorted.end());
      sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
      if (sorted != c.tags) {
        std::string list;
        for (const auto& t : sorted) list += (list.empty() ? "" : ", ") + t;
        said.push_back(fmt::format("tags: {}", list.empty() ? "none" : list));
        c.tags = std::move(sorted);
      }
    }
    if (said.empty()) return Status::Ok();
    e.kind = priority && said.size() == 1 && !tags ? "priority" : "tags";
    if (priority && tags && said.size() > 1) e.kind = "priority";
    std::string detail;
    for (const auto& x : said) detail += (detail.empty() ? "" : "; ") + x;
    e.detail = detail;
    return Status::Ok();
  });
}

Result<CaseEvent> CaseService::AddNote(const domain::Principal& who, int64_t id,
                                       const std::string& text) {
  if (text.empty() || text.size() > kMaxNoteBytes) {
    return InvalidArgument("a note is 1 to 10,000 bytes", "text");
  }
  CaseEvent note;
  DND_RETURN_IF_ERROR(Change(who, id, "case.note", [&](Scope&, Case&, CaseEvent& e) -> Status {
                        e.kind = "note";
                        e.detail = text;
                        return Status::Ok();
                      }).status());
  // The entry as stored: the newest of the case's notes by the caller.
  DND_RETURN_IF_ERROR(access_.Read(who, fmt::format("case:{}", id), [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(auto events, store::Care(s.tx).cases().Events(id, 100000));
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->kind == "note" && it->actor_id == who.user.id) {
        note = *it;
        break;
      }
    }
    return Status::Ok();
  }));
  return note;
}

Result<CaseEvent> CaseService::Reply(const domain::Principal& who, int64_t id,
                                     const std::string& text, bool allow_personal_data) {
  if (text.empty()) return InvalidArgument("a reply needs text", "text");
  if (text.size() > 64 * 1024) return InvalidArgument("a reply is at most 64 KiB", "text");
  CaseEvent reply;
  DND_RETURN_IF_ERROR(Change(who, id, "case.reply", [&](Scope& s, Case& c, CaseEvent& e) -> Status {
                        auto network = text::ParseNetwork(c.network).value_or(text::Network::kOther);
                        enrich::Enrichment en = enrich::Enrich(text, network);
                        if (!en.length.valid) {
                          std::string why;
                          for (const auto& p : en.length.problems) why += (why.empty() ? "" : "; ") + p;
                          return InvalidArgument(
                              fmt::format("the reply is too long for {}: {} of {} {}{}",
                                          text::NetworkDisplayName(network), en.length.length,
                                          en.length.limit, en.length.unit,
                                          why.empty() ? "" : " (" + why + ")"),
                              "text");
                        }
                        if (!en.pii.empty() && !allow_personal_data) {
                          std::string kinds;
                          for (const auto& p : en.pii) {
                            std::string k(text::PiiKindName(p.kind));
                            if (kinds.find(k) == std::string::npos) kinds += (kinds.empty() ? "" : ", ") + k;
                          }
                          return InvalidArgument(
                              fmt::format("the reply holds personal data ({}): remove it, or send "
                                          "it knowingly with allow_personal_data",
                                          kinds),
                              "text");
                        }
                        sla::Responded(c, s.NowMs());
                        if (c.status == CaseStatus::kNew) c.status = CaseStatus::kOpen;
                        if (!c.assignee_id) c.assignee_id = who.user.id;
                        e.kind = "reply";
                        e.detail = fmt::format("(recorded as sent elsewhere: no connector for {} yet) {}",
                                               text::NetworkDisplayName(network), text);
                        reply = e;
                        return Status::Ok();
                      }).status());
  return reply;
}

Result<std::vector<CaseView>> CaseService::SweepBreaches() {
  std::vector<CaseView> out;
  DND_RETURN_IF_ERROR(access_.Write(nullptr, "cases:sweep", [&](Scope& s) -> Status {
    out.clear();
    auto& cases = store::Care(s.tx).cases();
    const int64_t now = s.NowMs();
    DND_ASSIGN_OR_RETURN(auto due, cases.DueBy(now, kSweepBatch));
    DND_ASSIGN_OR_RETURN(auto snap, router_.Current(s.tx, std::nullopt));
    for (Case c : due) {
      auto breached = sla::Breach(c, now);
      if (breached.empty()) continue;
      std::vector<CaseEvent> events;
      for (SlaClock clock : breached) {
        events.push_back(domain::NewEvent(
            c.id, now, "breached",
            fmt::format("the {} target was missed", domain::SlaClockName(clock))));
      }
      if (const domain::SlaPolicy* p = snap->PolicyOf(c.sla_policy_id)) {
        const domain::Escalation& esc = p->on_breach;
        if (esc.raise_priority && c.priority != domain::Raised(c.priority)) {
          events.push_back(domain::NewEvent(c.id, now, "escalated", fmt::format("priority {} → {}", domain::PriorityName(c.priority),
                                                  domain::PriorityName(domain::Raised(c.priority)))));
          c.priority = domain::Raised(c.priority);
        }
        if (esc.move_to_unit_id && *esc.move_to_unit_id != c.unit_id &&
            s.tree.Find(*esc.move_to_unit_id) != nullptr) {
          const domain::Unit* to = s.tree.Find(*esc.move_to_unit_id);
          events.push_back(domain::NewEvent(c.id, now, "moved", fmt::format("escalated to {}'s queue", to->name)));
          c.unit_id = to->id;
          c.assignee_id.reset();
          if (const domain::SlaPolicy* then = snap->PolicyOf(esc.then_policy_id)) {
            c.sla_policy_id = then->id;
            for (SlaClock clock : breached) {
              sla::Restart(c, clock, *then, snap->CalendarOf(c.unit_id), now);
            }
          }
        }
      }
      c.updated_at_ms = now;
      DND_ASSIGN_OR_RETURN(c, cases.Update(c));
      for (const auto& e : events) DND_RETURN_IF_ERROR(cases.AddEvent(e).status());
      out.push_back(ViewOf(c, s.tree, *snap, "", now));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace dandelion::service
