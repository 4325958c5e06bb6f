// The listening part of the JSON API (/api/v1/topics*, /listening/share, /alerts*): the names of its
// bodies, read off the OpenAPI document, and its calls over the shared client (CSRF, errors, 401).
// Every timestamp is an ISO 8601 string here (the new wire convention); api/wire.ts converts while
// the server still sends milliseconds.
import { api, type Answer, type QueryOf, type Schemas } from '../../api/client';
import { timeParam, toPage, withTimes, type Page, type WithTimes } from '../../api/wire';

type StatsQuery = QueryOf<'/api/v1/topics/{id}/stats', 'get'>;
type ShareQuery = QueryOf<'/api/v1/listening/share', 'get'>;
type RawStats = Answer<'/api/v1/topics/{id}/stats', 'get'>;
type RawPreview = Answer<'/api/v1/topics/preview', 'post'>;

export type Topic = WithTimes<Schemas['Topic'], 'created_at' | 'updated_at'>;
export type Mention = WithTimes<Schemas['Mention'], 'created_at'>;
export type Alert = WithTimes<Schemas['Alert'], 'hour' | 'created_at'>;
export type AlertKind = Alert['kind'];
/** One error of a query. `column` is 1-based and counts code points. */
export type QueryError = Schemas['QueryError'];
export type Validation = Answer<'/api/v1/topics/validate', 'post'>;
export type PreviewResult = Omit<RawPreview, 'items'> & { items: Mention[] };
/** One hour of a topic's volume, by sentiment; `hour` is the start of the hour. */
export type HourPoint = WithTimes<RawStats['hours'][number], 'hour'>;
export type TopicStats = Omit<WithTimes<RawStats, 'from' | 'to'>, 'hours'> & { hours: HourPoint[] };
/** A value and how often it occurred (networks, languages, hashtags…). */
export type Count = RawStats['networks'][number];
export type ShareOfVoice = Answer<'/api/v1/listening/share', 'get'>;

const topic = (t: Schemas['Topic']): Topic => withTimes(t, ['created_at', 'updated_at']);
const mention = (m: Schemas['Mention']): Mention => withTimes(m, ['created_at']);
const alert = (a: Schemas['Alert']): Alert => withTimes(a, ['hour', 'created_at']);
const stats = (s: RawStats): TopicStats => ({
  ...withTimes(s, ['from', 'to']),
  hours: s.hours.map((h) => withTimes(h, ['hour'])),
});

export const listeningApi = {
  topics: (): Promise<Topic[]> => api.get('/api/v1/topics').then((r) => toPage(r, topic).items),
  createTopic: (unit: string, name: string, query: string): Promise<Topic> =>
    api.post('/api/v1/topics', { body: { unit, name, query } }).then(topic),
  updateTopic: (id: number, name: string, query: string): Promise<Topic> =>
    api.put('/api/v1/topics/{id}', { path: { id }, body: { name, query } }).then(topic),
  deleteTopic: (id: number): Promise<void> => api.delete('/api/v1/topics/{id}', { path: { id } }),

  validate: (query: string, signal?: AbortSignal): Promise<Validation> =>
    api.post('/api/v1/topics/validate', { body: { query }, signal }),
  preview: (query: string, signal?: AbortSignal, limit = 20): Promise<PreviewResult> =>
    api.post('/api/v1/topics/preview', { body: { query, limit }, signal }).then((r) => ({ ...r, items: r.items.map(mention) })),

  mentions: (id: number, cursor: string | null, limit = 20): Promise<Page<Mention>> =>
    api
      .get('/api/v1/topics/{id}/mentions', { path: { id }, query: { limit, ...(cursor ? { cursor } : {}) } })
      .then((r) => toPage(r, mention)),
  /** The charts of a topic between two times (ms since the epoch; `to` exclusive). */
  stats: (id: number, from: number, to: number, signal?: AbortSignal): Promise<TopicStats> =>
    api
      .get('/api/v1/topics/{id}/stats', {
        path: { id },
        query: { from: timeParam<StatsQuery['from']>(from), to: timeParam<StatsQuery['to']>(to) },
        signal,
      })
      .then(stats),
  share: (ids: readonly number[], from: number, to: number, signal?: AbortSignal): Promise<ShareOfVoice> =>
    api.get('/api/v1/listening/share', {
      query: { topics: ids.join(','), from: timeParam<ShareQuery['from']>(from), to: timeParam<ShareQuery['to']>(to) },
      signal,
    }),

  alerts: (): Promise<Alert[]> => api.get('/api/v1/alerts').then((r) => toPage(r, alert).items),
  acknowledge: (id: number) => api.post('/api/v1/alerts/{id}/acknowledge', { path: { id } }),
};
