// The pure part of the data table (data-table.tsx): sorting by a column, the next sort when a
// header is activated, and pages. Unit-tested in table-model.test.ts.

export type SortDir = 'asc' | 'desc';
export interface Sort {
  key: string;
  dir: SortDir;
}
export type SortValue = string | number | null | undefined;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Compares two cell values: numbers as numbers, text by the locale (case and accents aside, digits as numbers). */
export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

const isBlank = (v: SortValue) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

/**
 * The rows sorted by `value` in `dir`: stable (equal rows keep their order), blank values
 * (null, undefined, '', NaN) last whichever the direction. A copy; `rows` is left alone.
 */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: SortDir): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((x, y) => {
      const bx = isBlank(x.v);
      const by = isBlank(y.v);
      if (bx || by) return bx === by ? x.i - y.i : bx ? 1 : -1;
      return sign * compareValues(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

/**
 * The sort after the header of column `key` is activated: another column sorts by its first
 * direction (ascending, or descending for columns where the largest or newest comes first); the
 * sorted column turns around.
 */
export function nextSort(current: Sort | null, key: string, first: SortDir = 'asc'): Sort {
  if (current && current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: first };
}

/** The value of aria-sort for a column's header (undefined when the table is not sorted by it). */
export function ariaSort(current: Sort | null, key: string): 'ascending' | 'descending' | undefined {
  if (!current || current.key !== key) return undefined;
  return current.dir === 'asc' ? 'ascending' : 'descending';
}

/** How many pages `total` rows make (at least one, so that an empty table has a page 1). */
export function pageCount(total: number, size: number): number {
  if (!(size > 0) || total <= 0) return 1;
  return Math.ceil(total / size);
}

/** `page` (1-based) kept within 1..pageCount, e.g. after rows were removed. */
export function clampPage(page: number, total: number, size: number): number {
  const n = pageCount(total, size);
  return Math.min(Math.max(Number.isFinite(page) ? Math.trunc(page) : 1, 1), n);
}

export interface PageSlice<T> {
  rows: T[];
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown (0, 0 when there are none). */
  first: number;
  last: number;
}

/** The rows of page `page` (1-based, clamped) when pages hold `size` rows. */
export function pageSlice<T>(rows: readonly T[], page: number, size: number): PageSlice<T> {
  const pages = pageCount(rows.length, size);
  const p = clampPage(page, rows.length, size);
  if (!(size > 0)) return { rows: [...rows], page: 1, pages: 1, first: rows.length ? 1 : 0, last: rows.length };
  const start = (p - 1) * size;
  const slice = rows.slice(start, start + size);
  return { rows: slice, page: p, pages, first: slice.length ? start + 1 : 0, last: start + slice.length };
}
