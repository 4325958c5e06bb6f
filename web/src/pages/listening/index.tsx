// Listening: spike alerts at the top; the topics of every unit the user may see, grouped by unit,
// beside the chosen topic (charts and mentions) or the form that creates or edits one; share of
// voice between topics at the bottom. The address says what is shown (routes.ts):
// /listening/topics/ID, /listening/topics/ID/edit or /listening/new, so that the browser's back
// button, bookmarks and links work; /listening alone shows the first topic. /listening/ingest is a
// view of its own (ingest.tsx): sending posts and the lines that could not be read.
// A topic whose back-fill runs (saved on a large store) is polled until it is done (backfill.tsx):
// its progress shows in the list and on its page, and its numbers are loaded again once at the end.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { listUnits } from '../../api/shared';
import type { Unit } from '../../api/types';
import { useAsync } from '../../components/async';
import { PageTitle } from '../../components/page';
import { Empty, ErrorState, Loading } from '../../components/states';
import { announce } from '../../components/toast';
import { navigate, onLinkClick } from '../../router';
import { href, type AreaProps } from '../../routes';
import { useSession } from '../../session';
import { AlertsBanner } from './alerts';
import { listeningApi, type Alert, type Topic } from './api';
import { BackfillPoll } from './backfill';
import { IngestView } from './ingest';
import {
  backfillDoneMessage,
  backfillLabel,
  backfillPercent,
  backfillRunning,
  backfillStates,
  canIngest,
  canManageTopics,
  finishedBackfills,
  formatCount,
  groupTopics,
  newerTopic,
  plural,
  savedMessage,
  type RangeKey,
  type TopicGroup,
} from './model';
import { ShareOfVoice } from './share';
import { TopicEditor } from './topic-editor';
import { TopicView } from './topic-view';
import './listening.css';

export default function ListeningPage(props: AreaProps) {
  // Two components, not an early return: each keeps its own hooks when the view changes.
  return props.view === 'ingest' ? <IngestView /> : <TopicsPage {...props} />;
}

