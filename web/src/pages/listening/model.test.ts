import { describe, expect, it } from 'vitest';
import type { Membership, Unit } from '../../api/types';
import { ApiError } from '../../api/client';
import type { Alert, HourPoint, IngestReport, RejectedLine, Topic } from './api';
import {
  DAY_MS,
  HOUR_MS,
  MAX_INGEST_BYTES,
  aggregate,
  BACKFILL_POLL_MAX_MS,
  BACKFILL_POLL_MS,
  appendPage,
  backfillDoneMessage,
  backfillLabel,
  backfillPercent,
  backfillRunning,
  backfillStates,
  bucketFor,
  bucketForRange,
  byteSize,
  canIngest,
  canManageTopics,
  countLines,
  describeAlert,
  errorSpot,
  fileProblem,
  finishedBackfills,
  formatBytes,
  groupTopics,
  highlightPieces,
  ingestErrorMessage,
  newerTopic,
  nextPollDelay,
  niceTicks,
  parseTime,
  pollFailure,
  rangeBounds,
  rawNote,
  reasonBars,
  reasonLabel,
  reportSummary,
  isReceipt,
  receiptSummary,
  savedMessage,
  selectedCount,
  shareRows,
  toggleReason,
  topicVersion,
  withoutLine,
  within,
  type DeadLetters,
} from './model';

const u = (slug: string, parent: string | null, depth: number): Unit => ({
  id: slug.length,
  slug,
  name: slug.toUpperCase(),
  parent,
  depth,
  created_at: '2026-12-01T10:00:00.000Z',
});
const units: Unit[] = [u('hub', null, 0), u('emea', 'hub', 1), u('emea-dach', 'emea', 2), u('support', 'hub', 1)];
const m = (unit: string, role: Membership['role']): Membership => ({ id: 1, user_id: 1, unit, role, unit_name: unit });

const topic = (id: number, unit: string, name: string): Topic => ({
  id,
  unit,
  unit_name: unit.toUpperCase(),
  name,
  query: 'x',
  created_at: '2026-12-01T10:00:00.000Z',
  updated_at: '2026-12-01T10:00:00.000Z',
  mentions: 0,
  backfill: { state: 'done', percent: 100 },
});

const iso = (ms: number) => new Date(ms).toISOString();

describe('canManageTopics', () => {
  it('allows admins, managers and analysts at the unit or above', () => {
    expect(canManageTopics('emea-dach', units, [m('hub', 'analyst')])).toBe(true);
    expect(canManageTopics('emea-dach', units, [m('emea', 'manager')])).toBe(true);
    expect(canManageTopics('support', units, [m('support', 'admin')])).toBe(true);
  });
  it('refuses other roles, and roles held elsewhere in the tree', () => {
    expect(canManageTopics('emea', units, [m('emea', 'publisher'), m('emea', 'agent')])).toBe(false);
    expect(canManageTopics('emea', units, [m('emea-dach', 'admin')])).toBe(false);
    expect(canManageTopics('support', units, [m('emea', 'admin')])).toBe(false);
  });
});

/** A topic whose back-fill is running at `percent`, with `mentions` found so far. */
const filling = (t: Topic, percent: number, mentions = t.mentions): Topic => ({
  ...t,
  mentions,
  backfill: { state: 'running', percent },
});

