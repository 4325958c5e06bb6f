import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type SessionInfo } from '../api';
import { Logo } from '../components/logo';
import { Field, errorField } from '../components/ui';

const FIELDS = ['email', 'password'] as const;

export function LoginPage({ onLoggedIn, expired }: { onLoggedIn: (info: SessionInfo) => void; expired: boolean }) {
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
    if (!email.trim() || !password) {
      setError(new ApiError(400, 'invalid_argument', !email.trim() ? 'Enter your e-mail address.' : 'Enter your password.', !email.trim() ? 'email' : 'password'));
      (!email.trim() ? emailRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const info = await api.login(email.trim(), password);
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
