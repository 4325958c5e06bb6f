// A topic's back-fill (the stored mentions matched against a new or changed query, in the background
// on the server): its progress bar, and the poll of GET /topics/{id} that follows it until it is done.
import { useEffect, useId, useRef } from 'preact/hooks';
import { listeningApi, type Topic } from './api';
import { backfillLabel, backfillPercent, nextPollDelay, pollFailure } from './model';

/** The progress of a running back-fill, with a word on what it means for the numbers shown. */
export function BackfillProgress({ topic }: { topic: Topic }) {
  const labelId = useId();
  const percent = backfillPercent(topic);
  return (
    <div class="lst-backfill" data-testid="backfill">
      <p class="lst-backfill__label" id={labelId}>
        {backfillLabel(topic)}
      </p>
      <progress class="lst-backfill__bar" max={100} value={percent} aria-labelledby={labelId} />
      <p class="lst-backfill__note muted small">
        The query is being matched against the mentions stored before it was saved. Until that is done, the count, the
        charts and the mentions below show what was found so far, and are still growing.
      </p>
    </div>
  );
}

/**
 * Polls GET /topics/{id} (every BACKFILL_POLL_MS, backing off after failures) and hands every answer
 * to `onTopic`; `onGone` when the topic is no longer there (404, 403). Meant to be mounted while the
 * topic's back-fill runs: unmounting stops it (the request on the way is aborted). Renders nothing.
 */
export function BackfillPoll({
  id,
  onTopic,
  onGone,
}: {
  id: number;
  onTopic: (t: Topic) => void;
  onGone: (id: number) => void;
}) {
  // The latest callbacks, so that a new render does not restart the poll.
  const handlers = useRef({ onTopic, onGone });
  handlers.current = { onTopic, onGone };

  useEffect(() => {
    const stop = new AbortController();
    let timer: number | undefined;
    let failures = 0;
    const poll = async () => {
      try {
        const t = await listeningApi.topic(id, stop.signal);
        if (stop.signal.aborted) return;
        failures = 0;
        handlers.current.onTopic(t);
      } catch (e) {
        if (stop.signal.aborted) return;
        if (pollFailure(e) === 'stop') {
          handlers.current.onGone(id);
          return;
        }
        failures++;
      }
      // Still mounted: the topic was still running at the last answer (or the poll failed).
      timer = window.setTimeout(poll, nextPollDelay(failures));
    };
    timer = window.setTimeout(poll, nextPollDelay(0));
    return () => {
      stop.abort();
      window.clearTimeout(timer);
    };
  }, [id]);

  return null;
}
