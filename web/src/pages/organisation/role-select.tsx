// The role picker of the "Add a user" and "Give a role" forms, with the chosen role's description as its hint.
import { ROLES, type RoleInfo } from '../../api/types';
import { Field } from '../../components/field';

export function RoleSelect({
  value,
  onChange,
  roles,
  error,
  label = 'Role',
}: {
  value: string;
  onChange: (v: string) => void;
  roles: RoleInfo[];
  error: string | null;
  label?: string;
}) {
  const description = roles.find((r) => r.role === value)?.description;
  // Until the server's list has loaded, offer the built-in roles.
  const choices = roles.length ? roles.map((r) => r.role) : ROLES;
  return (
    <Field label={label} name="role" error={error} hint={description ?? 'What the person may do in this unit and below.'}>
      {(p) => (
        <select {...p} required value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">Choose a role…</option>
          {choices.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
