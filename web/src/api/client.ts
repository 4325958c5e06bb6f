// The client of Dandelion's JSON API, typed by the OpenAPI document: `paths` and `components` come
// from schema.gen.ts, which `npm run gen:api` generates (openapi-typescript); nothing here restates
// a body by hand. `api.get('/api/v1/units/{slug}/members', { path: { slug } })` checks the path, its
// parameters, the query and the body against the document and returns the type of the 2xx answer.
//
// Bodies are JSON, except where the document gives another media type (NDJSON for /ingest): such a
// body is a string or a Blob sent as it is, with `contentType`.
//
// Behaviour: the session lives in an HttpOnly same-origin cookie; every state-changing request
// carries the CSRF token that login (or GET /auth/me) returned, and a refused token is refreshed
// once; an error body {"error":{"code","message","field"}} becomes an ApiError; a 401 outside the
// login probes calls the handler that sends the user back to the login page.
import type { components, paths } from './schema.gen';

/* ---------- types read off the document ---------- */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The operation at `P` for `M` (never when the path has no such method). */
export type Operation<P, M extends Method> = P extends keyof paths
  ? M extends keyof paths[P]
    ? Exclude<paths[P][M], undefined>
    : never
  : never;

/** The paths that have an operation for `M`. */
export type PathsFor<M extends Method> = {
  [P in keyof paths]: [Operation<P, M>] extends [never] ? never : P;
}[keyof paths];

type Parameters_<O> = O extends { parameters: infer X } ? X : never;
type PathParams<O> = Parameters_<O> extends { path: infer X } ? X : never;
type QueryParams<O> = Parameters_<O> extends { query?: infer X } ? Exclude<X, undefined> : never;
type RequestBody<O> = O extends { requestBody?: infer R } ? Exclude<R, undefined> : never;
type JsonBody<O> = [RequestBody<O>] extends [never]
  ? never
  : RequestBody<O> extends { content: { 'application/json': infer B } }
    ? B
    : never;
/** The media types other than JSON that an operation's body comes in (e.g. "application/x-ndjson"). */
type RawTypes<O> = [RequestBody<O>] extends [never]
  ? never
  : RequestBody<O> extends { content: infer C }
    ? Exclude<keyof C, 'application/json'> & string
    : never;
type Success<O> = O extends { responses: infer R } ? R[Extract<keyof R, 200 | 201 | 202 | 204>] : never;

/** The JSON of an operation's success answer (void when it has none, e.g. 204). */
export type Data<O> = Success<O> extends { content: { 'application/json': infer D } } ? D : void;

/** The answer of `M path`, e.g. `Answer<'/api/v1/units', 'get'>`. */
export type Answer<P extends PathsFor<M>, M extends Method> = Data<Operation<P, M>>;
/** The JSON body of `M path`. */
export type BodyOf<P extends PathsFor<M>, M extends Method> = JsonBody<Operation<P, M>>;
/** The query parameters of `M path`. */
export type QueryOf<P extends PathsFor<M>, M extends Method> = QueryParams<Operation<P, M>>;

export type Schemas = components['schemas'];

/** What a call takes besides the path: path parameters, query, body (each when the operation has them). */
export type Init<O> = ([PathParams<O>] extends [never] ? { path?: never } : { path: PathParams<O> }) &
  ([QueryParams<O>] extends [never] ? { query?: never } : { query?: QueryParams<O> }) &
  ([JsonBody<O>] extends [never]
    ? [RawTypes<O>] extends [never]
      ? { body?: never; contentType?: never }
      : // A body that is not JSON (NDJSON…) is sent as it is, with its media type.
        { body: string | Blob; contentType: RawTypes<O> }
    : { body: JsonBody<O>; contentType?: never }) & {
    /** Aborting it cancels the request: the promise rejects with an error named "AbortError" (see isAbort). */
    signal?: AbortSignal | undefined;
  };

type InitArgs<O> = {} extends Init<O> ? [init?: Init<O>] : [init: Init<O>];

/* ---------- errors ---------- */

/** The codes of the error body, and the client's own: `network` (no answer) and `http_<status>` (no body). */
export type ErrorCode = Schemas['Error']['error']['code'] | 'network' | `http_${number}`;

/** An error from the API ({"error":{"code","message","field"}}) or from the network. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  /** The request field the error is about (a body property, a parameter or a header), or null. */
  readonly field: string | null;

  constructor(status: number, code: ErrorCode, message: string, field: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** The server refused the CSRF token (403 naming the X-CSRF-Token header), not the user's rights. */
  get badCsrf(): boolean {
    return this.status === 403 && (this.field ?? '').toLowerCase() === 'x-csrf-token';
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The request was not valid.',
  401: 'You are not logged in.',
  403: 'You do not have permission to do this.',
  404: 'Not found.',
  409: 'This already exists.',
  413: 'The request is too large.',
  429: 'Too many attempts. Please wait a moment and try again.',
  500: 'The server had an internal error.',
  502: 'The server is not reachable.',
  503: 'The server is unavailable right now.',
};

/** "wrong e-mail or password" -> "Wrong e-mail or password." (the server writes terse, lower-case messages). */
export function sentence(message: string): string {
  const m = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?…)]$/.test(m) ? m : `${m}.`;
}

