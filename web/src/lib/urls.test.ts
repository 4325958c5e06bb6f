import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from './urls';

describe('safeHttpUrl', () => {
  it('keeps http and https addresses', () => {
    expect(safeHttpUrl('https://mastodon.social/@a/1')).toBe('https://mastodon.social/@a/1');
    expect(safeHttpUrl('http://example.com/x?y=1')).toBe('http://example.com/x?y=1');
  });
  it('refuses script and data URLs however they are written', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl(' JavaScript:alert(1)')).toBeNull();
    expect(safeHttpUrl('java\tscript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHttpUrl('vbscript:msgbox')).toBeNull();
  });
  it('refuses relative, empty and malformed values', () => {
    expect(safeHttpUrl('/api/v1/units')).toBeNull();
    expect(safeHttpUrl('')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
    expect(safeHttpUrl('http//missing-colon')).toBeNull();
  });
});
