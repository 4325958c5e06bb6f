// The "Add a user" form: a new account with a first role at the selected unit. Hub admins only (the
// server refuses everyone else, who invite by e-mail instead: invite.tsx).
import { useState } from 'preact/hooks';
import type { Role, RoleInfo, Unit } from '../../api/types';
import { Field } from '../../components/field';
import { FormCard, invalid, useSubmit } from '../../components/form';
import { orgApi, type OrgUser } from './api';
import { RoleSelect } from './role-select';

const USER_FIELDS = ['name', 'email', 'password', 'role', 'unit'] as const;

export function AddUserForm({
  unit,
  roles,
  denied,
  onDenied,
  onCreated,
}: {
  unit: Unit;
  roles: RoleInfo[];
  denied: string | null;
  onDenied: (message: string) => void;
  onCreated: (u: OrgUser, role: Role) => void;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('');

  const form = useSubmit({
    fields: USER_FIELDS,
    blocked: Boolean(denied),
    validate: () => {
      if (name.trim() === '') return invalid('Enter the person’s name.', 'name');
      if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return invalid('Enter a valid e-mail address.', 'email');
      if (password.length < 10) return invalid('The password needs at least 10 characters.', 'password');
      if (role === '') return invalid('Choose a role.', 'role');
      return null;
    },
    send: async () => {
      const u = await orgApi.createUser({
        name: name.trim(),
        email: email.trim(),
        password,
        unit: unit.slug,
        role: role as Role,
      });
      setName('');
      setEmail('');
      setPassword('');
      setRole('');
      onCreated(u, role as Role);
    },
    onDenied,
  });

  return (
    <FormCard
      id="adduser-heading"
      title="Add a user"
      lead={
        <>
          A new account with a first role at <strong>{unit.name}</strong>, with a password you share. As a hub admin
          you may; inviting by e-mail lets the person choose their own.
        </>
      }
      denied={denied}
      form={form}
      submitLabel="Add user"
      busyLabel="Adding…"
    >
      <Field label="Full name" name="name" error={form.fieldError('name')}>
        {(p) => <input {...p} type="text" required autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <Field label="Email" name="email" error={form.fieldError('email')}>
        {(p) => (
          <input {...p} type="email" required autoComplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        )}
      </Field>
      <Field label="Initial password" name="password" error={form.fieldError('password')} hint="At least 10 characters. Share it safely.">
        {(p) => (
          <input
            {...p}
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        )}
      </Field>
      <RoleSelect value={role} onChange={setRole} roles={roles} error={form.fieldError('role') ?? form.fieldError('unit')} />
    </FormCard>
  );
}