describe('back-fill progress', () => {
  it('tells a running back-fill from a finished one', () => {
    expect(backfillRunning(filling(topic(1, 'hub', 'a'), 42))).toBe(true);
    expect(backfillRunning(topic(1, 'hub', 'a'))).toBe(false);
    // A server older than the field: nothing runs.
    const { backfill: _, ...old } = topic(1, 'hub', 'a');
    expect(backfillRunning(old as Topic)).toBe(false);
    expect(backfillPercent(old as Topic)).toBe(100);
  });
  it('gives the percent clamped to whole numbers from 0 to 100, and 100 once done', () => {
    expect(backfillPercent(filling(topic(1, 'hub', 'a'), 42))).toBe(42);
    expect(backfillPercent(filling(topic(1, 'hub', 'a'), 41.6))).toBe(42);
    expect(backfillPercent(filling(topic(1, 'hub', 'a'), -3))).toBe(0);
    expect(backfillPercent(filling(topic(1, 'hub', 'a'), 250))).toBe(100);
    expect(backfillPercent(filling(topic(1, 'hub', 'a'), Number.NaN))).toBe(0);
    expect(backfillPercent({ backfill: { state: 'done', percent: 7 } })).toBe(100);
  });
  it('labels the bar with the percent', () => {
    expect(backfillLabel(filling(topic(1, 'hub', 'a'), 42))).toBe('Back-filling over stored mentions… 42%');
    expect(backfillLabel(filling(topic(1, 'hub', 'a'), 0))).toBe('Back-filling over stored mentions… 0%');
  });
  it('versions the charts by the query and by whether the back-fill is done', () => {
    const t = topic(1, 'hub', 'a');
    expect(topicVersion(filling(t, 10))).toBe(topicVersion(filling(t, 90)));
    expect(topicVersion(filling(t, 90))).not.toBe(topicVersion(t));
    expect(topicVersion(t)).not.toBe(topicVersion({ ...t, updated_at: '2026-12-02T10:00:00.000Z' }));
  });
  it('reads out a save with the count, or with how far the back-fill got', () => {
    const t = { ...topic(1, 'hub', 'Acme'), mentions: 1234 };
    expect(savedMessage(t, true)).toBe('Topic “Acme” created: 1,234 stored mentions matched.');
    expect(savedMessage(t, false)).toBe('Topic “Acme” saved: 1,234 stored mentions matched.');
    expect(savedMessage(filling(t, 42, 1), true)).toBe(
      'Topic “Acme” created: back-filling over the stored mentions, 42% done, 1 mention matched so far.',
    );
    expect(backfillDoneMessage(t)).toBe('Back-fill of “Acme” done: 1,234 mentions matched.');
  });
});

describe('polling a running back-fill', () => {
  it('waits 1.5 s after an answer and doubles the wait after each failure, up to 30 s', () => {
    expect(BACKFILL_POLL_MS).toBe(1500);
    expect(nextPollDelay(0)).toBe(1500);
    expect(nextPollDelay(1)).toBe(3000);
    expect(nextPollDelay(2)).toBe(6000);
    expect(nextPollDelay(3)).toBe(12_000);
    expect(nextPollDelay(4)).toBe(24_000);
    expect(nextPollDelay(5)).toBe(BACKFILL_POLL_MAX_MS);
    expect(nextPollDelay(1000)).toBe(BACKFILL_POLL_MAX_MS);
    expect(nextPollDelay(-1)).toBe(1500);
    expect(nextPollDelay(Number.NaN)).toBe(1500);
  });
  it('stops when the topic is gone or out of reach, and retries anything else', () => {
    expect(pollFailure(new ApiError(404, 'not_found', 'No such topic.'))).toBe('stop');
    expect(pollFailure(new ApiError(403, 'permission_denied', 'No.'))).toBe('stop');
    expect(pollFailure(new ApiError(401, 'unauthenticated', 'Log in.'))).toBe('stop');
    expect(pollFailure(new ApiError(503, 'unavailable', 'Busy.'))).toBe('retry');
    expect(pollFailure(new ApiError(0, 'network', 'No answer.'))).toBe('retry');
    expect(pollFailure(new TypeError('Failed to fetch'))).toBe('retry');
  });
});

