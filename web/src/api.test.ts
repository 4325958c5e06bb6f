import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, isAbort, setCsrfToken } from './api';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

/** A fetch that answers after `ms`, or rejects like the browser's when its signal is aborted. */
function slowFetch(body: unknown, status = 200, ms = 50) {
  return vi.fn((_url: string, init: RequestInit) => {
    return new Promise<Response>((resolve, reject) => {
      const t = setTimeout(() => resolve(new Response(JSON.stringify(body), { status })), ms);
      init.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        reject(new DOMException('The operation was aborted.', 'AbortError'));
      });
    });
  });
}

describe('analyzeText', () => {
  it('posts the text and network with the CSRF token', async () => {
    const fetch = slowFetch({ network: 'x' }, 200, 0);
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('tok');
    await expect(api.analyzeText('hi 😀', 'bluesky')).resolves.toEqual({ network: 'x' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/v1/text/analyze');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok');
    expect(JSON.parse(init.body as string)).toEqual({ text: 'hi 😀', network: 'bluesky' });
  });

  it('rejects with an AbortError, not an ApiError, when cancelled', async () => {
    vi.stubGlobal('fetch', slowFetch({}));
    const ctrl = new AbortController();
    const p = api.analyzeText('a', 'x', ctrl.signal);
    ctrl.abort();
    const e = await p.catch((x: unknown) => x);
    expect(isAbort(e)).toBe(true);
    expect(e).not.toBeInstanceOf(ApiError);
  });

  it('turns a 400 into an ApiError naming the field', async () => {
    vi.stubGlobal('fetch', slowFetch({ error: { code: 'invalid_argument', message: 'unknown network', field: 'network' } }, 400, 0));
    const e = await api.analyzeText('a', 'x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).field).toBe('network');
    expect((e as ApiError).message).toBe('Unknown network.');
  });

  it('reports a network failure as such', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const e = await api.analyzeText('a', 'x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('network');
    expect(isAbort(e)).toBe(false);
  });
});
