// Access: the one way a use case reaches the store on behalf of a caller.
// It opens the transaction, loads the unit tree in it, hands the use case a
// Scope to authorise against and audit through, and when the use case is
// refused, records the refusal (in a transaction of its own: the use case's
// own rolled back). Every service's methods that take a caller go through
// it, so that "who may do what where" and "every refusal is in the audit
// log" are written once.
#pragma once

#include <functional>
#include <string>

#include "common/clock.h"
#include "domain/permissions.h"
#include "domain/unit_tree.h"
#include "store/store.h"

namespace dandelion::service {

//! What a use case's body works with: its transaction, the unit tree as of
//! that transaction, and the caller (null: the system — CLI, demo — which
//! may do anything).
class Scope {
 public:
  Scope(store::Tx& tx, const domain::UnitTree& tree, const domain::Principal* who,
        const Clock& clock)
      : tx(tx), tree(tree), who(who), clock_(clock) {}

  //! Ok when the caller may do `action` at `unit_id`; PermissionDenied
  //! (naming the action) otherwise.
  Status Allow(domain::Action action, int64_t unit_id) const;
  //! The unit `slug` that the caller may do `action` at. NotFound naming
  //! `field` when there is none *or the caller may not see it*
  //! (domain::CanSeeUnit): the two answer alike, so slugs cannot be probed.
  //! PermissionDenied when the caller sees the unit but may not do `action`.
  Result<const domain::Unit*> UnitFor(const std::string& slug, domain::Action action,
                                      const std::string& field = "slug") const;
  //! For an object at `unit_id` addressed by its id: Ok when the caller may
  //! do `action` there; `hidden` (the NotFound a missing object gets) when
  //! they may not even `view` it there; PermissionDenied otherwise. Ids of
  //! objects outside the caller's view cannot be probed.
  Status AllowOrHide(domain::Action action, domain::Action view, int64_t unit_id,
                     const Status& hidden) const;
  //! Whether the caller may do `action` at `unit_id` (no audit, no error):
  //! for filtering lists.
  bool May(domain::Action action, int64_t unit_id) const { return Allow(action, unit_id).ok(); }
  //! Appends an audit entry by the caller, in this transaction, so that the
  //! change and its entry land together or not at all.
  Status Audit(std::string action, std::string target, std::string before, std::string after) const;
  int64_t NowMs() const { return clock_.NowMs(); }

  store::Tx& tx;
  const domain::UnitTree& tree;
  const domain::Principal* who;

 private:
  const Clock& clock_;
};

class Access {
 public:
  Access(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  using Body = std::function<Status(Scope&)>;
  //! Runs `body` in a read-only transaction (Store::Read). A refusal
  //! (PermissionDenied) is audited as "denied" on `target` and returned.
  Status Read(const domain::Principal& who, const std::string& target, const Body& body);
  //! The same in a read-write transaction (Store::Write).
  Status Write(const domain::Principal& who, const std::string& target, const Body& body);
  //! `who` may be null (the system): then nothing is refused or audited as
  //! refused.
  Status Write(const domain::Principal* who, const std::string& target, const Body& body);
  Status Read(const domain::Principal* who, const std::string& target, const Body& body);

  //! Records `denial` when it is a refusal, and returns it either way.
  Status Deny(const domain::Principal& who, const Status& denial, const std::string& target);

  const Clock& clock() const { return clock_; }

 private:
  Status Run(bool write, const domain::Principal* who, const std::string& target, const Body& body);

  store::Store& store_;
  const Clock& clock_;
};

//! The unit tree as stored, in `tx`.
Result<domain::UnitTree> LoadTree(store::Tx& tx);

}  // namespace dandelion::service
