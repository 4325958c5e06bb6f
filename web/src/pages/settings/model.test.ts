import { describe, expect, it } from 'vitest';
import { tokenNameProblem } from './model';

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
