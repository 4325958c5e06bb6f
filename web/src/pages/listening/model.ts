// Pure helpers of the Listening page (no DOM): who may edit topics, topics grouped by unit, where a
// query error sits, mention text split at its highlights, timestamps, time ranges and volume buckets,
// axis ticks, share of voice in whole percentages, the words used for counts and alerts, a topic's
// back-fill (its progress, the polls and their back-off), and the ingest view (who may send posts,
// what a body holds, the dead letters and their reasons).
import { ApiError } from '../../api/client';
import type { Membership, Role, Unit } from '../../api/types';
import { codePointOffsets } from '../../lib/text';
import { effectiveRoles } from '../../lib/units';
import { percentages } from '../../lib/words';
import type { Alert, HourPoint, IngestReceipt, IngestReport, ReasonCount, RejectedLine, RejectedPage, ShareOfVoice, Topic } from './api';

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

/* ---------- back-fill ---------- */

/** Whether the topic's back-fill over the stored mentions is still running (its counts still growing). */
export function backfillRunning(t: Pick<Topic, 'backfill'>): boolean {
  // An answer without the field (a server older than the back-fill) is a finished topic.
  return t.backfill?.state === 'running';
}

/** How far the back-fill is, in whole percent (0 to 100; 100 once done). */
export function backfillPercent(t: Pick<Topic, 'backfill'>): number {
  if (!backfillRunning(t)) return 100;
  const p = Math.round(Number(t.backfill.percent));
  return Number.isFinite(p) ? Math.min(Math.max(p, 0), 100) : 0;
}

/** "Back-filling over stored mentions… 42%": the progress bar's label. */
export function backfillLabel(t: Pick<Topic, 'backfill'>): string {
  return `Back-filling over stored mentions… ${backfillPercent(t)}%`;
}

/** How often a running back-fill is asked for (GET /topics/{id}), in ms. */
export const BACKFILL_POLL_MS = 1500;
/** The longest wait between two polls, however many failed in a row. */
export const BACKFILL_POLL_MAX_MS = 30_000;

/**
 * The wait before the next poll of a running back-fill: BACKFILL_POLL_MS after an answer, doubled
 * for each poll failed in a row since (3 s, 6 s, 12 s…), at most BACKFILL_POLL_MAX_MS.
 */
export function nextPollDelay(failures: number): number {
  const n = Number.isFinite(failures) ? Math.min(Math.max(Math.trunc(failures), 0), 30) : 0;
  return Math.min(BACKFILL_POLL_MS * 2 ** n, BACKFILL_POLL_MAX_MS);
}

/**
 * What a failed poll means: 'stop' when the topic is gone or out of reach (404, 403, or a 401, after
 * which the client sends the user to the login page), 'retry' for anything else (network, 5xx),
 * after a back-off.
 */
export function pollFailure(e: unknown): 'stop' | 'retry' {
  return e instanceof ApiError && (e.status === 404 || e.status === 403 || e.status === 401) ? 'stop' : 'retry';
}

/**
 * Of two copies of a topic, the one to show: `override` (the later answer) unless `base` is further
 * along. A later change of the topic (updated_at) wins, since it starts a new back-fill; for the same
 * version, done beats running and a larger percent (then count) beats a smaller one, so that an
 * answer that left the server earlier never takes the progress back.
 */
export function newerTopic(base: Topic, override: Topic): Topic {
  if (base.updated_at !== override.updated_at) {
    const a = parseTime(base.updated_at);
    const b = parseTime(override.updated_at);
    if (Number.isFinite(a) && Number.isFinite(b)) return a > b ? base : override;
    return override;
  }
  const runA = backfillRunning(base);
  const runB = backfillRunning(override);
  if (runA !== runB) return runA ? override : base;
  if (!runA) return override;
  const pa = backfillPercent(base);
  const pb = backfillPercent(override);
  if (pa !== pb) return pa > pb ? base : override;
  return base.mentions > override.mentions ? base : override;
}

/** The back-fill state of every topic, to tell later which ones finished in between. */
export function backfillStates(topics: readonly Topic[]): Map<number, 'running' | 'done'> {
  return new Map(topics.map((t) => [t.id, backfillRunning(t) ? 'running' : 'done']));
}

/** The topics that were running in `before` and are done now (each once: `before` is then renewed). */
export function finishedBackfills(before: ReadonlyMap<number, 'running' | 'done'>, topics: readonly Topic[]): Topic[] {
  return topics.filter((t) => before.get(t.id) === 'running' && !backfillRunning(t));
}

