// Pure helpers of the Listening page (no DOM): who may edit topics, topics grouped by unit, where a
// query error sits, mention text split at its highlights, timestamps, time ranges and volume buckets,
// axis ticks, share of voice in whole percentages, and the words used for counts and alerts.
import type { Membership, Role, Unit } from '../../api/types';
import { codePointOffsets } from '../../lib/text';
import { effectiveRoles } from '../../lib/units';
import { percentages } from '../../lib/words';
import type { Alert, HourPoint, ShareOfVoice, Topic } from './api';

/* ---------- topics and rights ---------- */

/** The roles that may create, change and delete topics and acknowledge alerts (at the unit or above). */
export const TOPIC_EDITORS: readonly Role[] = ['admin', 'manager', 'analyst'];

export function canManageTopics(slug: string, units: readonly Unit[], memberships: readonly Membership[]): boolean {
  const roles = effectiveRoles(slug, units, memberships);
  return TOPIC_EDITORS.some((r) => roles.has(r));
}

export interface TopicGroup {
  unit: string;
  unitName: string;
  /** Depth of the unit in the tree (0 for the hub), for indenting. */
  depth: number;
  topics: Topic[];
}

/**
 * The topics grouped by unit, the units in the order of the tree (depth first, as GET /units lists
 * them), the topics of a unit by name. Units without topics are left out; topics of a unit missing
 * from `units` come last.
 */
export function groupTopics(topics: readonly Topic[], units: readonly Unit[]): TopicGroup[] {
  const byUnit = new Map<string, Topic[]>();
  for (const t of topics) {
    const list = byUnit.get(t.unit);
    if (list) list.push(t);
    else byUnit.set(t.unit, [t]);
  }
  const out: TopicGroup[] = [];
  const sortByName = (list: Topic[]) =>
    [...list].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id - b.id);
  for (const u of units) {
    const list = byUnit.get(u.slug);
    if (!list) continue;
    out.push({ unit: u.slug, unitName: u.name, depth: u.depth, topics: sortByName(list) });
    byUnit.delete(u.slug);
  }
  const rest = [...byUnit.entries()].sort(([a], [b]) => a.localeCompare(b));
  for (const [slug, list] of rest) {
    out.push({ unit: slug, unitName: list[0]?.unit_name || slug, depth: 0, topics: sortByName(list) });
  }
  return out;
}

/* ---------- where a query error is ---------- */

export interface ErrorSpot {
  /** UTF-16 index in the query of the character the error points at (query.length past the end). */
  index: number;
  /** 1-based line of the query that holds it. */
  lineNo: number;
  /** That line up to the character, the character itself ('' at the end of the line) and the rest. */
  before: string;
  at: string;
  after: string;
  /** Code points before the character on its line: how far a caret line is indented. */
  caret: number;
}

/**
 * Where the server's `column` (1-based, in code points of the whole query, newlines included) falls
 * in the query: the line that holds it, split around the character. A column past the end points
 * just after the last character (an error such as "missing term at end of query").
 */
export function errorSpot(query: string, column: number): ErrorSpot {
  const offsets = codePointOffsets(query);
  const cp = Math.min(Math.max(Math.trunc(Number.isFinite(column) ? column : 1) - 1, 0), offsets.length - 1);
  const index = offsets[cp] ?? query.length;
  const lineStart = query.lastIndexOf('\n', index - 1) + 1;
  const nl = query.indexOf('\n', index);
  const lineEnd = nl === -1 ? query.length : nl;
  let lineNo = 1;
  for (let i = 0; i < lineStart; i++) if (query.charCodeAt(i) === 10) lineNo++;
  const atEnd = index >= lineEnd;
  const next = atEnd ? index : (offsets[cp + 1] ?? index + 1);
  const before = query.slice(lineStart, index);
  return {
    index,
    lineNo,
    before,
    at: atEnd ? '' : query.slice(index, next),
    after: atEnd ? '' : query.slice(next, lineEnd),
    caret: [...before].length,
  };
}

/* ---------- highlights ---------- */

export interface Piece {
  text: string;
  /** Part of a matched term. */
  hit: boolean;
  /** UTF-16 index in the text where the piece starts (a stable key). */
  start: number;
}

/**
 * The text cut at its highlights ([start, end) in UTF-16 code units): overlapping or touching
 * ranges are merged, ranges are clamped to the text, and empty or reversed ones are dropped.
 */
export function highlightPieces(text: string, highlights: readonly (readonly number[])[]): Piece[] {
  const ranges = highlights
    .map(([s, e]) => [Math.max(0, Math.trunc(s ?? 0)), Math.min(text.length, Math.trunc(e ?? 0))] as const)
    .filter(([s, e]) => Number.isFinite(s) && Number.isFinite(e) && e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of ranges) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const out: Piece[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) out.push({ text: text.slice(at, s), hit: false, start: at });
    out.push({ text: text.slice(s, e), hit: true, start: s });
    at = e;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), hit: false, start: at });
  return out;
}

/* ---------- timestamps, time ranges and volume buckets ---------- */

/**
 * Milliseconds since the epoch of a timestamp from the API: an ISO 8601 string such as
 * "2026-12-02T19:32:58.123Z" (an offset other than Z is honoured); NaN when it is not one.
 */
export function parseTime(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return Number.NaN;
  return Date.parse(iso);
}

