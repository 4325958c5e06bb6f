import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { accountExists, isGone, sameEmail, signupProblem, stepFor } from './model';

describe('stepFor', () => {
  const invite = (account_exists: boolean) => ({ email: 'New.Person@x.example', account_exists });
  it('offers accepting to the invitee, whatever the case of the address', () => {
    expect(stepFor(invite(true), { email: 'new.person@x.example' })).toBe('accept');
    expect(stepFor(invite(true), { email: ' NEW.PERSON@X.EXAMPLE' })).toBe('accept');
  });
  it('asks a visitor to log in when the account exists, else to create it', () => {
    expect(stepFor(invite(true), null)).toBe('log-in');
    expect(stepFor(invite(false), null)).toBe('sign-up');
  });
  it('tells someone else that the invitation is not theirs', () => {
    expect(stepFor(invite(true), { email: 'other@x.example' })).toBe('other-user');
    expect(stepFor(invite(false), { email: 'other@x.example' })).toBe('other-user');
  });
  it('compares addresses trimmed and case aside', () => {
    expect(sameEmail('A@B.example ', 'a@b.EXAMPLE')).toBe(true);
    expect(sameEmail('a@b.example', 'a@c.example')).toBe(false);
  });
});

describe('signupProblem', () => {
  const ok = 'correct-horse';
  it('asks for the name first', () => {
    expect(signupProblem('  ', ok, ok)).toEqual({ field: 'name', message: 'Enter your name.' });
    expect(signupProblem('x'.repeat(121), ok, ok)?.field).toBe('name');
    expect(signupProblem('a\u0007b', ok, ok)?.field).toBe('name');
  });
  it('holds the password to 10 to 200 characters', () => {
    expect(signupProblem('Ann', 'short', 'short')).toEqual({
      field: 'password',
      message: 'The password needs at least 10 characters.',
    });
    expect(signupProblem('Ann', 'x'.repeat(10), 'x'.repeat(10))).toBeNull();
    expect(signupProblem('Ann', 'x'.repeat(200), 'x'.repeat(200))).toBeNull();
    expect(signupProblem('Ann', 'x'.repeat(201), 'x'.repeat(201))).toEqual({
      field: 'password',
      message: 'The password can have at most 200 characters.',
    });
    // Ten emoji are ten characters (and 40 bytes, within the server's 200).
    const emoji = '🌼'.repeat(10);
    expect(signupProblem('Ann', emoji, emoji)).toBeNull();
  });
  it('wants the password twice, the same', () => {
    expect(signupProblem('Ann', ok, 'correct-horsf')).toEqual({ field: 'confirm', message: 'The two passwords are not the same.' });
    expect(signupProblem(' Ann ', ok, ok)).toBeNull();
  });
});

describe('answers', () => {
  it('reads a 404 as a dead link and a 409 as an existing account', () => {
    expect(isGone(new ApiError(404, 'not_found', 'no such invitation'))).toBe(true);
    expect(isGone(new ApiError(403, 'permission_denied', 'not yours'))).toBe(false);
    expect(isGone(new Error('x'))).toBe(false);
    expect(accountExists(new ApiError(409, 'already_exists', 'account exists'))).toBe(true);
    expect(accountExists(new ApiError(404, 'not_found', 'gone'))).toBe(false);
  });
});
