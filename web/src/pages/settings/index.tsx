// Settings: the account, API tokens (list with scope and expiry, create with the secret shown once,
// revoke), changing the password (password.tsx) and logging out everywhere (sessions.tsx).
import { useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../api/client';
import { useAsync } from '../../components/async';
import { DataTable } from '../../components/data-table';
import { ConfirmDialog } from '../../components/dialog';
import { Field, FormError } from '../../components/field';
import { invalid, useAction, useSubmit } from '../../components/form';
import { PageTitle } from '../../components/page';
import { Empty, ErrorState, Loading } from '../../components/states';
import { Time, formatDate, timeValue } from '../../components/time';
import { announce } from '../../components/toast';
import { useSession } from '../../session';
import { settingsApi, type ApiToken, type CreatedToken } from './api';
import {
  DEFAULT_EXPIRY_DAYS,
  DEFAULT_SCOPE,
  TOKEN_EXPIRY_DAYS,
  TOKEN_NAME_MAX,
  TOKEN_SCOPES,
  expiryFrom,
  scopeDescription,
  scopeLabel,
  tokenExpired,
  tokenNameProblem,
  type ExpiryDays,
  type TokenScope,
} from './model';
import { ChangePasswordCard } from './password';
import { SessionsCard } from './sessions';
import './settings.css';

const TOKEN_FIELDS = ['name', 'scope', 'expires_in_days'] as const;

export default function SettingsPage() {
  const { session } = useSession();
  const [tokens, reload] = useAsync(() => settingsApi.tokens(), []);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>(DEFAULT_SCOPE);
  const [days, setDays] = useState<ExpiryDays>(DEFAULT_EXPIRY_DAYS);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useAction();

  const form = useSubmit({
    fields: TOKEN_FIELDS,
    validate: () => {
      const problem = tokenNameProblem(name);
      return problem ? invalid(problem, 'name') : null;
    },
    send: async () => {
      const t = await settingsApi.createToken({ name: name.trim(), scope, expires_in_days: days });
      setCreated(t);
      // The next token starts from least privilege again.
      setName('');
      setScope(DEFAULT_SCOPE);
      setDays(DEFAULT_EXPIRY_DAYS);
      announce(`Token “${t.name}” created. Copy its secret now: it is shown only once.`);
      reload();
    },
  });

  const confirmRevoke = async () => {
    if (!revoking) return;
    await revoke.run(
      async () => {
        await settingsApi.revokeToken(revoking.id);
        announce(`Token “${revoking.name}” revoked.`);
        if (created && created.id === revoking.id) setCreated(null);
        setRevoking(null);
        reload();
      },
      (x) => {
        if (!(x instanceof ApiError) || x.status !== 404) return false;
        setRevoking(null);
        reload();
        announce('That token had already been revoked.');
        return true;
      },
    );
  };

  const items = tokens.data ?? [];
  const now = Date.now();

  return (
    <section class="page" aria-labelledby="page-title">
      <PageTitle title="Settings">Settings</PageTitle>

      <section class="card" aria-labelledby="account-heading">
        <h2 id="account-heading" class="card__title">
          Your account
        </h2>
        <dl class="facts">
          <div>
            <dt>Name</dt>
            <dd>{session.user.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd class="mono">{session.user.email}</dd>
          </div>
          <div>
            <dt>Member since</dt>
            <dd>
              <Time iso={session.user.created_at} dateOnly />
            </dd>
          </div>
        </dl>
      </section>

      <section class="card" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" class="card__title">
          API tokens
        </h2>
        <p class="muted">
          Integrations call the API with <code>Authorization: Bearer &lt;token&gt;</code> and act as you, with your roles,
          limited to the token’s scope. A token stops working when it expires; revoke it as soon as it is no longer used.
        </p>

        {created ? <NewSecret token={created} onDone={() => setCreated(null)} /> : null}

        <form ref={form.formRef} onSubmit={form.onSubmit} noValidate class="inline-form" aria-label="Create an API token">
          <FormError error={form.error} fields={TOKEN_FIELDS} />
          <div class="inline-form__row token-form__row">
            <Field label="Token name" name="name" error={form.fieldError('name')} hint="What will use it, e.g. “CRM sync”.">
              {(p) => (
                <input
                  {...p}
                  type="text"
                  maxLength={TOKEN_NAME_MAX}
                  autoComplete="off"
                  value={name}
                  onInput={(e) => setName(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label="Scope" name="scope" error={form.fieldError('scope')} hint={scopeDescription(scope)}>
              {(p) => (
                <select {...p} value={scope} onChange={(e) => setScope(e.currentTarget.value as TokenScope)}>
                  {TOKEN_SCOPES.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label="Expires"
              name="expires_in_days"
              error={form.fieldError('expires_in_days')}
              hint={`Stops working on ${formatDate(new Date(expiryFrom(now, days)).toISOString())}.`}
            >
              {(p) => (
                <select {...p} value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value) as ExpiryDays)}>
                  {TOKEN_EXPIRY_DAYS.map((d) => (
                    <option key={d} value={String(d)}>
                      in {d} days
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" class="btn btn--primary" disabled={form.busy}>
              {form.busy ? 'Creating…' : 'Create token'}
            </button>
          </div>
        </form>

        {tokens.status === 'error' && !tokens.data ? (
          <ErrorState error={tokens.error} onRetry={reload} />
        ) : tokens.status === 'loading' && !tokens.data ? (
          <Loading label="Loading tokens…" />
        ) : items.length === 0 ? (
          <Empty>You have no API tokens.</Empty>
        ) : (
          <DataTable
            labelledBy="tokens-heading"
            rows={items}
            rowKey={(t) => t.id}
            pageSize={25}
            rowsLabel="tokens"
            columns={[
              { key: 'name', label: 'Name', sortValue: (t) => t.name, cell: (t) => t.name },
              {
                key: 'scope',
                label: 'Scope',
                sortValue: (t) => scopeLabel(t.scope),
                cell: (t) => <span title={scopeDescription(t.scope)}>{scopeLabel(t.scope)}</span>,
              },
              { key: 'created', label: 'Created', sortValue: (t) => timeValue(t.created_at), firstDir: 'desc', cell: (t) => <Time iso={t.created_at} /> },
              {
                key: 'used',
                label: 'Last used',
                sortValue: (t) => timeValue(t.last_used_at),
                firstDir: 'desc',
                cell: (t) => (t.last_used_at ? <Time iso={t.last_used_at} /> : <span class="muted">never</span>),
              },
              {
                key: 'expires',
                label: 'Expires',
                sortValue: (t) => timeValue(t.expires_at),
                cell: (t) => (
                  <>
                    <Time iso={t.expires_at} dateOnly />
                    {tokenExpired(t.expires_at, now) ? <span class="token-expired">expired</span> : null}
                  </>
                ),
              },
              {
                key: 'actions',
                label: 'Actions',
                hideLabel: true,
                class: 'table__actions',
                cell: (t) => (
                  <button
                    type="button"
                    class="btn btn--small btn--danger-ghost"
                    aria-label={`Revoke token ${t.name}`}
                    onClick={() => {
                      revoke.setError(null);
                      setRevoking(t);
                    }}
                  >
                    Revoke
                  </button>
                ),
              },
            ]}
          />
        )}
      </section>

      <ChangePasswordCard email={session.user.email} />

      <SessionsCard />

      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        danger
        busy={revoke.busy}
        error={revoke.error === null ? null : errorMessage(revoke.error)}
        onConfirm={confirmRevoke}
        onCancel={() => setRevoking(null)}
      >
        {revoking ? (
          <p>
            Integrations using <strong>{revoking.name}</strong> will stop working at once. This cannot be undone.
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

function NewSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const inputRef = useRef<HTMLInputElement>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // No clipboard API (plain http, or permission refused): select it for Ctrl+C.
      inputRef.current?.select();
      let ok = false;
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      setCopied(ok ? 'yes' : 'failed');
    }
  };

  return (
    <div class="secret" role="region" aria-labelledby="secret-title">
      <p id="secret-title" class="secret__title">
        Secret of “{token.name}”: copy it now, it will not be shown again.
      </p>
      <div class="secret__row">
        <label class="visually-hidden" for="secret-value">
          Token secret
        </label>
        <input
          id="secret-value"
          ref={inputRef}
          class="mono secret__value"
          type="text"
          readOnly
          value={token.token}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="btn btn--primary" onClick={copy}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" class="btn" onClick={onDone}>
          Done
        </button>
      </div>
      <p class="small muted" aria-live="polite">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Could not copy automatically: the secret is selected, press Ctrl+C.'
            : ''}
      </p>
    </div>
  );
}
