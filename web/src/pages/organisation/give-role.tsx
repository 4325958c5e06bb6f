// The "Give a role" form: a role at the selected unit for someone who already has an account.
import { useMemo, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../api/client';
import type { Role, RoleInfo, Unit } from '../../api/types';
import { Field } from '../../components/field';
import { FormCard, invalid, useSubmit } from '../../components/form';
import { orgApi, type OrgUser } from './api';
import { byName } from './model';
import { RoleSelect } from './role-select';

const GIVE_FIELDS = ['user_id', 'role'] as const;

export function GiveRoleForm({
  unit,
  roles,
  users,
  usersError,
  denied,
  onDenied,
  onGiven,
}: {
  unit: Unit;
  roles: RoleInfo[];
  users: OrgUser[] | null;
  usersError: unknown;
  denied: string | null;
  onDenied: (message: string) => void;
  onGiven: (u: OrgUser, role: Role) => void;
}) {
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState('');
  const usersDenied = usersError instanceof ApiError && usersError.status === 403 ? usersError.message : null;
  const sorted = useMemo(() => (users ? byName(users) : []), [users]);
  const why = denied ?? (usersDenied ? `You cannot list users: ${usersDenied}` : null);

  const form = useSubmit({
    fields: GIVE_FIELDS,
    blocked: Boolean(why),
    validate: () => {
      if (userId === '') return invalid('Choose a user.', 'user_id');
      if (role === '') return invalid('Choose a role.', 'role');
      return null;
    },
    send: async () => {
      const user = sorted.find((u) => String(u.id) === userId);
      await orgApi.addMember(unit.slug, Number(userId), role as Role);
      setUserId('');
      setRole('');
      if (user) onGiven(user, role as Role);
    },
    onDenied,
  });

  const usersHint =
    users === null && !usersError ? 'Loading users…' : users && users.length === 0 ? 'No users to choose from.' : undefined;

  return (
    <FormCard
      id="give-heading"
      title="Give a role"
      lead={
        <>
          A role at <strong>{unit.name}</strong> for someone who already has an account.
        </>
      }
      denied={why}
      form={form}
      submitLabel="Give role"
      busyLabel="Giving…"
    >
      {usersError && !usersDenied ? (
        <p class="alert alert--error" role="alert">
          Could not load the users: {errorMessage(usersError)}
        </p>
      ) : null}
      <Field label="User" name="user_id" error={form.fieldError('user_id')} hint={usersHint}>
        {(p) => (
          <select {...p} required value={userId} onChange={(e) => setUserId(e.currentTarget.value)}>
            <option value="">Choose a user…</option>
            {sorted.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name} · {u.email}
              </option>
            ))}
          </select>
        )}
      </Field>
      <RoleSelect value={role} onChange={setRole} roles={roles} error={form.fieldError('role')} />
    </FormCard>
  );
}
