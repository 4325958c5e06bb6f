#include "service/contacts/people.h"

#include "store/contacts/contact_repos.h"

namespace dandelion::service {

Result<std::optional<int64_t>> PersonFor(store::Tx& tx, const domain::StoredMention& m,
                                         int64_t unit_id, int64_t now_ms) {
  if (!m.contact_id) return std::optional<int64_t>();
  auto& people = store::People(tx);
  DND_ASSIGN_OR_RETURN(auto known, people.PersonOfIdentity(*m.contact_id));
  if (known) {
    DND_RETURN_IF_ERROR(people.AddUnit(*known, unit_id));
    return known;
  }
  domain::Person p;
  p.unit_id = unit_id;
  p.display_name = !m.author_name.empty() ? m.author_name : m.author_handle;
  if (p.display_name.size() > 120) p.display_name.resize(120);
  if (m.language.size() == 2) p.language = m.language;
  p.created_at_ms = p.updated_at_ms = now_ms;
  DND_ASSIGN_OR_RETURN(p, people.Create(p));
  DND_RETURN_IF_ERROR(people.MoveIdentities({*m.contact_id}, p.id));
  DND_RETURN_IF_ERROR(people.AddUnit(p.id, unit_id));
  DND_RETURN_IF_ERROR(RefreshKeys(tx, p));
  return std::optional<int64_t>(p.id);
}

Status RefreshKeys(store::Tx& tx, const domain::Person& p) {
  auto& people = store::People(tx);
  if (p.merged_into) return people.SetKeys(p.id, {});  // found through the person it is merged into
  DND_ASSIGN_OR_RETURN(auto identities, people.Identities(p.id));
  return people.SetKeys(p.id, domain::SearchKeysOf(p, identities));
}

}  // namespace dandelion::service
