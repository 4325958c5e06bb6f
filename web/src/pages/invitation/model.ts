// The invitation page's pure logic (unit-tested in model.test.ts): what the visitor can do with the
// link, the sign-up form's own checks (the server's rules: a name, a password of 10 to 200), and
// which answers mean that the link is dead.
import { ApiError } from '../../api/client';
import { countCodePoints } from '../../lib/text';

/** What the page offers: accept as the logged-in invitee, log in first, create the account, or not this user. */
export type Step = 'accept' | 'log-in' | 'sign-up' | 'other-user';

/** E-mail addresses compared as the server does for logins: trimmed, case aside. */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function stepFor(preview: { email: string; account_exists: boolean }, user: { email: string } | null): Step {
  if (user) return sameEmail(user.email, preview.email) ? 'accept' : 'other-user';
  return preview.account_exists ? 'log-in' : 'sign-up';
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
/** The server's limit of a name, in bytes of UTF-8. */
export const NAME_MAX_BYTES = 120;

export const SIGNUP_FIELDS = ['name', 'password', 'confirm'] as const;
export type SignupField = (typeof SIGNUP_FIELDS)[number];

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** The first problem of the sign-up form (name, then password, then its confirmation), or null. */
export function signupProblem(name: string, password: string, confirm: string): { field: SignupField; message: string } | null {
  const n = name.trim();
  if (n === '') return { field: 'name', message: 'Enter your name.' };
  if (utf8Length(n) > NAME_MAX_BYTES) return { field: 'name', message: 'The name is too long.' };
  if (/[\u0000-\u001f\u007f]/.test(n)) return { field: 'name', message: 'The name cannot hold control characters.' };
  if (countCodePoints(password) < PASSWORD_MIN)
    return { field: 'password', message: `The password needs at least ${PASSWORD_MIN} characters.` };
  // The server counts bytes: a character outside ASCII takes two to four.
  if (utf8Length(password) > PASSWORD_MAX)
    return { field: 'password', message: `The password can have at most ${PASSWORD_MAX} characters.` };
  if (confirm !== password) return { field: 'confirm', message: 'The two passwords are not the same.' };
  return null;
}

/** The link is unknown, used, withdrawn or expired (the server answers 404 for all of them). */
export function isGone(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404;
}

/** An account with the invitation's e-mail exists (sign-up refused): log in and accept instead. */
export function accountExists(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409;
}
