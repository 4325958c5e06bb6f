// The route table: every address of the UI, the area (lazily loaded: one chunk per area) that shows
// it, and the view inside the area with its parameters. Nested paths are children of their area:
// /listening/topics/42/edit is the view "topic.edit" of Listening with { id: "42" }. The server
// answers index.html for any path that is not under /api/, so each address can be bookmarked and
// reloaded. Areas of the navigation (areas.ts) that are not built yet have no route: their path
// shows what they will do; any other path is not found. Links are written with `href`, never by hand.
// Two pages live outside the shell: the login page, and the invitation page (/invitations/<token>,
// the link of an invitation e-mail), which is public: it works logged in and logged out.
import type { ComponentType } from 'preact';
import { areaFor, type Area } from './areas';
import { lazy } from './lazy';
import { matchRoute, pathSegments, type RouteDef } from './paths';

/** What an area's page gets from the address. */
export interface AreaProps {
  /** The view the address names ('' for the area's own page), e.g. "topic.edit". */
  view: string;
  /** The parameters of the path, decoded (e.g. { id: "42" }). */
  params: Readonly<Record<string, string>>;
  search: URLSearchParams;
}

export interface AreaRoute extends RouteDef {
  /** The page of the area: a lazily loaded module whose default export takes AreaProps. */
  page: ComponentType<AreaProps>;
  /** An older address of the area (with query parameters) and where it is now; null if none. */
  redirect?: (search: URLSearchParams) => string | null;
}

const ID = /^[1-9][0-9]{0,15}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** The secret of an invitation link (the server makes 64 hex digits; anything else it answers 404). */
const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

const enc = encodeURIComponent;
const withQuery = (path: string, q: Record<string, string | null | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) s.set(k, v);
  const qs = s.toString();
  return qs ? `${path}?${qs}` : path;
};

/** The addresses of the pages, for links and navigate(). */
export const href = {
  home: () => '/',
  organisation: () => '/organisation',
  unit: (slug: string) => `/organisation/units/${enc(slug)}`,
  listening: () => '/listening',
  newTopic: (unit?: string | null) => withQuery('/listening/new', { unit }),
  topic: (id: number | string) => `/listening/topics/${enc(String(id))}`,
  topicEdit: (id: number | string) => `/listening/topics/${enc(String(id))}/edit`,
  /** Sending posts (NDJSON) and the lines that could not be read: hub admins and managers. */
  ingest: () => '/listening/ingest',
  publishing: () => '/publishing',
  audit: () => '/audit',
  settings: () => '/settings',
  login: (next?: string | null, expired?: boolean) => withQuery('/login', { next, expired: expired ? '1' : null }),
  invitation: (token: string) => `/invitations/${enc(token)}`,
};

export const ROUTES: readonly AreaRoute[] = [
  { path: '/', page: lazy(() => import('./pages/overview')) },
  {
    path: '/organisation',
    page: lazy(() => import('./pages/organisation')),
    children: [{ path: 'units/:slug', view: 'unit', params: { slug: SLUG } }],
    redirect: (q) => (q.get('unit') ? href.unit(q.get('unit')!) : null),
  },
  {
    path: '/listening',
    page: lazy(() => import('./pages/listening')),
    children: [
      { path: 'new', view: 'new' },
      { path: 'ingest', view: 'ingest' },
      { path: 'topics/:id', view: 'topic', params: { id: ID }, children: [{ path: 'edit', view: 'topic.edit' }] },
    ],
    redirect: (q) => {
      const topic = q.get('topic');
      if (topic) return q.get('edit') === '1' ? href.topicEdit(topic) : href.topic(topic);
      return q.get('new') === '1' ? href.newTopic(q.get('unit')) : null;
    },
  },
  { path: '/publishing', page: lazy(() => import('./pages/publishing')) },
  { path: '/audit', page: lazy(() => import('./pages/audit')) },
  { path: '/settings', page: lazy(() => import('./pages/settings')) },
];

/** The login page (shown outside the shell, to anonymous visitors only). */
export const LoginPage = lazy(() => import('./pages/login'));

/** The invitation page (outside the shell, for anyone: logged in or not). */
export const InvitationPage = lazy(() => import('./pages/invitation'));

const PUBLIC_ROUTES: readonly RouteDef[] = [{ path: '/invitations/:token', view: 'invitation', params: { token: TOKEN } }];

/** The token of an invitation link's address (/invitations/<token>), or null for any other path. */
export function invitationToken(path: string): string | null {
  const m = matchRoute(PUBLIC_ROUTES, path);
  return m?.view === 'invitation' ? (m.params['token'] ?? null) : null;
}

export type Resolved =
  | { kind: 'page'; route: AreaRoute; area: Area | undefined; view: string; params: Readonly<Record<string, string>> }
  | { kind: 'redirect'; to: string }
  | { kind: 'not-built'; area: Area }
  | { kind: 'not-found' };

/** What an address shows. */
export function resolveRoute(path: string, search: URLSearchParams): Resolved {
  const m = matchRoute(ROUTES, path);
  if (m) {
    const to = m.view === '' ? (m.route.redirect?.(search) ?? null) : null;
    if (to) return { kind: 'redirect', to };
    return { kind: 'page', route: m.route, area: areaFor(m.route.path), view: m.view, params: m.params };
  }
  const segs = pathSegments(path);
  const area = segs && segs.length === 1 ? areaFor(`/${segs[0]}`) : undefined;
  if (area && !area.built) return { kind: 'not-built', area };
  return { kind: 'not-found' };
}
