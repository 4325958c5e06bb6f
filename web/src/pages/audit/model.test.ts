import { describe, expect, it } from 'vitest';
import { entries, isEmpty, pretty, verdict } from './model';

describe('before and after', () => {
  it('knows an event from a change', () => {
    expect(isEmpty(null)).toBe(true);
    expect(isEmpty('')).toBe(true);
    expect(isEmpty(undefined)).toBe(true);
    expect(isEmpty({ name: 'x' })).toBe(false);
    expect(isEmpty(0)).toBe(false);
  });
  it('indents JSON, parsing JSON text first', () => {
    expect(pretty({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(pretty('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(pretty('not json')).toBe('not json');
    expect(pretty(null)).toBe('—');
  });
});

describe('verdict', () => {
  it('says the chain holds', () => {
    expect(verdict({ ok: true, checked: 43, first_bad_id: null, message: 'intact' })).toEqual({
      ok: true,
      title: 'The chain is intact.',
      detail: '43 entries checked.',
    });
    expect(entries(1)).toBe('1 entry');
  });
  it('names the first broken entry and the server’s message', () => {
    expect(verdict({ ok: false, checked: 7, first_bad_id: 5, message: 'hash mismatch at 5' })).toEqual({
      ok: false,
      title: 'The chain is broken at entry #5.',
      detail: '7 entries checked. hash mismatch at 5',
    });
  });
});
