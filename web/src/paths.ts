// Pure path helpers (no DOM), shared by the router and its tests.

/** A same-origin path that is safe to go back to after login ("/x", never "//host" or a URL). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/api/')) return '/';
  return next;
}
