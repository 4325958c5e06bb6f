import { describe, expect, it } from 'vitest';
import { matchRoute, pathSegments, safeNext, type RouteDef } from './paths';

describe('safeNext', () => {
  it('only goes back to local paths', () => {
    expect(safeNext('/organisation?unit=x')).toBe('/organisation?unit=x');
    expect(safeNext('/listening/topics/4')).toBe('/listening/topics/4');
    expect(safeNext('/invitations/0a1b')).toBe('/invitations/0a1b');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('pathSegments', () => {
  it('splits and decodes, ignoring empty segments', () => {
    expect(pathSegments('/a/b%20c/')).toEqual(['a', 'b c']);
    expect(pathSegments('/')).toEqual([]);
    expect(pathSegments('/bad/%E0%A4%A')).toBeNull();
  });
});

describe('matchRoute', () => {
  const table: RouteDef[] = [
    { path: '/' },
    {
      path: '/shop',
      children: [
        { path: 'items/:id', view: 'item', params: { id: /^\d+$/ }, children: [{ path: 'edit', view: 'item.edit' }] },
        { path: 'new', view: 'new' },
      ],
    },
  ];
  it('matches the root only exactly', () => {
    expect(matchRoute(table, '/')?.route.path).toBe('/');
    expect(matchRoute(table, '/nope')).toBeNull();
  });
  it('gives the area, the view and the parameters of nested paths', () => {
    expect(matchRoute(table, '/shop')).toMatchObject({ view: '', params: {} });
    expect(matchRoute(table, '/shop/items/42')).toMatchObject({ view: 'item', params: { id: '42' } });
    expect(matchRoute(table, '/shop/items/42/edit/')).toMatchObject({ view: 'item.edit', params: { id: '42' } });
    expect(matchRoute(table, '/shop/new')?.view).toBe('new');
  });
  it('refuses parameters that do not look right, and paths that go on', () => {
    expect(matchRoute(table, '/shop/items/abc')).toBeNull();
    expect(matchRoute(table, '/shop/items')).toBeNull();
    expect(matchRoute(table, '/shop/items/1/more')).toBeNull();
    expect(matchRoute(table, '/shopping')).toBeNull();
  });
  it('decodes parameters', () => {
    const t: RouteDef[] = [{ path: '/u/:slug' }];
    expect(matchRoute(t, '/u/a%20b')?.params).toEqual({ slug: 'a b' });
  });
});
