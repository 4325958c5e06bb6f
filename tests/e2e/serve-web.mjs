#!/usr/bin/env node
// Serves a built web UI (web/dist, or WEB_DIST) the way `dandelion serve` serves the copy embedded in
// its binary, and forwards the API to a running server, so that the browser tests can run against
// fresh UI sources without rebuilding the C++ binary:
//
//   npm run build
//   DANDELION_API=http://127.0.0.1:18080 node tests/e2e/serve-web.mjs --port 18081
//   DANDELION_URL=http://127.0.0.1:18081 npm run test:e2e
//
// Same rules as Api::ServeWeb (src/http/api.cc): a file of the build by its path; any other path
// without a dot gets index.html (client-side routes); a missing file with a dot is a 404. Same
// security headers, CSP included, so that a violation fails the tests here as it would there.
import { readFile, stat } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const argValue = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const PORT = Number(argValue('--port', process.env.PORT || '0'));
const DIST = resolve(argValue('--dist', process.env.WEB_DIST || 'web/dist'));
const API = new URL(argValue('--api', process.env.DANDELION_API || 'http://127.0.0.1:8080'));

// Kept equal to kCsp in src/http/api.cc.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const SECURITY = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const isApi = (path) => path.startsWith('/api/') || path === '/api' || ['/healthz', '/readyz', '/metrics'].includes(path);

function forward(req, res) {
  const upstream = request(
    { hostname: API.hostname, port: API.port, method: req.method, path: req.url, headers: { ...req.headers, host: API.host } },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', (e) => {
    res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'unavailable', message: `no API at ${API.origin}: ${e.message}`, field: null } }));
  });
  req.pipe(upstream);
}

async function file(path) {
  const full = normalize(join(DIST, path));
  if (!full.startsWith(DIST)) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
    return await readFile(full);
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (isApi(path)) return forward(req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'Content-Type': 'application/json', ...SECURITY });
    return res.end(JSON.stringify({ error: { code: 'method_not_allowed', message: 'only GET is allowed here', field: null } }));
  }
  const rel = path.replace(/^\/+/, '');
  const body = rel === '' ? null : await file(rel);
  if (body) {
    res.writeHead(200, {
      'Content-Type': TYPES[extname(rel)] ?? 'application/octet-stream',
      'Cache-Control': rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY,
    });
    return res.end(req.method === 'HEAD' ? undefined : body);
  }
  const index = rel.includes('.') ? null : await file('index.html');
  if (index) {
    res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache', ...SECURITY });
    return res.end(req.method === 'HEAD' ? undefined : index);
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY });
  res.end('Not found\n');
});

server.listen(PORT, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`web UI from ${DIST} on http://127.0.0.1:${port}/ (API: ${API.origin})`);
});
