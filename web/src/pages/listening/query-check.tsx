// Live checking of a query as it is typed: POST /topics/validate after a pause (stale requests
// cancelled), then, for a valid query, POST /topics/preview. The diagnostics show each error on its
// line of the query with the character underlined and a caret under it, the message and what was
// expected; a valid query shows how the server reads it. The preview lists matching recent mentions.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, isAbort } from '../../api/client';
import { wellFormed } from '../../lib/text';
import { listeningApi, type PreviewResult, type QueryError, type Validation } from './api';
import { MentionCard } from './mentions';
import { errorSpot, formatCount, plural } from './model';

/** Quiet time after the last keystroke before the query is sent. */
const DEBOUNCE_MS = 300;

export interface QueryCheck {
  /** The query the validation and preview below answer (may lag behind the one being typed). */
  checked: string | null;
  validation: Validation | null;
  preview: PreviewResult | null;
  /** The validation or the preview failed (network, server); null otherwise. */
  error: unknown;
  /** Waiting for the pause, the validation or the preview. */
  pending: boolean;
  previewPending: boolean;
  retry: () => void;
}

export function useQueryCheck(query: string): QueryCheck {
  const [state, setState] = useState<Omit<QueryCheck, 'retry'>>({
    checked: null,
    validation: null,
    preview: null,
    error: null,
    pending: false,
    previewPending: false,
  });
  const [attempt, setAttempt] = useState(0);
  const immediate = useRef(true);

  useEffect(() => {
    const input = wellFormed(query);
    const now = immediate.current;
    immediate.current = false;
    if (input.trim() === '') {
      setState({ checked: null, validation: null, preview: null, error: null, pending: false, previewPending: false });
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const ctrl = new AbortController();
    const timer = window.setTimeout(
      async () => {
        try {
          const validation = await listeningApi.validate(input, ctrl.signal);
          if (ctrl.signal.aborted) return;
          setState((s) => ({
            checked: input,
            validation,
            preview: validation.valid ? s.preview : null,
            error: null,
            pending: validation.valid,
            previewPending: validation.valid,
          }));
          if (!validation.valid) return;
          const preview = await listeningApi.preview(input, ctrl.signal);
          if (ctrl.signal.aborted) return;
          setState((s) => ({ ...s, preview, pending: false, previewPending: false }));
        } catch (error) {
          if (ctrl.signal.aborted || isAbort(error)) return;
          setState((s) => ({ ...s, error, pending: false, previewPending: false }));
        }
      },
      now ? 0 : DEBOUNCE_MS,
    );
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [query, attempt]);

  return {
    ...state,
    retry: () => {
      immediate.current = true;
      setAttempt((a) => a + 1);
    },
  };
}

/* ---------- diagnostics ---------- */

interface ErrorLineProps {
  /** The query the error was found in. */
  query: string;
  error: QueryError;
  /** Puts the cursor of the query box at a UTF-16 index, selecting `length` code units. */
  onGo: (index: number, length: number) => void;
}

function ErrorLine({ query, error, onGo }: ErrorLineProps) {
  const spot = errorSpot(query, error.column);
  const codeRef = useRef<HTMLPreElement>(null);
  const markRef = useRef<HTMLElement>(null);
  // A long line scrolls sideways: keep the marked character in view.
  useLayoutEffect(() => {
    const pre = codeRef.current;
    const mark = markRef.current;
    if (!pre || !mark) return;
    const left = mark.offsetLeft - pre.clientWidth / 2;
    pre.scrollLeft = left > 0 ? left : 0;
  }, [query, error.column]);
  const multiline = query.includes('\n');
  const show = (s: string) => s.replace(/\t/g, ' ');
  return (
    <li class="qerr" data-testid="query-error" data-column={error.column}>
      <pre class="qerr__code" ref={codeRef} aria-hidden="true">
        {multiline ? <span class="qerr__lineno">{spot.lineNo} │ </span> : null}
        {show(spot.before)}
        <mark ref={markRef} class="qerr__at" data-testid="query-error-mark">
          {spot.at ? show(spot.at) : ' '}
        </mark>
        {show(spot.after)}
        {'\n'}
        {multiline ? <span class="qerr__lineno">{' '.repeat(String(spot.lineNo).length)} │ </span> : null}
        <span class="qerr__caret" data-testid="query-error-caret">
          {`${' '.repeat(spot.caret)}^`}
        </span>
      </pre>
      <p class="qerr__msg">
        <button
          type="button"
          class="linkish"
          onClick={() => onGo(spot.index, spot.at.length)}
          title="Put the cursor there"
        >
          {multiline ? `Line ${spot.lineNo}, column ${error.column}` : `Column ${error.column}`}
        </button>
        : <span data-testid="query-error-message">{sentenceCase(error.message)}</span>
        {error.expected ? (
          <>
            {' '}
            <span class="qerr__expected">
              Expected <strong>{error.expected}</strong>.
            </span>
          </>
        ) : null}
      </p>
    </li>
  );
}

function sentenceCase(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** What the live check found, below the query box. */
export function QueryDiagnostics({
  id,
  query,
  check,
  onGo,
}: {
  id: string;
  query: string;
  check: QueryCheck;
  onGo: (index: number, length: number) => void;
}) {
  const { checked, validation, error, pending } = check;
  const current = wellFormed(query);
  const stale = checked !== null && checked !== current;
  let summary = '';
  let body = null;
  if (current.trim() === '') {
    body = (
      <p class="qcheck__hint muted">
        Type a query, e.g. <code>acme AND (phone OR "customer service") AND NOT #ad</code>. It is checked as you type.
      </p>
    );
  } else if (error) {
    summary = `The query could not be checked: ${errorMessage(error)}`;
    body = (
      <div class="alert alert--error">
        <p>{summary}</p>
        <button type="button" class="btn btn--small" onClick={check.retry}>
          Check again
        </button>
      </div>
    );
  } else if (!validation || checked === null) {
    body = <p class="qcheck__hint muted">Checking…</p>;
  } else if (!validation.valid) {
    const n = validation.errors.length;
    summary = `${n === 1 ? '1 problem' : `${n} problems`} in the query: ${validation.errors
      .map((e) => `column ${e.column}, ${e.message}`)
      .join('; ')}.`;
    body = (
      <ul class="qerr__list" aria-label="Problems found">
        {validation.errors.slice(0, 5).map((e, i) => (
          <ErrorLine key={`${i}-${e.column}`} query={checked} error={e} onGo={onGo} />
        ))}
        {n > 5 ? <li class="muted small">…and {n - 5} more.</li> : null}
      </ul>
    );
  } else {
    summary = 'The query is valid.';
    body = (
      <p class="qcheck__ok" data-testid="query-valid">
        <span class="qcheck__tick" aria-hidden="true">
          ✓
        </span>{' '}
        Valid. Read as <code class="qcheck__canonical" data-testid="query-canonical">{validation.canonical}</code>
      </p>
    );
  }
  const invalid = validation !== null && !validation.valid && !error;
  return (
    <div
      id={id}
      class={`qcheck${invalid ? ' qcheck--invalid' : ''}${stale ? ' qcheck--stale' : ''}`}
      data-testid="query-check"
      aria-busy={pending ? 'true' : 'false'}
    >
      <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {stale ? '' : summary}
      </p>
      {body}
    </div>
  );
}

/* ---------- preview ---------- */

/** The recent mentions the query matches, with the matched terms marked. */
export function QueryPreview({ query, check }: { query: string; check: QueryCheck }) {
  const { checked, validation, preview, previewPending, error } = check;
  const current = wellFormed(query);
  let content;
  if (current.trim() === '') {
    content = <p class="state state--empty">Matching recent mentions appear here as you type a query.</p>;
  } else if (validation && !validation.valid) {
    content = <p class="state state--empty">The preview comes back when the query is valid.</p>;
  } else if (!preview) {
    content = error ? null : <p class="muted">Looking for matching mentions…</p>;
  } else if (preview.scanned === 0) {
    content = <p class="state state--empty">No mentions have been collected yet, so there is nothing to preview.</p>;
  } else {
    content = (
      <>
        <p class="preview__count" data-testid="preview-count">
          <strong>{formatCount(preview.matched)}</strong> of {plural(preview.scanned, 'recent mention')}{' '}
          {preview.matched === 1 ? 'matches' : 'match'}
          {preview.matched > preview.items.length && preview.items.length > 0
            ? ` · the newest ${formatCount(preview.items.length)} shown`
            : ''}
          .
        </p>
        {preview.items.length === 0 ? (
          <p class="state state--empty">
            None of the recent mentions match. The topic will still catch new mentions as they arrive.
          </p>
        ) : (
          <div class="mentions mentions--preview" data-testid="preview-mentions">
            {preview.items.map((m) => (
              <MentionCard key={m.id} m={m} />
            ))}
          </div>
        )}
      </>
    );
  }
  const stale = checked !== null && checked !== current;
  return (
    <section class="card lst-preview" aria-labelledby="lst-preview-title" aria-busy={previewPending ? 'true' : 'false'}>
      <div class="card__header">
        <h2 id="lst-preview-title" class="card__title">
          Preview
        </h2>
        {previewPending ? (
          <span class="qcheck__busy" aria-hidden="true">
            <span class="spinner spinner--small" />
            Searching…
          </span>
        ) : null}
      </div>
      <div class={stale ? 'lst-preview__body lst-preview__body--stale' : 'lst-preview__body'}>{content}</div>
    </section>
  );
}