/** Whether the time `iso` lies in [start, end) (ms since the epoch). */
export function within(iso: string, start: number, end: number): boolean {
  const t = parseTime(iso);
  return t >= start && t < end;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export type RangeKey = '24h' | '7d' | '30d' | '90d';

export const RANGES: readonly { key: RangeKey; label: string; ms: number }[] = [
  { key: '24h', label: 'Last 24 hours', ms: DAY_MS },
  { key: '7d', label: 'Last 7 days', ms: 7 * DAY_MS },
  { key: '30d', label: 'Last 30 days', ms: 30 * DAY_MS },
  { key: '90d', label: 'Last 90 days', ms: 90 * DAY_MS },
];

export function isRangeKey(v: string | null | undefined): v is RangeKey {
  return RANGES.some((r) => r.key === v);
}

/** The range ending with the current hour (to = the start of the next hour), as the server's default. */
export function rangeBounds(key: RangeKey, now: number): { from: number; to: number } {
  const ms = RANGES.find((r) => r.key === key)?.ms ?? 7 * DAY_MS;
  const to = (Math.floor(now / HOUR_MS) + 1) * HOUR_MS;
  return { from: to - ms, to };
}

export type Bucket = 'hour' | 'day';

/** Hourly bars up to a week (168 of them); longer ranges are drawn by day. */
export function bucketFor(rangeMs: number): Bucket {
  return rangeMs > 7 * DAY_MS + HOUR_MS ? 'day' : 'hour';
}

/** The bucket for a range given by its ISO bounds (a week when they cannot be read). */
export function bucketForRange(from: string, to: string): Bucket {
  const ms = parseTime(to) - parseTime(from);
  return bucketFor(Number.isNaN(ms) ? 7 * DAY_MS : ms);
}

export interface VolumePoint {
  /** Start and end (exclusive) of the bucket, ms since the epoch. */
  start: number;
  end: number;
  total: number;
  positive: number;
  neutral: number;
  negative: number;
}

/**
 * The hours summed into buckets. `offsetMs(t)` is the time zone's offset from UTC at t (local time
 * minus UTC, e.g. +1 h for Paris in winter), so that days start at local midnight. Hours whose
 * timestamp cannot be read are left out.
 */
export function aggregate(
  hours: readonly HourPoint[],
  bucket: Bucket,
  offsetMs: (t: number) => number = () => 0,
): VolumePoint[] {
  const out: VolumePoint[] = [];
  for (const h of hours) {
    const hour = parseTime(h.hour);
    if (Number.isNaN(hour)) continue;
    let start = hour;
    let end = hour + HOUR_MS;
    if (bucket === 'day') {
      const off = offsetMs(hour);
      start = Math.floor((hour + off) / DAY_MS) * DAY_MS - off;
      end = start + DAY_MS;
    }
    const last = out[out.length - 1];
    if (last && last.start === start) {
      last.total += h.total;
      last.positive += h.positive;
      last.neutral += h.neutral;
      last.negative += h.negative;
    } else {
      out.push({ start, end, total: h.total, positive: h.positive, neutral: h.neutral, negative: h.negative });
    }
  }
  return out;
}

/** The browser's offset from UTC at t, for aggregate(). */
export function localOffset(t: number): number {
  return -new Date(t).getTimezoneOffset() * 60_000;
}

/**
 * Round ticks for a count axis from 0 to at least `max`: about `count` steps of 1, 2 or 5 times a
 * power of ten (whole numbers only). 37 -> [0, 10, 20, 30, 40]; 0 -> [0, 1].
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow);
  const top = Math.ceil(max / step) * step;
  const out: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) out.push(Math.round(v));
  return out;
}

/* ---------- share of voice ---------- */

export interface ShareRow {
  id: number;
  name: string;
  count: number;
  /** Whole percent; the rows add up to exactly 100 (or all 0 when nothing was counted). */
  pct: number;
}

/** The topics of a share of voice, largest first, with whole percentages that add up to 100. */
export function shareRows(share: ShareOfVoice): ShareRow[] {
  const pcts = percentages(share.topics.map((t) => t.count));
  return share.topics
    .map((t, i) => ({ id: t.id, name: t.name, count: t.count, pct: pcts[i] ?? 0, order: i }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ id, name, count, pct }) => ({ id, name, count, pct }));
}

/* ---------- numbers and words ---------- */

const countFormat = new Intl.NumberFormat('en');
const compactFormat = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** 12345 -> "12,345". */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? countFormat.format(n) : '—';
}

/** 12345 -> "12.3K" (for axis labels and tight places). */
export function compactCount(n: number): string {
  return Number.isFinite(n) ? compactFormat.format(n) : '—';
}

/** "1 mention", "2 mentions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The alert in words: a title and the numbers behind it. */
export function describeAlert(a: Alert): { title: string; detail: string } {
  const topic = a.topic ?? `topic #${a.topic_id}`;
  const z = Number.isFinite(a.z) ? a.z.toFixed(1) : '—';
  if (a.kind === 'negative') {
    const pct = (v: number) => `${Math.round(Math.min(Math.max(v, 0), 1) * 100)}%`;
    return {
      title: `Negative sentiment spike in “${topic}”`,
      detail: `${pct(a.observed)} of the hour’s mentions were negative; about ${pct(a.expected)} expected (z = ${z}).`,
    };
  }
  const expected = a.expected >= 10 ? Math.round(a.expected).toString() : (Math.round(a.expected * 10) / 10).toString();
  return {
    title: `Volume spike in “${topic}”`,
    detail: `${plural(Math.round(a.observed), 'mention')} in the hour; about ${expected} expected (z = ${z}).`,
  };
}
