// Pure helpers of Settings (unit-tested in model.test.ts): the API token form (name, scope, expiry)
// and the token list, and the "Change password" form's own checks.
import type { Schemas } from '../../api/client';

/** A token's name is at most this long. */
export const TOKEN_NAME_MAX = 100;

/** Why a token name cannot be used, or null when it can (the name is trimmed first). */
export function tokenNameProblem(name: string): string | null {
  const n = name.trim();
  if (n === '') return 'Give the token a name, e.g. the integration that will use it.';
  if (n.length > TOKEN_NAME_MAX) return `At most ${TOKEN_NAME_MAX} characters.`;
  return null;
}

/* ---------- token scopes and expiry ---------- */

export type TokenScope = Schemas['ApiToken']['scope'];

export interface ScopeChoice {
  value: TokenScope;
  label: string;
  /** One line on what a token of this scope may do. */
  description: string;
}

/** The scopes, least privilege first (the first is the default, as on the server). */
export const TOKEN_SCOPES: readonly ScopeChoice[] = [
  { value: 'read', label: 'Read only', description: 'Reads what you can see (GET requests only); changes nothing.' },
  { value: 'write', label: 'Read and write', description: 'Does anything you may do, except create API tokens.' },
  { value: 'ingest', label: 'Ingest only', description: 'Only sends posts to POST /api/v1/ingest; reads nothing.' },
];

export const DEFAULT_SCOPE: TokenScope = 'read';

/** "Read only" for "read"; an unknown scope is shown as it is. */
export function scopeLabel(scope: string): string {
  return TOKEN_SCOPES.find((s) => s.value === scope)?.label ?? scope;
}

/** The one-line explanation of a scope ('' for an unknown one). */
export function scopeDescription(scope: string): string {
  return TOKEN_SCOPES.find((s) => s.value === scope)?.description ?? '';
}

/** How long a new token may live, in days (the server takes 1–365). */
export const TOKEN_EXPIRY_DAYS = [30, 90, 180, 365] as const;
export type ExpiryDays = (typeof TOKEN_EXPIRY_DAYS)[number];
export const DEFAULT_EXPIRY_DAYS: ExpiryDays = 90;

const DAY_MS = 24 * 3600 * 1000;

/** When a token made at `now` (ms) with that many days stops working (ms since the epoch). */
export function expiryFrom(now: number, days: number): number {
  return now + days * DAY_MS;
}

/** True when the token's expiry (an API timestamp) is past at `now` (ms); false when unreadable. */
export function tokenExpired(expiresAt: string | null | undefined, now: number): boolean {
  if (!expiresAt) return false;
  const t = Date.parse(expiresAt);
  return !Number.isNaN(t) && t <= now;
}

/* ---------- changing the password ---------- */

export const PASSWORD_FIELDS = ['current_password', 'new_password', 'confirm_password'] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];

/** The server's bounds of a password, in bytes of UTF-8 (characters, for the usual ones). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const utf8 = new TextEncoder();

export interface PasswordChange {
  current: string;
  next: string;
  confirm: string;
}

/**
 * What stops the form from being sent (the first field in the form's order), or null. The
 * current password is only checked for being there: the server says whether it is right.
 */
export function passwordChangeProblem({ current, next, confirm }: PasswordChange): { field: PasswordField; message: string } | null {
  if (current === '') return { field: 'current_password', message: 'Enter your current password.' };
  if (next === '') return { field: 'new_password', message: 'Enter a new password.' };
  const bytes = utf8.encode(next).length;
  if (bytes < PASSWORD_MIN) return { field: 'new_password', message: `The new password needs at least ${PASSWORD_MIN} characters.` };
  if (bytes > PASSWORD_MAX) return { field: 'new_password', message: `The new password may have at most ${PASSWORD_MAX} characters.` };
  if (next === current) return { field: 'new_password', message: 'The new password is the same as the current one.' };
  if (confirm !== next) return { field: 'confirm_password', message: 'The two new passwords do not match.' };
  return null;
}