describe('newerTopic', () => {
  const t = { ...topic(1, 'hub', 'a'), mentions: 50 };
  it('never takes the progress back: done beats running, more beats less', () => {
    expect(newerTopic(t, filling(t, 40, 20))).toBe(t);
    expect(newerTopic(filling(t, 40, 20), t)).toBe(t);
    const at60 = filling(t, 60, 30);
    expect(newerTopic(at60, filling(t, 40, 20))).toBe(at60);
    const later = filling(t, 60, 31);
    expect(newerTopic(at60, later)).toBe(later);
    expect(newerTopic(later, at60)).toBe(later);
  });
  it('takes the later answer when both are done (new mentions, or fewer after a purge)', () => {
    const more = { ...t, mentions: 51 };
    const fewer = { ...t, mentions: 49 };
    expect(newerTopic(t, more)).toBe(more);
    expect(newerTopic(t, fewer)).toBe(fewer);
  });
  it('takes the later change of the topic, whose back-fill starts again', () => {
    const changed = filling({ ...t, updated_at: '2026-12-02T10:00:00.000Z' }, 5, 2);
    expect(newerTopic(t, changed)).toBe(changed);
    expect(newerTopic(changed, t)).toBe(changed);
  });
});

describe('finishedBackfills', () => {
  it('names the topics that were running and are done now, once', () => {
    const a = topic(1, 'hub', 'a');
    const b = topic(2, 'hub', 'b');
    const c = topic(3, 'hub', 'c');
    const before = backfillStates([filling(a, 40), filling(b, 10), c]);
    expect(before.get(1)).toBe('running');
    expect(before.get(3)).toBe('done');
    // a done, b still running, c was done already, d new (and done).
    const now = [a, filling(b, 30), c, topic(4, 'hub', 'd')];
    expect(finishedBackfills(before, now).map((t) => t.id)).toEqual([1]);
    expect(finishedBackfills(backfillStates(now), now)).toEqual([]);
  });
});

describe('groupTopics', () => {
  it('follows the unit tree, sorts topics by name and skips units without topics', () => {
    const groups = groupTopics(
      [topic(1, 'support', 'Outages'), topic(2, 'emea-dach', 'Bahn'), topic(3, 'hub', 'brand'), topic(4, 'support', 'billing')],
      units,
    );
    expect(groups.map((g) => g.unit)).toEqual(['hub', 'emea-dach', 'support']);
    expect(groups[2]!.topics.map((t) => t.name)).toEqual(['billing', 'Outages']);
    expect(groups[1]!.depth).toBe(2);
    expect(groups[1]!.unitName).toBe('EMEA-DACH');
  });
  it('puts topics of units it does not know last, under their own name', () => {
    const groups = groupTopics([topic(1, 'zeta', 'Z'), topic(2, 'hub', 'A')], units);
    expect(groups.map((g) => [g.unit, g.unitName])).toEqual([
      ['hub', 'HUB'],
      ['zeta', 'ZETA'],
    ]);
  });
});

describe('errorSpot', () => {
  it('points at the column of a one-line query', () => {
    // "apple orange": the server reports column 7, the "o" of the second term.
    expect(errorSpot('apple orange', 7)).toEqual({ index: 6, lineNo: 1, before: 'apple ', at: 'o', after: 'range', caret: 6 });
  });
  it('points past the end for a missing last term', () => {
    const s = errorSpot('apple AND', 10);
    expect(s).toMatchObject({ index: 9, before: 'apple AND', at: '', after: '', caret: 9 });
  });
  it('counts columns in code points, not UTF-16 units', () => {
    // U+1F34E (red apple) is one code point, two UTF-16 code units.
    const q = '\u{1F34E} é pear';
    const s = errorSpot(q, 5);
    expect(s.at).toBe('p');
    expect(s.index).toBe(5);
    expect(s.caret).toBe(4);
    expect(errorSpot('\u{1F34E}x', 1).at).toBe('\u{1F34E}');
  });
  it('finds the line of a multi-line query', () => {
    const q = 'apple OR\npear kiwi\nOR fig';
    // Column 15 is the "k" of "kiwi" (newlines count as one column each).
    const s = errorSpot(q, 15);
    expect(s).toMatchObject({ lineNo: 2, before: 'pear ', at: 'k', after: 'iwi', caret: 5 });
    expect(errorSpot(q, 9)).toMatchObject({ lineNo: 1, before: 'apple OR', at: '', caret: 8 });
  });
  it('clamps columns outside the query', () => {
    expect(errorSpot('ab', 0).index).toBe(0);
    expect(errorSpot('ab', 99).index).toBe(2);
    expect(errorSpot('', 1)).toMatchObject({ index: 0, before: '', at: '', after: '' });
  });
});

