// The login page: e-mail and password, the server's refusal (wrong password, throttled) shown in
// place, then back to where the visitor wanted to go (the shell's `next`).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import type { SessionInfo } from '../../api/types';
import { Field, errorField } from '../../components/field';
import { Logo } from '../../components/logo';
import { loginApi } from './api';
import { LOGIN_FIELDS as FIELDS, loginProblem } from './model';
import './login.css';

export default function LoginPage({ onLoggedIn, expired }: { onLoggedIn: (info: SessionInfo) => void; expired: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    document.title = 'Log in · Dandelion';
    emailRef.current?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const problem = loginProblem(email, password);
    if (problem) {
      setError(new ApiError(400, 'invalid_argument', problem.message, problem.field));
      (problem.field === 'email' ? emailRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const info = await loginApi.login(email.trim(), password);
      onLoggedIn(info);
    } catch (err) {
      setError(err);
      setBusy(false);
      const f = errorField(err, FIELDS);
      if (f === 'email') emailRef.current?.focus();
      else {
        passwordRef.current?.select();
        passwordRef.current?.focus();
      }
    }
  };

  const field = errorField(error, FIELDS);
  const throttled = error instanceof ApiError && error.status === 429;
  const message = error instanceof Error ? error.message : null;

  return (
    <div class="login">
      <main class="login__card" aria-labelledby="login-title">
        <div class="login__brand">
          <Logo size={36} />
          <span class="login__product">Dandelion</span>
        </div>
        <h1 id="login-title" class="login__title">
          Log in
        </h1>
        <p class="login__lead">The social media hub of your organisation.</p>
        {expired && !error ? (
          <div class="alert alert--info" role="status">
            Your session has ended. Please log in again.
          </div>
        ) : null}
        {message ? (
          <div class={throttled ? 'alert alert--warning' : 'alert alert--error'} role="alert">
            {field ? 'Please correct the highlighted field.' : message}
          </div>
        ) : null}
        <form ref={formRef} onSubmit={submit} noValidate aria-label="Log in">
          <Field label="Email" name="email" error={field === 'email' ? message : null}>
            {(p) => (
              <input
                {...p}
                ref={emailRef}
                type="email"
                autoComplete="username"
                required
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Password" name="password" error={field === 'password' ? message : null}>
            {(p) => (
              <input
                {...p}
                ref={passwordRef}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </form>
      </main>
    </div>
  );
}
