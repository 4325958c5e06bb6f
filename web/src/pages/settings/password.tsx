// The "Change password" card: the current password (the server checks it, and throttles wrong ones
// as it does logins: a 429 says how long to wait), the new one twice (checked to match before
// anything is sent). On success the fields are cleared and the card says that the user's other
// sessions were logged out (this one stays).
import { useState } from 'preact/hooks';
import { Field } from '../../components/field';
import { FormCard, invalid, useSubmit } from '../../components/form';
import { settingsApi } from './api';
import { PASSWORD_FIELDS, PASSWORD_MAX, PASSWORD_MIN, passwordChangeProblem } from './model';

export const PASSWORD_CHANGED = 'Password changed. Your other sessions have been logged out.';

export function ChangePasswordCard({ email }: { email: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);

  const form = useSubmit({
    fields: PASSWORD_FIELDS,
    validate: () => {
      const problem = passwordChangeProblem({ current, next, confirm });
      return problem ? invalid(problem.message, problem.field) : null;
    },
    send: async () => {
      setDone(false);
      await settingsApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    },
  });

  // Typing again puts the last success away.
  const edit = (set: (v: string) => void) => (e: { currentTarget: HTMLInputElement }) => {
    setDone(false);
    set(e.currentTarget.value);
  };

  return (
    <div class="settings-password">
      <FormCard
        id="password-heading"
        title="Change password"
        lead="Your other sessions, in any other browser, are logged out when the password changes; this one stays."
        denied={null}
        form={form}
        submitLabel="Change password"
        busyLabel="Changing…"
      >
        <div role="status">{done ? <p class="alert alert--success">{PASSWORD_CHANGED}</p> : null}</div>
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field label="Current password" name="current_password" error={form.fieldError('current_password')}>
          {(p) => (
            <input
              {...p}
              type="password"
              required
              maxLength={PASSWORD_MAX}
              autoComplete="current-password"
              value={current}
              onInput={edit(setCurrent)}
            />
          )}
        </Field>
        <Field
          label="New password"
          name="new_password"
          error={form.fieldError('new_password')}
          hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              required
              minLength={PASSWORD_MIN}
              maxLength={PASSWORD_MAX}
              autoComplete="new-password"
              value={next}
              onInput={edit(setNext)}
            />
          )}
        </Field>
        <Field label="Confirm new password" name="confirm_password" error={form.fieldError('confirm_password')}>
          {(p) => (
            <input
              {...p}
              type="password"
              required
              maxLength={PASSWORD_MAX}
              autoComplete="new-password"
              value={confirm}
              onInput={edit(setConfirm)}
            />
          )}
        </Field>
      </FormCard>
    </div>
  );
}