describe('highlightPieces', () => {
  it('cuts the text at its highlights', () => {
    expect(highlightPieces('I love Acme phones', [[7, 11]])).toEqual([
      { text: 'I love ', hit: false, start: 0 },
      { text: 'Acme', hit: true, start: 7 },
      { text: ' phones', hit: false, start: 11 },
    ]);
  });
  it('merges overlapping and touching ranges, in any order', () => {
    const p = highlightPieces('abcdefgh', [
      [4, 6],
      [0, 2],
      [1, 3],
      [6, 7],
    ]);
    expect(p.map((x) => [x.text, x.hit])).toEqual([
      ['abc', true],
      ['d', false],
      ['efg', true],
      ['h', false],
    ]);
  });
  it('clamps to the text and drops empty or reversed ranges', () => {
    expect(highlightPieces('abc', [[2, 10], [1, 1], [3, 2]]).map((x) => [x.text, x.hit])).toEqual([
      ['ab', false],
      ['c', true],
    ]);
    expect(highlightPieces('', [])).toEqual([{ text: '', hit: false, start: 0 }]);
  });
  it('uses UTF-16 indices, so astral characters stay whole', () => {
    const t = '\u{1F600} acme';
    expect(highlightPieces(t, [[3, 7]]).map((x) => x.text)).toEqual(['\u{1F600} ', 'acme']);
  });
});

describe('ranges and buckets', () => {
  it('ends a range with the current hour', () => {
    const now = Date.UTC(2026, 10, 25, 10, 42);
    const { from, to } = rangeBounds('7d', now);
    expect(to).toBe(Date.UTC(2026, 10, 25, 11));
    expect(to - from).toBe(7 * DAY_MS);
  });
  it('draws up to a week by hour, longer by day', () => {
    expect(bucketFor(DAY_MS)).toBe('hour');
    expect(bucketFor(7 * DAY_MS)).toBe('hour');
    expect(bucketFor(30 * DAY_MS)).toBe('day');
  });
  const h = (hour: number, pos: number, neu: number, neg: number): HourPoint => ({
    hour: iso(hour),
    total: pos + neu + neg,
    positive: pos,
    neutral: neu,
    negative: neg,
  });
  it('leaves out hours whose time cannot be read', () => {
    const t = Date.UTC(2026, 0, 1, 22);
    expect(aggregate([{ ...h(t, 1, 0, 0), hour: 'soon' }, h(t, 0, 1, 0)], 'hour').map((p) => p.total)).toEqual([1]);
  });
  it('keeps hours as they are', () => {
    const t = Date.UTC(2026, 0, 1, 22);
    expect(aggregate([h(t, 1, 2, 3)], 'hour')).toEqual([
      { start: t, end: t + HOUR_MS, total: 6, positive: 1, neutral: 2, negative: 3 },
    ]);
  });
  it('sums hours into days that start at local midnight', () => {
    const t = Date.UTC(2026, 0, 1, 22);
    const hours = [h(t, 1, 0, 0), h(t + HOUR_MS, 0, 1, 0), h(t + 2 * HOUR_MS, 0, 0, 1), h(t + 3 * HOUR_MS, 2, 0, 0)];
    const utc = aggregate(hours, 'day');
    expect(utc.map((p) => [p.start, p.total])).toEqual([
      [Date.UTC(2026, 0, 1), 2],
      [Date.UTC(2026, 0, 2), 3],
    ]);
    // At UTC+1 the first day ends one hour earlier (23:00 UTC).
    const plusOne = aggregate(hours, 'day', () => HOUR_MS);
    expect(plusOne.map((p) => [p.start, p.end - p.start, p.total, p.negative])).toEqual([
      [Date.UTC(2026, 0, 1) - HOUR_MS, DAY_MS, 1, 0],
      [Date.UTC(2026, 0, 2) - HOUR_MS, DAY_MS, 4, 1],
    ]);
  });
});

