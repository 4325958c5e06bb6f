// The listening part of the JSON API (/api/v1/topics*, /listening/share, /alerts*, /ingest*): the
// names of its bodies, read off the OpenAPI document, and its calls over the shared client (CSRF,
// errors, 401).
// Every timestamp is an ISO 8601 UTC string ("2026-12-02T19:32:58.123Z"), in answers and in the
// from / to of stats and share; the callers here give ranges in ms since the epoch.
import { api, type Answer, type Schemas } from '../../api/client';

type Stats = Answer<'/api/v1/topics/{id}/stats', 'get'>;

export type Topic = Schemas['Topic'];
export type Mention = Schemas['Mention'];
export type Alert = Schemas['Alert'];
export type AlertKind = Alert['kind'];
/** One error of a query. `column` is 1-based and counts code points. */
export type QueryError = Schemas['QueryError'];
export type Validation = Answer<'/api/v1/topics/validate', 'post'>;
export type PreviewResult = Answer<'/api/v1/topics/preview', 'post'>;
/** A page of a topic's mentions; `next` is the cursor of the next page, null on the last. */
export type MentionPage = Answer<'/api/v1/topics/{id}/mentions', 'get'>;
/** One hour of a topic's volume, by sentiment; `hour` is the start of the hour. */
export type HourPoint = Stats['hours'][number];
export type TopicStats = Schemas['TopicStats'];
/** A value and how often it occurred (networks, languages, hashtags…). */
export type Count = Stats['networks'][number];
export type ShareOfVoice = Answer<'/api/v1/listening/share', 'get'>;
/** What POST /ingest says of a batch: counts, alerts raised and the rejected lines (the first 1,000). */
export type IngestReport = Schemas['IngestReport'];
/** What a node behind the message stream answers: the lines were published, the workers store them. */
export type IngestReceipt = Schemas['IngestReceipt'];
/** A dead letter: a line that yielded no mention, with its reason and the raw line (its first 16 KiB). */
export type RejectedLine = Schemas['RejectedLine'];
/** A page of dead letters, with the count of every reason (whatever the filter) and the total. */
export type RejectedPage = Answer<'/api/v1/ingest/rejected', 'get'>;
export type ReasonCount = RejectedPage['reasons'][number];

/** A time in ms since the epoch as the from / to query parameters take it. */
const iso = (ms: number): string => new Date(ms).toISOString();

export const listeningApi = {
  topics: (): Promise<Topic[]> => api.get('/api/v1/topics').then((r) => r.items),
  /** One topic, with its count so far and the progress of its back-fill (polled while it runs). */
  topic: (id: number, signal?: AbortSignal): Promise<Topic> => api.get('/api/v1/topics/{id}', { path: { id }, signal }),
  createTopic: (unit: string, name: string, query: string): Promise<Topic> =>
    api.post('/api/v1/topics', { body: { unit, name, query } }),
  updateTopic: (id: number, name: string, query: string): Promise<Topic> =>
    api.put('/api/v1/topics/{id}', { path: { id }, body: { name, query } }),
  deleteTopic: (id: number): Promise<void> => api.delete('/api/v1/topics/{id}', { path: { id } }),

  validate: (query: string, signal?: AbortSignal): Promise<Validation> =>
    api.post('/api/v1/topics/validate', { body: { query }, signal }),
  preview: (query: string, signal?: AbortSignal, limit = 20): Promise<PreviewResult> =>
    api.post('/api/v1/topics/preview', { body: { query, limit }, signal }),

  /** A page of mentions, newest first; `cursor` is the `next` of the page before (null for the first). */
  mentions: (id: number, cursor: string | null, limit = 20): Promise<MentionPage> =>
    api.get('/api/v1/topics/{id}/mentions', { path: { id }, query: { limit, ...(cursor ? { cursor } : {}) } }),
  /** The charts of a topic between two times (ms since the epoch; `to` exclusive). */
  stats: (id: number, from: number, to: number, signal?: AbortSignal): Promise<TopicStats> =>
    api.get('/api/v1/topics/{id}/stats', { path: { id }, query: { from: iso(from), to: iso(to) }, signal }),
  share: (ids: readonly number[], from: number, to: number, signal?: AbortSignal): Promise<ShareOfVoice> =>
    api.get('/api/v1/listening/share', { query: { topics: ids.join(','), from: iso(from), to: iso(to) }, signal }),

  alerts: (): Promise<Alert[]> => api.get('/api/v1/alerts').then((r) => r.items),
  acknowledge: (id: number) => api.post('/api/v1/alerts/{id}/acknowledge', { path: { id } }),

  /** Sends posts as NDJSON, one per line (a session request: the client adds the CSRF token). */
  ingest: (ndjson: string | Blob, signal?: AbortSignal): Promise<IngestReport | IngestReceipt> =>
    api.post('/api/v1/ingest', { body: ndjson, contentType: 'application/x-ndjson', signal }),
  /** A page of dead letters, newest first; only those of `reason` when given. */
  rejected: (cursor: string | null, reason: string | null, limit = 50): Promise<RejectedPage> =>
    api.get('/api/v1/ingest/rejected', { query: { limit, ...(cursor ? { cursor } : {}), ...(reason ? { reason } : {}) } }),
  /** Deletes every dead letter, or those of one reason; answers how many went. */
  clearRejected: (reason: string | null): Promise<number> =>
    api.delete('/api/v1/ingest/rejected', { query: reason ? { reason } : {} }).then((r) => r.deleted),
  deleteRejected: (id: number): Promise<void> => api.delete('/api/v1/ingest/rejected/{id}', { path: { id } }),
};
