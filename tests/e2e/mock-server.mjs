// A small in-memory stand-in for `dandelion serve`, following src/http/openapi.json,
// for working on the web UI without the C++ server. It serves web/dist with the
// server's CSP, so CSP mistakes show up here too.
//
//   npm run build && node tests/e2e/mock-server.mjs --port 18081
//   DANDELION_URL=http://127.0.0.1:18081 npm run test:e2e
//
// With --proxy URL it serves the freshly built web/dist but forwards /api, /healthz,
// /readyz and /metrics to a real server (whose binary may embed an older UI):
//   node tests/e2e/mock-server.mjs --port 18081 --proxy http://127.0.0.1:18080
//
// It is not a test file (node --test only picks *.test.mjs) and is not used by CI.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
const ROLES = {
  admin: 'Everything at the unit and below: users, roles, channels, policies, spokes.',
  manager: 'Runs the unit: creates spokes, channels, topics, queues and programs.',
  publisher: 'Writes and schedules posts (needs the Social Media Foundations certification).',
  agent: 'Answers cases in the unit inbox.',
  reviewer: 'Approves or sends back posts in the approval chain.',
  advocate: 'Shares approved content with tracked links.',
  analyst: 'Reads dashboards, listening and ROI.',
};
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

export async function startMockServer({ port = 18081, distDir, proxy } = {}) {
  const dist = distDir ?? fileURLToPath(new URL('../../web/dist/', import.meta.url));
  const now = () => new Date().toISOString();
  let seq = 100;
  const users = [];
  const units = [];
  const memberships = [];
  const sessions = new Map(); // sid -> {userId, csrf}
  const tokens = [];
  const audit = [];
  const failures = new Map();

  const addAudit = (actor, action, target, before, after) => {
    const prev = audit.length ? audit[audit.length - 1].hash : '';
    const entry = { id: audit.length + 1, at: now(), actor, action, target, before, after };
    entry.hash = createHash('sha256').update(prev + JSON.stringify(entry)).digest('hex');
    audit.push(entry);
  };
  const addUser = (email, name, password) => {
    const u = { id: ++seq, email, name, password, created_at: now() };
    users.push(u);
    return u;
  };
  const addUnit = (slug, name, parent) => {
    const p = parent ? units.find((x) => x.slug === parent) : null;
    const u = { id: ++seq, slug, name, parent, depth: p ? p.depth + 1 : 0, created_at: now() };
    units.push(u);
    return u;
  };
  const addMembership = (userId, unit, role) => {
    const m = { id: ++seq, user_id: userId, unit, role };
    memberships.push(m);
    return m;
  };

  // The demo organisation.
  const admin = addUser('admin@demo.example', 'Ada Admin', 'dandelion-demo');
  addUnit('demo', 'Demo Corp', null);
  addUnit('emea', 'EMEA', 'demo');
  addUnit('emea-retail', 'EMEA Retail', 'emea');
  addUnit('support', 'Customer Support', 'demo');
  addUnit('hr', 'People & HR', 'demo');
  addMembership(admin.id, 'demo', 'admin');
  const mgr = addUser('manager@demo.example', 'Mo Manager', 'dandelion-demo');
  addMembership(mgr.id, 'emea', 'manager');
  const agent = addUser('agent@demo.example', 'Sam Agent', 'dandelion-demo');
  addMembership(agent.id, 'support', 'agent');
  addAudit(null, 'demo.seed', 'unit:demo', null, { units: units.length });

  const publicUser = (u) => ({ id: u.id, email: u.email, name: u.name, created_at: u.created_at });
  const ancestors = (slug) => {
    const out = [];
    let s = slug;
    while (s) {
      out.push(s);
      s = units.find((x) => x.slug === s)?.parent ?? null;
    }
    return out;
  };
  const rolesAt = (userId, slug) => {
    const chain = new Set(ancestors(slug));
    return new Set(memberships.filter((m) => m.user_id === userId && chain.has(m.unit)).map((m) => m.role));
  };
  const dfs = () => {
    const out = [];
    const walk = (slug) => {
      out.push(units.find((u) => u.slug === slug));
      for (const c of units.filter((u) => u.parent === slug)) walk(c.slug);
    };
    for (const r of units.filter((u) => u.parent === null)) walk(r.slug);
    return out;
  };
  const visibleUnits = (userId) => {
    const all = dfs();
    const mine = memberships.filter((m) => m.user_id === userId).map((m) => m.unit);
    return all.filter((u) => {
      const chain = ancestors(u.slug);
      if (mine.some((s) => chain.includes(s))) return true; // in a subtree where they hold a role
      return mine.some((s) => ancestors(s).includes(u.slug)); // ancestor of one
    });
  };

  const send = (res, status, body, headers = {}) => {
    const data = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Security-Policy': CSP, ...headers });
    res.end(data);
  };
  const fail = (res, status, code, message, field = null) => send(res, status, { error: { code, message, field } });

  const readBody = (req) =>
    new Promise((resolve) => {
      let s = '';
      req.on('data', (c) => (s += c));
      req.on('end', () => {
        if (!s) return resolve({});
        try {
          resolve(JSON.parse(s));
        } catch {
          resolve(null);
        }
      });
    });

  const sessionOf = (req) => {
    const m = /(?:^|;\s*)dandelion_session=([^;]+)/.exec(req.headers.cookie ?? '');
    return m ? sessions.get(m[1]) : undefined;
  };

  async function api(req, res, url) {
    const path = url.pathname;
    const method = req.method;
    const body = method === 'GET' ? {} : await readBody(req);
    if (body === null) return fail(res, 400, 'invalid_argument', 'The body is not valid JSON.');
    await new Promise((r) => setTimeout(r, 120)); // a little latency, to see the loading states

    if (path === '/api/v1/auth/login' && method === 'POST') {
      const key = String(body.email ?? '').toLowerCase();
      if ((failures.get(key) ?? 0) >= 5) return fail(res, 429, 'too_many_requests', 'Too many failed logins. Try again in 60 seconds.');
      if (!body.email) return fail(res, 400, 'invalid_argument', 'email is required', 'email');
      const u = users.find((x) => x.email === key);
      if (!u || u.password !== body.password) {
        failures.set(key, (failures.get(key) ?? 0) + 1);
        return fail(res, 401, 'unauthenticated', 'Wrong e-mail or password.');
      }
      failures.delete(key);
      const sid = randomBytes(16).toString('hex');
      const csrf = randomBytes(16).toString('hex');
      sessions.set(sid, { userId: u.id, csrf });
      return send(
        res,
        200,
        { user: publicUser(u), csrf_token: csrf, memberships: memberships.filter((m) => m.user_id === u.id) },
        { 'Set-Cookie': `dandelion_session=${sid}; HttpOnly; SameSite=Strict; Path=/` },
      );
    }

    const s = sessionOf(req);
    if (!s) return fail(res, 401, 'unauthenticated', 'Log in first.');
    if (method !== 'GET' && req.headers['x-csrf-token'] !== s.csrf)
      return fail(res, 403, 'permission_denied', 'Missing or wrong CSRF token.');
    const me = users.find((u) => u.id === s.userId);
    let m;

    if (path === '/api/v1/auth/me' && method === 'GET')
      return send(res, 200, { user: publicUser(me), csrf_token: s.csrf, memberships: memberships.filter((x) => x.user_id === me.id) });
    if (path === '/api/v1/auth/logout' && method === 'POST') {
      for (const [k, v] of sessions) if (v === s) sessions.delete(k);
      res.writeHead(204, { 'Set-Cookie': 'dandelion_session=; Max-Age=0; Path=/' });
      return res.end();
    }
    if (path === '/api/v1/auth/tokens' && method === 'GET')
      return send(res, 200, {
        items: tokens.filter((t) => t.user_id === me.id).map(({ id, name, created_at, last_used_at }) => ({ id, name, created_at, last_used_at })),
      });
    if (path === '/api/v1/auth/tokens' && method === 'POST') {
      const name = String(body.name ?? '').trim();
      if (!name || name.length > 100) return fail(res, 400, 'invalid_argument', 'name must have 1 to 100 characters', 'name');
      const t = { id: ++seq, user_id: me.id, name, created_at: now(), last_used_at: null };
      tokens.push(t);
      addAudit(me.email, 'token.create', `token:${t.id}`, null, { name });
      return send(res, 201, { id: t.id, name, token: `dnd_${randomBytes(24).toString('hex')}` });
    }
    if ((m = /^\/api\/v1\/auth\/tokens\/(\d+)$/.exec(path)) && method === 'DELETE') {
      const i = tokens.findIndex((t) => t.id === Number(m[1]) && t.user_id === me.id);
      if (i < 0) return fail(res, 404, 'not_found', 'No such token.');
      const [t] = tokens.splice(i, 1);
      addAudit(me.email, 'token.revoke', `token:${t.id}`, { name: t.name }, null);
      res.writeHead(204);
      return res.end();
    }
    if (path === '/api/v1/roles' && method === 'GET')
      return send(res, 200, { items: Object.entries(ROLES).map(([role, description]) => ({ role, description })) });
    if (path === '/api/v1/units' && method === 'GET') return send(res, 200, { items: visibleUnits(me.id) });
    if (path === '/api/v1/units' && method === 'POST') {
      const parent = units.find((u) => u.slug === body.parent);
      if (!parent) return fail(res, 404, 'not_found', `No unit '${body.parent}'.`, 'parent');
      const r = rolesAt(me.id, parent.slug);
      if (!r.has('admin') && !r.has('manager')) return fail(res, 403, 'permission_denied', 'Creating a spoke needs admin or manager at the parent or above.');
      if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(body.slug ?? '')) return fail(res, 400, 'invalid_argument', 'slug must match ^[a-z0-9][a-z0-9-]{0,31}$', 'slug');
      if (!String(body.name ?? '').trim()) return fail(res, 400, 'invalid_argument', 'name is required', 'name');
      if (units.some((u) => u.slug === body.slug)) return fail(res, 409, 'already_exists', `A unit with slug '${body.slug}' already exists.`, 'slug');
      const u = addUnit(body.slug, body.name.trim(), parent.slug);
      addAudit(me.email, 'unit.create', `unit:${u.slug}`, null, u);
      return send(res, 201, u);
    }
    if ((m = /^\/api\/v1\/units\/([^/]+)\/members$/.exec(path))) {
      const slug = decodeURIComponent(m[1]);
      const unit = units.find((u) => u.slug === slug);
      if (!unit) return fail(res, 404, 'not_found', `No unit '${slug}'.`);
      const r = rolesAt(me.id, slug);
      if (method === 'GET') {
        if (r.size === 0) return fail(res, 403, 'permission_denied', 'You hold no role at this unit or above.');
        return send(res, 200, {
          items: memberships
            .filter((x) => x.unit === slug)
            .map((x) => ({ id: x.id, role: x.role, unit: x.unit, user: publicUser(users.find((u) => u.id === x.user_id)) })),
        });
      }
      if (method === 'POST') {
        if (!r.has('admin')) return fail(res, 403, 'permission_denied', 'Giving a role needs admin at the unit or above.');
        const user = users.find((u) => u.id === body.user_id);
        if (!user) return fail(res, 404, 'not_found', 'No such user.', 'user_id');
        if (!ROLES[body.role]) return fail(res, 400, 'invalid_argument', 'Unknown role.', 'role');
        if (memberships.some((x) => x.user_id === user.id && x.unit === slug && x.role === body.role))
          return fail(res, 409, 'already_exists', `${user.name} already has the ${body.role} role here.`, 'role');
        const ms = addMembership(user.id, slug, body.role);
        addAudit(me.email, 'membership.create', `unit:${slug}`, null, ms);
        return send(res, 201, ms);
      }
    }
    if ((m = /^\/api\/v1\/units\/([^/]+)$/.exec(path)) && method === 'GET') {
      const unit = units.find((u) => u.slug === decodeURIComponent(m[1]));
      if (!unit) return fail(res, 404, 'not_found', 'No such unit.');
      return send(res, 200, unit);
    }
    if ((m = /^\/api\/v1\/memberships\/(\d+)$/.exec(path)) && method === 'DELETE') {
      const i = memberships.findIndex((x) => x.id === Number(m[1]));
      if (i < 0) return fail(res, 404, 'not_found', 'No such membership.');
      if (!rolesAt(me.id, memberships[i].unit).has('admin')) return fail(res, 403, 'permission_denied', 'Removing a role needs admin at the unit or above.');
      const [ms] = memberships.splice(i, 1);
      addAudit(me.email, 'membership.delete', `unit:${ms.unit}`, ms, null);
      res.writeHead(204);
      return res.end();
    }
    if (path === '/api/v1/users' && method === 'GET') {
      const managed = memberships.filter((x) => x.user_id === me.id && (x.role === 'admin' || x.role === 'manager'));
      if (managed.length === 0) return fail(res, 403, 'permission_denied', 'Listing users needs admin or manager somewhere.');
      const after = Number(url.searchParams.get('after') ?? 0);
      const limit = Math.min(200, Number(url.searchParams.get('limit') ?? 50));
      const list = users.filter((u) => u.id > after).slice(0, limit);
      const last = list[list.length - 1];
      return send(res, 200, { items: list.map(publicUser), next_after: last && users.some((u) => u.id > last.id) ? last.id : null });
    }
    if (path === '/api/v1/users' && method === 'POST') {
      const unit = units.find((u) => u.slug === body.unit);
      if (!unit) return fail(res, 404, 'not_found', 'No such unit.', 'unit');
      if (!rolesAt(me.id, unit.slug).has('admin')) return fail(res, 403, 'permission_denied', 'Adding a user needs admin at the unit or above.');
      if (!/^[^\s@]+@[^\s@]+$/.test(body.email ?? '')) return fail(res, 400, 'invalid_argument', 'Not a valid e-mail address.', 'email');
      if (String(body.password ?? '').length < 10) return fail(res, 400, 'invalid_argument', 'The password needs at least 10 characters.', 'password');
      if (!ROLES[body.role]) return fail(res, 400, 'invalid_argument', 'Unknown role.', 'role');
      if (users.some((u) => u.email === body.email.toLowerCase())) return fail(res, 409, 'already_exists', 'A user with this e-mail already exists.', 'email');
      const u = addUser(body.email.toLowerCase(), String(body.name).trim(), body.password);
      addMembership(u.id, unit.slug, body.role);
      addAudit(me.email, 'user.create', `user:${u.id}`, null, publicUser(u));
      return send(res, 201, publicUser(u));
    }
    if (path === '/api/v1/audit' && method === 'GET') {
      const hub = units.find((u) => u.parent === null);
      if (!rolesAt(me.id, hub.slug).has('admin')) return fail(res, 403, 'permission_denied', 'The audit log needs admin at the hub.');
      const before = Number(url.searchParams.get('before') ?? Infinity);
      const limit = Math.min(200, Number(url.searchParams.get('limit') ?? 50));
      const list = audit.filter((e) => e.id < before).reverse().slice(0, limit);
      const last = list[list.length - 1];
      return send(res, 200, { items: list, next_before: last && last.id > 1 ? last.id : null });
    }
    if (path === '/api/v1/audit/verify' && method === 'GET')
      return send(res, 200, { ok: true, checked: audit.length, first_bad_id: null, message: 'ok' });
    return fail(res, 404, 'not_found', `No route ${method} ${path}.`);
  }

  const forward = (req, res, url) =>
    new Promise((resolve) => {
      const target = new URL(url.pathname + url.search, proxy);
      const up = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
        r.on('end', resolve);
      });
      up.on('error', (e) => {
        fail(res, 502, 'unavailable', `The upstream server did not answer: ${e.message}`);
        resolve();
      });
      req.pipe(up);
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    try {
      if (proxy && /^\/(api\/|healthz$|readyz$|metrics$)/.test(url.pathname)) return await forward(req, res, url);
      if (url.pathname.startsWith('/api/')) return await api(req, res, url);
      if (url.pathname === '/healthz') return send(res, 200, { ok: true });
      const rel = normalize(url.pathname).replace(/^\/+/, '');
      let file = join(dist, rel);
      if (!file.startsWith(dist) || !rel || !(await stat(file).catch(() => null))?.isFile()) file = join(dist, 'index.html');
      const data = await readFile(file);
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP });
      res.end(data);
    } catch (e) {
      fail(res, 500, 'internal', String(e));
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 18081;
  const j = process.argv.indexOf('--proxy');
  const proxy = j > 0 ? process.argv[j + 1] : undefined;
  const { url } = await startMockServer({ port, proxy });
  console.log(
    proxy
      ? `web/dist on ${url}, API forwarded to ${proxy}`
      : `mock Dandelion API + UI on ${url} (admin@demo.example / dandelion-demo)`,
  );
}