describe('timestamps', () => {
  it('reads the ISO 8601 strings of the API, milliseconds included', () => {
    expect(parseTime('2026-12-02T19:32:58.123Z')).toBe(Date.UTC(2026, 11, 2, 19, 32, 58, 123));
    expect(parseTime('2026-12-02T19:00:00Z')).toBe(Date.UTC(2026, 11, 2, 19));
    expect(parseTime('2026-12-02T20:00:00.000+01:00')).toBe(Date.UTC(2026, 11, 2, 19));
  });
  it('refuses what is not a full UTC or offset timestamp', () => {
    expect(parseTime('')).toBeNaN();
    expect(parseTime('2026-12-02')).toBeNaN();
    expect(parseTime('1796248719636')).toBeNaN();
    expect(parseTime('2026-12-02T19:32:58.123')).toBeNaN();
  });
  it('places a time in a bucket, end excluded', () => {
    const t = Date.UTC(2026, 11, 2, 19);
    expect(within('2026-12-02T19:00:00.000Z', t, t + HOUR_MS)).toBe(true);
    expect(within('2026-12-02T19:59:59.999Z', t, t + HOUR_MS)).toBe(true);
    expect(within('2026-12-02T20:00:00.000Z', t, t + HOUR_MS)).toBe(false);
    expect(within('garbage', t, t + HOUR_MS)).toBe(false);
  });
  it('picks the bucket from the range the server answered for', () => {
    expect(bucketForRange('2026-11-25T20:00:00.000Z', '2026-12-02T20:00:00.000Z')).toBe('hour');
    expect(bucketForRange('2026-11-02T20:00:00.000Z', '2026-12-02T20:00:00.000Z')).toBe('day');
    expect(bucketForRange('', '')).toBe('hour');
  });
});

