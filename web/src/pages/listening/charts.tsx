// The charts of the Listening page, drawn as inline SVG: volume over time stacked by sentiment
// (with the hours that raised an alert marked), horizontal bars for top values, and the stacked bar
// of a share of voice. Colours come from CSS classes (the CSP allows no inline styles); every chart
// has a text alternative, and the volume chart its numbers in a table on request.
import { useId, useMemo } from 'preact/hooks';
import { DataTable } from '../../components/data-table';
import type { Alert, Count } from './api';
import { compactCount, formatCount, niceTicks, plural, within, type Bucket, type ShareRow, type VolumePoint } from './model';

const weekdayDay = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const hourOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const fullDay = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** "Tue 24 Nov, 14:00" for an hour, "Tue 24 Nov 2026" for a day. */
export function bucketLabel(p: VolumePoint, bucket: Bucket): string {
  return bucket === 'day' ? fullDay.format(p.start) : full.format(p.start);
}

/* ---------- volume over time ---------- */

const W = 760;
const H = 230;
const M = { top: 14, right: 10, bottom: 30, left: 44 };
const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

interface XLabel {
  x: number;
  text: string;
}

function xLabels(points: readonly VolumePoint[], bucket: Bucket, band: number): XLabel[] {
  const out: XLabel[] = [];
  const n = points.length;
  if (bucket === 'day') {
    const every = Math.max(1, Math.ceil(n / 10));
    points.forEach((p, i) => {
      if (i % every === 0) out.push({ x: M.left + (i + 0.5) * band, text: dayMonth.format(p.start) });
    });
    return out;
  }
  if (n <= 48) {
    const every = Math.max(1, Math.ceil(n / 8));
    points.forEach((p, i) => {
      if (i % every === 0) out.push({ x: M.left + i * band, text: hourOnly.format(p.start) });
    });
    return out;
  }
  // Long hourly ranges: one label per local day, at midnight.
  points.forEach((p, i) => {
    if (new Date(p.start).getHours() === 0) out.push({ x: M.left + i * band, text: weekdayDay.format(p.start) });
  });
  return out;
}

export interface VolumeChartProps {
  points: readonly VolumePoint[];
  bucket: Bucket;
  /** What the range is called ("Last 7 days"). */
  rangeLabel: string;
  /** Alerts of this topic: their hours are marked above the bars. */
  alerts?: readonly Alert[];
}

