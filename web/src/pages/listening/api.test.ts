import { afterEach, describe, expect, it, vi } from 'vitest';
import { listeningApi } from './api';

afterEach(() => vi.unstubAllGlobals());

/** A fetch that answers `body` to every request and records the URLs. */
function answering(body: unknown) {
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify(body), { status: 200 }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const query = (fetch: ReturnType<typeof answering>, i = 0) => new URL(fetch.mock.calls[i]![0], 'http://ui').searchParams;

describe('the listening calls speak the wire convention', () => {
  it('sends the range of stats and share as ISO 8601 UTC times', async () => {
    const from = Date.UTC(2026, 11, 1, 0);
    const to = Date.UTC(2026, 11, 2, 19, 0, 0, 123);
    const fetch = answering({});
    await listeningApi.stats(7, from, to);
    expect(query(fetch).get('from')).toBe('2026-12-01T00:00:00.000Z');
    expect(query(fetch).get('to')).toBe('2026-12-02T19:00:00.123Z');
    await listeningApi.share([1, 2], from, to);
    expect(query(fetch, 1).get('topics')).toBe('1,2');
    expect(query(fetch, 1).get('from')).toBe('2026-12-01T00:00:00.000Z');
  });

  it('asks for the first page of mentions without a cursor, and the next with the next it got', async () => {
    const page = { items: [], next: 'opaque:42' };
    const fetch = answering(page);
    expect(await listeningApi.mentions(7, null, 20)).toEqual(page);
    expect(query(fetch).has('cursor')).toBe(false);
    await listeningApi.mentions(7, page.next, 20);
    expect(query(fetch, 1).get('cursor')).toBe('opaque:42');
    expect(query(fetch, 1).get('limit')).toBe('20');
  });

  it('asks for one topic by its id (the poll of a running back-fill)', async () => {
    const topic = { id: 7, backfill: { state: 'running', percent: 40 } };
    const fetch = answering(topic);
    expect(await listeningApi.topic(7)).toEqual(topic);
    expect(new URL(fetch.mock.calls[0]![0], 'http://ui').pathname).toBe('/api/v1/topics/7');
    expect(fetch.mock.calls[0]![1].method ?? 'GET').toBe('GET');
  });

  it('hands the timestamps of answers on as the ISO strings they are', async () => {
    const alert = { id: 1, hour: '2026-12-02T19:00:00.000Z', created_at: '2026-12-02T19:32:58.123Z' };
    answering({ items: [alert], next: null });
    expect(await listeningApi.alerts()).toEqual([alert]);
  });
});
