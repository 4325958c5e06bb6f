import { describe, expect, it } from 'vitest';
import { formatCompound, formatPercent, intentLabel, joinWords, languageName, percentages } from './words';

describe('percentages', () => {
  it('adds up to 100', () => {
    expect(percentages([0.4, 0.6, 0])).toEqual([40, 60, 0]);
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentages([0.333, 0.333, 0.334]).reduce((a, b) => a + b, 0)).toBe(100);
    expect(percentages([0.123, 0.456, 0.421])).toEqual([12, 46, 42]);
  });
  it('copes with zeros and junk', () => {
    expect(percentages([0, 0, 0])).toEqual([0, 0, 0]);
    expect(percentages([Number.NaN, -1, 2])).toEqual([0, 0, 100]);
  });
});

describe('formatting', () => {
  it('formats the compound score with a sign', () => {
    expect(formatCompound(-0.8316)).toBe('\u22120.83');
    expect(formatCompound(0.5)).toBe('+0.50');
    expect(formatCompound(0)).toBe('0.00');
    expect(formatCompound(-0.001)).toBe('0.00');
  });
  it('formats confidences', () => {
    expect(formatPercent(0.973)).toBe('97%');
    expect(formatPercent(1.2)).toBe('100%');
  });
  it('names languages, and not unknown ones', () => {
    expect(languageName('en')).toBe('English');
    expect(languageName('fr')).toBe('French');
    expect(languageName('unknown')).toBeNull();
    expect(languageName('')).toBeNull();
    expect(languageName('not a code')).toBeNull();
  });
  it('names intents', () => {
    expect(intentLabel('complaint')).toBe('Complaint');
    expect(intentLabel('new_kind')).toBe('New kind');
  });
});

describe('joinWords', () => {
  it('joins with commas and a last and', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
