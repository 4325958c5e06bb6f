// The rejected lines (dead letters) of the ingest view: how many per reason as bars that also filter
// the list (pressed: only that reason; pressed again: all), the lines newest first in a table whose
// rows open on the raw line, "Load more" through the cursor, deleting one line, and clearing all of
// them (or those of the reason shown) after a confirmation. GET /ingest/rejected answers the counts of
// every reason whatever the filter, so the bars stay whole while filtered.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../api/client';
import { DataTable, type Column } from '../../components/data-table';
import { ConfirmDialog } from '../../components/dialog';
import { useAction } from '../../components/form';
import { Empty, ErrorState, Loading } from '../../components/states';
import { Time } from '../../components/time';
import { announce } from '../../components/toast';
import { listeningApi, type ReasonCount, type RejectedLine } from './api';
import {
  appendPage,
  formatCount,
  plural,
  rawNote,
  reasonBars,
  reasonLabel,
  selectedCount,
  toggleReason,
  withoutLine,
  type DeadLetters,
} from './model';

const PAGE = 25;

export interface DeadLetterListProps {
  /** Changes when the list should be read again (after a send that rejected lines). */
  version: number;
  /** The server refused the list (403): its message. */
  onDenied: (message: string) => void;
}

export function DeadLetterList({ version, onDenied }: DeadLetterListProps) {
  const [reason, setReason] = useState<string | null>(null);
  const [list, setList] = useState<DeadLetters | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [deleting, setDeleting] = useState<number | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const clear = useAction();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Where the focus goes once the list has changed: the heading (after a delete or a clear, whose
  // button is gone) or the first row of a page just loaded.
  const focusNext = useRef<'heading' | number | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    setLoading(true);
    listeningApi.rejected(null, reason, PAGE).then(
      (p) => {
        if (!live) return;
        setList({ items: p.items, next: p.next, reasons: p.reasons, total: p.total });
        setError(null);
        setMore({ busy: false, error: null });
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 403) onDenied(e.message);
        else setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [reason, version, attempt]);

  useEffect(() => {
    const to = focusNext.current;
    if (to === null || loading) return;
    focusNext.current = null;
    if (to === 'heading') headingRef.current?.focus();
    else document.getElementById(`${id}-toggle-${to}`)?.focus();
  }, [list, loading]);

  const loadMore = async () => {
    if (!list || list.next === null || more.busy || loading) return;
    setMore({ busy: true, error: null });
    try {
      const p = await listeningApi.rejected(list.next, reason, PAGE);
      focusNext.current = p.items[0]?.id ?? null;
      setList((cur) => (cur ? appendPage(cur, p) : cur));
      setMore({ busy: false, error: null });
    } catch (e) {
      setMore({ busy: false, error: errorMessage(e) });
    }
  };

  const remove = async (l: RejectedLine) => {
    setDeleting(l.id);
    setRowError(null);
    try {
      await listeningApi.deleteRejected(l.id);
      announce(`Rejected line ${l.line} deleted.`);
    } catch (e) {
      // 404: someone else deleted it (or it expired); it goes from the list all the same.
      if (!(e instanceof ApiError && e.status === 404)) {
        setRowError(`Could not delete line ${l.line}: ${errorMessage(e)}`);
        setDeleting(null);
        return;
      }
      announce(`Rejected line ${l.line} was already gone.`);
    }
    setDeleting(null);
    focusNext.current = 'heading';
    const after = list ? withoutLine(list, l.id) : null;
    setList(after);
    // The last line of the reason shown: show every reason again.
    if (after && reason !== null && selectedCount(after, reason) === 0) setReason(null);
  };

  const clearShown = () =>
    clear.run(async () => {
      const n = await listeningApi.clearRejected(reason);
      setConfirming(false);
      setOpen(new Set());
      announce(`${plural(n, 'rejected line')} deleted.`);
      focusNext.current = 'heading';
      if (reason !== null) setReason(null);
      else setAttempt((a) => a + 1);
    });

  const toggle = (lineId: number) =>
    setOpen((o) => {
      const n = new Set(o);
      if (n.has(lineId)) n.delete(lineId);
      else n.add(lineId);
      return n;
    });

  const shownCount = list ? selectedCount(list, reason) : 0;
  const reasonName = reason ? reasonLabel(reason) : '';

  let body;
  if (!list) {
    body = error ? (
      <ErrorState error={error} onRetry={() => setAttempt((a) => a + 1)} />
    ) : (
      <Loading label="Loading the rejected lines…" />
    );
  } else if (list.total === 0) {
    body = <Empty>No rejected lines: everything sent was read.</Empty>;
  } else {
    body = (
      <>
        {error ? (
          <div class="alert alert--error" role="alert">
            <p>Could not refresh the rejected lines: {errorMessage(error)}</p>
            <button type="button" class="btn btn--small" onClick={() => setAttempt((a) => a + 1)}>
              Try again
            </button>
          </div>
        ) : null}
        <ReasonBars reasons={list.reasons} selected={reason} onToggle={(r) => setReason(toggleReason(reason, r))} />
        <div class={loading ? 'lst-dl__body lst-dl__body--stale' : 'lst-dl__body'} aria-busy={loading ? 'true' : undefined}>
          <DataTable
            class="table lst-dl__table"
            labelledBy={`${id}-title`}
            rows={list.items}
            columns={columns(id, open, toggle, deleting, remove)}
            rowKey={(l) => l.id}
            rowProps={() => ({ 'data-testid': 'dead-letter' })}
            groupClass={(l) => (open.has(l.id) ? 'lst-dl__row lst-dl__row--open' : 'lst-dl__row')}
            detail={(l) => ({ id: `${id}-raw-${l.id}`, open: open.has(l.id), content: <RawLine line={l} /> })}
          />
        </div>
        <div class="card__footer">
          <p class="muted small" aria-live="polite">
            Showing {formatCount(list.items.length)} of {plural(shownCount, 'rejected line')}
            {reason ? `, reason “${reasonName}”` : ''}, newest first.
          </p>
          {rowError ? (
            <p class="alert alert--error" role="alert">
              {rowError}
            </p>
          ) : null}
          {more.error ? (
            <p class="alert alert--error" role="alert">
              Could not load more rejected lines: {more.error}
            </p>
          ) : null}
          {list.next !== null ? (
            <button type="button" class="btn" onClick={loadMore} disabled={more.busy || loading}>
              {more.busy ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </div>
      </>
    );
  }

  return (
    <section class="card lst-dl" aria-labelledby={`${id}-title`} data-testid="dead-letters">
      <div class="card__header">
        <h2 id={`${id}-title`} class="card__title" tabIndex={-1} ref={headingRef}>
          Rejected lines
        </h2>
        {list && list.total > 0 ? (
          <button type="button" class="btn btn--small btn--danger-ghost" onClick={() => setConfirming(true)}>
            {reason ? 'Clear these' : 'Clear all'}
          </button>
        ) : null}
      </div>
      <p class="muted small lst-dl__lead">
        The lines sent that yielded no post, with the reason: fix them at the source and send them again.
      </p>
      {body}
      <ConfirmDialog
        open={confirming}
        title={reason ? `Clear the lines rejected as “${reasonName}”?` : 'Clear every rejected line?'}
        confirmLabel={reason ? 'Clear these' : 'Clear all'}
        danger
        busy={clear.busy}
        error={clear.error ? errorMessage(clear.error) : null}
        onConfirm={clearShown}
        onCancel={() => {
          setConfirming(false);
          clear.setError(null);
        }}
      >
        <p>
          {plural(shownCount, 'line')} will be deleted from the server. The posts in them were never stored; this cannot
          be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** The count of each reason as a bar; each row is a toggle button that filters the list. */
function ReasonBars({
  reasons,
  selected,
  onToggle,
}: {
  reasons: readonly ReasonCount[];
  selected: string | null;
  onToggle: (reason: string) => void;
}) {
  const headingId = useId();
  return (
    <div class="lst-dl__reasons">
      <h3 id={headingId} class="bars__title">
        By reason
      </h3>
      <p class="bars__note">Press a reason to show only its lines, and again to show them all.</p>
      <ul class="lst-dl__bars" aria-labelledby={headingId}>
        {reasonBars(reasons).map((b) => {
          const on = b.reason === selected;
          return (
            <li key={b.reason}>
              <button
                type="button"
                class={on ? 'lst-dl__reason lst-dl__reason--on' : 'lst-dl__reason'}
                aria-pressed={on ? 'true' : 'false'}
                title={b.reason}
                onClick={() => onToggle(b.reason)}
              >
                <span class="lst-dl__reason-label">{b.label}</span>
                <svg class="bars__svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect class="bars__track" x="0" y="0" width="100" height="10" />
                  <rect class="bars__fill" x="0" y="0" width={b.width} height="10" />
                </svg>
                <span class="bars__value">
                  {formatCount(b.count)}
                  <span class="visually-hidden"> {b.count === 1 ? 'line' : 'lines'}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function RawLine({ line: l }: { line: RejectedLine }) {
  const note = rawNote(l);
  return (
    <div class="lst-dl__raw">
      <p class="muted small lst-dl__raw-note">
        The line as sent{note ? ` (${note})` : ` (${plural(l.raw_bytes, 'byte')})`}:
      </p>
      <pre class="lst-dl__pre" data-testid="raw-line">
        {l.raw}
      </pre>
    </div>
  );
}

function columns(
  id: string,
  open: ReadonlySet<number>,
  toggle: (lineId: number) => void,
  deleting: number | null,
  remove: (l: RejectedLine) => void,
): Column<RejectedLine>[] {
  return [
    { key: 'received', label: 'Received', class: 'nowrap', cell: (l) => <Time iso={l.received_at} /> },
    {
      key: 'by',
      label: 'By',
      class: 'break',
      cell: (l) => l.submitted_by ?? <span class="muted">—</span>,
    },
    { key: 'line', label: 'Line', class: 'num', headerClass: 'num', cell: (l) => formatCount(l.line) },
    { key: 'reason', label: 'Reason', class: 'nowrap', cell: (l) => <span title={l.reason}>{reasonLabel(l.reason)}</span> },
    { key: 'message', label: 'Message', class: 'break', cell: (l) => l.message },
    {
      key: 'actions',
      label: 'Actions',
      hideLabel: true,
      class: 'table__actions',
      cell: (l) => (
        <>
          <button
            type="button"
            id={`${id}-toggle-${l.id}`}
            class="btn btn--small btn--ghost"
            aria-expanded={open.has(l.id) ? 'true' : 'false'}
            aria-controls={`${id}-raw-${l.id}`}
            onClick={() => toggle(l.id)}
          >
            {open.has(l.id) ? 'Hide raw' : 'Show raw'}
            <span class="visually-hidden">
              {' '}
              line {l.line} ({reasonLabel(l.reason)})
            </span>
          </button>{' '}
          <button
            type="button"
            class="btn btn--small btn--danger-ghost"
            disabled={deleting === l.id}
            onClick={() => remove(l)}
          >
            {deleting === l.id ? 'Deleting…' : 'Delete'}
            <span class="visually-hidden">
              {' '}
              line {l.line} ({reasonLabel(l.reason)})
            </span>
          </button>
        </>
      ),
    },
  ];
}
