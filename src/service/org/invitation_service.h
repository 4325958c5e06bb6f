// InvitationService: how people join a unit without anyone guessing at
// accounts. An admin of a unit invites an e-mail address to a role there;
// the link goes by e-mail to that address only, and the inviter's answer is
// the same whether an account with it exists or not. Whoever holds the link
// (the address's owner) sees the invitation and either accepts it, logged in
// as that address, or creates the account for it. Links are 32 random
// bytes, stored as SHA-256, single-use, and expire. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "service/auth/password_workers.h"
#include "service/common/access.h"
#include "service/common/mailer.h"
#include "service/org/org_service.h"
#include "store/store.h"

namespace dandelion::service {

struct InvitationOptions {
  //! Where the links point: the server's address as users reach it.
  std::string public_url = "http://127.0.0.1:8080";
  int64_t ttl_ms = 7LL * 24 * 3600 * 1000;
  PasswordCost password_cost = PasswordCost::kInteractive;
};

struct InvitationView {
  domain::Invitation invitation;
  std::string unit_slug, unit_name, invited_by;  //!< the inviter's name
};

//! What a link shows its holder.
struct InvitationPreview {
  InvitationView view;
  bool account_exists = false;
};

class InvitationService {
 public:
  //! `mailer` may be null: then inviting answers FailedPrecondition.
  InvitationService(store::Store& store, const Clock& clock, PasswordWorkers& passwords,
                    Mailer* mailer, InvitationOptions options = {});

  //! Invites `email` to `role` at `slug` and e-mails the link. Needs
  //! kManageMembers there. InvalidArgument (field email / role), NotFound,
  //! PermissionDenied, FailedPrecondition without a mailer, Unavailable
  //! when the mail cannot be handed on (then nothing is kept).
  Result<InvitationView> Invite(const domain::Principal& who, const std::string& slug,
                                const std::string& email, const std::string& role);
  //! Pending invitations at the unit, newest first. Needs kManageMembers.
  Result<std::vector<InvitationView>> List(const domain::Principal& who, const std::string& slug);
  //! Withdraws one; NotFound also for one outside the caller's view.
  Status Withdraw(const domain::Principal& who, int64_t id);

  //! The invitation behind a link. NotFound when unknown, used, withdrawn or
  //! expired (one message for all).
  Result<InvitationPreview> Preview(const std::string& token);
  //! Accepts as `who`, whose e-mail must be the invitation's
  //! (PermissionDenied otherwise); AlreadyExists when they hold the role.
  Result<MemberView> Accept(const domain::Principal& who, const std::string& token);
  //! Creates the account for the invitation's e-mail with the role.
  //! InvalidArgument (name / password), AlreadyExists (field email) when an
  //! account has the e-mail (log in and Accept instead), ResourceExhausted
  //! when the password workers are busy.
  Result<UserView> SignUp(const std::string& token, const std::string& name,
                          const std::string& password);

 private:
  Result<domain::Invitation> FindLive(Scope& s, const std::string& token);

  Access access_;
  const Clock& clock_;
  PasswordWorkers& passwords_;
  Mailer* mailer_;
  InvitationOptions options_;
};

}  // namespace dandelion::service
