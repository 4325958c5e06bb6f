import { afterEach, describe, expect, it, vi } from 'vitest';
import { allUsers } from './api';

afterEach(() => vi.unstubAllGlobals());

describe('allUsers', () => {
  it('follows next from page to page with ?cursor= until it is null', async () => {
    const pages: Record<string, { items: { id: number }[]; next: string | null }> = {
      '': { items: [{ id: 1 }, { id: 2 }], next: 'c2' },
      c2: { items: [{ id: 3 }], next: 'c3' },
      c3: { items: [{ id: 4 }], next: null },
    };
    const fetch = vi.fn(async (url: string) => {
      const cursor = new URL(url, 'http://ui').searchParams.get('cursor') ?? '';
      return new Response(JSON.stringify(pages[cursor]), { status: 200 });
    });
    vi.stubGlobal('fetch', fetch);
    expect((await allUsers()).map((u) => u.id)).toEqual([1, 2, 3, 4]);
    expect(fetch.mock.calls.map(([url]) => new URL(url, 'http://ui').search)).toEqual([
      '?limit=200',
      '?limit=200&cursor=c2',
      '?limit=200&cursor=c3',
    ]);
  });
});
