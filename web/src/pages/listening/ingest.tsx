// The ingest view (/listening/ingest), for admins and managers of the hub. "Send posts" takes NDJSON
// pasted into a box or read from a file in the browser, sends it to POST /api/v1/ingest and shows the
// report: the figures, the alerts the batch raised and its rejected lines. "Rejected lines" below
// (dead-letters.tsx) lists what the server kept of every line it could not read, and is read again
// after a send that rejected some. When the server refuses the list (403), the view says who may use
// it instead of showing either part.
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { describedBy } from '../../components/field';
import { PageTitle } from '../../components/page';
import { onLinkClick } from '../../router';
import { href } from '../../routes';
import { listeningApi, type IngestReceipt, type IngestReport } from './api';
import { DeadLetterList } from './dead-letters';
import {
  INGEST_FILE_TYPES,
  MAX_INGEST_BYTES,
  byteSize,
  countLines,
  describeAlert,
  fileProblem,
  formatBytes,
  formatCount,
  ingestErrorMessage,
  isReceipt,
  plural,
  reasonLabel,
  receiptSummary,
  reportSummary,
} from './model';

export function IngestView() {
  const [denied, setDenied] = useState<string | null>(null);
  // Bumped after a send that rejected lines: the list of rejected lines is read again.
  const [version, setVersion] = useState(0);

  return (
    <section class="page page--wide lst lst-ingest" aria-labelledby="page-title">
      <p class="breadcrumb">
        <a href={href.listening()} onClick={onLinkClick}>
          Listening
        </a>
      </p>
      <PageTitle title="Ingest posts">Ingest posts</PageTitle>
      <p class="lead">
        Send posts from the networks: each is stored once, matched against every topic and counted in its charts. The
        lines that cannot be read are kept for 30 days, to be fixed at the source and sent again.
      </p>
      {denied ? (
        <div class="card card--notice" data-testid="ingest-denied">
          <p>
            <strong>Only admins and managers of the hub may send posts and see the rejected lines.</strong>
          </p>
          <p class="muted small">The server said: {denied}</p>
        </div>
      ) : (
        <>
          <SendPosts
            onSent={(r) => {
              if (!isReceipt(r) && r.rejected > 0) setVersion((v) => v + 1);
            }}
          />
          <DeadLetterList version={version} onDenied={setDenied} />
        </>
      )}
    </section>
  );
}

function SendPosts({ onSent }: { onSent: (r: IngestReport | IngestReceipt) => void }) {
  const [text, setText] = useState('');
  /** The name of the file whose text is in the box, while it is unchanged. */
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<IngestReport | IngestReceipt | null>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);
  const id = useId();

  const lines = useMemo(() => countLines(text), [text]);
  const bytes = useMemo(() => byteSize(text), [text]);
  const tooLarge = bytes > MAX_INGEST_BYTES;
  const sizeError = tooLarge
    ? `The posts are ${formatBytes(bytes)}; at most ${formatBytes(MAX_INGEST_BYTES)} can be sent at once.`
    : null;

  // The report takes the focus when it comes, so that keyboard and screen-reader users land on it.
  useEffect(() => {
    if (report) reportRef.current?.focus();
  }, [report]);

  const pick = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Emptied, so that choosing the same file again (after editing it on disk) reads it again.
    input.value = '';
    if (!file) return;
    const problem = fileProblem(file.name, file.size);
    setFileError(problem);
    if (problem) return;
    setReading(true);
    try {
      setText(await file.text());
      setFileName(file.name);
      setReport(null);
      setError(null);
    } catch (x) {
      setFileError(`Could not read “${file.name}”: ${errorMessage(x)}`);
    } finally {
      setReading(false);
    }
  };

  const send = async (e: Event) => {
    e.preventDefault();
    if (busy || lines === 0 || tooLarge) return;
    setBusy(true);
    setError(null);
    try {
      const r = await listeningApi.ingest(text);
      setReport(r);
      onSent(r);
    } catch (x) {
      setError(ingestErrorMessage(x));
    } finally {
      setBusy(false);
    }
  };

  const clear = () => {
    setText('');
    setFileName(null);
    setFileError(null);
    setError(null);
    setReport(null);
    document.getElementById(`${id}-text`)?.focus();
  };

  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="card__title">
        Send posts
      </h2>
      <form onSubmit={send} noValidate aria-labelledby={`${id}-title`}>
        <div class={sizeError ? 'field field--invalid' : 'field'}>
          <label for={`${id}-text`}>Posts, one per line (NDJSON)</label>
          <textarea
            id={`${id}-text`}
            name="ndjson"
            class="lst-ingest__input"
            rows={8}
            spellcheck={false}
            autoCapitalize="off"
            autoComplete="off"
            value={text}
            disabled={busy}
            aria-invalid={sizeError ? 'true' : undefined}
            aria-describedby={describedBy(sizeError ? `${id}-err` : undefined, `${id}-hint`)}
            placeholder='{"network":"mastodon","id":"1","text":"Loving the new phone","created_at":"2026-12-03T10:00:00Z","author":{"id":"7","handle":"ada"}}'
            onInput={(e) => {
              setText(e.currentTarget.value);
              setFileName(null);
            }}
          />
          {sizeError ? (
            <p class="field__error" id={`${id}-err`}>
              {sizeError}
            </p>
          ) : null}
          <p class="field__hint" id={`${id}-hint`}>
            Twitter API v2, Mastodon, Bluesky Jetstream or Dandelion’s own shape, guessed line by line; up to{' '}
            {formatBytes(MAX_INGEST_BYTES)}. A post already stored counts as a duplicate.
          </p>
        </div>

        <div class="lst-ingest__file">
          <label for={`${id}-file`}>Or read a file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept={INGEST_FILE_TYPES.join(',')}
            disabled={busy || reading}
            aria-describedby={`${id}-file-note`}
            onChange={pick}
          />
          <span id={`${id}-file-note`} class="muted small" aria-live="polite">
            {reading
              ? 'Reading the file…'
              : fileName
                ? `“${fileName}” is in the box above.`
                : `${INGEST_FILE_TYPES.join(', ')}: its lines replace what the box holds.`}
          </span>
        </div>
        {fileError ? (
          <p class="alert alert--error" role="alert">
            {fileError}
          </p>
        ) : null}
        {error ? (
          <p class="alert alert--error" role="alert" data-testid="ingest-error">
            {error}
          </p>
        ) : null}

        <div class="lst-ingest__actions">
          <button type="submit" class="btn btn--primary" disabled={busy || lines === 0 || tooLarge}>
            {busy ? 'Sending…' : 'Send'}
          </button>
          {text !== '' && !busy ? (
            <button type="button" class="btn btn--ghost" onClick={clear}>
              Empty the box
            </button>
          ) : null}
          <span class="lst-ingest__status muted small" role="status">
            {busy ? (
              <>
                <span class="spinner spinner--small" aria-hidden="true" />
                Sending {plural(lines, 'line')} ({formatBytes(bytes)})…
              </>
            ) : lines > 0 ? (
              `${plural(lines, 'line')}, ${formatBytes(bytes)}`
            ) : (
              'Nothing to send yet.'
            )}
          </span>
        </div>
      </form>

      {report ? (
        isReceipt(report) ? (
          <ReceiptView receipt={report} headingRef={reportRef} />
        ) : (
          <ReportView report={report} headingRef={reportRef} />
        )
      ) : null}
    </section>
  );
}

