import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, timeValue } from './time';

describe('API timestamps', () => {
  it('reads the ISO strings of the API as milliseconds', () => {
    expect(timeValue('2026-12-02T19:32:58.123Z')).toBe(Date.UTC(2026, 11, 2, 19, 32, 58, 123));
    expect(timeValue('2026-12-02T19:32:58Z')).toBe(Date.UTC(2026, 11, 2, 19, 32, 58));
  });
  it('gives NaN for no time or an unreadable one, so that tables sort them last', () => {
    expect(timeValue(null)).toBeNaN();
    expect(timeValue(undefined)).toBeNaN();
    expect(timeValue('')).toBeNaN();
    expect(timeValue('yesterday')).toBeNaN();
  });
  it('formats a time, shows an unreadable one as it is and none as a dash', () => {
    expect(formatDateTime('2026-12-02T19:32:58.123Z')).toMatch(/2026/);
    expect(formatDate('2026-12-02T19:32:58.123Z')).toMatch(/2026/);
    expect(formatDateTime('soon')).toBe('soon');
    expect(formatDateTime(null)).toBe('—');
  });
});