/** Mentions per hour (or day), each bar split into negative, neutral and positive. */
export function VolumeChart({ points, bucket, rangeLabel, alerts = [] }: VolumeChartProps) {
  const titleId = useId();
  const descId = useId();
  const total = points.reduce((s, p) => s + p.total, 0);
  const peak = points.reduce<VolumePoint | null>((best, p) => (!best || p.total > best.total ? p : best), null);
  const ticks = niceTicks(peak?.total ?? 0);
  const top = ticks[ticks.length - 1] ?? 1;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = points.length ? plotW / points.length : plotW;
  const barW = Math.max(1, band * (band > 6 ? 0.78 : 0.88));
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const labels = useMemo(() => xLabels(points, bucket, band), [points, bucket, band]);
  const marked = useMemo(() => {
    const out: { i: number; alerts: Alert[] }[] = [];
    points.forEach((p, i) => {
      const hits = alerts.filter((a) => within(a.hour, p.start, p.end));
      if (hits.length) out.push({ i, alerts: hits });
    });
    return out;
  }, [points, alerts]);
  const unit = bucket === 'day' ? 'day' : 'hour';
  const summary =
    total === 0
      ? `No mentions in this range (${rangeLabel.toLowerCase()}).`
      : `${plural(total, 'mention')} by ${unit}, ${rangeLabel.toLowerCase()}; the busiest ${unit} was ${
          peak ? `${bucketLabel(peak, bucket)} with ${plural(peak.total, 'mention')}` : '—'
        }.${marked.length ? ` ${plural(marked.length, `${unit} raised an alert`, `${unit}s raised alerts`)}.` : ''}`;

  return (
    <figure class="vol">
      <svg
        class="vol__svg"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        data-testid="volume-chart"
      >
        <title id={titleId}>Volume by {unit} and sentiment</title>
        <desc id={descId}>{summary}</desc>
        <g class="vol__grid" aria-hidden="true">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} class={t === 0 ? 'vol__axis' : 'vol__gridline'} />
              <text x={M.left - 6} y={y(t)} class="vol__ylabel" text-anchor="end" dominant-baseline="middle">
                {compactCount(t)}
              </text>
            </g>
          ))}
          {labels.map((l) => (
            <g key={l.x}>
              <line x1={l.x} x2={l.x} y1={M.top + plotH} y2={M.top + plotH + 4} class="vol__axis" />
              <text x={l.x} y={H - 10} class="vol__xlabel" text-anchor={bucket === 'day' ? 'middle' : 'start'}>
                {l.text}
              </text>
            </g>
          ))}
        </g>
        <g class="vol__bars">
          {points.map((p, i) => {
            const x = M.left + i * band + (band - barW) / 2;
            let base = p.total > 0 ? 0 : -1;
            const tip =
              `${bucketLabel(p, bucket)}: ${plural(p.total, 'mention')} ` +
              `(${p.positive} positive, ${p.neutral} neutral, ${p.negative} negative)`;
            return (
              <g key={p.start} class="vol__col">
                <title>{tip}</title>
                <rect class="vol__hit" x={M.left + i * band} y={M.top} width={band} height={plotH} />
                {base < 0
                  ? null
                  : SENTIMENTS.map((s) => {
                      const v = p[s];
                      if (v <= 0) return null;
                      const y0 = y(base);
                      const y1 = y(base + v);
                      base += v;
                      return (
                        <rect
                          key={s}
                          class={`vol__bar vol__bar--${s}`}
                          x={x}
                          y={y1}
                          width={barW}
                          height={Math.max(y0 - y1, 0.5)}
                        />
                      );
                    })}
              </g>
            );
          })}
        </g>
        {marked.length ? (
          <g class="vol__alerts">
            {marked.map(({ i, alerts: hits }) => {
              const cx = M.left + (i + 0.5) * band;
              const p = points[i]!;
              const cy = Math.max(y(p.total) - 7, M.top - 4);
              return (
                <g key={i} class="vol__alert" data-testid="alert-marker">
                  <title>
                    {hits
                      .map((a) => `${a.kind === 'negative' ? 'Negative sentiment' : 'Volume'} alert (z = ${a.z.toFixed(1)})`)
                      .join('; ')}
                  </title>
                  <path d={`M ${cx - 5} ${cy - 8} L ${cx + 5} ${cy - 8} L ${cx} ${cy} Z`} />
                </g>
              );
            })}
          </g>
        ) : null}
      </svg>
      <figcaption class="vol__legend">
        <ul class="legend" aria-label="Colours of the chart">
          <li>
            <span class="legend__swatch lst-swatch--positive" aria-hidden="true" />
            Positive
          </li>
          <li>
            <span class="legend__swatch lst-swatch--neutral" aria-hidden="true" />
            Neutral
          </li>
          <li>
            <span class="legend__swatch lst-swatch--negative" aria-hidden="true" />
            Negative
          </li>
          {marked.length ? (
            <li>
              <span class="legend__swatch lst-swatch--alert" aria-hidden="true" />
              Alert raised
            </li>
          ) : null}
        </ul>
      </figcaption>
      <details class="vol__table">
        <summary>Show the numbers</summary>
        {total === 0 ? (
          <p class="muted small">Every {unit} of the range is empty.</p>
        ) : (
          <table class="table table--compact">
            <caption class="visually-hidden">Mentions by {unit}</caption>
            <thead>
              <tr>
                <th scope="col">{bucket === 'day' ? 'Day' : 'Hour'}</th>
                <th scope="col" class="num">
                  Mentions
                </th>
                <th scope="col" class="num">
                  Positive
                </th>
                <th scope="col" class="num">
                  Neutral
                </th>
                <th scope="col" class="num">
                  Negative
                </th>
              </tr>
            </thead>
            <tbody>
              {points
                .filter((p) => p.total > 0)
                .map((p) => (
                  <tr key={p.start}>
                    <td>{bucketLabel(p, bucket)}</td>
                    <td class="num">{formatCount(p.total)}</td>
                    <td class="num">{formatCount(p.positive)}</td>
                    <td class="num">{formatCount(p.neutral)}</td>
                    <td class="num">{formatCount(p.negative)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </details>
    </figure>
  );
}

/* ---------- top values ---------- */

export interface BarListProps {
  title: string;
  rows: readonly Count[];
  /** The text shown for a value ("en" -> "English"). */
  label?: (value: string) => string;
  /** What the list is made from, under the title. */
  note?: string;
  empty: string;
}

/** A titled list of values with a bar each, scaled to the largest. */
export function BarList({ title, rows, label = (v) => v, note, empty }: BarListProps) {
  const headingId = useId();
  const max = rows.reduce((m, r) => Math.max(m, r.count), 0);
  return (
    <section class="bars" aria-labelledby={headingId}>
      <h4 id={headingId} class="bars__title">
        {title}
      </h4>
      {note ? <p class="bars__note">{note}</p> : null}
      {rows.length === 0 ? (
        <p class="muted small bars__empty">{empty}</p>
      ) : (
        <ol class="bars__list" aria-labelledby={headingId}>
          {rows.map((r) => {
            const text = label(r.value) || r.value || '—';
            const w = max > 0 ? Math.max((r.count / max) * 100, 0.8) : 0;
            return (
              <li key={r.value} class="bars__row">
                <span class="bars__label" title={text}>
                  {text}
                </span>
                <svg class="bars__svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect class="bars__track" x="0" y="0" width="100" height="10" />
                  <rect class="bars__fill" x="0" y="0" width={w} height="10" />
                </svg>
                <span class="bars__value">{formatCount(r.count)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/* ---------- share of voice ---------- */

/** The colour class of the n-th series (eight colours, then again). */
export function seriesClass(n: number): string {
  return `lst-series--${n % 8}`;
}

/** One bar split between the topics, and a legend with counts and percentages. */
export interface ShareBarProps {
  rows: readonly ShareRow[];
  total: number;
  /** The series (colour) of a topic. */
  colourOf: (id: number) => number;
}

export function ShareBar({ rows, total, colourOf }: ShareBarProps) {
  let x = 0;
  const desc = rows.map((r) => `${r.name} ${r.pct}% (${formatCount(r.count)})`).join(', ');
  return (
    <div class="share">
      <svg
        class="share__svg"
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        role="img"
        aria-label={total > 0 ? `Share of voice: ${desc}` : 'Share of voice: no mentions in this range'}
        data-testid="share-chart"
      >
        <rect class="bars__track" x="0" y="0" width="100" height="10" />
        {total > 0
          ? rows.map((r) => {
              const w = (r.count / total) * 100;
              const seg = (
                <rect key={r.id} class={`share__seg ${seriesClass(colourOf(r.id))}`} x={x} y="0" width={w} height="10">
                  <title>{`${r.name}: ${r.pct}% (${plural(r.count, 'mention')})`}</title>
                </rect>
              );
              x += w;
              return seg;
            })
          : null}
      </svg>
      <DataTable
        class="table table--compact share__table"
        caption="Share of voice by topic"
        rows={rows}
        rowKey={(r) => r.id}
        rowProps={() => ({ 'data-testid': 'share-row' })}
        columns={[
          {
            key: 'name',
            label: 'Topic',
            rowHeader: true,
            class: 'share__name',
            sortValue: (r) => r.name,
            cell: (r) => (
              <>
                <span class={`legend__swatch ${seriesClass(colourOf(r.id))}`} aria-hidden="true" />
                {r.name}
              </>
            ),
          },
          { key: 'count', label: 'Mentions', class: 'num', headerClass: 'num', sortValue: (r) => r.count, firstDir: 'desc', cell: (r) => formatCount(r.count) },
          { key: 'share', label: 'Share', class: 'num share__pct', headerClass: 'num', sortValue: (r) => r.pct, firstDir: 'desc', cell: (r) => <>{r.pct}%</> },
          {
            key: 'bar',
            label: 'Bar',
            hideLabel: true,
            class: 'share__barcol',
            headerClass: 'share__barcol',
            cell: (r) => (
              <svg class="bars__svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="bars__track" x="0" y="0" width="100" height="10" />
                <rect class={`share__seg ${seriesClass(colourOf(r.id))}`} x="0" y="0" width={r.pct} height="10" />
              </svg>
            ),
          },
        ]}
      />
    </div>
  );
}
