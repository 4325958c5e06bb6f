import { describe, expect, it } from 'vitest';
import type { Membership, Unit } from '../../api/types';
import type { Alert, HourPoint, Topic } from './api';
import {
  DAY_MS,
  HOUR_MS,
  aggregate,
  bucketFor,
  bucketForRange,
  canManageTopics,
  describeAlert,
  errorSpot,
  groupTopics,
  highlightPieces,
  niceTicks,
  parseTime,
  rangeBounds,
  shareRows,
  within,
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
