// Audit log: newest first, "Load older" through next_before, before/after on demand,
// and a check of the hash chain.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage, type AuditEntry, type AuditVerify } from '../api';
import { Empty, ErrorState, Loading, PageTitle, formatDateTime } from '../components/ui';

type ListState =
  | { status: 'loading' }
  | { status: 'forbidden'; message: string }
  | { status: 'error'; error: unknown }
  | { status: 'ok'; items: AuditEntry[]; nextBefore: number | null };

export function AuditPage() {
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [older, setOlder] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [verify, setVerify] = useState<
    { status: 'idle' } | { status: 'busy' } | { status: 'done'; result: AuditVerify } | { status: 'error'; message: string }
  >({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setList({ status: 'loading' });
    api.audit().then(
      (p) => live && setList({ status: 'ok', items: p.items, nextBefore: p.next_before ?? null }),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 403) setList({ status: 'forbidden', message: e.message });
        else setList({ status: 'error', error: e });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const loadOlder = async () => {
    if (list.status !== 'ok' || list.nextBefore === null) return;
    setOlder({ busy: true, error: null });
    try {
      const p = await api.audit(list.nextBefore);
      setList({ status: 'ok', items: [...list.items, ...p.items], nextBefore: p.next_before ?? null });
      setOlder({ busy: false, error: null });
    } catch (e) {
      setOlder({ busy: false, error: errorMessage(e) });
    }
  };

  const runVerify = async () => {
    setVerify({ status: 'busy' });
    try {
      setVerify({ status: 'done', result: await api.verifyAudit() });
    } catch (e) {
      setVerify({ status: 'error', message: errorMessage(e) });
    }
  };

  const toggle = (id: number) =>
    setOpen((o) => {
      const n = new Set(o);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <section class="page page--wide" aria-labelledby="page-title">
      <PageTitle title="Audit log">Audit log</PageTitle>
      <p class="lead">
        Every change, who made it and when, with the state before and after. Each entry carries a hash of the one before
        it, so any edit of the stored log breaks the chain.
      </p>

      {list.status === 'forbidden' ? (
        <div class="card card--notice">
          <p>
            <strong>Only hub admins see the audit log.</strong> Ask an admin of the hub if you need to know who changed
            something.
          </p>
          <p class="muted small">The server said: {list.message}</p>
        </div>
      ) : list.status === 'error' ? (
        <ErrorState error={list.error} onRetry={() => setAttempt((a) => a + 1)} />
      ) : list.status === 'loading' ? (
        <Loading label="Loading the audit log…" />
      ) : (
        <>
          <section class="card" aria-labelledby="verify-heading">
            <div class="card__header">
              <h2 id="verify-heading" class="card__title">
                Integrity
              </h2>
              <button type="button" class="btn" onClick={runVerify} disabled={verify.status === 'busy'}>
                {verify.status === 'busy' ? 'Verifying…' : 'Verify chain'}
              </button>
            </div>
            <div aria-live="polite">
              {verify.status === 'idle' ? (
                <p class="muted small">Recompute every hash of the log and check that the chain is unbroken.</p>
              ) : verify.status === 'busy' ? (
                <p class="muted small">Recomputing the hash chain…</p>
              ) : verify.status === 'error' ? (
                <p class="alert alert--error">Could not verify the chain: {verify.message}</p>
              ) : verify.result.ok ? (
                <p class="alert alert--success">
                  <strong>The chain is intact.</strong> {verify.result.checked} {verify.result.checked === 1 ? 'entry' : 'entries'}{' '}
                  checked.
                </p>
              ) : (
                <p class="alert alert--error">
                  <strong>The chain is broken</strong>
                  {verify.result.first_bad_id !== null ? ` at entry #${verify.result.first_bad_id}` : ''}.{' '}
                  {verify.result.checked} {verify.result.checked === 1 ? 'entry' : 'entries'} checked.
                  {verify.result.message ? ` ${verify.result.message}` : ''}
                </p>
              )}
            </div>
          </section>

          <section class="card" aria-labelledby="entries-heading">
            <div class="card__header">
              <h2 id="entries-heading" class="card__title">
                Entries
              </h2>
              <span class="muted small">newest first · {list.items.length} shown</span>
            </div>
            {list.items.length === 0 ? (
              <Empty>The audit log is empty.</Empty>
            ) : (
              <table class="table table--audit" aria-labelledby="entries-heading">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                    <th scope="col">
                      <span class="visually-hidden">Details</span>
                    </th>
                  </tr>
                </thead>
                {list.items.map((e) => {
                  const isOpen = open.has(e.id);
                  const detailId = `audit-detail-${e.id}`;
                  return (
                    <tbody key={e.id} class={isOpen ? 'audit-entry audit-entry--open' : 'audit-entry'}>
                      <tr>
                        <td class="mono muted">{e.id}</td>
                        <td class="nowrap">
                          <time dateTime={e.at} title={e.at}>
                            {formatDateTime(e.at)}
                          </time>
                        </td>
                        <td>{e.actor ?? <span class="muted">system</span>}</td>
                        <td>
                          <code class="action">{e.action}</code>
                        </td>
                        <td class="mono break">{e.target}</td>
                        <td class="table__actions">
                          <button
                            type="button"
                            class="btn btn--small btn--ghost"
                            aria-expanded={isOpen ? 'true' : 'false'}
                            aria-controls={detailId}
                            onClick={() => toggle(e.id)}
                          >
                            {isOpen ? 'Hide changes' : 'Show changes'}
                            <span class="visually-hidden"> of entry {e.id}</span>
                          </button>
                        </td>
                      </tr>
                      <tr id={detailId} hidden={!isOpen} class="audit-entry__detail">
                        <td colSpan={6}>
                          {isOpen ? (
                            <div class="diff">
                              {isEmpty(e.before) && isEmpty(e.after) ? (
                                <p class="diff__none muted">This entry records an event, not a change: there is no before or after.</p>
                              ) : (
                                <>
                              <div>
                                <h3 class="diff__title">Before</h3>
                                <pre class="json">{pretty(e.before)}</pre>
                              </div>
                              <div>
                                <h3 class="diff__title">After</h3>
                                <pre class="json">{pretty(e.after)}</pre>
                              </div>
                                </>
                              )}
                              <p class="diff__hash muted small">
                                Hash <span class="mono break">{e.hash}</span>
                              </p>
                            </div>
                          ) : null}
                        </td>
                      </tr>
                    </tbody>
                  );
                })}
              </table>
            )}
            <div class="card__footer">
              {older.error ? (
                <p class="alert alert--error" role="alert">
                  Could not load older entries: {older.error}
                </p>
              ) : null}
              {list.nextBefore !== null ? (
                <button type="button" class="btn" onClick={loadOlder} disabled={older.busy}>
                  {older.busy ? 'Loading…' : 'Load older'}
                </button>
              ) : list.items.length > 0 ? (
                <p class="muted small">This is the beginning of the log.</p>
              ) : null}
            </div>
          </section>
        </>
      )}
    </section>
  );
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

function pretty(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') {
    try {
      return JSON.stringify(JSON.parse(v), null, 2);
    } catch {
      return v;
    }
  }
  return JSON.stringify(v, null, 2);
}
