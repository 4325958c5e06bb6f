import { describe, expect, it } from 'vitest';
import { loginProblem } from './model';

describe('loginProblem', () => {
  it('asks for the e-mail first, then the password', () => {
    expect(loginProblem('  ', '')).toEqual({ field: 'email', message: 'Enter your e-mail address.' });
    expect(loginProblem('a@b.example', '')).toEqual({ field: 'password', message: 'Enter your password.' });
  });
  it('lets a filled form through, spaces in the password included', () => {
    expect(loginProblem(' a@b.example ', ' ')).toBeNull();
  });
});