describe('niceTicks', () => {
  it('covers the maximum with round steps', () => {
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(8)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
  });
  it('gives a unit axis for nothing', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});

describe('shareRows', () => {
  it('sorts by count and gives percentages that add up to 100', () => {
    const rows = shareRows({
      total: 3,
      topics: [
        { id: 1, name: 'a', count: 1, share: 1 / 3 },
        { id: 2, name: 'b', count: 2, share: 2 / 3 },
        { id: 3, name: 'c', count: 0, share: 0 },
      ],
    });
    expect(rows.map((r) => [r.id, r.pct])).toEqual([
      [2, 67],
      [1, 33],
      [3, 0],
    ]);
  });
  it('gives zeros when nothing was counted', () => {
    expect(shareRows({ total: 0, topics: [{ id: 1, name: 'a', count: 0, share: 0 }] })[0]!.pct).toBe(0);
  });
});

describe('describeAlert', () => {
  const base: Alert = {
    id: 1,
    topic_id: 7,
    topic: 'Acme phones',
    unit: 'consumer',
    kind: 'volume',
    unit_id: 2,
    hour: '2026-12-02T13:00:00.000Z',
    observed: 142,
    expected: 6.34,
    z: 11.26,
    created_at: '2026-12-02T13:05:00.000Z',
    acknowledged: false,
  };
  it('says how many mentions came against how many were expected', () => {
    expect(describeAlert(base)).toEqual({
      title: 'Volume spike in “Acme phones”',
      detail: '142 mentions in the hour; about 6.3 expected (z = 11.3).',
    });
  });
  it('gives a negative spike as shares', () => {
    const d = describeAlert({ ...base, kind: 'negative', observed: 0.61, expected: 0.18, z: 4.04, topic: null });
    expect(d.title).toBe('Negative sentiment spike in “topic #7”');
    expect(d.detail).toBe('61% of the hour’s mentions were negative; about 18% expected (z = 4.0).');
  });
});

describe('ingest', () => {
  // An alert as an ingest report gives it: without the topic's name and unit.
  const alert = (): Alert => ({
    id: 9,
    topic_id: 7,
    unit_id: 2,
    kind: 'volume',
    hour: '2026-12-03T10:00:00.000Z',
    observed: 40,
    expected: 3,
    z: 6,
    created_at: '2026-12-03T10:05:00.000Z',
    acknowledged: false,
  });

  it('is for admins and managers of the hub only', () => {
    expect(canIngest(units, [m('hub', 'admin')])).toBe(true);
    expect(canIngest(units, [m('hub', 'manager')])).toBe(true);
    expect(canIngest(units, [m('hub', 'analyst')])).toBe(false);
    expect(canIngest(units, [m('emea', 'admin'), m('support', 'manager')])).toBe(false);
    // Until the units are known, nobody is taken for a hub member.
    expect(canIngest([], [m('hub', 'admin')])).toBe(false);
  });

  it('counts the lines that hold something and the bytes sent', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('{"a":1}\n\n  \nnot json\r\n{"oops":\n')).toBe(3);
    expect(byteSize('é😀')).toBe(6);
  });

  it('writes sizes in bytes, KiB and MiB', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(312)).toBe('312 bytes');
    expect(formatBytes(16 * 1024)).toBe('16 KiB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MiB');
    expect(formatBytes(MAX_INGEST_BYTES)).toBe('16 MiB');
  });

  it('refuses files of another type or too large, before reading them', () => {
    expect(fileProblem('posts.ndjson', 10)).toBeNull();
    expect(fileProblem('POSTS.JSONL', 10)).toBeNull();
    expect(fileProblem('notes.txt', MAX_INGEST_BYTES)).toBeNull();
    expect(fileProblem('photo.png', 10)).toMatch(/not an NDJSON or text file/);
    expect(fileProblem('big.ndjson', MAX_INGEST_BYTES + 1)).toMatch(/at most 16 MiB/);
  });

  it('says why a send failed, by status', () => {
    expect(ingestErrorMessage(new ApiError(403, 'permission_denied', 'You may not ingest posts.'))).toMatch(
      /admin or manager role at the hub/,
    );
    expect(ingestErrorMessage(new ApiError(413, 'payload_too_large', 'Too large.'))).toMatch(/larger than 16 MiB/);
    expect(ingestErrorMessage(new ApiError(415, 'invalid_argument', 'Wrong type.'))).toMatch(/as NDJSON/);
    expect(ingestErrorMessage(new ApiError(500, 'internal', 'The server had an internal error.'))).toBe(
      'Could not send the posts: The server had an internal error.',
    );
    expect(ingestErrorMessage(new Error('boom'))).toBe('Could not send the posts: boom');
  });

  it('sums a report up in a sentence', () => {
    const r: IngestReport = {
      lines: 3,
      accepted: 1,
      duplicates: 0,
      rejected: 2,
      matches: 1,
      reasons: { not_json: 1, truncated_json: 1 },
      alerts: [],
      rejected_lines: [],
      rejected_lines_cut: false,
    };
    expect(reportSummary(r)).toBe('3 lines read: 1 accepted, 0 duplicates, 2 rejected; 1 topic match.');
    expect(reportSummary({ ...r, lines: 1, duplicates: 1, matches: 2, alerts: [alert()] })).toBe(
      '1 line read: 1 accepted, 1 duplicate, 2 rejected; 2 topic matches, 1 spike alert raised.',
    );
  });
});

