// Pure helpers of the audit log (unit-tested in model.test.ts): an entry's before and after as
// readable JSON, and the result of a check of the hash chain in words.
import type { AuditVerify } from './api';

/** The entry records an event, not a change: no before, no after. */
export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** A before / after as indented JSON (a JSON string is parsed first; other text is shown as it is). */
export function pretty(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') {
    try {
      return JSON.stringify(JSON.parse(v), null, 2);
    } catch {
      return v;
    }
  }
  return JSON.stringify(v, null, 2);
}

/** "1 entry", "43 entries". */
export function entries(n: number): string {
  return `${n} ${n === 1 ? 'entry' : 'entries'}`;
}

/** The verdict of GET /audit/verify: whether the chain holds, and the sentence that says so. */
export function verdict(r: AuditVerify): { ok: boolean; title: string; detail: string } {
  if (r.ok) return { ok: true, title: 'The chain is intact.', detail: `${entries(r.checked)} checked.` };
  const at = r.first_bad_id !== null ? ` at entry #${r.first_bad_id}` : '';
  return {
    ok: false,
    title: `The chain is broken${at}.`,
    detail: `${entries(r.checked)} checked.${r.message ? ` ${r.message}` : ''}`,
  };
}
