// Dates and times as the UI shows them: in the browser's locale and time zone, the exact ISO
// timestamp in the title and the datetime attribute.
const dtf = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const df = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Milliseconds since the epoch of an API timestamp ("2026-12-02T19:32:58.123Z"); NaN when absent or unreadable (a table sorts it last). */
export function timeValue(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = timeValue(iso);
  return Number.isNaN(t) ? iso : dtf.format(t);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = timeValue(iso);
  return Number.isNaN(t) ? iso : df.format(t);
}

export function Time({ iso, dateOnly }: { iso: string | null | undefined; dateOnly?: boolean }) {
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {dateOnly ? formatDate(iso) : formatDateTime(iso)}
    </time>
  );
}