/**
 * A version of what the topic's charts and mentions show: it changes with the topic's query and
 * when its back-fill finishes, so that they are loaded again once with the full numbers.
 */
export function topicVersion(t: Pick<Topic, 'updated_at' | 'backfill'>): string {
  return `${t.updated_at}|${backfillRunning(t) ? 'running' : 'done'}`;
}

/** What is read out once a topic is saved: its count, or how far its back-fill got. */
export function savedMessage(t: Topic, created: boolean): string {
  const head = `Topic “${t.name}” ${created ? 'created' : 'saved'}`;
  return backfillRunning(t)
    ? `${head}: back-filling over the stored mentions, ${backfillPercent(t)}% done, ` +
        `${plural(t.mentions, 'mention')} matched so far.`
    : `${head}: ${plural(t.mentions, 'stored mention')} matched.`;
}

/** What is read out when a back-fill finishes. */
export function backfillDoneMessage(t: Topic): string {
  return `Back-fill of “${t.name}” done: ${plural(t.mentions, 'mention')} matched.`;
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

/* ---------- ingest and dead letters ---------- */

/** The roles that may send posts and read the dead letters, held at the hub (others get a 403). */
export const INGESTERS: readonly Role[] = ['admin', 'manager'];

/** Whether the user is admin or manager at the hub (a root of the unit tree). */
export function canIngest(units: readonly Unit[], memberships: readonly Membership[]): boolean {
  const roots = new Set(units.filter((u) => u.parent === null).map((u) => u.slug));
  return memberships.some((m) => roots.has(m.unit) && INGESTERS.includes(m.role));
}

/** The largest body POST /ingest takes; the server answers 413 above it (or drops the connection). */
export const MAX_INGEST_BYTES = 16 * 1024 * 1024;

/** The files the picker offers: NDJSON under its usual names, or plain text. */
export const INGEST_FILE_TYPES: readonly string[] = ['.ndjson', '.jsonl', '.json', '.txt'];

/** The size of a text once sent (UTF-8 bytes). */
export function byteSize(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The lines of a body that hold something (blank ones carry no post). */
export function countLines(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') n++;
  return n;
}

/** 312 -> "312 bytes", 16384 -> "16 KiB", 1572864 -> "1.5 MiB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1024) return n === 1 ? '1 byte' : `${formatCount(n)} bytes`;
  const [value, unit] = n < 1024 * 1024 ? [n / 1024, 'KiB'] : [n / (1024 * 1024), 'MiB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

/**
 * Why a chosen file cannot be sent, or null: its type is not one the picker offers, or it is too
 * large (checked before reading it, so that a huge file is not read for nothing).
 */
export function fileProblem(name: string, size: number): string | null {
  const lower = name.toLowerCase();
  if (!INGEST_FILE_TYPES.some((t) => lower.endsWith(t))) {
    return `“${name}” is not an NDJSON or text file (${INGEST_FILE_TYPES.join(', ')}).`;
  }
  if (size > MAX_INGEST_BYTES) {
    return `“${name}” is ${formatBytes(size)}; at most ${formatBytes(MAX_INGEST_BYTES)} can be sent at once. Split it into smaller files.`;
  }
  return null;
}

/** The words for a failed send, by what the server (or the network) said. */
export function ingestErrorMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return `Could not send the posts: ${e instanceof Error ? e.message : String(e)}`;
  switch (e.status) {
    case 403:
      return `Not sent: ${e.message} Sending posts needs the admin or manager role at the hub.`;
    case 413:
      return `Not sent: the posts are larger than ${formatBytes(MAX_INGEST_BYTES)}. Send them in smaller batches.`;
    case 415:
      return `Not sent: the server did not take the body as NDJSON. ${e.message}`;
    default:
      return `Could not send the posts: ${e.message}`;
  }
}

/** The words of the reason codes the reader gives (the server's normalize.h); others are spelled out. */
const REASONS: Readonly<Record<string, string>> = {
  api_error: 'Error from the network’s API',
  empty_line: 'Empty line',
  invalid_timestamp: 'Invalid timestamp',
  invalid_value: 'Invalid value',
  malformed_json: 'Malformed JSON',
  missing_field: 'Missing field',
  not_a_post: 'Not a post',
  not_an_object: 'Not a JSON object',
  not_json: 'Not JSON',
  too_deep: 'Nested too deep',
  too_large: 'Too large',
  truncated_json: 'Truncated JSON',
  unknown_format: 'Unknown format',
  wrong_type: 'Wrong type',
};

/** "truncated_json" -> "Truncated JSON"; an unknown code "some_new_code" -> "Some new code". */
export function reasonLabel(reason: string): string {
  const known = REASONS[reason];
  if (known) return known;
  const words = reason.replace(/_+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown reason';
}

export interface ReasonBar {
  reason: string;
  label: string;
  count: number;
  /** The bar's length, in percent of the most frequent reason's (a sliver at least, so it shows). */
  width: number;
}

/** The reasons as bars, in the server's order (most first), scaled to the largest count. */
export function reasonBars(reasons: readonly ReasonCount[]): ReasonBar[] {
  const max = reasons.reduce((m, r) => Math.max(m, r.count), 0);
  return reasons.map((r) => ({
    reason: r.reason,
    label: reasonLabel(r.reason),
    count: r.count,
    width: max > 0 ? Math.max((r.count / max) * 100, 1) : 0,
  }));
}

/** The reason filter after a click on a reason: that reason alone, or none when it was already on. */
export function toggleReason(current: string | null, clicked: string): string | null {
  return current === clicked ? null : clicked;
}

/** "first 16 KiB of 20,480 bytes" when only the start of the line was kept; null when it is whole. */
export function rawNote(line: Pick<RejectedLine, 'raw_cut' | 'raw_bytes'>): string | null {
  return line.raw_cut ? `first ${formatBytes(16 * 1024)} of ${plural(line.raw_bytes, 'byte')}` : null;
}

/** The dead letters shown: the pages loaded so far, the count of each reason and the total. */
export interface DeadLetters {
  items: RejectedLine[];
  next: string | null;
  reasons: ReasonCount[];
  total: number;
}

/** The next page appended (a line already shown is not shown twice); the counts are the fresher ones. */
export function appendPage(list: DeadLetters, page: RejectedPage): DeadLetters {
  const seen = new Set(list.items.map((l) => l.id));
  return {
    items: [...list.items, ...page.items.filter((l) => !seen.has(l.id))],
    next: page.next,
    reasons: page.reasons,
    total: page.total,
  };
}

/** The list once a line is deleted: without it, and its reason counted once less (gone at zero). */
export function withoutLine(list: DeadLetters, id: number): DeadLetters {
  const line = list.items.find((l) => l.id === id);
  if (!line) return list;
  return {
    items: list.items.filter((l) => l.id !== id),
    next: list.next,
    reasons: list.reasons
      .map((r) => (r.reason === line.reason ? { reason: r.reason, count: r.count - 1 } : r))
      .filter((r) => r.count > 0),
    total: Math.max(list.total - 1, 0),
  };
}

/** How many dead letters the filter selects: those of the reason, or all of them. */
export function selectedCount(list: Pick<DeadLetters, 'reasons' | 'total'>, reason: string | null): number {
  return reason === null ? list.total : (list.reasons.find((r) => r.reason === reason)?.count ?? 0);
}

/** The report in one sentence, for the status line read out after a send. */
/** Whether the answer is a stream's receipt (202: published, stored later by the workers). */
export function isReceipt(r: IngestReport | IngestReceipt): r is IngestReceipt {
  return 'published' in r;
}

/** The one sentence of a receipt. */
export function receiptSummary(r: IngestReceipt): string {
  const sent = r.lines === 1 ? '1 line' : `${formatCount(r.lines)} lines`;
  const repeated = r.repeated ? ` (${formatCount(r.repeated)} already in it)` : '';
  return (
    `${sent} published to the message stream: ${formatCount(r.published)} new${repeated}. ` +
    'The workers store them; lines they cannot read appear under Rejected lines.'
  );
}

export function reportSummary(r: IngestReport): string {
  const read = r.lines === 1 ? '1 line read' : `${formatCount(r.lines)} lines read`;
  return (
    `${read}: ${formatCount(r.accepted)} accepted, ${plural(r.duplicates, 'duplicate')}, ` +
    `${formatCount(r.rejected)} rejected; ${plural(r.matches, 'topic match', 'topic matches')}` +
    `${r.alerts.length ? `, ${plural(r.alerts.length, 'spike alert')} raised` : ''}.`
  );
}
