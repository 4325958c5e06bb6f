// Pure helpers of the draft checker (unit-tested in model.test.ts): the preview of a draft split
// into its highlighted pieces (entities, personal data, the part past the limit; the server's indices
// are code points, converted with lib/text.ts), the words for what was found, and the one-line
// summary read to screen readers.
import type { BodyOf } from '../../api/client';
import type { Enrichment } from '../../api/types';
import { codePointOffsets } from '../../lib/text';
import { intentLabel, joinWords, languageName, networkLabel } from '../../lib/words';

/** What the server reads off a draft. Every start / end is a code-point index (end exclusive). */
export type TextAnalysis = Enrichment;
export type AnalyzeRequest = BodyOf<'/api/v1/text/analyze', 'post'>;
export type EntityType = Enrichment['entities'][number]['type'];
export type PiiKind = Enrichment['pii'][number]['kind'];

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

/* ---------- words ---------- */

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
