import { describe, expect, it } from 'vitest';
import { codePointOffsets, countCodePoints, sliceCodePoints, utf16Index, wellFormed } from './text';

// U+1F600 (astral: two UTF-16 code units, one code point), U+1D400 MATHEMATICAL BOLD CAPITAL A,
// a family emoji (7 code points joined by ZWJ: one grapheme), a flag (two regional indicators),
// e + combining acute (two code points), and U+00E9 (one code point).
const GRIN = '\u{1F600}';
const BOLD_A = '\u{1D400}';
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
const FLAG = '\u{1F1EB}\u{1F1F7}';

describe('codePointOffsets', () => {
  it('is the identity plus the end for ASCII', () => {
    expect(codePointOffsets('abc')).toEqual([0, 1, 2, 3]);
    expect(codePointOffsets('')).toEqual([0]);
  });
  it('counts a surrogate pair as one code point of two code units', () => {
    const t = `a${GRIN}b`;
    expect(t.length).toBe(4);
    expect(codePointOffsets(t)).toEqual([0, 1, 3, 4]);
    expect(countCodePoints(t)).toBe(3);
  });
  it('counts every code point of an emoji sequence', () => {
    // 4 astral emoji + 3 ZWJ = 7 code points, 11 code units.
    expect(FAMILY.length).toBe(11);
    expect(countCodePoints(FAMILY)).toBe(7);
    expect(countCodePoints(FLAG)).toBe(2);
    expect(countCodePoints('e\u0301\u00e9')).toBe(3);
    expect(countCodePoints(BOLD_A + BOLD_A)).toBe(2);
  });
  it('counts a lone surrogate as one code point', () => {
    expect(codePointOffsets('a\uD83Db')).toEqual([0, 1, 2, 3]);
    expect(codePointOffsets('\uDE00\uD83D')).toEqual([0, 1, 2]);
    // A high surrogate at the very end.
    expect(countCodePoints(`x${GRIN}\uD83D`)).toBe(3);
  });
  it('agrees with the string iterator', () => {
    for (const t of ['', 'plain', GRIN, FAMILY, FLAG, `${BOLD_A}x${GRIN}\uD800`, 'e\u0301']) {
      expect(countCodePoints(t)).toBe([...t].length);
    }
  });
});

describe('utf16Index / sliceCodePoints', () => {
  it('maps code-point indices past astral characters', () => {
    const t = `${GRIN}${GRIN} @acme`;
    const o = codePointOffsets(t);
    expect(utf16Index(o, 0)).toBe(0);
    expect(utf16Index(o, 1)).toBe(2);
    expect(utf16Index(o, 2)).toBe(4);
    expect(utf16Index(o, 3)).toBe(5);
    expect(sliceCodePoints(t, 3, 8)).toBe('@acme');
  });
  it('clamps indices outside the text', () => {
    const o = codePointOffsets(`a${GRIN}`);
    expect(utf16Index(o, -5)).toBe(0);
    expect(utf16Index(o, 99)).toBe(3);
    expect(utf16Index(o, Number.NaN)).toBe(0);
    expect(utf16Index(o, 1.7)).toBe(1);
    expect(sliceCodePoints('abc', 2, 1)).toBe('');
  });
  it('never splits a surrogate pair', () => {
    const t = `${BOLD_A}${BOLD_A}${BOLD_A}`;
    expect(sliceCodePoints(t, 1, 2)).toBe(BOLD_A);
    expect(sliceCodePoints(FAMILY, 0, 1)).toBe('\u{1F468}');
  });
});

describe('wellFormed', () => {
  it('leaves well-formed text alone', () => {
    const t = `ok ${GRIN} ${FAMILY}`;
    expect(wellFormed(t)).toBe(t);
  });
  it('replaces lone surrogates, keeping every index', () => {
    const t = `a\uD83Db\uDE00${GRIN}\uD83D`;
    const w = wellFormed(t);
    expect(w).toBe(`a\uFFFDb\uFFFD${GRIN}\uFFFD`);
    expect(w.length).toBe(t.length);
    expect(countCodePoints(w)).toBe(countCodePoints(t));
  });
});

