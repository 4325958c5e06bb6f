// The listening part of the JSON API (src/http/openapi.json: /api/v1/topics*, /listening/share,
// /alerts*): its types and calls, over the shared client in ../../api.ts (CSRF, errors, 401).
import { request, type SentimentLabel } from '../../api';

export interface Topic {
  id: number;
  /** The owning unit's slug. */
  unit: string;
  unit_name: string;
  name: string;
  query: string;
  /** ms since the epoch. */
  created_at: number;
  updated_at: number;
  /** Mentions matched so far (back-filled when the topic was saved). */
  mentions: number;
}

/** One error of a query. `column` is 1-based and counts code points. */
export interface QueryError {
  column: number;
  message: string;
  expected: string;
}

export interface Validation {
  valid: boolean;
  errors: QueryError[];
  /** The query as the server reads it (operators upper case, groups in parentheses), when valid. */
  canonical: string | null;
}

export interface Mention {
  id: number;
  network: string;
  external_id: string;
  author: { handle: string; name: string; followers: number | null };
  contact_id?: number | null;
  text: string;
  url: string;
  /** ms since the epoch. */
  created_at: number;
  language: string;
  sentiment: { compound: number; label: SentimentLabel };
  intents: string[];
  /** How many pieces of personal data the text holds. */
  pii: number;
  /** The matched terms: [start, end) in UTF-16 code units of `text` (JavaScript string indices). */
  highlights: [number, number][];
}

export interface PreviewResult {
  scanned: number;
  matched: number;
  items: Mention[];
}

export interface MentionPage {
  items: Mention[];
  /** Cursor of the next (older) page, or null at the end. */
  next: string | null;
}

export interface HourPoint {
  /** Start of the hour, ms since the epoch. */
  hour: number;
  total: number;
  positive: number;
  neutral: number;
  negative: number;
}

export interface Count {
  value: string;
  count: number;
}

export interface TopicStats {
  total: number;
  /** Every hour of the range, zeros included. */
  hours: HourPoint[];
  networks: Count[];
  languages: Count[];
  intents: Count[];
  /** From the newest matches (`sample` of them), not the whole range. */
  hashtags: Count[];
  authors: Count[];
  sample: number;
  from: number;
  to: number;
}

export interface ShareOfVoice {
  total: number;
  topics: { id: number; name: string; count: number; share: number }[];
}

export type AlertKind = 'volume' | 'negative';

export interface Alert {
  id: number;
  topic_id: number;
  /** The topic's name and unit slug, or null when the topic is gone. */
  topic: string | null;
  unit: string | null;
  kind: AlertKind;
  /** Start of the hour that spiked, ms since the epoch. */
  hour: number;
  observed: number;
  expected: number;
  z: number;
  created_at: number;
  acknowledged: boolean;
}

const q = (params: Record<string, string | number | null | undefined>): string => {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
};

export const listeningApi = {
  topics: () => request<{ items: Topic[] }>('GET', '/api/v1/topics').then((r) => r.items),
  createTopic: (unit: string, name: string, query: string) =>
    request<Topic>('POST', '/api/v1/topics', { unit, name, query }),
  updateTopic: (id: number, name: string, query: string) =>
    request<Topic>('PUT', `/api/v1/topics/${id}`, { name, query }),
  deleteTopic: (id: number) => request<void>('DELETE', `/api/v1/topics/${id}`),

  validate: (query: string, signal?: AbortSignal) =>
    request<Validation>('POST', '/api/v1/topics/validate', { query }, { signal }),
  preview: (query: string, signal?: AbortSignal, limit = 20) =>
    request<PreviewResult>('POST', '/api/v1/topics/preview', { query, limit }, { signal }),

  mentions: (id: number, cursor: string | null, limit = 20) =>
    request<MentionPage>('GET', `/api/v1/topics/${id}/mentions${q({ limit, cursor })}`),
  stats: (id: number, from: number, to: number, signal?: AbortSignal) =>
    request<TopicStats>('GET', `/api/v1/topics/${id}/stats${q({ from, to })}`, undefined, { signal }),
  share: (ids: readonly number[], from: number, to: number, signal?: AbortSignal) =>
    request<ShareOfVoice>('GET', `/api/v1/listening/share${q({ topics: ids.join(','), from, to })}`, undefined, {
      signal,
    }),

  alerts: () => request<{ items: Alert[] }>('GET', '/api/v1/alerts').then((r) => r.items),
  acknowledge: (id: number) => request<{ id: number; acknowledged: boolean }>('POST', `/api/v1/alerts/${id}/acknowledge`),
};
