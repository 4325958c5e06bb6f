// Pure helpers of the draft checker (pages/publishing.tsx): the server counts in Unicode code
// points, JavaScript strings in UTF-16 code units; these convert between the two and split a
// draft into the highlighted pieces of its preview.
import type { EntityType, Network, PiiKind, SentimentLabel, TextAnalysis } from './api';

/* ---------- code points and UTF-16 ---------- */

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

/* ---------- the preview's pieces ---------- */

export interface Segment {
  /** The piece of the text. */
  text: string;
  /** Code-point range [start, end) of the piece in the analysed text. */
  start: number;
  end: number;
  /** The entity the piece belongs to (its type, and its index in `entities` to tell neighbours apart). */
  entity: EntityType | null;
  entityIndex: number;
  /** The personal data the piece belongs to, and its index in `pii`. */
  pii: PiiKind | null;
  piiIndex: number;
  /** The piece lies past the network's limit. */
  over: boolean;
}

export interface Highlights {
  entities?: readonly { type: EntityType; start: number; end: number }[];
  pii?: readonly { kind: PiiKind; start: number; end: number }[];
  /** Code-point index of the first character past the limit, or null. */
  overAt?: number | null;
}

/**
 * Splits `text` into consecutive pieces that each carry one set of highlights: the entity and the
 * personal data covering them (the first listed wins where ranges overlap) and whether they are past
 * the limit. Ranges are code-point indices; out-of-range or empty ones are clamped or ignored.
 * Joining the pieces' text gives `text` back.
 */
export function segmentText(text: string, h: Highlights): Segment[] {
  const offsets = codePointOffsets(text);
  const n = offsets.length - 1;
  const clamp = (v: number) => (Number.isFinite(v) ? Math.min(Math.max(Math.trunc(v), 0), n) : 0);
  const entities = (h.entities ?? []).map((e) => ({ t: e.type, a: clamp(e.start), b: clamp(e.end) }));
  const pii = (h.pii ?? []).map((p) => ({ t: p.kind, a: clamp(p.start), b: clamp(p.end) }));
  const overAt = h.overAt === null || h.overAt === undefined ? null : clamp(h.overAt);

  const cuts = new Set<number>([0, n]);
  for (const r of [...entities, ...pii]) {
    if (r.b > r.a) {
      cuts.add(r.a);
      cuts.add(r.b);
    }
  }
  if (overAt !== null) cuts.add(overAt);
  const points = [...cuts].sort((x, y) => x - y);

  const out: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k]!;
    const b = points[k + 1]!;
    if (b <= a) continue;
    const ei = entities.findIndex((r) => r.a <= a && b <= r.b);
    const pi = pii.findIndex((r) => r.a <= a && b <= r.b);
    const over = overAt !== null && a >= overAt;
    const prev = out[out.length - 1];
    if (prev && prev.entityIndex === ei && prev.piiIndex === pi && prev.over === over) {
      prev.end = b;
      prev.text = text.slice(offsets[prev.start]!, offsets[b]!);
      continue;
    }
    out.push({
      text: text.slice(offsets[a]!, offsets[b]!),
      start: a,
      end: b,
      entity: ei >= 0 ? entities[ei]!.t : null,
      entityIndex: ei,
      pii: pi >= 0 ? pii[pi]!.t : null,
      piiIndex: pi,
      over,
    });
  }
  return out;
}

/* ---------- numbers and words ---------- */

/**
 * Whole percentages of the parts that add up to exactly 100 (largest remainder), for bars whose
 * parts must fill the whole. All parts zero (or invalid) gives all zeros.
 */
export function percentages(parts: readonly number[]): number[] {
  const clean = parts.map((p) => (Number.isFinite(p) && p > 0 ? p : 0));
  const total = clean.reduce((s, p) => s + p, 0);
  if (total <= 0) return clean.map(() => 0);
  const exact = clean.map((p) => (p / total) * 100);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((s, p) => s + p, 0);
  const order = exact
    .map((e, i) => ({ i, r: e - Math.floor(e) }))
    .sort((x, y) => y.r - x.r || x.i - y.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left--;
  }
  return floors;
}

