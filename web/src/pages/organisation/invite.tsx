// The "Invite by e-mail" form: a role at the selected unit for someone, who gets a link by e-mail
// (only they do: the answer is the same whether they already have an account or not). The
// confirmation stays in the card, in a live region, until the next invitation.
import { useState } from 'preact/hooks';
import type { Role, RoleInfo, Unit } from '../../api/types';
import { Field } from '../../components/field';
import { FormCard, invalid, useSubmit } from '../../components/form';
import { orgApi, type Invitation } from './api';
import { emailProblem, invitationSentText } from './model';
import { RoleSelect } from './role-select';

const INVITE_FIELDS = ['email', 'role'] as const;

export function InviteForm({
  unit,
  roles,
  onDenied,
  onInvited,
}: {
  unit: Unit;
  roles: RoleInfo[];
  onDenied: (message: string) => void;
  onInvited: (inv: Invitation) => void;
}) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('');
  const [sent, setSent] = useState<Invitation | null>(null);

  const form = useSubmit({
    fields: INVITE_FIELDS,
    validate: () => {
      const problem = emailProblem(email);
      if (problem) return invalid(problem, 'email');
      if (role === '') return invalid('Choose a role.', 'role');
      return null;
    },
    send: async () => {
      setSent(null);
      const inv = await orgApi.invite(unit.slug, email.trim(), role as Role);
      setEmail('');
      setRole('');
      setSent(inv);
      onInvited(inv);
    },
    onDenied,
  });

  return (
    <FormCard
      id="invite-heading"
      title="Invite by e-mail"
      lead={
        <>
          A role at <strong>{unit.name}</strong> for someone: they get a link by e-mail, to create their account or
          accept with the one they have.
        </>
      }
      denied={null}
      form={form}
      submitLabel="Send invitation"
      busyLabel="Sending…"
    >
      <div role="status">
        {sent ? <p class="alert alert--success">{invitationSentText(sent)}</p> : null}
      </div>
      <Field label="Email" name="email" error={form.fieldError('email')} hint="The link goes to this address only.">
        {(p) => (
          <input
            {...p}
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        )}
      </Field>
      <RoleSelect value={role} onChange={setRole} roles={roles} error={form.fieldError('role')} />
    </FormCard>
  );
}
