// Publishing: for now the draft checker. A draft is sent to POST /api/v1/text/analyze as it is
// typed (debounced, stale requests cancelled) and the answer is shown: length against the network's
// limit, the preview with entities / personal data / the part past the limit highlighted, language,
// sentiment, intents with their cues, and personal data with a masked copy.
// Indices in the answer are code points; model.ts (with lib/text.ts) converts them to string indices.
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage, isAbort } from '../../api/client';
import type { Network } from '../../api/types';
import { Field } from '../../components/field';
import { PageTitle } from '../../components/page';
import { announce } from '../../components/toast';
import { sliceCodePoints, wellFormed } from '../../lib/text';
import { NETWORKS, SENTIMENT_LABELS, formatCompound, formatPercent, intentLabel, languageName, networkLabel, percentages } from '../../lib/words';
import { onLinkClick } from '../../router';
import { href } from '../../routes';
import { publishingApi } from './api';
import { ENTITY_LABELS, PII_LABELS, describePii, segmentText, summarize, type EntityType, type Segment, type TextAnalysis } from './model';
import './publishing.css';

/** Quiet time after the last keystroke before the draft is sent. */
const DEBOUNCE_MS = 300;

/** An answer together with the input it answers (the preview must use the analysed text, not the current one). */
interface Analysed {
  text: string;
  network: Network;
  data: TextAnalysis;
}

interface AnalysisState {
  result: Analysed | null;
  error: unknown;
  /** A request is waiting for its debounce or for the server. */
  pending: boolean;
}

/** Analyses `text` for `network` as it changes: debounced, the previous request aborted, stale answers dropped. */
function useAnalysis(text: string, network: Network): AnalysisState & { retry: () => void } {
  const [state, setState] = useState<AnalysisState>({ result: null, error: null, pending: false });
  const [attempt, setAttempt] = useState(0);
  const immediate = useRef(false);
  const lastNetwork = useRef(network);

  useEffect(() => {
    const input = wellFormed(text);
    // A new network or a retry is sent at once; typing waits for a pause.
    const now = immediate.current || lastNetwork.current !== network;
    immediate.current = false;
    lastNetwork.current = network;
    if (input.trim() === '') {
      setState({ result: null, error: null, pending: false });
      return;
    }
    setState((s) => (s.pending ? s : { ...s, pending: true }));
    const ctrl = new AbortController();
    const timer = window.setTimeout(
      () => {
        publishingApi.analyze(input, network, ctrl.signal).then(
          (data) => {
            if (!ctrl.signal.aborted) setState({ result: { text: input, network, data }, error: null, pending: false });
          },
          (error: unknown) => {
            if (!ctrl.signal.aborted && !isAbort(error)) setState((s) => ({ ...s, error, pending: false }));
          },
        );
      },
      now ? 0 : DEBOUNCE_MS,
    );
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, network, attempt]);

  return {
    ...state,
    retry: () => {
      immediate.current = true;
      setAttempt((a) => a + 1);
    },
  };
}

export default function PublishingPage() {
  return (
    <section class="page page--wide" aria-labelledby="page-title">
      <PageTitle title="Publishing">Publishing</PageTitle>
      <p class="checker-note">
        <span class="badge badge--soon">Not built yet</span>
        <span>
          Scheduling, channel variants and approvals are not built yet. Meanwhile, check a draft here: nothing is saved
          or posted. Units and roles are managed in{' '}
          <a href={href.organisation()} onClick={onLinkClick}>
            Organisation
          </a>
          .
        </span>
      </p>
      <DraftChecker />
    </section>
  );
}

