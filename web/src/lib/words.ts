// The words and numbers the UI shows for what the text layer finds, shared by the areas that show it
// (publishing's draft checker, listening's mentions and charts): networks, languages, sentiment and
// intent labels, signed scores and whole percentages. Unit-tested in words.test.ts.
import type { Network, SentimentLabel } from '../api/types';

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

/** "a", "a and b", "a, b and c". */
export function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