function ReceiptView({ receipt, headingRef }: { receipt: IngestReceipt; headingRef: { current: HTMLHeadingElement | null } }) {
  const id = useId();
  return (
    <section class="lst-report" aria-labelledby={`${id}-title`} data-testid="ingest-report">
      <h3 id={`${id}-title`} class="lst-report__title" tabIndex={-1} ref={headingRef}>
        Published
      </h3>
      <p class="lst-report__summary">{receiptSummary(receipt)}</p>
    </section>
  );
}

function ReportView({ report: r, headingRef }: { report: IngestReport; headingRef: { current: HTMLHeadingElement | null } }) {
  const id = useId();
  const figures = [
    { key: 'accepted', label: 'Accepted', value: r.accepted },
    { key: 'duplicates', label: 'Duplicates', value: r.duplicates },
    { key: 'rejected', label: 'Rejected', value: r.rejected },
    { key: 'matches', label: 'Topic matches', value: r.matches },
  ];
  return (
    <section class="lst-report" aria-labelledby={`${id}-title`} data-testid="ingest-report">
      <h3 id={`${id}-title`} class="lst-report__title" tabIndex={-1} ref={headingRef}>
        Report
      </h3>
      <p class="lst-report__summary">{reportSummary(r)}</p>
      <dl class="facts lst-report__figures">
        {figures.map((f) => (
          <div key={f.key}>
            <dt>{f.label}</dt>
            <dd
              class={`lst-report__figure${f.key === 'rejected' && f.value > 0 ? ' lst-report__figure--bad' : ''}`}
              data-testid={`report-${f.key}`}
            >
              {formatCount(f.value)}
            </dd>
          </div>
        ))}
      </dl>

      {r.alerts.length > 0 ? (
        <>
          <h4 class="lst-report__sub">{plural(r.alerts.length, 'spike alert')} raised</h4>
          <ul class="lst-report__alerts">
            {r.alerts.map((a) => {
              const d = describeAlert(a);
              return (
                <li key={a.id}>
                  <strong>{d.title}</strong> {d.detail}{' '}
                  <a href={href.topic(a.topic_id)} onClick={onLinkClick}>
                    Open the topic
                  </a>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p class="muted small">No spike alert was raised.</p>
      )}

      {r.rejected_lines.length > 0 ? (
        <>
          <h4 class="lst-report__sub" id={`${id}-rejected`}>
            Rejected lines
          </h4>
          <DataTable
            class="table table--compact lst-report__table"
            labelledBy={`${id}-rejected`}
            rows={r.rejected_lines}
            rowKey={(l) => l.line}
            rowProps={() => ({ 'data-testid': 'report-rejected-line' })}
            columns={[
              {
                key: 'line',
                label: 'Line',
                class: 'num',
                headerClass: 'num',
                sortValue: (l) => l.line,
                cell: (l) => formatCount(l.line),
              },
              { key: 'reason', label: 'Reason', sortValue: (l) => reasonLabel(l.reason), cell: (l) => reasonLabel(l.reason) },
              { key: 'message', label: 'Message', class: 'break', cell: (l) => l.message },
            ]}
          />
          <p class="muted small">
            {r.rejected_lines_cut
              ? `Only the first ${formatCount(r.rejected_lines.length)} of the ${formatCount(r.rejected)} rejected lines are listed here; `
              : 'Line numbers count from the first line of the box; '}
            every rejected line is also kept under Rejected lines, below.
          </p>
        </>
      ) : null}
    </section>
  );
}
