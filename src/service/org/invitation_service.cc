#include "service/org/invitation_service.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "domain/validation.h"
#include "service/common/audit_log.h"
#include "store/org/org_repos.h"

namespace dandelion::service {
namespace {

using domain::Action;
using domain::Principal;

// One answer for a link that never existed, was used, withdrawn or expired.
Status Gone() {
  return NotFound(
      "this invitation link is not valid any more: it was used, withdrawn or has "
      "expired; ask for a new one");
}

std::string Snapshot(const domain::Invitation& i, const std::string& unit_slug) {
  return nlohmann::json({{"id", i.id},
                         {"unit", unit_slug},
                         {"email", i.email},
                         {"role", std::string(domain::RoleName(i.role))},
                         {"expires_at", i.expires_at_ms}})
      .dump();
}

Result<InvitationView> ViewOf(Scope& s, const domain::Invitation& i) {
  InvitationView v{i, "", "", ""};
  if (const domain::Unit* u = s.tree.Find(i.unit_id)) {
    v.unit_slug = u->slug;
    v.unit_name = u->name;
  }
  auto inviter = store::Org(s.tx).users().Get(i.invited_by);
  if (inviter.ok()) {
    v.invited_by = inviter->name;
  } else if (inviter.status().code() != Code::kNotFound) {
    return inviter.status();
  }
  return v;
}

std::string MailText(const InvitationView& v, const std::string& link, int64_t ttl_ms) {
  return fmt::format(
      "Hello,\n\n{} invited you to join {} in Dandelion as {}.\n\n"
      "Open this link to accept (it works once, for {} days):\n\n  {}\n\n"
      "If you did not expect this invitation, ignore this e-mail: nothing happens "
      "unless the link is opened.\n",
      v.invited_by.empty() ? "Someone" : v.invited_by, v.unit_name,
      domain::RoleName(v.invitation.role), ttl_ms / (24 * 3600 * 1000), link);
}

}  // namespace

InvitationService::InvitationService(store::Store& store, const Clock& clock,
                                     PasswordWorkers& passwords, Mailer* mailer,
                                     InvitationOptions options)
    : access_(store, clock),
      clock_(clock),
      passwords_(passwords),
      mailer_(mailer),
      options_(std::move(options)) {
  while (options_.public_url.ends_with("/")) options_.public_url.pop_back();
}

Result<InvitationView> InvitationService::Invite(const Principal& who, const std::string& slug,
                                                 const std::string& email_in,
                                                 const std::string& role_name) {
  DND_RETURN_IF_ERROR(domain::ValidateEmail(email_in));
  auto role = domain::ParseRole(role_name);
  if (!role) return InvalidArgument(fmt::format("unknown role '{}'", role_name), "role");
  if (mailer_ == nullptr) {
    return FailedPrecondition(
        "this server sends no e-mail, so it cannot invite: start it with --mail-dir");
  }
  const std::string token = RandomHex(32);
  const std::string target = "unit:" + slug;
  InvitationView out;
  DND_RETURN_IF_ERROR(access_.Write(who, target, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(slug, Action::kManageMembers));
    domain::Invitation inv{
        0,           u->id,     domain::NormalizeEmail(email_in), *role, Sha256Hex(token),
        who.user.id, s.NowMs(), s.NowMs() + options_.ttl_ms};
    auto& invitations = store::Org(s.tx).invitations();
    DND_RETURN_IF_ERROR(invitations.DeleteExpired(s.NowMs()));
    DND_ASSIGN_OR_RETURN(inv, invitations.Put(inv));
    DND_ASSIGN_OR_RETURN(out, ViewOf(s, inv));
    return s.Audit("invitation.create", target, "null", Snapshot(inv, u->slug));
  }));
  // Sent after the commit, so that a link never points at nothing; a mail
  // that cannot go takes its invitation back with it.
  const std::string link = options_.public_url + "/invitations/" + token;
  Status sent = mailer_->Send({out.invitation.email,
                               fmt::format("You are invited to {} in Dandelion", out.unit_name),
                               MailText(out, link, options_.ttl_ms)});
  if (!sent.ok()) {
    access_
        .Write(nullptr, target,
               [&](Scope& s) { return store::Org(s.tx).invitations().Delete(out.invitation.id); })
        .IgnoreError();
    return Unavailable("the invitation e-mail could not be sent: " + sent.message());
  }
  return out;
}