function TopicsPage({ view, params, search }: AreaProps) {
  const { session } = useSession();
  const [unitsState, reloadUnits] = useAsync(() => listUnits(), []);
  const [topicsState, reloadTopics] = useAsync(() => listeningApi.topics(), []);
  const [alertsState, reloadAlerts] = useAsync(() => listeningApi.alerts(), []);
  const [acknowledged, setAcknowledged] = useState<Set<number>>(new Set());
  const [range, setRange] = useState<RangeKey>('7d');

  // A topic just saved or deleted, shown as such until the list comes back from the server.
  const [justSaved, setJustSaved] = useState<Topic | null>(null);
  const [justDeleted, setJustDeleted] = useState<number | null>(null);
  useEffect(() => {
    setJustSaved(null);
    setJustDeleted(null);
  }, [topicsState.data]);

  // The answers of the polls of running back-fills, each with the list it came after: whichever of
  // the two arrived later is the override (newerTopic never takes a back-fill's progress back).
  const [polled, setPolled] = useState<ReadonlyMap<number, { topic: Topic; after: Topic[] | undefined }>>(new Map());

  const units: Unit[] = unitsState.data ?? [];
  const topics: Topic[] = useMemo(() => {
    let list = (topicsState.data ?? []).filter((t) => t.id !== justDeleted);
    if (justSaved) {
      const at = list.findIndex((t) => t.id === justSaved.id);
      list = at < 0 ? [...list, justSaved] : list.map((t, i) => (i === at ? newerTopic(t, justSaved) : t));
    }
    return list.map((t) => {
      const p = polled.get(t.id);
      if (!p) return t;
      return p.after === topicsState.data ? newerTopic(t, p.topic) : newerTopic(p.topic, t);
    });
  }, [topicsState.data, justSaved, justDeleted, polled]);
  const running = topics.filter(backfillRunning).map((t) => t.id);

  const onPolled = (t: Topic) => setPolled((m) => new Map(m).set(t.id, { topic: t, after: topicsState.data }));
  // Deleted elsewhere, or out of reach now: the list says what is left.
  const onGone = () => reloadTopics();

  // A back-fill that finished (seen by a poll or in a fresh list) is read out once.
  const states = useRef(backfillStates(topics));
  useEffect(() => {
    for (const t of finishedBackfills(states.current, topics)) announce(backfillDoneMessage(t));
    states.current = backfillStates(topics);
  }, [topics]);
  const groups = useMemo(() => groupTopics(topics, units), [topics, units]);
  const ordered = useMemo(() => groups.flatMap((g) => g.topics), [groups]);
  const canManage = (slug: string) => canManageTopics(slug, units, session.memberships);
  const canCreate = units.some((u) => canManage(u.slug));
  const unitName = (slug: string) => units.find((u) => u.slug === slug)?.name ?? slug;

  const openAlerts = (alertsState.data ?? []).filter((a) => !a.acknowledged && !acknowledged.has(a.id));

  const asked = view === 'topic' || view === 'topic.edit';
  const wantedId = asked ? Number(params['id']) : Number.NaN;
  const creating = view === 'new';
  const editing = view === 'topic.edit';
  const wanted = Number.isInteger(wantedId) && wantedId > 0 ? topics.find((t) => t.id === wantedId) : undefined;
  // Nothing asked for: the first topic of the list.
  const selected: Topic | undefined = wanted ?? (asked ? undefined : ordered[0]);

  const shareInitial = useMemo(() => {
    const sameUnit = selected ? ordered.filter((t) => t.unit === selected.unit) : [];
    return (sameUnit.length >= 2 ? sameUnit : ordered).slice(0, 6).map((t) => t.id);
  }, [ordered, selected?.unit]);

  const acknowledge = async (a: Alert) => {
    await listeningApi.acknowledge(a.id);
    setAcknowledged((s) => new Set(s).add(a.id));
    announce(`Alert on “${a.topic ?? `topic ${a.topic_id}`}” acknowledged.`);
  };

  const onSaved = (t: Topic, created: boolean) => {
    announce(savedMessage(t, created));
    setJustSaved(t);
    reloadTopics();
    navigate(href.topic(t.id));
  };

  const onDeleted = (t: Topic) => {
    announce(`Topic “${t.name}” deleted.`);
    setJustDeleted(t.id);
    reloadTopics();
    reloadAlerts();
    navigate(href.listening(), { replace: true });
  };

  const back = () => navigate(!creating && selected ? href.topic(selected.id) : href.listening());

  const firstLoad =
    (unitsState.status === 'loading' && !unitsState.data) || (topicsState.status === 'loading' && !topicsState.data);
  const failed =
    topicsState.status === 'error' && !topicsState.data
      ? topicsState.error
      : unitsState.status === 'error' && !unitsState.data
        ? unitsState.error
        : null;

  let main;
  if (creating) {
    main = (
      <TopicEditor
        key="new"
        topic={null}
        units={units}
        memberships={session.memberships}
        defaultUnit={search.get('unit') ?? selected?.unit ?? null}
        onSaved={onSaved}
        onCancel={back}
      />
    );
  } else if (asked && !wanted && topicsState.status === 'loading') {
    // Just created, or the list is being refreshed: wait for it.
    main = <Loading label="Loading the topic…" />;
  } else if (asked && !wanted) {
    main = (
      <div class="card">
        <Empty>
          This topic does not exist any more, or it belongs to a unit where you hold no role.{' '}
          <a href={href.listening()} onClick={onLinkClick}>
            Show all topics
          </a>
          .
        </Empty>
      </div>
    );
  } else if (selected && editing) {
    main = (
      <TopicEditor
        key={`edit-${selected.id}`}
        topic={selected}
        units={units}
        memberships={session.memberships}
        defaultUnit={null}
        onSaved={onSaved}
        onCancel={back}
      />
    );
  } else if (selected) {
    main = (
      <TopicView
        key={selected.id}
        topic={selected}
        canManage={canManage(selected.unit)}
        alerts={(alertsState.data ?? []).filter((a) => a.topic_id === selected.id)}
        range={range}
        onRange={setRange}
        onDeleted={onDeleted}
      />
    );
  } else {
    main = (
      <div class="card lst-empty">
        <h2 class="card__title">No topics yet</h2>
        <p>
          A topic is a saved query, such as <code>acme AND (phone OR tablet)</code>: every mention that comes in is matched
          against it, counted by hour, sentiment, network and language, and watched for spikes.
        </p>
        {canCreate ? (
          <a class="btn btn--primary" href={href.newTopic()} onClick={onLinkClick}>
            Create the first topic
          </a>
        ) : (
          <p class="muted">Creating topics needs the admin, manager or analyst role at a unit.</p>
        )}
      </div>
    );
  }

  return (
    <section class="page page--wide lst" aria-labelledby="page-title">
      <PageTitle title="Listening">Listening</PageTitle>
      <p class="lead">
        What people say on the networks about the topics each unit follows: volume, sentiment, who and where, and the
        spikes worth a look.
      </p>
      {canIngest(units, session.memberships) ? (
        <p class="lst-tools">
          <a class="btn btn--small" href={href.ingest()} onClick={onLinkClick}>
            Ingest posts
          </a>
          <span class="muted small">Send posts as NDJSON, and see the lines that could not be read.</span>
        </p>
      ) : null}

      {alertsState.status === 'error' && !alertsState.data ? (
        <p class="alert alert--error lst-alerts-error" role="alert">
          Could not load the spike alerts: {errorMessage(alertsState.error)}{' '}
          <button type="button" class="btn btn--small" onClick={reloadAlerts}>
            Try again
          </button>
        </p>
      ) : (
        <AlertsBanner alerts={openAlerts} unitName={unitName} canAcknowledge={canManage} onAcknowledge={acknowledge} />
      )}

      {failed ? (
        <ErrorState
          error={failed}
          onRetry={() => {
            reloadUnits();
            reloadTopics();
          }}
        />
      ) : firstLoad ? (
        <Loading label="Loading topics…" />
      ) : (
        <>
          <div class="lst__layout">
            <TopicList
              groups={groups}
              count={topics.length}
              selected={creating ? null : (selected?.id ?? null)}
              canCreate={canCreate}
              creating={creating}
              refreshError={topicsState.status === 'error' ? topicsState.error : null}
            />
            <div class="lst__main">{main}</div>
          </div>
          {topics.length > 0 ? <ShareOfVoice groups={groups} initial={shareInitial} /> : null}
        </>
      )}
      {running.map((id) => (
        <BackfillPoll key={id} id={id} onTopic={onPolled} onGone={onGone} />
      ))}
    </section>
  );
}

