// Creating the account an invitation is for: the e-mail is the invitation's, the visitor chooses a
// name and a password (typed twice). Then they are logged in with them and land on the overview.
import { useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import type { SessionInfo } from '../../api/types';
import { Field, FormError } from '../../components/field';
import { invalid, useSubmit } from '../../components/form';
import { announce } from '../../components/toast';
import { href } from '../../routes';
import { invitationApi, type Preview } from './api';
import { PASSWORD_MAX, PASSWORD_MIN, SIGNUP_FIELDS, accountExists, isGone, signupProblem } from './model';

export function SignupForm({
  token,
  preview,
  onGone,
  onAccountExists,
  onEnter,
  onMadeNotLoggedIn,
}: {
  token: string;
  preview: Preview;
  onGone: () => void;
  /** The server knows an account with the e-mail now: the page asks to log in instead. */
  onAccountExists: () => void;
  onEnter: (info: SessionInfo, to: string) => void;
  /** The account exists but logging in with it failed (why). */
  onMadeNotLoggedIn: (why: string) => void;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');

  const form = useSubmit({
    fields: SIGNUP_FIELDS,
    validate: () => {
      const p = signupProblem(name, password, confirm);
      return p ? invalid(p.message, p.field) : null;
    },
    send: async () => {
      try {
        await invitationApi.signup(token, name.trim(), password);
      } catch (e) {
        if (isGone(e)) return onGone();
        if (accountExists(e)) return onAccountExists();
        throw e;
      }
      let info: SessionInfo;
      try {
        info = await invitationApi.login(preview.email, password);
      } catch (e) {
        onMadeNotLoggedIn(`Logging in failed: ${errorMessage(e)} Log in with ${preview.email} and the password you chose.`);
        return;
      }
      announce(`Welcome to Dandelion: you are now ${preview.role} at ${preview.unit_name}.`);
      onEnter(info, href.home());
    },
  });

  return (
    <form ref={form.formRef} class="inv__step" onSubmit={form.onSubmit} noValidate aria-labelledby="inv-signup-heading">
      <h2 id="inv-signup-heading" class="inv__subtitle">
        Create your account
      </h2>
      <fieldset class="inv__fields" aria-busy={form.busy ? 'true' : undefined}>
        <FormError error={form.error} fields={form.fields} />
        <Field label="Email" name="email" hint="The invitation is for this address.">
          {(p) => <input {...p} type="email" readOnly autoComplete="username" value={preview.email} />}
        </Field>
        <Field label="Full name" name="name" error={form.fieldError('name')}>
          {(p) => (
            <input {...p} type="text" required autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          )}
        </Field>
        <Field
          label="Password"
          name="password"
          error={form.fieldError('password')}
          hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              required
              minLength={PASSWORD_MIN}
              autoComplete="new-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Confirm password" name="confirm" error={form.fieldError('confirm')}>
          {(p) => (
            <input
              {...p}
              type="password"
              required
              autoComplete="new-password"
              value={confirm}
              onInput={(e) => setConfirm(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" class="btn btn--primary btn--block">
          {form.busy ? 'Creating your account…' : 'Create account and accept'}
        </button>
      </fieldset>
    </form>
  );
}