Result<std::vector<InvitationView>> InvitationService::List(const Principal& who,
                                                            const std::string& slug) {
  std::vector<InvitationView> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "unit:" + slug, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(slug, Action::kManageMembers));
    DND_ASSIGN_OR_RETURN(auto all, store::Org(s.tx).invitations().ForUnit(u->id));
    for (const auto& i : all) {
      if (i.expires_at_ms < s.NowMs()) continue;
      DND_ASSIGN_OR_RETURN(InvitationView v, ViewOf(s, i));
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

Status InvitationService::Withdraw(const Principal& who, int64_t id) {
  const std::string target = fmt::format("invitation:{}", id);
  return access_.Write(who, target, [&](Scope& s) -> Status {
    const Status hidden = NotFound(fmt::format("no invitation with id {}", id), "id");
    auto& invitations = store::Org(s.tx).invitations();
    auto inv = invitations.Get(id);
    if (!inv.ok()) return inv.status().code() == Code::kNotFound ? hidden : inv.status();
    DND_RETURN_IF_ERROR(
        s.AllowOrHide(Action::kManageMembers, Action::kViewUnit, inv->unit_id, hidden));
    DND_RETURN_IF_ERROR(invitations.Delete(id));
    const domain::Unit* u = s.tree.Find(inv->unit_id);
    return s.Audit("invitation.withdraw", target, Snapshot(*inv, u ? u->slug : ""), "null");
  });
}

Result<domain::Invitation> InvitationService::FindLive(Scope& s, const std::string& token) {
  if (token.size() != 64) return Gone();
  auto inv = store::Org(s.tx).invitations().GetByTokenHash(Sha256Hex(token));
  if (!inv.ok()) return inv.status().code() == Code::kNotFound ? Gone() : inv.status();
  if (inv->expires_at_ms < s.NowMs()) return Gone();
  return *inv;
}

Result<InvitationPreview> InvitationService::Preview(const std::string& token) {
  InvitationPreview out;
  DND_RETURN_IF_ERROR(access_.Read(nullptr, "invitation", [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(domain::Invitation inv, FindLive(s, token));
    DND_ASSIGN_OR_RETURN(out.view, ViewOf(s, inv));
    auto user = store::Org(s.tx).users().GetByEmail(inv.email);
    if (!user.ok() && user.status().code() != Code::kNotFound) return user.status();
    out.account_exists = user.ok();
    return Status::Ok();
  }));
  return out;
}

Result<MemberView> InvitationService::Accept(const Principal& who, const std::string& token) {
  MemberView out;
  DND_RETURN_IF_ERROR(access_.Write(who, "invitation", [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(domain::Invitation inv, FindLive(s, token));
    if (inv.email != who.user.email) {
      return PermissionDenied(
          "this invitation is for another e-mail address: log in with the address it was sent to");
    }
    auto& org = store::Org(s.tx);
    DND_ASSIGN_OR_RETURN(domain::Membership m, org.memberships().Add(domain::Membership{
                                                   0, who.user.id, inv.unit_id, inv.role}));
    DND_RETURN_IF_ERROR(org.invitations().Delete(inv.id));
    const domain::Unit* u = s.tree.Find(inv.unit_id);
    out = MemberView{m, u ? u->slug : "", who.user};
    return s.Audit("invitation.accept", fmt::format("invitation:{}", inv.id), "null",
                   Snapshot(m, out.unit_slug));
  }));
  return out;
}

Result<UserView> InvitationService::SignUp(const std::string& token, const std::string& name,
                                           const std::string& password) {
  DND_RETURN_IF_ERROR(domain::ValidateName(name));
  DND_RETURN_IF_ERROR(domain::ValidatePassword(password));
  // The link first, so that a dead one costs no password hashing.
  DND_RETURN_IF_ERROR(
      access_.Read(nullptr, "invitation", [&](Scope& s) { return FindLive(s, token).status(); }));
  DND_ASSIGN_OR_RETURN(std::string hash, passwords_.Hash(password, options_.password_cost));
  UserView out;
  DND_RETURN_IF_ERROR(access_.Write(nullptr, "invitation", [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(domain::Invitation inv, FindLive(s, token));
    auto& org = store::Org(s.tx);
    auto existing = org.users().GetByEmail(inv.email);
    if (existing.ok()) {
      return AlreadyExists(
          "an account with this e-mail exists: log in with it, then accept the invitation",
          "email");
    }
    if (existing.status().code() != Code::kNotFound) return existing.status();
    domain::User u{0, inv.email, domain::Trim(name), s.NowMs()};
    DND_ASSIGN_OR_RETURN(out.user, org.users().Create(u, hash));
    DND_ASSIGN_OR_RETURN(domain::Membership m, org.memberships().Add(domain::Membership{
                                                   0, out.user.id, inv.unit_id, inv.role}));
    DND_RETURN_IF_ERROR(org.invitations().Delete(inv.id));
    const domain::Unit* unit = s.tree.Find(inv.unit_id);
    out.roles.emplace_back(unit ? unit->slug : "", inv.role);
    DND_RETURN_IF_ERROR(
        s.Audit("user.signup", "user:" + out.user.email, "null", service::Snapshot(out.user)));
    return s.Audit("invitation.accept", fmt::format("invitation:{}", inv.id), "null",
                   service::Snapshot(m, unit ? unit->slug : ""));
  }));
  return out;
}

}  // namespace dandelion::service