function TopicList({
  groups,
  count,
  selected,
  canCreate,
  creating,
  refreshError,
}: {
  groups: readonly TopicGroup[];
  count: number;
  selected: number | null;
  canCreate: boolean;
  creating: boolean;
  refreshError: unknown;
}) {
  return (
    <nav class="card lst-topics" aria-labelledby="lst-topics-title">
      <div class="card__header">
        <h2 id="lst-topics-title" class="card__title">
          Topics
        </h2>
        <span class="muted small">{count === 1 ? '1 topic' : `${formatCount(count)} topics`}</span>
      </div>
      {canCreate ? (
        <a
          class={`btn btn--primary btn--block lst-topics__new${creating ? ' btn--pressed' : ''}`}
          href={href.newTopic()}
          onClick={onLinkClick}
          aria-current={creating ? 'page' : undefined}
        >
          New topic
        </a>
      ) : null}
      {refreshError ? (
        <p class="alert alert--error" role="alert">
          Could not refresh the topics: {errorMessage(refreshError)}
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p class="muted small">No topic in the units you can see.</p>
      ) : (
        groups.map((g) => (
          <div key={g.unit} class="lst-topics__group">
            <h3 class="lst-topics__unit" id={`lst-unit-${g.unit}`}>
              {g.unitName}
            </h3>
            <ul class="lst-topics__list" aria-labelledby={`lst-unit-${g.unit}`}>
              {g.topics.map((t) => {
                const on = t.id === selected;
                const filling = backfillRunning(t);
                const linkClass = ['lst-topics__link', on && 'lst-topics__link--active', filling && 'lst-topics__link--growing'];
                return (
                  <li key={t.id}>
                    <a
                      href={href.topic(t.id)}
                      onClick={onLinkClick}
                      class={linkClass.filter(Boolean).join(' ')}
                      aria-current={on ? 'page' : undefined}
                    >
                      <span class="lst-topics__name">{t.name}</span>
                      <span
                        class={filling ? 'lst-topics__count lst-topics__count--growing' : 'lst-topics__count'}
                        title={`${plural(t.mentions, 'mention')}${filling ? ` so far; ${backfillLabel(t)}` : ''}`}
                      >
                        {formatCount(t.mentions)}
                        <span class="visually-hidden">
                          {filling ? ` mentions so far, back-filling: ${backfillPercent(t)}%` : ' mentions'}
                        </span>
                      </span>
                      {filling ? (
                        <progress
                          class="lst-topics__progress"
                          max={100}
                          value={backfillPercent(t)}
                          aria-hidden="true"
                          data-testid="topic-list-backfill"
                        />
                      ) : null}
                    </a>
                  </li>
                );
              })}
            </ul>
          </div>
        ))
      )}
    </nav>
  );
}
