import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPIRY_DAYS,
  DEFAULT_SCOPE,
  TOKEN_EXPIRY_DAYS,
  TOKEN_SCOPES,
  expiryFrom,
  passwordChangeProblem,
  scopeDescription,
  scopeLabel,
  tokenExpired,
  tokenNameProblem,
} from './model';

describe('tokenNameProblem', () => {
  it('wants a name', () => {
    expect(tokenNameProblem('   ')).toMatch(/Give the token a name/);
  });
  it('limits its length, after trimming', () => {
    expect(tokenNameProblem('x'.repeat(101))).toBe('At most 100 characters.');
    expect(tokenNameProblem(` ${'x'.repeat(100)} `)).toBeNull();
    expect(tokenNameProblem('CRM sync')).toBeNull();
  });
});

describe('token scopes', () => {
  it('offers read, write and ingest, read (least privilege) first and by default', () => {
    expect(TOKEN_SCOPES.map((s) => s.value)).toEqual(['read', 'write', 'ingest']);
    expect(DEFAULT_SCOPE).toBe('read');
    expect(TOKEN_SCOPES[0]!.value).toBe(DEFAULT_SCOPE);
  });
  it('names each scope and explains it in one line', () => {
    expect(scopeLabel('read')).toBe('Read only');
    expect(scopeLabel('write')).toBe('Read and write');
    expect(scopeLabel('ingest')).toBe('Ingest only');
    for (const s of TOKEN_SCOPES) {
      expect(scopeDescription(s.value)).not.toBe('');
      expect(s.description).not.toMatch(/\n/);
    }
  });
  it('shows an unknown scope as it is', () => {
    expect(scopeLabel('admin')).toBe('admin');
    expect(scopeDescription('admin')).toBe('');
  });
});

describe('token expiry', () => {
  it('offers 30 to 365 days, 90 by default, within what the server takes', () => {
    expect([...TOKEN_EXPIRY_DAYS]).toEqual([30, 90, 180, 365]);
    expect(DEFAULT_EXPIRY_DAYS).toBe(90);
    for (const d of TOKEN_EXPIRY_DAYS) expect(d >= 1 && d <= 365).toBe(true);
  });
  it('computes the day a new token stops working', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(new Date(expiryFrom(now, 30)).toISOString()).toBe('2026-01-31T12:00:00.000Z');
    expect(new Date(expiryFrom(now, 365)).toISOString()).toBe('2027-01-01T12:00:00.000Z');
  });
  it('says a token is expired once its expiry is past', () => {
    const now = Date.parse('2026-03-10T10:00:00Z');
    expect(tokenExpired('2026-03-10T09:59:59.999Z', now)).toBe(true);
    expect(tokenExpired('2026-03-10T10:00:00.000Z', now)).toBe(true);
    expect(tokenExpired('2026-03-10T10:00:00.001Z', now)).toBe(false);
    expect(tokenExpired('2027-01-01T00:00:00Z', now)).toBe(false);
  });
  it('does not call an absent or unreadable expiry past', () => {
    expect(tokenExpired(null, Date.now())).toBe(false);
    expect(tokenExpired(undefined, Date.now())).toBe(false);
    expect(tokenExpired('soon', Date.now())).toBe(false);
  });
});

describe('passwordChangeProblem', () => {
  const ok = { current: 'old password 1', next: 'a brand new one', confirm: 'a brand new one' };

  it('accepts a good change', () => {
    expect(passwordChangeProblem(ok)).toBeNull();
  });
  it('wants the current password', () => {
    expect(passwordChangeProblem({ ...ok, current: '' })).toEqual({
      field: 'current_password',
      message: 'Enter your current password.',
    });
  });
  it('checks the new password is 10 to 200 characters', () => {
    expect(passwordChangeProblem({ ...ok, next: '', confirm: '' })?.field).toBe('new_password');
    expect(passwordChangeProblem({ ...ok, next: 'x'.repeat(9), confirm: 'x'.repeat(9) })).toEqual({
      field: 'new_password',
      message: 'The new password needs at least 10 characters.',
    });
    expect(passwordChangeProblem({ ...ok, next: 'x'.repeat(10), confirm: 'x'.repeat(10) })).toBeNull();
    expect(passwordChangeProblem({ ...ok, next: 'x'.repeat(200), confirm: 'x'.repeat(200) })).toBeNull();
    expect(passwordChangeProblem({ ...ok, next: 'x'.repeat(201), confirm: 'x'.repeat(201) })?.message).toBe(
      'The new password may have at most 200 characters.',
    );
  });
  it('counts the bytes the server counts (UTF-8)', () => {
    // 5 characters of 3 bytes each: 15 bytes, enough for the server.
    expect(passwordChangeProblem({ ...ok, next: '€€€€€', confirm: '€€€€€' })).toBeNull();
    // 100 characters of 3 bytes: 300 bytes, too many.
    expect(passwordChangeProblem({ ...ok, next: '€'.repeat(100), confirm: '€'.repeat(100) })?.field).toBe('new_password');
  });
  it('refuses the current password as the new one', () => {
    expect(passwordChangeProblem({ current: 'same password', next: 'same password', confirm: 'same password' })?.message).toMatch(
      /same as the current/,
    );
  });
  it('checks the confirmation matches, after the new password itself', () => {
    expect(passwordChangeProblem({ ...ok, confirm: 'a brand new on' })).toEqual({
      field: 'confirm_password',
      message: 'The two new passwords do not match.',
    });
    expect(passwordChangeProblem({ ...ok, next: 'short', confirm: 'other' })?.field).toBe('new_password');
  });
});
