import { describe, expect, it } from 'vitest';
import { countCodePoints } from '../../lib/text';
import { describePii, segmentText, summarize, type TextAnalysis } from './model';

// U+1F600 (astral: two UTF-16 code units, one code point), U+1D400 MATHEMATICAL BOLD CAPITAL A,
// a family emoji (7 code points joined by ZWJ: one grapheme), a flag (two regional indicators),
// e + combining acute (two code points), and U+00E9 (one code point).
const GRIN = '\u{1F600}';
const BOLD_A = '\u{1D400}';
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
const FLAG = '\u{1F1EB}\u{1F1F7}';

describe('segmentText', () => {
  it('returns the whole text as one plain piece without highlights', () => {
    expect(segmentText('hello', {})).toEqual([
      { text: 'hello', start: 0, end: 5, entity: null, entityIndex: -1, pii: null, piiIndex: -1, over: false },
    ]);
    expect(segmentText('', { overAt: null })).toEqual([]);
  });

  it('highlights entities at code-point indices after emoji', () => {
    // "😀 @AcmeAir #fail 👨‍👩‍👧‍👦 https://x.co"
    const t = `${GRIN} @AcmeAir #fail ${FAMILY} https://x.co`;
    // code points: 😀=0, ' '=1, @AcmeAir=2..10, ' '=10, #fail=11..16, ' '=16, family=17..24, ' '=24, url=25..37
    const segs = segmentText(t, {
      entities: [
        { type: 'mention', start: 2, end: 10 },
        { type: 'hashtag', start: 11, end: 16 },
        { type: 'url', start: 25, end: 37 },
      ],
    });
    const marked = segs.filter((s) => s.entity).map((s) => [s.entity, s.text]);
    expect(marked).toEqual([
      ['mention', '@AcmeAir'],
      ['hashtag', '#fail'],
      ['url', 'https://x.co'],
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(t);
  });

  it('marks the part past the limit, splitting entities that straddle it', () => {
    const t = `ab${BOLD_A}cd #tag`;
    // a=0 b=1 𝐀=2 c=3 d=4 ' '=5 #tag=6..10
    const segs = segmentText(t, { entities: [{ type: 'hashtag', start: 6, end: 10 }], overAt: 8 });
    expect(segs.map((s) => [s.text, s.entity, s.over])).toEqual([
      [`ab${BOLD_A}cd `, null, false],
      ['#t', 'hashtag', false],
      ['ag', 'hashtag', true],
    ]);
  });

  it('starts the over part right after an astral character', () => {
    const t = `${GRIN}${GRIN}${GRIN}`;
    const segs = segmentText(t, { overAt: 2 });
    expect(segs.map((s) => [s.text, s.over])).toEqual([
      [`${GRIN}${GRIN}`, false],
      [GRIN, true],
    ]);
  });

  it('combines personal data with the entity that holds it', () => {
    const t = 'call +1 415 555 0123 now';
    const segs = segmentText(t, { pii: [{ kind: 'phone', start: 5, end: 20 }] });
    expect(segs.map((s) => [s.text, s.pii])).toEqual([
      ['call ', null],
      ['+1 415 555 0123', 'phone'],
      [' now', null],
    ]);
    const both = segmentText('see https://x.co/a@b.example', {
      entities: [{ type: 'url', start: 4, end: 28 }],
      pii: [{ kind: 'email', start: 17, end: 28 }],
    });
    expect(both.map((s) => [s.text, s.entity, s.pii])).toEqual([
      ['see ', null, null],
      ['https://x.co/', 'url', null],
      ['a@b.example', 'url', 'email'],
    ]);
  });

  it('keeps adjacent entities of the same type apart', () => {
    const segs = segmentText('#a#b', {
      entities: [
        { type: 'hashtag', start: 0, end: 2 },
        { type: 'hashtag', start: 2, end: 4 },
      ],
    });
    expect(segs.map((s) => [s.text, s.entityIndex])).toEqual([
      ['#a', 0],
      ['#b', 1],
    ]);
  });

  it('clamps and ignores bad ranges from a mismatched answer', () => {
    const t = `x${GRIN}`;
    const segs = segmentText(t, {
      entities: [
        { type: 'mention', start: 5, end: 9 },
        { type: 'url', start: 1, end: 99 },
        { type: 'hashtag', start: 2, end: 1 },
      ],
      overAt: 40,
    });
    expect(segs.map((s) => [s.text, s.entity, s.over])).toEqual([
      ['x', null, false],
      [GRIN, 'url', false],
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(t);
  });

  it('gives every piece of a long mixed text back in order', () => {
    const t = `${FLAG} é e\u0301 ${FAMILY} @a #b $C https://d.e ${BOLD_A}\n${GRIN}`;
    const n = countCodePoints(t);
    const segs = segmentText(t, {
      entities: [
        { type: 'mention', start: 8, end: 10 },
        { type: 'cashtag', start: 14, end: 16 },
      ],
      overAt: n - 3,
    });
    expect(segs.map((s) => s.text).join('')).toBe(t);
    expect(segs[0]!.start).toBe(0);
    expect(segs[segs.length - 1]!.end).toBe(n);
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.start).toBe(segs[i - 1]!.end);
    for (const s of segs) expect(countCodePoints(s.text)).toBe(s.end - s.start);
  });
});

describe('describePii', () => {
  it('describes personal data in words', () => {
    expect(describePii([{ kind: 'phone' }])).toBe('1 phone number');
    expect(describePii([{ kind: 'email' }, { kind: 'email' }, { kind: 'iban' }])).toBe(
      '2 email addresses and 1 bank account number (IBAN)',
    );
  });
});

describe('summarize', () => {
  const base: TextAnalysis = {
    network: 'x',
    code_points: 87,
    invalid_utf8: 0,
    entities: [],
    length: { length: 75, limit: 280, unit: 'weighted characters', valid: true, over_at: null, problems: [] },
    language: { code: 'en', confidence: 0.97, reliable: true },
    sentiment: { positive: 0, neutral: 0.6, negative: 0.4, compound: -0.83, label: 'negative' },
    intents: [{ intent: 'complaint', score: 1.6, cues: ['phrase worst airline'] }],
    pii: [{ kind: 'phone', start: 12, end: 30 }],
    masked: '',
  };
  it('says what matters in one line', () => {
    expect(summarize(base)).toBe(
      '75 of 280 weighted characters on X, fits. Language English. Sentiment negative. Intent: complaint. Personal data: 1 phone number.',
    );
  });
  it('says how far over the limit a draft is', () => {
    const r = {
      ...base,
      network: 'bluesky' as const,
      language: { code: 'unknown', confidence: 0, reliable: false },
      intents: [],
      pii: [],
      length: { ...base.length, length: 320, limit: 300, unit: 'graphemes', valid: false, over_at: 300 },
    };
    expect(summarize(r)).toBe('320 of 300 graphemes on Bluesky, 20 over the limit. Language unknown. Sentiment negative.');
  });
});
