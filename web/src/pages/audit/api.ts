// The audit log's calls: GET /audit (newest first, paged by cursor) and GET /audit/verify.
import { api, type Answer, type QueryOf } from '../../api/client';
import { pageQuery, toPage, type Page } from '../../api/wire';

export type AuditEntry = Answer<'/api/v1/audit', 'get'>['items'][number];
export type AuditVerify = Answer<'/api/v1/audit/verify', 'get'>;

/** Entries per page. */
export const AUDIT_PAGE = 50;

export const auditApi = {
  /** A page of entries, newest first; `cursor` is the `next` of the page before. */
  entries: (cursor: string | null = null, limit = AUDIT_PAGE): Promise<Page<AuditEntry>> =>
    api
      .get('/api/v1/audit', { query: pageQuery<QueryOf<'/api/v1/audit', 'get'>>(cursor, limit, 'before') })
      .then((r) => toPage(r)),
  verify: (): Promise<AuditVerify> => api.get('/api/v1/audit/verify'),
};
