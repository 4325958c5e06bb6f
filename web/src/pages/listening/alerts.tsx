// The banner of unacknowledged spike alerts at the top of the Listening page: topic, kind, observed
// against expected, z-score, a link to the topic and "Acknowledge" (a 403 is shown on the alert).
import { useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../api/client';
import { onLinkClick } from '../../router';
import { href } from '../../routes';
import type { Alert } from './api';
import { describeAlert, plural } from './model';

const hourFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** How many alerts are shown before "Show all". */
const FIRST = 3;

export interface AlertsBannerProps {
  alerts: readonly Alert[];
  /** The unit's name for a slug. */
  unitName: (slug: string) => string;
  /** Whether the user may acknowledge alerts of that unit (the server decides in the end). */
  canAcknowledge: (unit: string) => boolean;
  /** Acknowledges the alert; rejects with the server's error. */
  onAcknowledge: (a: Alert) => Promise<void>;
}

export function AlertsBanner({ alerts, unitName, canAcknowledge, onAcknowledge }: AlertsBannerProps) {
  const [all, setAll] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  const [problems, setProblems] = useState<Map<number, string>>(new Map());
  const headingRef = useRef<HTMLHeadingElement>(null);
  if (alerts.length === 0) return null;
  const shown = all ? alerts : alerts.slice(0, FIRST);

  const ack = async (a: Alert) => {
    setBusy(a.id);
    setProblems((p) => {
      const n = new Map(p);
      n.delete(a.id);
      return n;
    });
    try {
      await onAcknowledge(a);
      // The button is gone with its alert: the focus goes to the banner, or to the page once it is empty.
      if (alerts.length > 1) headingRef.current?.focus();
      else document.getElementById('page-title')?.focus();
    } catch (e) {
      const unit = a.unit ? unitName(a.unit) : 'its unit';
      const message =
        e instanceof ApiError && e.status === 403
          ? `Not acknowledged: ${e.message} Acknowledging needs the admin, manager or analyst role at ${unit} or above.`
          : `Could not acknowledge the alert: ${errorMessage(e)}`;
      setProblems((p) => new Map(p).set(a.id, message));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="lst-alerts" aria-labelledby="lst-alerts-title" data-testid="alerts-banner">
      <h2 id="lst-alerts-title" class="lst-alerts__title" ref={headingRef} tabIndex={-1}>
        <span class="lst-alerts__icon" aria-hidden="true">
          ▲
        </span>
        {plural(alerts.length, 'spike alert')} to look at
      </h2>
      <ul class="lst-alerts__list">
        {shown.map((a) => {
          const d = describeAlert(a);
          const problem = problems.get(a.id);
          return (
            <li key={a.id} class={`lst-alert lst-alert--${a.kind}`} data-testid="alert">
              <div class="lst-alert__text">
                <p class="lst-alert__title">
                  <strong>{d.title}</strong>
                  {a.unit ? <span class="muted"> · {unitName(a.unit)}</span> : null}
                </p>
                <p class="lst-alert__detail">
                  {d.detail}{' '}
                  <span class="muted">
                    Hour of <time dateTime={a.hour}>{hourFormat.format(new Date(a.hour))}</time>.
                  </span>
                </p>
                {problem ? (
                  <p class="lst-alert__problem" role="alert">
                    {problem}
                  </p>
                ) : null}
              </div>
              <div class="lst-alert__actions">
                {a.topic !== null ? (
                  <a class="btn btn--small" href={href.topic(a.topic_id)} onClick={onLinkClick}>
                    Open topic
                  </a>
                ) : null}
                <button
                  type="button"
                  class="btn btn--small"
                  disabled={busy === a.id}
                  title={a.unit && !canAcknowledge(a.unit) ? 'Your role at this unit may not be enough' : undefined}
                  onClick={() => ack(a)}
                >
                  {busy === a.id ? 'Acknowledging…' : 'Acknowledge'}
                  <span class="visually-hidden"> the alert on {a.topic ?? `topic ${a.topic_id}`}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {alerts.length > FIRST ? (
        <button
          type="button"
          class="btn btn--small btn--ghost lst-alerts__more"
          aria-expanded={all ? 'true' : 'false'}
          onClick={() => setAll(!all)}
        >
          {all ? 'Show fewer' : `Show all ${alerts.length}`}
        </button>
      ) : null}
    </section>
  );
}