function DraftChecker() {
  const [text, setText] = useState('');
  const [network, setNetwork] = useState<Network>('x');
  /** The draft as it was before "Use masked text", for undo. */
  const [unmasked, setUnmasked] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const { result, error, pending, retry } = useAnalysis(text, network);

  const empty = text.trim() === '';
  const current = wellFormed(text);
  // The answer shown is for another text or network: while a newer one is on its way that is normal
  // (the quiet indicator says so); once nothing is on its way (the request failed) it is marked as old.
  const stale = result !== null && (result.text !== current || result.network !== network);
  const busy = pending;
  const outdated = stale && !busy && error !== null;
  const fieldErr = error instanceof ApiError && error.status === 400 ? error.field : null;
  const textError = fieldErr === 'text' ? (error as ApiError).message : null;
  const networkError = fieldErr === 'network' ? (error as ApiError).message : null;
  const shown = empty ? null : result;

  const applyMasked = () => {
    if (!result) return;
    setUnmasked(text);
    setText(result.data.masked);
    announce('The draft now uses the masked text.');
    textRef.current?.focus();
  };
  const undoMask = () => {
    if (unmasked === null) return;
    setText(unmasked);
    setUnmasked(null);
    announce('The personal data is back in the draft.');
    textRef.current?.focus();
  };

  return (
    <div class="checker">
      <section class="card checker__draft" aria-labelledby="checker-title">
        <h2 id="checker-title" class="card__title">
          Draft checker
        </h2>
        <p class="form-card__lead">
          Write or paste a post: it is checked as you type against the network’s rules and for personal data.
        </p>
        <div class="checker__controls">
          <Field label="Network" name="network" error={networkError}>
            {(p) => (
              <select {...p} value={network} onChange={(e) => setNetwork(e.currentTarget.value as Network)}>
                {NETWORKS.map((n) => (
                  <option key={n.value} value={n.value}>
                    {n.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Draft" name="text" error={textError}>
          {(p) => (
            <textarea
              {...p}
              ref={textRef}
              rows={6}
              value={text}
              placeholder="e.g. @AcmeAir thanks for the quick help today! #travel"
              onInput={(e) => {
                setText(e.currentTarget.value);
                setUnmasked(null);
              }}
            />
          )}
        </Field>
        {unmasked !== null ? (
          <p class="checker__undo small">
            Personal data replaced by placeholders.{' '}
            <button type="button" class="btn btn--small" onClick={undoMask}>
              Undo
            </button>
          </p>
        ) : null}
        {shown ? <LengthMeter r={shown.data} stale={outdated} /> : null}
        <Preview result={shown} stale={outdated} empty={empty} failed={error !== null && !busy} />
      </section>

      <section class="card checker__results" aria-labelledby="results-title" aria-busy={busy ? 'true' : 'false'}>
        <div class="card__header">
          <h2 id="results-title" class="card__title">
            Analysis
          </h2>
          {busy && !empty ? (
            <span class="checker__busy" aria-hidden="true">
              <span class="spinner spinner--small" />
              Checking…
            </span>
          ) : null}
        </div>
        <p class="checker__summary" role="status" aria-live="polite" aria-atomic="true">
          {shown ? summarize(shown.data) : ''}
        </p>
        {error ? (
          <div class="alert alert--error" role="alert">
            <p>The draft could not be checked: {errorMessage(error)}</p>
            {fieldErr ? null : (
              <button type="button" class="btn btn--small" onClick={retry}>
                Try again
              </button>
            )}
          </div>
        ) : null}
        {empty ? (
          <p class="state state--empty">Type or paste a draft to see its length, language, sentiment, intent and any personal data.</p>
        ) : !shown ? (
          error ? null : <p class="muted">Checking the draft…</p>
        ) : (
          <div class={outdated ? 'checker__body checker__body--stale' : 'checker__body'}>
            {outdated ? <p class="small muted checker__stale-note">Showing the check of an earlier version of the draft.</p> : null}
            <div class="checker__facts">
              <LanguageFact r={shown.data} />
              <SentimentFact r={shown.data} />
            </div>
            <Intents r={shown.data} />
            <PersonalData result={shown} onUseMasked={applyMasked} disabled={stale} />
          </div>
        )}
      </section>
    </div>
  );
}

/* ---------- length ---------- */

function LengthMeter({ r, stale }: { r: TextAnalysis; stale: boolean }) {
  const L = r.length;
  const over = L.length > L.limit;
  const ratio = L.limit > 0 ? Math.min(L.length / L.limit, 1) : 1;
  const fill = `${Math.round(ratio * 1000) / 10}%`;
  const state = over ? 'over' : ratio >= 0.9 ? 'near' : 'ok';
  const words = over
    ? `${L.length - L.limit} over the limit`
    : `${L.limit - L.length} left`;
  const labelId = useId();
  return (
    <div class={stale ? 'length length--stale' : 'length'}>
      <div class="length__row">
        <span id={labelId} class="length__label">
          Length on {networkLabel(r.network)}
        </span>
        <span class={`length__value length__value--${state}`} data-testid="length-value">
          <strong>{L.length}</strong> / {L.limit} {L.unit} · {words}
        </span>
      </div>
      <div
        class="length__bar"
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={L.limit}
        aria-valuenow={Math.min(L.length, L.limit)}
        aria-valuetext={`${L.length} of ${L.limit} ${L.unit}, ${words}`}
      >
        <span class={`length__fill length__fill--${state}`} style={{ width: fill }} />
      </div>
      {L.problems.length > 0 ? (
        <ul class="length__problems" aria-label="Length problems">
          {L.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/* ---------- preview ---------- */

function segmentClass(s: Segment): string {
  const c: string[] = [];
  if (s.entity) c.push('hl', `hl--${s.entity}`);
  if (s.pii) c.push('hl', 'hl--pii');
  if (s.over) c.push('hl--over');
  return [...new Set(c)].join(' ');
}

function segmentTitle(s: Segment): string {
  const t: string[] = [];
  if (s.entity) t.push(ENTITY_LABELS[s.entity] ?? s.entity);
  if (s.pii) t.push(`Personal data: ${PII_LABELS[s.pii] ?? s.pii}`);
  if (s.over) t.push('Past the limit');
  return t.join(' · ');
}

function Preview({
  result,
  stale,
  empty,
  failed,
}: {
  result: Analysed | null;
  stale: boolean;
  empty: boolean;
  failed: boolean;
}) {
  const segs = useMemo(
    () =>
      result
        ? segmentText(result.text, {
            entities: result.data.entities,
            pii: result.data.pii,
            overAt: result.data.length.over_at,
          })
        : [],
    [result],
  );
  const legend = useMemo(() => {
    if (!result) return [];
    const out: { key: string; cls: string; text: string }[] = [];
    const byType = new Map<EntityType, number>();
    for (const e of result.data.entities) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    for (const [type, count] of byType) {
      const label = (ENTITY_LABELS[type] ?? type).toLowerCase();
      out.push({ key: type, cls: `hl hl--${type}`, text: `${count} ${count === 1 ? label : `${label}s`}` });
    }
    if (result.data.pii.length) out.push({ key: 'pii', cls: 'hl hl--pii', text: `${result.data.pii.length} personal data` });
    if (result.data.length.over_at !== null) out.push({ key: 'over', cls: 'hl--over', text: 'past the limit' });
    return out;
  }, [result]);

  return (
    <div class="preview-box">
      <h3 id="preview-title" class="checker__h3">
        Preview
      </h3>
      {empty || !result ? (
        <p class="preview preview--empty muted">
          {empty ? 'Nothing to preview yet.' : failed ? 'No preview: the draft could not be checked.' : 'Checking…'}
        </p>
      ) : (
        <>
          <div
            class={stale ? 'preview preview--stale' : 'preview'}
            aria-labelledby="preview-title"
            role="region"
            data-testid="preview"
          >
            {segs.map((s) => {
              const cls = segmentClass(s);
              if (!cls) return s.text;
              const title = segmentTitle(s);
              return s.entity || s.pii ? (
                <mark key={s.start} class={cls} title={title}>
                  {s.text}
                </mark>
              ) : (
                <span key={s.start} class={cls} title={title}>
                  {s.text}
                </span>
              );
            })}
          </div>
          {legend.length ? (
            <ul class="legend" aria-label="Highlighted in the preview">
              {legend.map((l) => (
                <li key={l.key}>
                  <span class={`legend__swatch ${l.cls}`} aria-hidden="true" />
                  {l.text}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </div>
  );
}

/* ---------- language and sentiment ---------- */

function LanguageFact({ r }: { r: TextAnalysis }) {
  const name = languageName(r.language.code);
  return (
    <div class="fact">
      <h3 class="checker__h3">Language</h3>
      {name ? (
        <p class="fact__value" data-testid="language">
          <strong>{name}</strong> <span class="muted mono">{r.language.code}</span>
          <span class="fact__sub">
            {formatPercent(r.language.confidence)} confidence
            {r.language.reliable ? '' : ' · not reliable'}
          </span>
        </p>
      ) : (
        <p class="fact__value" data-testid="language">
          <strong>Unknown</strong>
          <span class="fact__sub">Too short or too mixed to tell.</span>
        </p>
      )}
    </div>
  );
}

function SentimentFact({ r }: { r: TextAnalysis }) {
  const s = r.sentiment;
  const [neg, neu, pos] = percentages([s.negative, s.neutral, s.positive]) as [number, number, number];
  const parts = [
    { key: 'negative', label: 'Negative', pct: neg },
    { key: 'neutral', label: 'Neutral', pct: neu },
    { key: 'positive', label: 'Positive', pct: pos },
  ];
  const desc = parts.map((p) => `${p.label} ${p.pct}%`).join(', ');
  return (
    <div class="fact">
      <h3 class="checker__h3">Sentiment</h3>
      <p class="fact__value">
        <span class={`sentiment-label sentiment-label--${s.label}`} data-testid="sentiment-label">
          {SENTIMENT_LABELS[s.label] ?? s.label}
        </span>{' '}
        <span class="muted">compound {formatCompound(s.compound)}</span>
      </p>
      <div class="sbar" role="img" aria-label={`Sentiment proportions: ${desc}`}>
        {parts.map((p) =>
          p.pct > 0 ? <span key={p.key} class={`sbar__part sbar__part--${p.key}`} style={{ width: `${p.pct}%` }} /> : null,
        )}
      </div>
      <ul class="legend sbar__legend" aria-hidden="true">
        {parts.map((p) => (
          <li key={p.key}>
            <span class={`legend__swatch sbar__part--${p.key}`} />
            {p.label} {p.pct}%
          </li>
        ))}
      </ul>
    </div>
  );
}

/* ---------- intents ---------- */

function Intents({ r }: { r: TextAnalysis }) {
  return (
    <div class="intents-box">
      <h3 id="intents-title" class="checker__h3">
        Intent
      </h3>
      {r.intents.length === 0 ? (
        <p class="muted small">No intent recognised: nothing here asks for support, complains, buys or praises.</p>
      ) : (
        <ul class="intents" aria-labelledby="intents-title">
          {r.intents.map((i) => (
            <li key={i.intent} class={`intent intent--${i.intent}`}>
              <span class="intent__head">
                <span class="intent__name">{intentLabel(i.intent)}</span>
                <span class="intent__score" title="Sum of the weights of the cues that fired">
                  score {i.score.toFixed(1)}
                </span>
              </span>
              {i.cues.length ? (
                <ul class="intent__cues" aria-label={`Cues for ${intentLabel(i.intent).toLowerCase()}`}>
                  {i.cues.map((c, k) => (
                    <li key={k}>{c}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/* ---------- personal data ---------- */

function PersonalData({
  result,
  onUseMasked,
  disabled,
}: {
  result: Analysed;
  onUseMasked: () => void;
  disabled: boolean;
}) {
  const r = result.data;
  if (r.pii.length === 0) {
    return (
      <div class="pii-box">
        <h3 class="checker__h3">Personal data</h3>
        <p class="muted small">None found (email addresses, phone numbers, payment cards, IBANs).</p>
      </div>
    );
  }
  return (
    <div class="pii-box alert alert--warning" role="region" aria-labelledby="pii-title" data-testid="pii-warning">
      <h3 id="pii-title" class="checker__h3">
        Personal data: {describePii(r.pii)}
      </h3>
      <p>Posting it would make it public. Remove it, or use the masked text below.</p>
      <ul class="pii__list">
        {r.pii.map((p, k) => (
          <li key={k}>
            {(PII_LABELS[p.kind] ?? p.kind).replace(/^./, (c) => c.toUpperCase())}:{' '}
            <span class="mono pii__value">{sliceCodePoints(result.text, p.start, p.end)}</span>
          </li>
        ))}
      </ul>
      <p class="pii__masked-label">Masked text</p>
      <p class="masked mono" data-testid="masked">
        {r.masked}
      </p>
      <button type="button" class="btn btn--primary btn--small" onClick={onUseMasked} disabled={disabled}>
        Use masked text
      </button>
    </div>
  );
}
