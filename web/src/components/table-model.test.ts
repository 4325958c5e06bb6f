import { describe, expect, it } from 'vitest';
import { ariaSort, clampPage, compareValues, nextSort, pageCount, pageSlice, sortRows } from './table-model';

describe('sortRows', () => {
  const people = [
    { name: 'émile', age: 40 },
    { name: 'Bea', age: null },
    { name: 'adam', age: 9 },
    { name: 'Chris', age: 40 },
    { name: 'dora', age: 100 },
  ];
  it('sorts text by the locale, ignoring case and accents', () => {
    expect(sortRows(people, (p) => p.name, 'asc').map((p) => p.name)).toEqual(['adam', 'Bea', 'Chris', 'dora', 'émile']);
    expect(sortRows(people, (p) => p.name, 'desc').map((p) => p.name)).toEqual(['émile', 'dora', 'Chris', 'Bea', 'adam']);
  });
  it('sorts numbers as numbers, keeps equal rows in order and blanks last', () => {
    expect(sortRows(people, (p) => p.age, 'asc').map((p) => p.name)).toEqual(['adam', 'émile', 'Chris', 'dora', 'Bea']);
    expect(sortRows(people, (p) => p.age, 'desc').map((p) => p.name)).toEqual(['dora', 'émile', 'Chris', 'adam', 'Bea']);
  });
  it('compares digits in text as numbers', () => {
    expect(compareValues('unit 9', 'unit 10')).toBeLessThan(0);
    expect(sortRows(['b', '', 'a'], (s) => s, 'asc')).toEqual(['a', 'b', '']);
  });
  it('leaves the input alone', () => {
    const rows = [3, 1, 2];
    sortRows(rows, (n) => n, 'asc');
    expect(rows).toEqual([3, 1, 2]);
  });
});

describe('nextSort and aria-sort', () => {
  it('sorts a new column by its first direction, then turns it around', () => {
    expect(nextSort(null, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'when', 'desc')).toEqual({ key: 'when', dir: 'desc' });
  });
  it('names the direction on the sorted column only', () => {
    expect(ariaSort({ key: 'name', dir: 'asc' }, 'name')).toBe('ascending');
    expect(ariaSort({ key: 'name', dir: 'desc' }, 'name')).toBe('descending');
    expect(ariaSort({ key: 'name', dir: 'asc' }, 'email')).toBeUndefined();
    expect(ariaSort(null, 'name')).toBeUndefined();
  });
});

describe('paging', () => {
  const rows = Array.from({ length: 23 }, (_, i) => i + 1);
  it('counts pages, one at least', () => {
    expect(pageCount(23, 10)).toBe(3);
    expect(pageCount(20, 10)).toBe(2);
    expect(pageCount(0, 10)).toBe(1);
    expect(pageCount(5, 0)).toBe(1);
  });
  it('keeps the page within range', () => {
    expect(clampPage(0, 23, 10)).toBe(1);
    expect(clampPage(9, 23, 10)).toBe(3);
    expect(clampPage(Number.NaN, 23, 10)).toBe(1);
    expect(clampPage(2.7, 23, 10)).toBe(2);
  });
  it('gives the rows of a page with their positions', () => {
    expect(pageSlice(rows, 1, 10)).toMatchObject({ page: 1, pages: 3, first: 1, last: 10 });
    const last = pageSlice(rows, 3, 10);
    expect(last.rows).toEqual([21, 22, 23]);
    expect([last.first, last.last]).toEqual([21, 23]);
    expect(pageSlice(rows, 7, 10).page).toBe(3);
    expect(pageSlice([], 1, 10)).toEqual({ rows: [], page: 1, pages: 1, first: 0, last: 0 });
  });
  it('shows every row on one page without a page size', () => {
    expect(pageSlice(rows, 2, 0)).toMatchObject({ page: 1, pages: 1, first: 1, last: 23 });
  });
});
