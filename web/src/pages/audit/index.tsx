// Audit log: newest first, "Load older" through the cursor, before/after on demand, columns that
// sort (components/data-table.tsx), and a check of the hash chain.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../api/client';
import { DataTable, type Column } from '../../components/data-table';
import { PageTitle } from '../../components/page';
import { Empty, ErrorState, Loading } from '../../components/states';
import { formatDateTime, timeValue } from '../../components/time';
import { auditApi, type AuditEntry, type AuditVerify } from './api';
import { isEmpty, pretty, verdict } from './model';
import './audit.css';

type ListState =
  | { status: 'loading' }
  | { status: 'forbidden'; message: string }
  | { status: 'error'; error: unknown }
  | { status: 'ok'; items: AuditEntry[]; next: string | null };

export default function AuditPage() {
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
    auditApi.entries().then(
      (p) => live && setList({ status: 'ok', items: p.items, next: p.next }),
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
    if (list.status !== 'ok' || list.next === null) return;
    setOlder({ busy: true, error: null });
    try {
      const p = await auditApi.entries(list.next);
      setList({ status: 'ok', items: [...list.items, ...p.items], next: p.next });
      setOlder({ busy: false, error: null });
    } catch (e) {
      setOlder({ busy: false, error: errorMessage(e) });
    }
  };

  const runVerify = async () => {
    setVerify({ status: 'busy' });
    try {
      setVerify({ status: 'done', result: await auditApi.verify() });
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
              ) : (
                <VerifyResult result={verify.result} />
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
              <DataTable
                class="table table--audit"
                labelledBy="entries-heading"
                rows={list.items}
                columns={columns(open, toggle)}
                rowKey={(e) => e.id}
                groupClass={(e) => (open.has(e.id) ? 'audit-entry audit-entry--open' : 'audit-entry')}
                detail={(e) => ({ id: `audit-detail-${e.id}`, open: open.has(e.id), content: <Changes entry={e} /> })}
              />
            )}
            <div class="card__footer">
              {older.error ? (
                <p class="alert alert--error" role="alert">
                  Could not load older entries: {older.error}
                </p>
              ) : null}
              {list.next !== null ? (
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

function VerifyResult({ result }: { result: AuditVerify }) {
  const v = verdict(result);
  return (
    <p class={v.ok ? 'alert alert--success' : 'alert alert--error'}>
      <strong>{v.title}</strong> {v.detail}
    </p>
  );
}

function columns(open: ReadonlySet<number>, toggle: (id: number) => void): Column<AuditEntry>[] {
  return [
    { key: 'id', label: '#', class: 'mono muted', sortValue: (e) => e.id, firstDir: 'desc', cell: (e) => e.id },
    {
      key: 'at',
      label: 'When',
      class: 'nowrap',
      sortValue: (e) => timeValue(e.at),
      firstDir: 'desc',
      cell: (e) => (
        <time dateTime={e.at} title={e.at}>
          {formatDateTime(e.at)}
        </time>
      ),
    },
    { key: 'actor', label: 'Who', sortValue: (e) => e.actor, cell: (e) => e.actor ?? <span class="muted">system</span> },
    { key: 'action', label: 'Action', sortValue: (e) => e.action, cell: (e) => <code class="action">{e.action}</code> },
    { key: 'target', label: 'Target', class: 'mono break', sortValue: (e) => e.target, cell: (e) => e.target },
    {
      key: 'details',
      label: 'Details',
      hideLabel: true,
      class: 'table__actions',
      cell: (e) => (
        <button
          type="button"
          class="btn btn--small btn--ghost"
          aria-expanded={open.has(e.id) ? 'true' : 'false'}
          aria-controls={`audit-detail-${e.id}`}
          onClick={() => toggle(e.id)}
        >
          {open.has(e.id) ? 'Hide changes' : 'Show changes'}
          <span class="visually-hidden"> of entry {e.id}</span>
        </button>
      ),
    },
  ];
}

function Changes({ entry: e }: { entry: AuditEntry }) {
  return (
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
  );
}
