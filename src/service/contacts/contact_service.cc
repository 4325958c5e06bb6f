#include "service/contacts/contact_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "domain/validation.h"
#include "service/contacts/people.h"
#include "store/org/org_repos.h"

namespace dandelion::service {
namespace {

using domain::Action;
using domain::Person;
using nlohmann::json;

constexpr int kTimelineMentions = 200;
constexpr int kTimelineCases = 100;
constexpr int kExportMentions = 10'000;

Status Hidden(int64_t id) { return NotFound(fmt::format("no contact with id {}", id)); }

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The person `id` when the caller may see them; and may do `act` to them
// (PermissionDenied, audited, when they see them but may not).
Result<Person> Visible(Scope& s, int64_t id, Action act) {
  auto& people = store::People(s.tx);
  auto p = people.Get(id);
  if (p.status().code() == Code::kNotFound) return Hidden(id);
  DND_RETURN_IF_ERROR(p.status());
  DND_ASSIGN_OR_RETURN(auto units, people.Units(id));
  std::optional<int64_t> seen;
  for (int64_t u : units) {
    if (s.May(Action::kViewCases, u)) {
      if (!seen) seen = u;
      if (s.May(act, u)) return *p;
    }
  }
  if (!seen) return Hidden(id);
  DND_RETURN_IF_ERROR(s.Allow(act, *seen));
  return *p;
}

Result<ContactView> ViewOf(Scope& s, const Person& p) {
  ContactView v;
  v.person = p;
  const domain::Unit* home = s.tree.Find(p.unit_id);
  v.unit_slug = home ? home->slug : "";
  auto& people = store::People(s.tx);
  DND_ASSIGN_OR_RETURN(auto units, people.Units(p.id));
  for (int64_t u : units) {
    const domain::Unit* x = s.tree.Find(u);
    if (x != nullptr && domain::CanSeeUnit(*s.who, s.tree, u)) v.seen_by.push_back(x->slug);
  }
  DND_ASSIGN_OR_RETURN(v.identities, people.Identities(p.id));
  return v;
}

json Attributes(const Person& p) {
  return json{{"display_name", p.display_name}, {"email", p.email},       {"email_verified", p.email_verified},
              {"customer_id", p.customer_id},   {"tier", p.tier},         {"location", p.location},
              {"language", p.language},         {"tags", p.tags},         {"consent", domain::ConsentName(p.consent)}};
}

void Restore(const json& j, Person& p) {
  p.display_name = j.value("display_name", p.display_name);
  p.email = j.value("email", p.email);
  p.email_verified = j.value("email_verified", p.email_verified);
  p.customer_id = j.value("customer_id", p.customer_id);
  p.tier = j.value("tier", p.tier);
  p.location = j.value("location", p.location);
  p.language = j.value("language", p.language);
  p.tags = j.value("tags", p.tags);
  p.consent = domain::ParseConsent(j.value("consent", "unknown")).value_or(p.consent);
}

Result<std::string> EmailOf(store::Tx& tx, std::optional<int64_t> user_id,
                            std::map<int64_t, std::string>& cache) {
  if (!user_id) return std::string();
  if (auto it = cache.find(*user_id); it != cache.end()) return it->second;
  auto u = store::Org(tx).users().Get(*user_id);
  cache[*user_id] = u.ok() ? u->email : "";
  return cache[*user_id];
}

TimelineItem& Add(std::vector<TimelineItem>& v, std::string kind, int64_t at, std::string text) {
  TimelineItem& t = v.emplace_back();
  t.kind = std::move(kind);
  t.at_ms = at;
  t.text = std::move(text);
  return t;
}

std::vector<int64_t> IdsOf(const std::vector<domain::Identity>& v) {
  std::vector<int64_t> out;
  for (const auto& i : v) out.push_back(i.id);
  return out;
}

}  // namespace

Result<ContactPage> ContactService::List(const domain::Principal& who, const std::string& q,
                                         const std::string& cursor, int limit) {
  if (limit < 1 || limit > 200) return InvalidArgument("limit is 1 to 200", "limit");
  if (q.size() > 100) return InvalidArgument("a search is at most 100 characters", "q");
  ContactPage page;
  DND_RETURN_IF_ERROR(access_.Read(who, "contacts", [&](Scope& s) -> Status {
    store::PersonQuery pq;
    for (const domain::Unit* u : s.tree.DepthFirst()) {
      if (s.May(Action::kViewCases, u->id)) pq.unit_ids.push_back(u->id);
    }
    std::string prefix = Lower(domain::Trim(q));
    pq.prefix = prefix;
    if (!cursor.empty()) {
      char* end = nullptr;
      long long id = std::strtoll(cursor.c_str(), &end, 10);
      if (*end != '\0' || id <= 0) return InvalidArgument("bad cursor", "cursor");
      pq.before_id = id;
    }
    pq.limit = limit + 1;
    DND_ASSIGN_OR_RETURN(auto found, store::People(s.tx).Find(pq));
    for (size_t i = 0; i < found.size() && i < static_cast<size_t>(limit); ++i) {
      DND_ASSIGN_OR_RETURN(auto v, ViewOf(s, found[i]));
      page.items.push_back(std::move(v));
    }
    if (found.size() > static_cast<size_t>(limit)) page.next = std::to_string(found[limit - 1].id);
    return Status::Ok();
  }));
  return page;
}

Result<ContactDetail> ContactService::Get(const domain::Principal& who, int64_t id) {
  ContactDetail d;
  DND_RETURN_IF_ERROR(access_.Read(who, fmt::format("contact:{}", id), [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(Person p, Visible(s, id, Action::kViewCases));
    DND_ASSIGN_OR_RETURN(d.view, ViewOf(s, p));
    auto& people = store::People(s.tx);
    const auto ids = IdsOf(d.view.identities);
    std::map<int64_t, std::string> emails;
    DND_ASSIGN_OR_RETURN(auto mentions, people.Mentions(ids, kTimelineMentions));
    for (const auto& m : mentions) {
      TimelineItem& t = Add(d.timeline, "mention", m.created_at_ms, m.text);
      t.mention_id = m.id;
      t.network = m.network;
      t.url = m.url;
      t.status = m.sentiment;
    }
    DND_ASSIGN_OR_RETURN(auto cases, people.Cases(ids, kTimelineCases));
    std::vector<int64_t> visible_cases;
    for (const auto& c : cases) {
      if (!s.May(Action::kViewCases, c.unit_id)) continue;  // another unit's case stays its own
      visible_cases.push_back(c.id);
      TimelineItem& t = Add(d.timeline, "case", c.opened_at_ms, c.subject);
      t.case_id = c.id;
      t.status = c.status;
    }
    DND_ASSIGN_OR_RETURN(auto answers, people.Answers(visible_cases));
    for (const auto& e : answers) {
      DND_ASSIGN_OR_RETURN(std::string by, EmailOf(s.tx, e.actor_id, emails));
      TimelineItem& t = Add(d.timeline, e.kind, e.at_ms, e.detail);
      t.case_id = e.case_id;
      t.by = by;
    }
    DND_ASSIGN_OR_RETURN(d.merges, people.Merges(id));
    for (const auto& m : d.merges) {
      DND_ASSIGN_OR_RETURN(std::string by, EmailOf(s.tx, m.by_user_id, emails));
      const bool into = m.target_id == id;
      TimelineItem& t = Add(d.timeline, "merge", m.at_ms,
                            into ? fmt::format("contact {} merged into this one", m.source_id)
                                 : fmt::format("merged into contact {}", m.target_id));
      t.merge_id = m.id;
      t.by = by;
      if (m.undone_at_ms) {
        Add(d.timeline, "unmerge", *m.undone_at_ms, fmt::format("merge {} undone", m.id)).merge_id = m.id;
      }
    }
    std::stable_sort(d.timeline.begin(), d.timeline.end(),
                     [](const TimelineItem& a, const TimelineItem& b) { return a.at_ms > b.at_ms; });
    return Status::Ok();
  }));
  return d;
}

Result<ContactView> ContactService::Update(const domain::Principal& who, int64_t id,
                                           const domain::PersonChange& change,
                                           std::optional<int64_t> version) {
  ContactView out;
  DND_RETURN_IF_ERROR(access_.Write(who, fmt::format("contact:{}", id), [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(Person p, Visible(s, id, Action::kWorkCases));
    if (version && *version != p.version) {
      return FailedPrecondition(fmt::format("contact {} was changed meanwhile: load it again", id));
    }
    if (p.merged_into) {
      return FailedPrecondition(fmt::format("contact {} is merged into contact {}: change that one",
                                            id, *p.merged_into));
    }
    const json before = Attributes(p);
    DND_RETURN_IF_ERROR(domain::ApplyPersonChange(change, p, s.NowMs()));
    p.updated_at_ms = s.NowMs();
    DND_ASSIGN_OR_RETURN(p, store::People(s.tx).Update(p));
    DND_RETURN_IF_ERROR(RefreshKeys(s.tx, p));
    // Which fields changed, never their values: the audit chain cannot be
    // erased, so it holds no one's personal data.
    json changed = json::array();
    const json after = Attributes(p);
    for (auto it = after.begin(); it != after.end(); ++it) {
      if (before.at(it.key()) != it.value()) changed.push_back(it.key());
    }
    DND_RETURN_IF_ERROR(s.Audit("contact.update", fmt::format("contact:{}", id), "null",
                                json{{"changed", changed}}.dump()));
    DND_ASSIGN_OR_RETURN(out, ViewOf(s, p));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<DuplicateView>> ContactService::Duplicates(const domain::Principal& who, int64_t id) {
  std::vector<DuplicateView> out;
  DND_RETURN_IF_ERROR(access_.Read(who, fmt::format("contact:{}", id), [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(Person p, Visible(s, id, Action::kViewCases));
    auto& people = store::People(s.tx);
    std::map<int64_t, std::pair<std::string, bool>> why;  // the first, strongest reason each
    auto add = [&](const std::vector<Person>& found, const std::string& reason, bool strong) {
      for (const auto& x : found) {
        if (x.id != id && !why.count(x.id)) why[x.id] = {reason, strong};
      }
    };
    if (!p.customer_id.empty()) {
      DND_ASSIGN_OR_RETURN(auto v, people.WithCustomerId(p.customer_id));
      add(v, fmt::format("the same customer id {}", p.customer_id), true);
    }
    if (!p.email.empty()) {
      DND_ASSIGN_OR_RETURN(auto v, people.WithEmail(p.email));
      std::vector<Person> verified, other;
      for (auto& x : v) (x.email_verified && p.email_verified ? verified : other).push_back(x);
      add(verified, "the same verified e-mail address", true);
      add(other, "the same e-mail address (not verified on both)", false);
    }
    if (!p.display_name.empty()) {
      DND_ASSIGN_OR_RETURN(auto idents, people.Identities(id));
      DND_ASSIGN_OR_RETURN(auto v, people.WithKey(Lower(p.display_name.substr(0, p.display_name.find(' '))), 200));
      std::vector<Person> same;
      for (auto& x : v) {
        if (Lower(x.display_name) != Lower(p.display_name)) continue;
        DND_ASSIGN_OR_RETURN(auto theirs, people.Identities(x.id));
        // The same name on another network: likely; on the same network it
        // is two accounts, as likely two people.
        bool other_network = std::all_of(theirs.begin(), theirs.end(), [&](const domain::Identity& t) {
          return std::none_of(idents.begin(), idents.end(),
                              [&](const domain::Identity& mine) { return mine.network == t.network; });
        });
        if (other_network) same.push_back(x);
      }
      add(same, fmt::format("the same name, {}, on another network", p.display_name), false);
    }
    for (const auto& [other, reason] : why) {
      auto x = Visible(s, other, Action::kViewCases);
      if (!x.ok()) continue;  // a person the caller may not see is not suggested
      DND_ASSIGN_OR_RETURN(auto v, ViewOf(s, *x));
      DuplicateView& dup = out.emplace_back();
      dup.contact = std::move(v);
      dup.reason = reason.first;
      dup.strong = reason.second;
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const DuplicateView& a, const DuplicateView& b) { return a.strong > b.strong; });
    return Status::Ok();
  }));
  return out;
}

Result<domain::PersonMerge> ContactService::Merge(const domain::Principal& who, int64_t target_id,
                                                  int64_t source_id) {
  if (target_id == source_id) return InvalidArgument("a contact cannot be merged into itself", "source_id");
  domain::PersonMerge merge;
  DND_RETURN_IF_ERROR(access_.Write(who, fmt::format("contact:{}", target_id), [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(Person target, Visible(s, target_id, Action::kWorkCases));
    auto source = Visible(s, source_id, Action::kWorkCases);
    if (source.status().code() == Code::kNotFound) {
      return NotFound(fmt::format("no contact with id {}", source_id), "source_id");
    }
    DND_RETURN_IF_ERROR(source.status());
    for (const Person* p : {&target, &*source}) {
      if (p->merged_into) {
        return FailedPrecondition(fmt::format("contact {} is already merged into contact {}", p->id,
                                              *p->merged_into));
      }
    }
    auto& people = store::People(s.tx);
    DND_ASSIGN_OR_RETURN(auto moved, people.Identities(source_id));
    merge.target_id = target_id;
    merge.source_id = source_id;
    merge.identity_ids = IdsOf(moved);
    merge.target_before = Attributes(target).dump();
    merge.by_user_id = who.user.id;
    merge.at_ms = s.NowMs();
    // What the target lacks, the source gives; tags are joined.
    for (auto [mine, theirs] : {std::pair{&target.email, &source->email}, {&target.customer_id, &source->customer_id},
                                {&target.tier, &source->tier}, {&target.location, &source->location},
                                {&target.language, &source->language}}) {
      if (mine->empty()) *mine = *theirs;
    }
    if (target.email == source->email && source->email_verified) target.email_verified = true;
    for (const auto& t : source->tags) target.tags.push_back(t);
    std::sort(target.tags.begin(), target.tags.end());
    target.tags.erase(std::unique(target.tags.begin(), target.tags.end()), target.tags.end());
    target.updated_at_ms = s.NowMs();
    // Both versions checked: of two merges of the same people at once, one
    // wins and the other is told to look again.
    DND_ASSIGN_OR_RETURN(target, people.Update(target));
    Person src = *source;
    src.merged_into = target_id;
    src.updated_at_ms = s.NowMs();
    DND_ASSIGN_OR_RETURN(src, people.Update(src));
    DND_RETURN_IF_ERROR(people.MoveIdentities(merge.identity_ids, target_id));
    DND_RETURN_IF_ERROR(people.RecomputeUnits(target_id));
    DND_RETURN_IF_ERROR(people.RecomputeUnits(source_id));
    DND_RETURN_IF_ERROR(RefreshKeys(s.tx, target));
    DND_RETURN_IF_ERROR(RefreshKeys(s.tx, src));
    DND_ASSIGN_OR_RETURN(merge, people.AddMerge(merge));
    return s.Audit("contact.merge", fmt::format("contact:{}", target_id), "null",
                   json{{"merge", merge.id}, {"source", source_id}, {"identities", merge.identity_ids.size()}}.dump());
  }));
  return merge;
}

Result<domain::PersonMerge> ContactService::Unmerge(const domain::Principal& who, int64_t merge_id) {
  domain::PersonMerge merge;
  DND_RETURN_IF_ERROR(access_.Write(who, fmt::format("merge:{}", merge_id), [&](Scope& s) -> Status {
    auto& people = store::People(s.tx);
    auto m = people.GetMerge(merge_id);
    const Status hidden = NotFound(fmt::format("no merge with id {}", merge_id));
    if (m.status().code() == Code::kNotFound) return hidden;
    DND_RETURN_IF_ERROR(m.status());
    merge = *m;
    auto target = Visible(s, merge.target_id, Action::kWorkCases);
    if (target.status().code() == Code::kNotFound) return hidden;
    DND_RETURN_IF_ERROR(target.status());
    if (merge.undone_at_ms) return FailedPrecondition(fmt::format("merge {} is already undone", merge_id));
    DND_ASSIGN_OR_RETURN(Person source, people.Get(merge.source_id));
    if (source.merged_into != merge.target_id) {
      return FailedPrecondition(fmt::format("contact {} is no longer merged into contact {}", source.id,
                                            merge.target_id));
    }
    // Only the identities still the target's go back (one moved on by a
    // later merge stays where it is).
    DND_ASSIGN_OR_RETURN(auto now_target, people.Identities(merge.target_id));
    std::vector<int64_t> back;
    for (int64_t i : merge.identity_ids) {
      if (std::any_of(now_target.begin(), now_target.end(), [i](const auto& x) { return x.id == i; })) back.push_back(i);
    }
    DND_RETURN_IF_ERROR(people.MoveIdentities(back, source.id));
    Person t = *target;
    Restore(json::parse(merge.target_before, nullptr, false), t);
    t.updated_at_ms = s.NowMs();
    DND_ASSIGN_OR_RETURN(t, people.Update(t));
    source.merged_into.reset();
    source.updated_at_ms = s.NowMs();
    DND_ASSIGN_OR_RETURN(source, people.Update(source));
    DND_RETURN_IF_ERROR(people.RecomputeUnits(t.id));
    DND_RETURN_IF_ERROR(people.RecomputeUnits(source.id));
    DND_RETURN_IF_ERROR(RefreshKeys(s.tx, t));
    DND_RETURN_IF_ERROR(RefreshKeys(s.tx, source));
    DND_RETURN_IF_ERROR(people.MarkUndone(merge_id, s.NowMs()));
    merge.undone_at_ms = s.NowMs();
    return s.Audit("contact.unmerge", fmt::format("contact:{}", merge.target_id), "null",
                   json{{"merge", merge_id}, {"source", source.id}}.dump());
  }));
  return merge;
}

Result<json> ContactService::Export(const domain::Principal& who, int64_t id) {
  json out;
  DND_RETURN_IF_ERROR(access_.Read(who, fmt::format("contact:{}", id), [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(Person p, Visible(s, id, Action::kManageCare));
    auto& people = store::People(s.tx);
    DND_ASSIGN_OR_RETURN(auto identities, people.Identities(id));
    const auto ids = IdsOf(identities);
    out["contact"] = Attributes(p);
    out["contact"]["id"] = p.id;
    out["contact"]["created_at"] = p.created_at_ms;
    out["contact"]["consent_at"] = p.consent_at_ms ? json(*p.consent_at_ms) : json(nullptr);
    out["identities"] = json::array();
    for (const auto& i : identities) {
      out["identities"].push_back({{"network", i.network}, {"handle", i.handle}, {"external_id", i.external_id},
                                   {"display_name", i.display_name},
                                   {"followers", i.followers ? json(*i.followers) : json(nullptr)},
                                   {"first_seen", i.first_seen_ms}, {"last_seen", i.last_seen_ms}});
    }
    DND_ASSIGN_OR_RETURN(auto mentions, people.Mentions(ids, kExportMentions));
    out["mentions"] = json::array();
    for (const auto& m : mentions) {
      out["mentions"].push_back({{"id", m.id}, {"network", m.network}, {"handle", m.handle}, {"text", m.text},
                                 {"url", m.url}, {"created_at", m.created_at_ms}});
    }
    DND_ASSIGN_OR_RETURN(auto cases, people.Cases(ids, kExportMentions));
    std::vector<int64_t> case_ids;
    out["cases"] = json::array();
    for (const auto& c : cases) {
      case_ids.push_back(c.id);
      out["cases"].push_back({{"id", c.id}, {"status", c.status}, {"subject", c.subject},
                              {"opened_at", c.opened_at_ms},
                              {"resolved_at", c.resolved_at_ms ? json(*c.resolved_at_ms) : json(nullptr)}});
    }
    DND_ASSIGN_OR_RETURN(auto answers, people.Answers(case_ids));
    out["replies"] = json::array();
    for (const auto& e : answers) {
      if (e.kind == "note") continue;  // internal notes are the team's, not the person's
      out["replies"].push_back({{"case_id", e.case_id}, {"kind", e.kind}, {"text", e.detail}, {"at", e.at_ms}});
    }
    out["exported_at"] = s.NowMs();
    return Status::Ok();
  }));
  DND_RETURN_IF_ERROR(access_.Write(who, fmt::format("contact:{}", id), [&](Scope& s) -> Status {
    return s.Audit("contact.export", fmt::format("contact:{}", id), "null", "null");
  }));
  return out;
}

Result<EraseResult> ContactService::Erase(const domain::Principal& who, int64_t id) {
  EraseResult r;
  DND_RETURN_IF_ERROR(access_.Write(who, fmt::format("contact:{}", id), [&](Scope& s) -> Status {
    auto& people = store::People(s.tx);
    DND_ASSIGN_OR_RETURN(auto stone, people.Tombstone(id));
    if (stone) {
      // Erased before: the same answer again, for those who may know.
      if (!s.May(Action::kViewCases, stone->unit_id)) return Hidden(id);
      DND_RETURN_IF_ERROR(s.Allow(Action::kManageCare, stone->unit_id));
      r.already = true;
      return Status::Ok();
    }
    DND_ASSIGN_OR_RETURN(Person p, Visible(s, id, Action::kManageCare));
    if (p.merged_into) {
      return FailedPrecondition(fmt::format("contact {} is merged into contact {}: erase that one", id,
                                            *p.merged_into));
    }
    // The person and everyone merged into them (and into those): one person.
    std::vector<int64_t> ids = {id};
    for (size_t i = 0; i < ids.size() && ids.size() < 1000; ++i) {
      DND_ASSIGN_OR_RETURN(auto merged, people.MergedInto(ids[i]));
      for (const auto& m : merged) ids.push_back(m.id);
    }
    std::reverse(ids.begin(), ids.end());
    DND_ASSIGN_OR_RETURN(r.counts, people.Erase(ids, p.unit_id, who.user.id, s.NowMs()));
    return s.Audit("contact.erase", fmt::format("contact:{}", id), "null",
                   json{{"people", ids.size()}, {"mentions", r.counts.mentions}, {"cases", r.counts.cases},
                        {"other_mentions", r.counts.others}, {"events", r.counts.events},
                        {"dead_letters", r.counts.dead_letters}}
                       .dump());
  }));
  return r;
}

}  // namespace dandelion::service
