// Pure path helpers (no DOM), shared by the router, the route table and their tests.

/** A same-origin path that is safe to go back to after login ("/x", never "//host" or a URL). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/api/')) return '/';
  return next;
}

/**
 * One node of a route table: a path pattern of one or more segments, relative to its parent (an
 * area's own path is absolute), where `:name` takes one segment as the parameter `name`.
 */
export interface RouteDef {
  path: string;
  /** The view this path shows, for the page to pick ("topic", "topic.edit"); '' for the area itself. */
  view?: string;
  /** What a parameter must look like (the whole decoded segment); anything else is not this route. */
  params?: Readonly<Record<string, RegExp>>;
  children?: readonly RouteDef[];
}

export interface RouteMatch<T extends RouteDef = RouteDef> {
  /** The top-level route (the area) that holds the match. */
  route: T;
  view: string;
  /** The decoded parameters of the path, by name. */
  params: Readonly<Record<string, string>>;
}

/** "/a/b%20c/" -> ["a", "b c"]; null when a segment is not valid percent-encoding. */
export function pathSegments(path: string): string[] | null {
  const out: string[] = [];
  for (const s of path.split('/')) {
    if (s === '') continue;
    try {
      out.push(decodeURIComponent(s));
    } catch {
      return null;
    }
  }
  return out;
}

function matchDef(
  def: RouteDef,
  segs: readonly string[],
  at: number,
  params: Record<string, string>,
): { view: string; params: Record<string, string> } | null {
  const own = pathSegments(def.path) ?? [];
  if (at + own.length > segs.length) return null;
  const p = { ...params };
  for (let i = 0; i < own.length; i++) {
    const pattern = own[i]!;
    const seg = segs[at + i]!;
    if (pattern.startsWith(':')) {
      const name = pattern.slice(1);
      const re = def.params?.[name];
      if (re && !re.test(seg)) return null;
      p[name] = seg;
    } else if (pattern !== seg) return null;
  }
  const next = at + own.length;
  if (next === segs.length) return { view: def.view ?? '', params: p };
  for (const child of def.children ?? []) {
    const m = matchDef(child, segs, next, p);
    if (m) return m;
  }
  return null;
}

/** The route of the table that `path` names (the first that matches, children depth first), or null. */
export function matchRoute<T extends RouteDef>(table: readonly T[], path: string): RouteMatch<T> | null {
  const segs = pathSegments(path);
  if (!segs) return null;
  for (const route of table) {
    const m = matchDef(route, segs, 0, {});
    if (m) return { route, view: m.view, params: m.params };
  }
  return null;
}
