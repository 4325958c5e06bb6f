// The right-hand side of the Organisation page for the selected unit: its details, its members
// (with removing a role), its pending invitations, and the forms the user's roles allow there:
// admins invite by e-mail and give roles; only hub admins also create accounts directly.
import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../api/client';
import type { Membership, RoleInfo, Unit } from '../../api/types';
import { useAsync } from '../../components/async';
import { ConfirmDialog } from '../../components/dialog';
import { useAction } from '../../components/form';
import { announce } from '../../components/toast';
import { ancestry } from '../../lib/units';
import { orgApi, type Member, type OrgUser } from './api';
import { abilitiesAt } from './model';
import { AddUserForm } from './add-user';
import { CreateSpokeForm } from './create-spoke';
import { GiveRoleForm } from './give-role';
import { InvitationsCard } from './invitations';
import { InviteForm } from './invite';
import { MembersCard } from './members';
import { UnitDetails } from './unit-details';

export interface UnitPanelProps {
  unit: Unit;
  units: Unit[];
  roles: RoleInfo[];
  users: OrgUser[] | null;
  usersError: unknown;
  memberships: Membership[];
  currentUserId: number;
  onUnitCreated: (u: Unit) => void;
  onUsersChanged: () => void;
  onOwnRolesChanged: () => void;
}

export function UnitPanel(props: UnitPanelProps) {
  const { unit, units, roles, users, usersError, memberships, currentUserId } = props;
  const [membersState, reloadMembers] = useAsync(() => orgApi.members(unit.slug), [unit.slug]);
  const [removing, setRemoving] = useState<Member | null>(null);
  const remove = useAction();
  // The server's message when it refused inviting or changing roles here (a 403), or null.
  const [administerRefused, setAdministerRefused] = useState<string | null>(null);
  // The server's message when it refused creating an account (POST /users is for hub admins), or null.
  const [addUserRefused, setAddUserRefused] = useState<string | null>(null);

  const can = abilitiesAt(unit.slug, units, memberships);
  const [invitationsState, reloadInvitations] = useAsync(
    () => (can.administer ? orgApi.invitations(unit.slug) : Promise.resolve([])),
    [unit.slug, can.administer],
  );
  const mine = memberships.filter((m) => ancestry(unit.slug, units).includes(m.unit));
  // Why the user may not add users or change roles here (their roles, or the server's 403), or null.
  const administerDenied =
    administerRefused ??
    (can.administer ? null : 'Inviting people and giving or removing roles here needs the admin role at this unit or above.');
  const formsNote = administerRefused
    ? `The server refused: ${administerRefused} Inviting people and changing roles is not available here.`
    : !can.createSpoke && !can.administer
      ? `Your role here lets you look, not change the organisation: creating a spoke needs the admin or manager role at ${unit.name} or above, and inviting people or changing roles needs admin.`
      : administerDenied;

  const membersChanged = () => {
    reloadMembers();
    props.onUsersChanged();
  };

  const confirmRemove = async () => {
    if (!removing) return;
    await remove.run(
      async () => {
        await orgApi.removeMembership(removing.id);
        announce(`Removed the ${removing.role} role of ${removing.user.name} at ${unit.name}.`);
        if (removing.user.id === currentUserId) props.onOwnRolesChanged();
        setRemoving(null);
        membersChanged();
      },
      (e) => {
        if (e instanceof ApiError && e.status === 403) {
          setAdministerRefused(e.message);
          setRemoving(null);
          announce(`Not allowed: ${e.message}`, 'error');
          return true;
        }
        if (e instanceof ApiError && e.status === 404) {
          setRemoving(null);
          reloadMembers();
          announce('That role had already been removed.', 'success');
          return true;
        }
        return false;
      },
    );
  };

  return (
    <div class="org__detail">
      <UnitDetails unit={unit} units={units} mine={mine} />

      <MembersCard
        unit={unit}
        state={membersState}
        onRetry={reloadMembers}
        currentUserId={currentUserId}
        canRemove={!administerDenied}
        onRemove={(m) => {
          remove.setError(null);
          setRemoving(m);
        }}
      />

      {can.administer && !administerRefused ? (
        <InvitationsCard
          unit={unit}
          state={invitationsState}
          onRetry={reloadInvitations}
          onChanged={reloadInvitations}
          onDenied={setAdministerRefused}
        />
      ) : null}

      {mine.length === 0 ? (
        <p class="alert alert--info">
          You hold no role at {unit.name} or above it. It is shown because it lies above a unit where you do.
        </p>
      ) : (
        <>
          {formsNote ? <p class="alert alert--info">{formsNote}</p> : null}
          {can.createSpoke || !administerDenied ? (
            <div class="org__forms">
              {can.createSpoke ? (
                <CreateSpokeForm parent={unit} allowed onCreated={(u) => props.onUnitCreated(u)} />
              ) : null}
              {!administerDenied ? (
                <>
                  <InviteForm unit={unit} roles={roles} onDenied={setAdministerRefused} onInvited={reloadInvitations} />
                  {can.addUsers ? (
                    <AddUserForm
                      unit={unit}
                      roles={roles}
                      denied={addUserRefused}
                      onDenied={setAddUserRefused}
                      onCreated={(u, role) => {
                        announce(`${u.name} (${u.email}) was added to ${unit.name} as ${role}.`);
                        membersChanged();
                      }}
                    />
                  ) : null}
                  <GiveRoleForm
                    unit={unit}
                    roles={roles}
                    users={users}
                    usersError={usersError}
                    denied={null}
                    onDenied={setAdministerRefused}
                    onGiven={(u, role) => {
                      announce(`${u.name} now has the ${role} role at ${unit.name}.`);
                      if (u.id === currentUserId) props.onOwnRolesChanged();
                      membersChanged();
                    }}
                  />
                </>
              ) : null}
            </div>
          ) : null}
        </>
      )}

      <ConfirmDialog
        open={removing !== null}
        title="Remove this role?"
        confirmLabel="Remove role"
        danger
        busy={remove.busy}
        error={remove.error === null ? null : errorMessage(remove.error)}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        {removing ? (
          <p>
            Take the <strong>{removing.role}</strong> role at <strong>{unit.name}</strong> away from{' '}
            <strong>{removing.user.name}</strong> ({removing.user.email})? They keep any role they hold elsewhere.
            {removing.user.id === currentUserId ? ' This is your own role: you may lose access to this unit.' : ''}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
