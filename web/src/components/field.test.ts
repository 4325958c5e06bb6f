import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { describedBy, errorField } from './field';

describe('fields', () => {
  it('describes an input by its error first, then its hint', () => {
    expect(describedBy('e', 'h')).toBe('e h');
    expect(describedBy(undefined, 'h')).toBe('h');
    expect(describedBy(undefined, undefined)).toBeUndefined();
  });
  it('shows an API error beside the field it names, when the form has that field', () => {
    const e = new ApiError(400, 'invalid_argument', 'Slug taken.', 'slug');
    expect(errorField(e, ['name', 'slug'])).toBe('slug');
    expect(errorField(e, ['name'])).toBeNull();
    expect(errorField(new Error('x'), ['slug'])).toBeNull();
  });
});