/** Turns any error body (or none) into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  const fallback = STATUS_TEXT[status] ?? `Request failed (HTTP ${status}).`;
  if (body && typeof body === 'object' && 'error' in body) {
    const e = (body as { error: unknown }).error;
    if (e && typeof e === 'object') {
      const o = e as { code?: unknown; message?: unknown; field?: unknown };
      const code: ErrorCode = typeof o.code === 'string' ? (o.code as ErrorCode) : `http_${status}`;
      const message = typeof o.message === 'string' && o.message.trim() !== '' ? sentence(o.message.trim()) : fallback;
      const field = typeof o.field === 'string' && o.field !== '' ? o.field : null;
      return new ApiError(status, code, message, field);
    }
  }
  return new ApiError(status, `http_${status}`, fallback);
}

/** True for the rejection of a request whose signal was aborted (not an error to show). */
export function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/* ---------- session state ---------- */

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request (other than login / me) answers 401: the session has ended. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/* ---------- sending ---------- */

/** `/api/v1/units/{slug}` with { slug: 'a b' } -> `/api/v1/units/a%20b`, plus the query string. */
export function buildUrl(
  template: string,
  path: Record<string, string | number> | undefined,
  query: Record<string, unknown> | undefined,
): string {
  const url = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = path?.[name];
    if (v === undefined) throw new Error(`${template}: no value for {${name}}`);
    return encodeURIComponent(String(v));
  });
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== null && v !== undefined && v !== '') parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `${url}?${parts.join('&')}` : url;
}

const ME = '/api/v1/auth/me';

async function call(method: Method, template: string, init: Init<unknown> | undefined): Promise<unknown> {
  const i = (init ?? {}) as {
    path?: Record<string, string | number>;
    query?: Record<string, unknown>;
    body?: unknown;
    contentType?: string;
    signal?: AbortSignal;
  };
  const url = buildUrl(template, i.path, i.query);
  const verb = method.toUpperCase();
  // JSON unless the operation's body is of another type, which is then sent untouched (a string or a
  // Blob can be sent twice, for the retry below).
  const body: Payload | undefined =
    i.body === undefined
      ? undefined
      : i.contentType
        ? { type: i.contentType, data: i.body as string | Blob }
        : { type: 'application/json', data: JSON.stringify(i.body) };
  try {
    return await send(verb, url, body, i.signal);
  } catch (e) {
    // A stale CSRF token (the session was renewed elsewhere): fetch the current one and try once more.
    if (e instanceof ApiError && e.badCsrf && verb !== 'GET') {
      const me = (await send('GET', ME, undefined, i.signal)) as { csrf_token?: string | null };
      setCsrfToken(me.csrf_token ?? null);
      return await send(verb, url, body, i.signal);
    }
    throw e;
  }
}

/** A request body ready to send, with its media type. */
interface Payload {
  type: string;
  data: string | Blob;
}

async function send(method: string, url: string, body: Payload | undefined, signal: AbortSignal | undefined): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = body.type;
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body?.data ?? null,
      signal: signal ?? null,
    });
  } catch (e) {
    if (isAbort(e) || signal?.aborted) throw abortError();
    throw new ApiError(0, 'network', 'Could not reach the Dandelion server. Check your connection and try again.');
  }

  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    if (isAbort(e) || signal?.aborted) throw abortError();
    throw new ApiError(0, 'network', 'The connection to the Dandelion server was interrupted. Please try again.');
  }
  let data: unknown = undefined;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) {
    const err = toApiError(res.status, data);
    const isAuthProbe = url.startsWith('/api/v1/auth/login') || url.startsWith(ME);
    if (res.status === 401 && !isAuthProbe && onUnauthenticated) onUnauthenticated();
    throw err;
  }
  return data;
}

function abortError(): Error {
  const e = new Error('The request was cancelled.');
  e.name = 'AbortError';
  return e;
}

function method<M extends Method>(m: M) {
  return <P extends PathsFor<M>>(path: P, ...init: InitArgs<Operation<P, M>>): Promise<Data<Operation<P, M>>> =>
    call(m, path, init[0] as Init<unknown> | undefined) as Promise<Data<Operation<P, M>>>;
}

/** `api.get(path, { path, query, signal })`, `api.post(path, { body })`… typed by the OpenAPI document. */
export const api = {
  get: method('get'),
  post: method('post'),
  put: method('put'),
  patch: method('patch'),
  delete: method('delete'),
};