describe('dead letters', () => {
  const line = (id: number, reason: string): RejectedLine => ({
    id,
    received_at: '2026-12-03T10:00:00.000Z',
    source: 'api',
    submitted_by: 'admin@demo.example',
    line: id,
    reason,
    message: `${reason}: …`,
    raw: 'not json',
    raw_bytes: 8,
    raw_cut: false,
  });
  const list: DeadLetters = {
    items: [line(3, 'not_json'), line(2, 'truncated_json'), line(1, 'not_json')],
    next: 'c:1',
    reasons: [
      { reason: 'not_json', count: 2 },
      { reason: 'truncated_json', count: 1 },
    ],
    total: 3,
  };

  it('names the reasons, known or not', () => {
    expect(reasonLabel('truncated_json')).toBe('Truncated JSON');
    expect(reasonLabel('not_json')).toBe('Not JSON');
    expect(reasonLabel('some_new_code')).toBe('Some new code');
    expect(reasonLabel('')).toBe('Unknown reason');
  });

  it('draws the reasons as bars scaled to the largest, in the order given', () => {
    expect(reasonBars(list.reasons)).toEqual([
      { reason: 'not_json', label: 'Not JSON', count: 2, width: 100 },
      { reason: 'truncated_json', label: 'Truncated JSON', count: 1, width: 50 },
    ]);
    expect(reasonBars([{ reason: 'a', count: 1 }, { reason: 'b', count: 1000 }])[0]!.width).toBe(1);
    expect(reasonBars([])).toEqual([]);
  });

  it('filters by a reason, and clears the filter on a second click', () => {
    expect(toggleReason(null, 'not_json')).toBe('not_json');
    expect(toggleReason('not_json', 'truncated_json')).toBe('truncated_json');
    expect(toggleReason('not_json', 'not_json')).toBeNull();
    expect(selectedCount(list, null)).toBe(3);
    expect(selectedCount(list, 'not_json')).toBe(2);
    expect(selectedCount(list, 'too_deep')).toBe(0);
  });

  it('says when only the start of a raw line was kept', () => {
    expect(rawNote({ raw_cut: false, raw_bytes: 8 })).toBeNull();
    expect(rawNote({ raw_cut: true, raw_bytes: 20480 })).toBe('first 16 KiB of 20,480 bytes');
  });

  it('appends the next page without showing a line twice, with the fresher counts', () => {
    const next = appendPage(list, {
      items: [line(1, 'not_json'), line(0, 'too_deep')],
      next: null,
      reasons: [...list.reasons, { reason: 'too_deep', count: 1 }],
      total: 4,
    });
    expect(next.items.map((l) => l.id)).toEqual([3, 2, 1, 0]);
    expect(next.next).toBeNull();
    expect(next.total).toBe(4);
  });

  it('drops a deleted line and counts its reason once less', () => {
    const after = withoutLine(list, 2);
    expect(after.items.map((l) => l.id)).toEqual([3, 1]);
    expect(after.reasons).toEqual([{ reason: 'not_json', count: 2 }]);
    expect(after.total).toBe(2);
    expect(after.next).toBe('c:1');
    expect(withoutLine(list, 99)).toBe(list);
  });
});

describe('the receipt of a node behind the message stream', () => {
  it('is told from a report, and says what was published and what happens next', () => {
    const receipt = { lines: 3, published: 2, repeated: 1 };
    expect(isReceipt(receipt)).toBe(true);
    expect(receiptSummary(receipt)).toBe(
      '3 lines published to the message stream: 2 new (1 already in it). The workers store them; lines they cannot read appear under Rejected lines.',
    );
    expect(receiptSummary({ lines: 1, published: 1, repeated: 0 })).toMatch(/^1 line published to the message stream: 1 new\. /);
  });
});
