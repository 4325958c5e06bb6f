// Shared set-up of the browser tests: where the server is, the demo login,
// and a fresh Chromium per test (Debian's /usr/bin/chromium through
// playwright-core) that fails the test on a script error or a CSP violation.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = (process.env.DANDELION_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const OUT_DIR = resolve(process.env.E2E_OUT_DIR || 'build/e2e');
export const ADMIN = { email: 'admin@demo.example', password: 'dandelion-demo' };
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Runs fn with a fresh browser (own profile directory) and always closes it. */
export async function withPage(fn) {
  const profile = await mkdtemp(join(tmpdir(), 'dandelion-e2e-'));
  let context;
  try {
    // launchPersistentContext passes the fresh profile as --user-data-dir.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 768 },
    });
    context.setDefaultTimeout(15_000);
    const page = context.pages()[0] ?? (await context.newPage());
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    });
    await fn(page);
    assert.deepEqual(problems, [], 'the page had script errors or CSP violations');
  } finally {
    await context?.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  }
}

export async function serverUp() {
  try {
    const r = await fetch(`${BASE}/healthz`);
    return r.ok;
  } catch {
    return false;
  }
}

export async function logIn(page, email, password) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** A logged-in API session: the cookie and the CSRF token, as the web app holds them. */
export async function apiSession(email, password) {
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200, `API login as ${email}`);
  const body = await res.json();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  assert.ok(cookie, 'the login set a session cookie');
  return { cookie, csrf: body.csrf_token };
}

/** GET of the API as that session; returns the JSON body. */
export async function apiGet(session, path) {
  const res = await fetch(`${BASE}${path}`, { headers: { Accept: 'application/json', Cookie: session.cookie } });
  assert.equal(res.status, 200, `GET ${path}`);
  return res.json();
}

/**
 * Waits until the focused element's text is `text`. The pages move the focus in an effect after
 * the render that changed the list, so the DOM can show the change a moment before the focus
 * follows; reading `activeElement` once would race with it.
 */
export async function expectFocus(page, text, timeout = 5000) {
  try {
    await page.waitForFunction((t) => document.activeElement?.textContent === t, text, { timeout });
  } catch {
    const actual = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? `<${el.tagName.toLowerCase()}> ${(el.textContent ?? '').slice(0, 80)}` : 'nothing';
    });
    throw new Error(`expected the focus on “${text}” within ${timeout} ms; it is on ${actual}`);
  }
}
