// One topic: its query and counts, edit and delete, the volume chart stacked by sentiment, top
// networks / languages / intents / hashtags / authors, and its mentions. While its back-fill runs,
// its progress, and a word that the numbers are still growing; they are loaded again when it is done.
import { useMemo, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../api/client';
import { useAsync } from '../../components/async';
import { ConfirmDialog } from '../../components/dialog';
import { useAction } from '../../components/form';
import { ErrorState, Loading } from '../../components/states';
import { SENTIMENT_LABELS, intentLabel, languageName, networkLabel, percentages } from '../../lib/words';
import { onLinkClick } from '../../router';
import { href } from '../../routes';
import { listeningApi, type Alert, type Topic, type TopicStats } from './api';
import { BackfillProgress } from './backfill';
import { BarList, VolumeChart } from './charts';
import { TopicMentions } from './mentions';
import { RangeSelect } from './range-select';
import {
  RANGES,
  aggregate,
  backfillRunning,
  bucketForRange,
  formatCount,
  localOffset,
  plural,
  rangeBounds,
  topicVersion,
  type RangeKey,
} from './model';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export interface TopicViewProps {
  topic: Topic;
  canManage: boolean;
  /** Alerts of this topic (marked on the volume chart). */
  alerts: readonly Alert[];
  range: RangeKey;
  onRange: (r: RangeKey) => void;
  onDeleted: (t: Topic) => void;
}

export function TopicView({ topic, canManage, alerts, range, onRange, onDeleted }: TopicViewProps) {
  const [deleting, setDeleting] = useState(false);
  const filling = backfillRunning(topic);
  // Changes with the query and once the back-fill is done: the charts and mentions load again then.
  const version = topicVersion(topic);
  const del = useAction();

  const confirmDelete = async () => {
    await del.run(
      async () => {
        await listeningApi.deleteTopic(topic.id);
        setDeleting(false);
        onDeleted(topic);
      },
      (x) => {
        if (!(x instanceof ApiError) || x.status !== 404) return false;
        // Already gone (deleted elsewhere): the same outcome.
        setDeleting(false);
        onDeleted(topic);
        return true;
      },
    );
  };
  const deleteError =
    del.error instanceof ApiError && del.error.status === 403
      ? `You may not delete this topic: ${del.error.message} ` +
        `Deleting needs the admin, manager or analyst role at ${topic.unit_name} or above.`
      : del.error
        ? errorMessage(del.error)
        : null;

  return (
    <div class="lst-topic" data-testid="topic-view">
      <section class="card lst-topic__head" aria-labelledby="lst-topic-title">
        <p class="breadcrumb">{topic.unit_name}</p>
        <div class="card__header">
          <h2 id="lst-topic-title" class="card__title card__title--large">
            {topic.name}
          </h2>
          {canManage ? (
            <div class="lst-topic__actions">
              <a class="btn btn--small" href={href.topicEdit(topic.id)} onClick={onLinkClick}>
                Edit
              </a>
              <button type="button" class="btn btn--small btn--danger-ghost" onClick={() => setDeleting(true)}>
                Delete
              </button>
            </div>
          ) : null}
        </div>
        <pre class="lst-topic__query mono" aria-label="Query">
          {topic.query}
        </pre>
        <dl class="facts lst-topic__facts">
          <div>
            <dt>Matched so far</dt>
            <dd data-testid="topic-total">
              {plural(topic.mentions, 'mention')}
              {filling ? <span class="muted"> (still growing)</span> : null}
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{when.format(new Date(topic.created_at))}</dd>
          </div>
          <div>
            <dt>Changed</dt>
            <dd>{when.format(new Date(topic.updated_at))}</dd>
          </div>
        </dl>
        {filling ? <BackfillProgress topic={topic} /> : null}
        {canManage ? null : (
          <p class="muted small lst-topic__note">
            You can look at this topic. Changing or deleting it needs the admin, manager or analyst role at{' '}
            {topic.unit_name} or above.
          </p>
        )}
      </section>

      <TopicCharts topic={topic} version={version} alerts={alerts} range={range} onRange={onRange} />

      <section class="card" aria-labelledby="lst-mentions-title">
        <div class="card__header">
          <h3 id="lst-mentions-title" class="card__title">
            Mentions
          </h3>
        </div>
        <TopicMentions topicId={topic.id} total={topic.mentions} version={version} growing={filling} />
      </section>

      <ConfirmDialog
        open={deleting}
        title={`Delete the topic “${topic.name}”?`}
        confirmLabel="Delete topic"
        danger
        busy={del.busy}
        error={deleteError}
        onConfirm={confirmDelete}
        onCancel={() => {
          setDeleting(false);
          del.setError(null);
        }}
      >
        <p>
          Its matches, charts and alerts are removed. The mentions themselves stay, and other topics that match them keep
          them.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function TopicCharts({
  topic,
  version,
  alerts,
  range,
  onRange,
}: {
  topic: Topic;
  /** topicVersion(topic): the charts are loaded again when it changes. */
  version: string;
  alerts: readonly Alert[];
  range: RangeKey;
  onRange: (r: RangeKey) => void;
}) {
  const [stats, retry] = useAsync(() => {
    const { from, to } = rangeBounds(range, Date.now());
    return listeningApi.stats(topic.id, from, to);
  }, [topic.id, version, range]);
  const rangeLabel = RANGES.find((r) => r.key === range)?.label ?? '';

  return (
    <section
      class="card lst-charts"
      aria-labelledby="lst-charts-title"
      aria-busy={stats.status === 'loading' ? 'true' : 'false'}
    >
      <div class="card__header">
        <h3 id="lst-charts-title" class="card__title">
          Volume and sentiment
        </h3>
        <RangeSelect value={range} onChange={onRange} label="Time range" />
      </div>
      {backfillRunning(topic) ? (
        <p class="lst-charts__growing muted small" data-testid="charts-growing">
          Still growing: the back-fill over the stored mentions is running, so these charts show what it has found so
          far. They are drawn again when it is done.
        </p>
      ) : null}
      {stats.status === 'error' && !stats.data ? (
        <ErrorState error={stats.error} onRetry={retry} />
      ) : !stats.data ? (
        <Loading label="Loading the charts…" />
      ) : (
        <div class={stats.status === 'loading' ? 'lst-charts__body lst-charts__body--stale' : 'lst-charts__body'}>
          {stats.status === 'error' ? (
            <p class="alert alert--error" role="alert">
              Could not refresh the charts: {errorMessage(stats.error)}
            </p>
          ) : null}
          <StatsBody stats={stats.data} alerts={alerts} rangeLabel={rangeLabel} />
        </div>
      )}
    </section>
  );
}

function StatsBody({ stats, alerts, rangeLabel }: { stats: TopicStats; alerts: readonly Alert[]; rangeLabel: string }) {
  const bucket = bucketForRange(stats.from, stats.to);
  const points = useMemo(() => aggregate(stats.hours, bucket, localOffset), [stats, bucket]);
  const sums = points.reduce(
    (s, p) => ({ positive: s.positive + p.positive, neutral: s.neutral + p.neutral, negative: s.negative + p.negative }),
    { positive: 0, neutral: 0, negative: 0 },
  );
  const [pos, neu, neg] = percentages([sums.positive, sums.neutral, sums.negative]) as [number, number, number];
  const sampleNote =
    stats.sample > 0
      ? `From the newest ${plural(stats.sample, 'mention')} of the range.`
      : 'From the newest mentions of the range.';
  return (
    <>
      <p class="lst-summary" data-testid="stats-summary">
        <strong>{formatCount(stats.total)}</strong> {stats.total === 1 ? 'mention' : 'mentions'} · {rangeLabel.toLowerCase()}
        {stats.total > 0 ? (
          <>
            {' '}
            · <span class="lst-summary__pos">{pos}% {SENTIMENT_LABELS.positive.toLowerCase()}</span> ·{' '}
            <span class="lst-summary__neu">{neu}% {SENTIMENT_LABELS.neutral.toLowerCase()}</span> ·{' '}
            <span class="lst-summary__neg">{neg}% {SENTIMENT_LABELS.negative.toLowerCase()}</span>
          </>
        ) : null}
      </p>
      <VolumeChart points={points} bucket={bucket} rangeLabel={rangeLabel} alerts={alerts} />
      <div class="lst-breakdown">
        <BarList title="Networks" rows={stats.networks} label={networkLabel} empty="No mentions in this range." />
        <BarList
          title="Languages"
          rows={stats.languages}
          label={(c) => (languageName(c) ?? (c === '' || c === 'unknown' ? 'Unknown' : c))}
          empty="No mentions in this range."
        />
        <BarList title="Intents" rows={stats.intents} label={intentLabel} empty="No intent recognised in this range." />
        <BarList title="Top hashtags" rows={stats.hashtags} label={(v) => `#${v}`} note={sampleNote} empty="No hashtags." />
        <BarList title="Top authors" rows={stats.authors} label={(v) => `@${v}`} note={sampleNote} empty="No authors." />
      </div>
    </>
  );
}
