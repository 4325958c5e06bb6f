// The wire convention, in one place. The UI is written for the new convention of the API:
//   - every timestamp in a body is an ISO 8601 UTC string with milliseconds ("2026-12-02T19:32:58.123Z"),
//     and so are the `from` / `to` query parameters;
//   - every list answers {"items": [...], "next": string | null}, and a paginated list takes
//     ?cursor=<next>&limit=.
// Until the server speaks it (NEW_WIRE), the calls below translate: answers are normalised to the new
// shape (milliseconds become ISO strings, next_after / next_before become `next`), and requests are
// sent in the current one (after= / before= for cursors, milliseconds for from / to). Normalising is
// tolerant of both shapes, so a server a step ahead of NEW_WIRE still works for answers. Switching:
// set NEW_WIRE to true; then `WithTimes` and the normalisers are identities and can go.

/** True once the server speaks the new convention (cursor= in requests, ISO strings for from / to). */
export const NEW_WIRE = false;

/** A timestamp as the new convention sends it. */
export type Timestamp = string;

/** `T` with the timestamp fields `K` in the new convention's form. */
export type WithTimes<T, K extends keyof T> = Omit<T, K> & { [P in K]: Timestamp };

/** A page of a list in the new convention. */
export interface Page<T> {
  items: T[];
  /** The cursor of the next page, or null at the end. */
  next: string | null;
}

/** A timestamp from the wire (ISO string, or milliseconds in the current convention) as an ISO string. */
export function isoTime(v: string | number | null | undefined): Timestamp {
  if (typeof v === 'number') return Number.isFinite(v) ? new Date(v).toISOString() : '';
  return v ?? '';
}

/** A copy of `o` with the fields `keys` as ISO strings. */
export function withTimes<T extends object, K extends keyof T>(o: T, keys: readonly K[]): WithTimes<T, K> {
  const out = { ...o } as Record<string, unknown>;
  for (const k of keys) out[k as string] = isoTime(o[k] as unknown as string | number | null | undefined);
  return out as WithTimes<T, K>;
}

/** Any list answer ({items, next}, or the current {items, next_after / next_before}) as a Page. */
export function toPage<T, U = T>(
  raw: { items: T[]; next?: unknown; next_after?: unknown; next_before?: unknown },
  map?: (item: T) => U,
): Page<U> {
  const next = raw.next ?? raw.next_after ?? raw.next_before ?? null;
  return {
    items: map ? raw.items.map(map) : (raw.items as unknown as U[]),
    next: next === null || next === undefined || next === '' ? null : String(next),
  };
}

/**
 * The query of a paginated list: ?cursor=&limit= in the new convention; in the current one the cursor
 * travels as `legacy` (after= for users, before= for the audit log) and is a number.
 */
export function pageQuery<Q>(cursor: string | null | undefined, limit: number, legacy: 'after' | 'before'): Q {
  if (NEW_WIRE || cursor === null || cursor === undefined) return { limit, ...(cursor ? { cursor } : {}) } as Q;
  return { limit, [legacy]: Number(cursor) } as Q;
}

/** A time for the from / to query parameters: an ISO string, or milliseconds in the current convention. */
export function timeParam<T>(ms: number): T {
  return (NEW_WIRE ? new Date(ms).toISOString() : ms) as T;
}
