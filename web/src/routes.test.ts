import { describe, expect, it } from 'vitest';
import { AREAS } from './areas';
import { ROUTES, href, invitationToken, resolveRoute } from './routes';

const at = (path: string, search = '') => resolveRoute(path, new URLSearchParams(search));

describe('the route table', () => {
  it('has a route for every built area and none for the others', () => {
    const routed = new Set(ROUTES.map((r) => r.path));
    for (const a of AREAS) expect(routed.has(a.path), a.path).toBe(a.built);
  });
  it('opens the nested views of an area', () => {
    expect(at('/listening/topics/42')).toMatchObject({ kind: 'page', view: 'topic', params: { id: '42' } });
    expect(at('/listening/topics/42/edit')).toMatchObject({ kind: 'page', view: 'topic.edit', params: { id: '42' } });
    expect(at('/listening/new')).toMatchObject({ kind: 'page', view: 'new' });
    expect(at(href.ingest())).toMatchObject({ kind: 'page', view: 'ingest' });
    expect(at('/listening/ingest/42').kind).toBe('not-found');
    expect(at('/organisation/units/emea')).toMatchObject({ kind: 'page', view: 'unit', params: { slug: 'emea' } });
    const r = at('/listening/topics/42');
    expect(r.kind === 'page' && r.area?.label).toBe('Listening');
  });
  it('says which areas are not built yet, and that other paths are not found', () => {
    expect(at('/inbox')).toMatchObject({ kind: 'not-built', area: { label: 'Inbox' } });
    expect(at('/inbox/42').kind).toBe('not-found');
    expect(at('/no-such-page').kind).toBe('not-found');
    expect(at('/listening/topics/abc').kind).toBe('not-found');
    expect(at('/listening/whatever').kind).toBe('not-found');
    expect(at('/organisation/units/Not A Slug').kind).toBe('not-found');
  });
  it('sends the older addresses of a page to its path', () => {
    expect(at('/listening', 'topic=7')).toEqual({ kind: 'redirect', to: '/listening/topics/7' });
    expect(at('/listening', 'topic=7&edit=1')).toEqual({ kind: 'redirect', to: '/listening/topics/7/edit' });
    expect(at('/listening', 'new=1&unit=emea')).toEqual({ kind: 'redirect', to: '/listening/new?unit=emea' });
    expect(at('/organisation', 'unit=emea')).toEqual({ kind: 'redirect', to: '/organisation/units/emea' });
    expect(at('/listening').kind).toBe('page');
  });
  it('writes the addresses that it reads', () => {
    expect(at(href.topic(5))).toMatchObject({ view: 'topic', params: { id: '5' } });
    expect(at(href.topicEdit(5))).toMatchObject({ view: 'topic.edit' });
    expect(at(href.unit('emea-dach'))).toMatchObject({ view: 'unit', params: { slug: 'emea-dach' } });
    expect(href.newTopic('a b')).toBe('/listening/new?unit=a+b');
    expect(href.login('/audit', true)).toBe('/login?next=%2Faudit&expired=1');
  });
  it('knows the public address of an invitation link, outside the shell', () => {
    const token = 'ab'.repeat(32);
    expect(href.invitation(token)).toBe(`/invitations/${token}`);
    expect(invitationToken(href.invitation(token))).toBe(token);
    expect(invitationToken(`/invitations/${token}/`)).toBe(token);
    expect(invitationToken('/invitations')).toBeNull();
    expect(invitationToken('/invitations/a b')).toBeNull();
    expect(invitationToken(`/invitations/${token}/more`)).toBeNull();
    expect(invitationToken('/organisation')).toBeNull();
    // It is not a page of the shell.
    expect(at(href.invitation(token)).kind).toBe('not-found');
  });
});
