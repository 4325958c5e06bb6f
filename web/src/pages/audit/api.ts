// The audit log's calls: GET /audit (newest first, paged by cursor) and GET /audit/verify.
import { api, type Answer } from '../../api/client';

/** A page of the log; `next` is the cursor of the next page, null on the last. */
export type AuditPage = Answer<'/api/v1/audit', 'get'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditVerify = Answer<'/api/v1/audit/verify', 'get'>;

/** Entries per page. */
export const AUDIT_PAGE = 50;

export const auditApi = {
  /** A page of entries, newest first; `cursor` is the `next` of the page before (null for the first). */
  entries: (cursor: string | null = null, limit = AUDIT_PAGE): Promise<AuditPage> =>
    api.get('/api/v1/audit', { query: { limit, ...(cursor ? { cursor } : {}) } }),
  verify: (): Promise<AuditVerify> => api.get('/api/v1/audit/verify'),
};
