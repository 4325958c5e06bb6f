// Mentions: one card per mention (author, network, language, time, sentiment, intents, the text with
// its matched terms marked), and a topic's list of them, newest first, paged with "Load more".
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { ErrorState, Loading } from '../../components/states';
import { safeHttpUrl } from '../../lib/urls';
import { SENTIMENT_LABELS, formatCompound, intentLabel, languageName, networkLabel } from '../../lib/words';
import { listeningApi, type Mention } from './api';
import { formatCount, highlightPieces, plural } from './model';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function MentionText({ m }: { m: Mention }) {
  const pieces = highlightPieces(m.text, m.highlights);
  return (
    <p class="mention__text">
      {pieces.map((p) =>
        p.hit ? (
          <mark key={p.start} class="mention__hit">
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </p>
  );
}

export function MentionCard({ m, focusRef }: { m: Mention; focusRef?: (el: HTMLElement | null) => void }) {
  const lang = languageName(m.language);
  const author = m.author.name || m.author.handle || 'Unknown author';
  // The post's own address, only when it is http(s): it comes from the network's payload.
  const link = safeHttpUrl(m.url);
  const time = (
    <time dateTime={m.created_at} title={m.created_at}>
      {when.format(new Date(m.created_at))}
    </time>
  );
  return (
    <article
      class="mention"
      tabIndex={-1}
      ref={focusRef}
      aria-label={`${author} on ${networkLabel(m.network)}`}
      data-testid="mention"
    >
      <header class="mention__head">
        <span class="mention__author">
          <strong>{author}</strong>
          {m.author.handle && m.author.handle !== author ? <span class="muted"> @{m.author.handle}</span> : null}
          {m.author.followers !== null && m.author.followers !== undefined ? (
            <span class="mention__followers muted"> · {plural(m.author.followers, 'follower')}</span>
          ) : null}
        </span>
        <span class="mention__meta">
          <span class={`net net--${m.network}`}>{networkLabel(m.network)}</span>
          {lang || m.language ? (
            <span class="mention__lang" title={lang ?? undefined}>
              {m.language && m.language !== 'unknown' ? m.language : '—'}
            </span>
          ) : null}
          {link ? (
            <a href={link} target="_blank" rel="noopener noreferrer" class="mention__time">
              {time}
              <span class="visually-hidden"> (open the post on {networkLabel(m.network)})</span>
            </a>
          ) : (
            <span class="mention__time">{time}</span>
          )}
        </span>
      </header>
      <MentionText m={m} />
      <footer class="mention__foot">
        <span
          class={`sentiment-label sentiment-label--${m.sentiment.label} sentiment-label--small`}
          title={`Compound score ${formatCompound(m.sentiment.compound)}`}
        >
          {SENTIMENT_LABELS[m.sentiment.label] ?? m.sentiment.label}
        </span>
        {m.intents.map((i) => (
          <span key={i} class={`chip chip--${i}`}>
            {intentLabel(i)}
          </span>
        ))}
        {m.pii > 0 ? (
          <span class="chip chip--pii" title="Email addresses, phone numbers, payment cards or IBANs in the text">
            {m.pii === 1 ? 'Personal data' : `Personal data ×${m.pii}`}
          </span>
        ) : null}
      </footer>
    </article>
  );
}

const PAGE = 20;

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ok'; items: Mention[]; next: string | null };

/**
 * The mentions of a topic, newest first; "Load more" follows the cursor and puts the focus on the
 * first new one. Loaded again when `version` changes; `growing` while the topic's back-fill runs.
 */
export function TopicMentions({
  topicId,
  total,
  version,
  growing = false,
}: {
  topicId: number;
  total: number;
  version: string;
  growing?: boolean;
}) {
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [attempt, setAttempt] = useState(0);
  const focusIndex = useRef<number | null>(null);
  const cards = useRef(new Map<number, HTMLElement>());

  useEffect(() => {
    let live = true;
    setList({ status: 'loading' });
    setMore({ busy: false, error: null });
    listeningApi.mentions(topicId, null, PAGE).then(
      (p) => live && setList({ status: 'ok', items: p.items, next: p.next }),
      (error: unknown) => live && setList({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [topicId, version, attempt]);

  useEffect(() => {
    if (focusIndex.current === null || list.status !== 'ok') return;
    cards.current.get(focusIndex.current)?.focus();
    focusIndex.current = null;
  }, [list]);

  const loadMore = async () => {
    if (list.status !== 'ok' || list.next === null || more.busy) return;
    setMore({ busy: true, error: null });
    try {
      const p = await listeningApi.mentions(topicId, list.next, PAGE);
      focusIndex.current = p.items.length ? list.items.length : null;
      setList({ status: 'ok', items: [...list.items, ...p.items], next: p.next });
      setMore({ busy: false, error: null });
    } catch (e) {
      setMore({ busy: false, error: errorMessage(e) });
    }
  };

  if (list.status === 'loading') return <Loading label="Loading mentions…" />;
  if (list.status === 'error') return <ErrorState error={list.error} onRetry={() => setAttempt((a) => a + 1)} />;
  if (list.items.length === 0 && growing) {
    return (
      <p class="state state--empty">
        No mention found yet: the stored mentions are still being searched. New mentions are matched as they arrive.
      </p>
    );
  }
  if (list.items.length === 0) {
    return (
      <p class="state state--empty">
        No mention has matched this topic yet. New mentions are matched as they arrive; stored ones were searched when the
        topic was saved.
      </p>
    );
  }
  return (
    <>
      <div class="mentions" data-testid="mentions">
        {list.items.map((m, i) => (
          <MentionCard
            key={m.id}
            m={m}
            focusRef={(el) => {
              if (el) cards.current.set(i, el);
              else cards.current.delete(i);
            }}
          />
        ))}
      </div>
      <div class="card__footer">
        <p class="muted small" aria-live="polite">
          Showing {formatCount(list.items.length)} of {plural(Math.max(total, list.items.length), 'mention')}
          {growing ? ' found so far' : ''}, newest first.
        </p>
        {more.error ? (
          <p class="alert alert--error" role="alert">
            Could not load more mentions: {more.error}
          </p>
        ) : null}
        {list.next !== null ? (
          <button type="button" class="btn" onClick={loadMore} disabled={more.busy}>
            {more.busy ? 'Loading…' : 'Load more'}
          </button>
        ) : list.items.length > PAGE ? (
          <p class="muted small">That is every mention of this topic.</p>
        ) : null}
      </div>
    </>
  );
}