/** -0.8316 -> "−0.83", 0.5 -> "+0.50", 0 -> "0.00" (a true minus sign, for reading). */
export function formatCompound(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const s = Math.abs(v).toFixed(2);
  if (s === '0.00') return '0.00';
  return `${v < 0 ? '\u2212' : '+'}${s}`;
}

/** 0.973 -> "97%". */
export function formatPercent(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return `${Math.round(Math.min(Math.max(v, 0), 1) * 100)}%`;
}

export const NETWORKS: readonly { value: Network; label: string }[] = [
  { value: 'x', label: 'X' },
  { value: 'mastodon', label: 'Mastodon' },
  { value: 'bluesky', label: 'Bluesky' },
  { value: 'linkedin', label: 'LinkedIn' },
  { value: 'facebook', label: 'Facebook' },
  { value: 'instagram', label: 'Instagram' },
  { value: 'other', label: 'Other' },
];

export function networkLabel(n: string): string {
  return NETWORKS.find((x) => x.value === n)?.label ?? n;
}

export const ENTITY_LABELS: Record<EntityType, string> = {
  mention: 'Mention',
  hashtag: 'Hashtag',
  url: 'Link',
  cashtag: 'Cashtag',
  list: 'List',
};

export const PII_LABELS: Record<PiiKind, string> = {
  email: 'email address',
  phone: 'phone number',
  card: 'payment card number',
  iban: 'bank account number (IBAN)',
};

const INTENT_LABELS: Record<string, string> = {
  complaint: 'Complaint',
  support: 'Support request',
  purchase: 'Purchase intent',
  praise: 'Praise',
  question: 'Question',
  press: 'Press enquiry',
  crisis: 'Crisis',
  job: 'Job enquiry',
  spam: 'Spam',
};

export function intentLabel(intent: string): string {
  return INTENT_LABELS[intent] ?? (intent.charAt(0).toUpperCase() + intent.slice(1)).replace(/_/g, ' ');
}

export const SENTIMENT_LABELS: Record<SentimentLabel, string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
};

/** "en" -> "English"; null for "unknown", "" and codes that name no language. */
export function languageName(code: string): string | null {
  const c = code.trim();
  if (c === '' || c.toLowerCase() === 'unknown' || c.toLowerCase() === 'und') return null;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(c);
    return name && name.toLowerCase() !== c.toLowerCase() ? name : null;
  } catch {
    return null;
  }
}

/** "1 phone number", "2 email addresses": the personal data found, in words. */
export function describePii(pii: readonly { kind: PiiKind }[]): string {
  const counts = new Map<PiiKind, number>();
  for (const p of pii) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  const parts: string[] = [];
  for (const [kind, count] of counts) {
    const label = PII_LABELS[kind] ?? kind;
    parts.push(count === 1 ? `1 ${label}` : `${count} ${plural(label)}`);
  }
  return joinWords(parts);
}

function plural(label: string): string {
  if (label.endsWith(' (IBAN)')) return `${plural(label.slice(0, -7))} (IBAN)`;
  if (/(ss|sh|ch|x)$/.test(label)) return `${label}es`;
  return `${label}s`;
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The one-line summary of an analysis that screen readers hear when it arrives. */
export function summarize(r: TextAnalysis): string {
  const L = r.length;
  const len = `${L.length} of ${L.limit} ${L.unit} on ${networkLabel(r.network)}`;
  const fits = L.valid ? 'fits' : L.length > L.limit ? `${L.length - L.limit} over the limit` : 'has a problem';
  const parts = [`${len}, ${fits}.`];
  const lang = languageName(r.language.code);
  parts.push(lang ? `Language ${lang}.` : 'Language unknown.');
  parts.push(`Sentiment ${r.sentiment.label}.`);
  if (r.intents.length) parts.push(`Intent: ${joinWords(r.intents.map((i) => intentLabel(i.intent).toLowerCase()))}.`);
  if (r.pii.length) parts.push(`Personal data: ${describePii(r.pii)}.`);
  return parts.join(' ');
}
