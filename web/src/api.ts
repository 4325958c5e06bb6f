// A small client for Dandelion's JSON API (src/http/openapi.json).
// The session lives in an HttpOnly cookie; every state-changing request carries
// the CSRF token that login (or GET /auth/me) returned.

export type Role = 'admin' | 'manager' | 'publisher' | 'agent' | 'reviewer' | 'advocate' | 'analyst';

export const ROLES: readonly Role[] = ['admin', 'manager', 'publisher', 'agent', 'reviewer', 'advocate', 'analyst'];

export interface User {
  id: number;
  email: string;
  name: string;
  created_at?: string;
}

export interface Membership {
  id: number;
  user_id: number;
  unit: string;
  role: Role;
  /** The unit's name (the server adds it; not in the OpenAPI schema). */
  unit_name?: string;
}

export interface Unit {
  id: number;
  slug: string;
  name: string;
  parent: string | null;
  depth: number;
  created_at?: string;
}

export interface Member {
  id: number;
  role: Role;
  unit: string;
  user: User;
}

export interface RoleInfo {
  role: Role;
  description: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  hash: string;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  first_bad_id: number | null;
  message?: string;
}

export interface ApiToken {
  id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface CreatedToken {
  id: number;
  name: string;
  token: string;
}

export interface SessionInfo {
  user: User;
  csrf_token: string | null;
  memberships: Membership[];
}

/** The networks whose length rules POST /api/v1/text/analyze knows. */
export type Network = 'x' | 'mastodon' | 'bluesky' | 'linkedin' | 'facebook' | 'instagram' | 'other';

export type EntityType = 'mention' | 'hashtag' | 'url' | 'cashtag' | 'list';
export type PiiKind = 'email' | 'phone' | 'card' | 'iban';
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** What the server reads off a draft. Every start / end is a code-point index (end exclusive). */
export interface TextAnalysis {
  network: Network;
  code_points: number;
  invalid_utf8: number;
  entities: { type: EntityType; text: string; start: number; end: number; list?: string }[];
  length: {
    length: number;
    limit: number;
    unit: string;
    valid: boolean;
    /** Code-point index of the first character past the limit, or null when the text fits. */
    over_at: number | null;
    problems: string[];
  };
  language: { code: string; confidence: number; reliable: boolean };
  sentiment: { positive: number; neutral: number; negative: number; compound: number; label: SentimentLabel };
  intents: { intent: string; score: number; cues: string[] }[];
  pii: { kind: PiiKind; start: number; end: number }[];
  masked: string;
}

export interface Page<T> {
  items: T[];
  next_after?: number | null;
  next_before?: number | null;
}

/** An error from the API ({"error":{"code","message","field"}}) or from the network. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;

  constructor(status: number, code: string, message: string, field: string | null = null) {
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

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request (other than login / me) answers 401: the session has ended. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
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

/** Turns any error body (or none) into an ApiError. Exported for tests. */
export function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'error' in body) {
    const e = (body as { error: unknown }).error;
    if (e && typeof e === 'object') {
      const o = e as { code?: unknown; message?: unknown; field?: unknown };
      const code = typeof o.code === 'string' ? o.code : `http_${status}`;
      const message =
        typeof o.message === 'string' && o.message.trim() !== ''
          ? sentence(o.message.trim())
          : STATUS_TEXT[status] ?? `Request failed (HTTP ${status}).`;
      const field = typeof o.field === 'string' && o.field !== '' ? o.field : null;
      return new ApiError(status, code, message, field);
    }
  }
  return new ApiError(status, `http_${status}`, STATUS_TEXT[status] ?? `Request failed (HTTP ${status}).`);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Aborting it cancels the request: the promise then rejects with an error named "AbortError" (see isAbort). */
  signal?: AbortSignal | undefined;
}

/** True for the rejection of a request whose signal was aborted (not an error to show). */
export function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

export async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(method, path, body, opts);
  } catch (e) {
    // A stale CSRF token (the session was renewed elsewhere): fetch the current one and try once more.
    if (e instanceof ApiError && e.badCsrf && method !== 'GET') {
      const me = await send<SessionInfo>('GET', '/api/v1/auth/me', undefined, opts);
      setCsrfToken(me.csrf_token ?? null);
      return await send<T>(method, path, body, opts);
    }
    throw e;
  }
}

async function send<T>(method: Method, path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal ?? null,
    });
  } catch (e) {
    if (isAbort(e) || opts.signal?.aborted) throw abortError();
    throw new ApiError(0, 'network', 'Could not reach the Dandelion server. Check your connection and try again.');
  }

  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    if (isAbort(e) || opts.signal?.aborted) throw abortError();
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
    const isAuthProbe = path.startsWith('/api/v1/auth/login') || path.startsWith('/api/v1/auth/me');
    if (res.status === 401 && !isAuthProbe && onUnauthenticated) onUnauthenticated();
    throw err;
  }
  return data as T;
}

function abortError(): Error {
  const e = new Error('The request was cancelled.');
  e.name = 'AbortError';
  return e;
}

const q = (params: Record<string, string | number | null | undefined>): string => {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
};

const seg = encodeURIComponent;

export const api = {
  login: (email: string, password: string) => request<SessionInfo>('POST', '/api/v1/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/v1/auth/logout'),
  me: () => request<SessionInfo>('GET', '/api/v1/auth/me'),

  tokens: () => request<Page<ApiToken>>('GET', '/api/v1/auth/tokens'),
  createToken: (name: string) => request<CreatedToken>('POST', '/api/v1/auth/tokens', { name }),
  revokeToken: (id: number) => request<void>('DELETE', `/api/v1/auth/tokens/${id}`),

  roles: () => request<Page<RoleInfo>>('GET', '/api/v1/roles'),

  units: () => request<Page<Unit>>('GET', '/api/v1/units'),
  createUnit: (parent: string, slug: string, name: string) =>
    request<Unit>('POST', '/api/v1/units', { slug, name, parent }),
  members: (slug: string) => request<Page<Member>>('GET', `/api/v1/units/${seg(slug)}/members`),
  addMember: (slug: string, userId: number, role: Role) =>
    request<Membership>('POST', `/api/v1/units/${seg(slug)}/members`, { user_id: userId, role }),
  removeMembership: (id: number) => request<void>('DELETE', `/api/v1/memberships/${id}`),

  users: (after?: number | null, limit = 200) => request<Page<User>>('GET', `/api/v1/users${q({ limit, after })}`),
  createUser: (u: { email: string; name: string; password: string; unit: string; role: Role }) =>
    request<User>('POST', '/api/v1/users', u),

  audit: (before?: number | null, limit = 50) =>
    request<Page<AuditEntry>>('GET', `/api/v1/audit${q({ limit, before })}`),
  verifyAudit: () => request<AuditVerify>('GET', '/api/v1/audit/verify'),

  analyzeText: (text: string, network: Network, signal?: AbortSignal) =>
    request<TextAnalysis>('POST', '/api/v1/text/analyze', { text, network }, { signal }),
};

/** Every user the caller may see, following next_after (bounded, to stay responsive). */
export async function allUsers(maxPages = 20): Promise<User[]> {
  const out: User[] = [];
  let after: number | null | undefined = undefined;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<User> = await api.users(after);
    out.push(...page.items);
    if (page.next_after === null || page.next_after === undefined || page.items.length === 0) break;
    after = page.next_after;
  }
  return out;
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
