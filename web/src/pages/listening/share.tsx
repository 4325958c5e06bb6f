// Share of voice: the topics to compare (checkboxes, by unit) and how the mentions of a time range
// split between them, as one stacked bar and a table with counts and percentages.
import { useId, useMemo, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { useAsync } from '../../components/async';
import { ErrorState, Loading } from '../../components/states';
import { listeningApi } from './api';
import { ShareBar } from './charts';
import { RangeSelect } from './range-select';
import { RANGES, formatCount, rangeBounds, shareRows, type RangeKey, type TopicGroup } from './model';

/** The server compares at most this many topics. */
const MAX = 20;

export function ShareOfVoice({ groups, initial }: { groups: readonly TopicGroup[]; initial: readonly number[] }) {
  const [picked, setPicked] = useState<number[] | null>(null);
  const [range, setRange] = useState<RangeKey>('7d');
  const headingId = useId();
  const known = useMemo(() => new Set(groups.flatMap((g) => g.topics.map((t) => t.id))), [groups]);
  // Until the user picks, the suggestion; topics deleted since are dropped.
  const chosen = (picked ?? initial).filter((id) => known.has(id)).slice(0, MAX);
  // The order of the list, so that colours follow the checkboxes.
  const order = useMemo(() => groups.flatMap((g) => g.topics.map((t) => t.id)), [groups]);
  const ids = order.filter((id) => chosen.includes(id));
  const key = ids.join(',');
  const [share, retry] = useAsync(() => {
    if (ids.length === 0) return Promise.resolve(null);
    const { from, to } = rangeBounds(range, Date.now());
    return listeningApi.share(ids, from, to);
  }, [key, range]);
  const rows = useMemo(() => (share.data ? shareRows(share.data) : []), [share.data]);
  const colourOf = (id: number) => Math.max(0, ids.indexOf(id));

  const toggle = (id: number, on: boolean) => {
    const base = picked ?? chosen;
    setPicked(on ? [...base.filter((x) => x !== id), id] : base.filter((x) => x !== id));
  };

  if (order.length === 0) return null;
  return (
    <section class="card lst-share" aria-labelledby={headingId} data-testid="share-of-voice">
      <div class="card__header">
        <h2 id={headingId} class="card__title">
          Share of voice
        </h2>
        <RangeSelect value={range} onChange={setRange} label="Time range of the share of voice" />
      </div>
      <div class="lst-share__grid">
        <fieldset class="lst-share__pick">
          <legend class="lst-share__legend">Topics to compare</legend>
          {groups.map((g) => (
            <div key={g.unit} class="lst-share__group">
              <p class="lst-share__unit">{g.unitName}</p>
              {g.topics.map((t) => {
                const on = ids.includes(t.id);
                return (
                  <label key={t.id} class="check">
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={!on && ids.length >= MAX}
                      onChange={(e) => toggle(t.id, e.currentTarget.checked)}
                    />
                    <span>{t.name}</span>
                  </label>
                );
              })}
            </div>
          ))}
          {ids.length >= MAX ? <p class="muted small">At most {MAX} topics can be compared.</p> : null}
        </fieldset>
        <div class="lst-share__result" aria-live="polite">
          {ids.length === 0 ? (
            <p class="state state--empty">Choose two or more topics to see how the conversation splits between them.</p>
          ) : share.status === 'error' && !share.data ? (
            <ErrorState error={share.error} onRetry={retry} />
          ) : !share.data ? (
            <Loading label="Counting…" />
          ) : (
            <div class={share.status === 'loading' ? 'lst-share__body lst-share__body--stale' : 'lst-share__body'}>
              {share.status === 'error' ? (
                <p class="alert alert--error" role="alert">
                  Could not refresh: {errorMessage(share.error)}
                </p>
              ) : null}
              <p class="lst-summary">
                <strong>{formatCount(share.data.total)}</strong> {share.data.total === 1 ? 'mention' : 'mentions'} across{' '}
                {ids.length === 1 ? '1 topic' : `${ids.length} topics`} ·{' '}
                {(RANGES.find((r) => r.key === range)?.label ?? '').toLowerCase()}
                {ids.length === 1 ? <span class="muted"> · choose another topic to compare</span> : null}
              </p>
              <ShareBar rows={rows} total={share.data.total} colourOf={colourOf} />
              <p class="muted small">
                A mention that matches several of these topics counts once for each of them.
              </p>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
