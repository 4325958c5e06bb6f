import { describe, expect, it } from 'vitest';
import { NEW_WIRE, isoTime, pageQuery, timeParam, toPage, withTimes } from './wire';

describe('timestamps', () => {
  it('gives milliseconds as ISO strings and leaves strings alone', () => {
    expect(isoTime(Date.UTC(2026, 11, 2, 19, 32, 58, 123))).toBe('2026-12-02T19:32:58.123Z');
    expect(isoTime('2026-12-02T19:32:58.123Z')).toBe('2026-12-02T19:32:58.123Z');
    expect(isoTime(null)).toBe('');
    expect(isoTime(Number.NaN)).toBe('');
  });
  it('converts the named fields of a body', () => {
    const t = withTimes({ id: 1, created_at: 0 as number | string, updated_at: '2026-01-01T00:00:00.000Z' }, [
      'created_at',
      'updated_at',
    ]);
    expect(t).toEqual({ id: 1, created_at: '1970-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' });
  });
  it('sends from / to in the convention the server speaks', () => {
    const ms = Date.UTC(2026, 0, 1);
    expect(timeParam(ms)).toBe(NEW_WIRE ? '2026-01-01T00:00:00.000Z' : ms);
  });
});

describe('pages', () => {
  it('reads next, next_after and next_before as the cursor', () => {
    expect(toPage({ items: [1], next: 'abc' })).toEqual({ items: [1], next: 'abc' });
    expect(toPage({ items: [1], next_after: 42 })).toEqual({ items: [1], next: '42' });
    expect(toPage({ items: [1], next_before: null })).toEqual({ items: [1], next: null });
    expect(toPage({ items: [] })).toEqual({ items: [], next: null });
    expect(toPage({ items: [1, 2] }, (n) => n * 10).items).toEqual([10, 20]);
  });
  it('asks for the next page with the cursor', () => {
    expect(pageQuery(null, 50, 'after')).toEqual({ limit: 50 });
    expect(pageQuery('42', 50, 'before')).toEqual(NEW_WIRE ? { limit: 50, cursor: '42' } : { limit: 50, before: 42 });
  });
});
