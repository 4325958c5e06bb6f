import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, buildUrl, isAbort, setCsrfToken, toApiError } from './client';

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

const analyze = (text: string, network: 'x' | 'bluesky', signal?: AbortSignal) =>
  api.post('/api/v1/text/analyze', { body: { text, network }, signal });

describe('requests', () => {
  it('posts the body with the CSRF token, same-origin', async () => {
    const fetch = slowFetch({ network: 'x' }, 200, 0);
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('tok');
    await expect(analyze('hi 😀', 'bluesky')).resolves.toEqual({ network: 'x' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/v1/text/analyze');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok');
    expect(JSON.parse(init.body as string)).toEqual({ text: 'hi 😀', network: 'bluesky' });
  });

  it('sends a body that is not JSON as it is, with its media type and the CSRF token', async () => {
    const fetch = slowFetch({ lines: 2 }, 200, 0);
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('tok');
    const ndjson = '{"a":1}\nnot json';
    await api.post('/api/v1/ingest', { body: ndjson, contentType: 'application/x-ndjson' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/v1/ingest');
    const headers = init.headers as Record<string, string>;
    expect(headers['Content-Type']).toBe('application/x-ndjson');
    expect(headers['X-CSRF-Token']).toBe('tok');
    expect(init.body).toBe(ndjson);
  });

  it('sends no CSRF token on a GET, and fills in the path and query', async () => {
    const fetch = slowFetch({ items: [], next: null }, 200, 0);
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('tok');
    await api.get('/api/v1/topics/{id}/mentions', { path: { id: 7 }, query: { cursor: 'a:b', limit: 20 } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/v1/topics/7/mentions?cursor=a%3Ab&limit=20');
    expect(init.method).toBe('GET');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it('refreshes a refused CSRF token once and sends again', async () => {
    const answers = [
      new Response(JSON.stringify({ error: { code: 'permission_denied', message: 'wrong token', field: 'X-CSRF-Token' } }), { status: 403 }),
      new Response(JSON.stringify({ csrf_token: 'fresh', user: {}, memberships: [] }), { status: 200 }),
      new Response(null, { status: 204 }),
    ];
    const fetch = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(answers.shift()!));
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('stale');
    await api.delete('/api/v1/auth/tokens/{id}', { path: { id: 3 } });
    expect(fetch.mock.calls.map(([u, i]) => `${i.method} ${u}`)).toEqual([
      'DELETE /api/v1/auth/tokens/3',
      'GET /api/v1/auth/me',
      'DELETE /api/v1/auth/tokens/3',
    ]);
    expect((fetch.mock.calls[2]![1].headers as Record<string, string>)['X-CSRF-Token']).toBe('fresh');
  });

  it('rejects with an AbortError, not an ApiError, when cancelled', async () => {
    vi.stubGlobal('fetch', slowFetch({}));
    const ctrl = new AbortController();
    const p = analyze('a', 'x', ctrl.signal);
    ctrl.abort();
    const e = await p.catch((x: unknown) => x);
    expect(isAbort(e)).toBe(true);
    expect(e).not.toBeInstanceOf(ApiError);
  });

  it('turns a 400 into an ApiError naming the field', async () => {
    vi.stubGlobal('fetch', slowFetch({ error: { code: 'invalid_argument', message: 'unknown network', field: 'network' } }, 400, 0));
    const e = await analyze('a', 'x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('invalid_argument');
    expect((e as ApiError).field).toBe('network');
    expect((e as ApiError).message).toBe('Unknown network.');
  });

  it('reports a network failure as such', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const e = await analyze('a', 'x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('network');
    expect(isAbort(e)).toBe(false);
  });
});

describe('buildUrl', () => {
  it('encodes path parameters and skips empty query values', () => {
    expect(buildUrl('/api/v1/units/{slug}/members', { slug: 'a b/c' }, undefined)).toBe('/api/v1/units/a%20b%2Fc/members');
    expect(buildUrl('/x', undefined, { a: 1, b: null, c: undefined, d: '', e: 'z' })).toBe('/x?a=1&e=z');
  });
  it('refuses a missing path parameter', () => {
    expect(() => buildUrl('/api/v1/units/{slug}', {}, undefined)).toThrow(/slug/);
  });
});

describe('api errors', () => {
  it('reads the error envelope', () => {
    const e = toApiError(409, { error: { code: 'already_exists', message: 'slug taken', field: 'slug' } });
    expect([e.status, e.code, e.message, e.field]).toEqual([409, 'already_exists', 'Slug taken.', 'slug']);
  });
  it('recognises a refused CSRF token', () => {
    expect(toApiError(403, { error: { code: 'permission_denied', message: 'x', field: 'X-CSRF-Token' } }).badCsrf).toBe(true);
    expect(toApiError(403, { error: { code: 'permission_denied', message: 'x', field: null } }).badCsrf).toBe(false);
  });
  it('falls back on a plain message', () => {
    const e = toApiError(502, undefined);
    expect(e.message).toMatch(/not reachable/);
    expect(e.code).toBe('http_502');
    expect(e.field).toBeNull();
  });
});
