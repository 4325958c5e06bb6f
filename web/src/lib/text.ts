// Pure helpers over text as the server counts it: the server counts in Unicode code points,
// JavaScript strings in UTF-16 code units; these convert between the two. Used by the draft checker
// (publishing) and the query editor (listening). Unit-tested in text.test.ts.

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

/**
 * The text with every lone surrogate replaced by U+FFFD (what String.prototype.toWellFormed does).
 * A lone surrogate cannot be sent as UTF-8 JSON; U+FFFD is one code unit too, so every UTF-16
 * index of the text stays where it was.
 */
export function wellFormed(text: string): string {
  let out: string[] | null = null;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (isHigh(u) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (isHigh(u) || isLow(u)) {
      out ??= text.split('');
      out[i] = '\uFFFD';
    }
  }
  return out ? out.join('') : text;
}

/**
 * The UTF-16 index at which each code point of `text` starts, plus text.length at the end:
 * offsets[cp] is the string index of code point cp, for 0 <= cp <= (number of code points).
 * A surrogate pair is one code point (two code units); a lone surrogate is one code point.
 */
export function codePointOffsets(text: string): number[] {
  const offsets: number[] = [];
  let i = 0;
  while (i < text.length) {
    offsets.push(i);
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  offsets.push(text.length);
  return offsets;
}

/** How many code points `text` has (what the server calls code_points). */
export function countCodePoints(text: string): number {
  return codePointOffsets(text).length - 1;
}

/** The UTF-16 index of code point `cp`, clamped to the text (indices from the server are not trusted). */
export function utf16Index(offsets: readonly number[], cp: number): number {
  const n = offsets.length - 1;
  const c = Number.isFinite(cp) ? Math.min(Math.max(Math.trunc(cp), 0), n) : 0;
  return offsets[c]!;
}

/** The code points [start, end) of `text`, as a string. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const offsets = codePointOffsets(text);
  const a = utf16Index(offsets, start);
  const b = utf16Index(offsets, end);
  return b > a ? text.slice(a, b) : '';
}
