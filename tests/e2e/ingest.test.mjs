// Browser test of the ingest view (/listening/ingest) against a running server:
//   DANDELION_URL=http://127.0.0.1:18080 node --test tests/e2e/ingest.test.mjs
// The demo hub admin opens it from the Listening page and pastes three lines: a valid native post
// (its id unique to the run, so that it is accepted however often the test runs) and two broken
// ones. The report counts 1 accepted and 2 rejected and lists lines 2 and 3 with their reasons; the
// rejected lines appear below, by reason in the bars, which filter the list when pressed. A raw line
// opens from the keyboard; one line is deleted; a line longer than 16 KiB, sent from a file (the
// button says "Sending…" meanwhile), says that only its start was kept; "Clear all" (after its confirmation) leaves the empty state. An
// analyst of the hub sees no link and is told who may use the view.
// The dead letters are shared by the whole server: they are cleared through the API first, and no
// other browser test leaves any. Screenshot: ${E2E_OUT_DIR || 'build/e2e'}/ingest.png.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ADMIN, apiSession, BASE, expectFocus, logIn, OUT_DIR, serverUp, withPage } from './support.mjs';

const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const path = (page) => new URL(page.url()).pathname;

/** Deletes every dead letter through the API, as the demo admin. */
async function clearDeadLetters() {
  const s = await apiSession(ADMIN.email, ADMIN.password);
  const res = await fetch(`${BASE}/api/v1/ingest/rejected`, {
    method: 'DELETE',
    headers: { Accept: 'application/json', Cookie: s.cookie, 'X-CSRF-Token': s.csrf },
  });
  assert.equal(res.status, 200, `DELETE /ingest/rejected: ${await res.clone().text()}`);
}

async function logInAndWait(page, email, password) {
  await logIn(page, email, password);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function openListening(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Listening', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Listening' }).waitFor();
}

test('the server answers', async () => {
  assert.ok(await serverUp(), `no Dandelion server at ${BASE} (set DANDELION_URL)`);
});

test('posts are sent, the rejected lines reported, filtered, opened, deleted and cleared', async () => {
  await clearDeadLetters();
  const post = {
    network: 'mastodon',
    id: `e2e-ingest-${stamp}`,
    text: `Ingest check ${stamp}: the new tablet is lovely`,
    created_at: Date.now() - 60_000,
    author: { id: `e2e-ingest-${stamp}`, handle: 'ingester', name: 'Ingest Tester' },
  };
  const lines = [JSON.stringify(post), `{"oops":"${stamp}"`, `not json ${stamp}`];

  await withPage(async (page) => {
    await logInAndWait(page, ADMIN.email, ADMIN.password);
    await openListening(page);
    await page.getByRole('link', { name: 'Ingest posts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ingest posts' }).waitFor();
    assert.equal(path(page), '/listening/ingest');

    const list = page.getByTestId('dead-letters');
    await list.getByText('No rejected lines: everything sent was read.').waitFor();

    // Nothing to send: the button waits.
    const send = page.getByRole('button', { name: 'Send', exact: true });
    assert.equal(await send.isDisabled(), true, 'Send is disabled while the box is empty');
    await page.getByLabel('Posts, one per line (NDJSON)').fill(lines.join('\n'));
    await page.getByText('3 lines,').waitFor();
    await send.click();

    // The report: the figures, then lines 2 and 3 with their reasons; it takes the focus.
    const report = page.getByTestId('ingest-report');
    await report.waitFor();
    assert.equal(await report.getByTestId('report-accepted').innerText(), '1');
    assert.equal(await report.getByTestId('report-duplicates').innerText(), '0');
    assert.equal(await report.getByTestId('report-rejected').innerText(), '2');
    await report.getByText('3 lines read: 1 accepted, 0 duplicates, 2 rejected').waitFor();
    await expectFocus(page, 'Report');
    const reported = report.getByTestId('report-rejected-line');
    assert.equal(await reported.count(), 2);
    const rowTexts = (await reported.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.match(rowTexts[0], /^2 Truncated JSON truncated_json: /);
    assert.match(rowTexts[1], /^3 Not JSON not_json: /);

    // The list is read again: both lines, newest first, each reason a bar that filters.
    const rows = list.getByTestId('dead-letter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dead-letter"]').length === 2);
    const texts = (await rows.allInnerTexts()).join('\n');
    assert.match(texts, /admin@demo\.example/);
    assert.match(texts, /Truncated JSON/);
    assert.match(texts, /Not JSON/);
    const notJson = list.getByRole('button', { name: /^Not JSON/ });
    const truncated = list.getByRole('button', { name: /^Truncated JSON/ });
    assert.equal(await notJson.getAttribute('aria-pressed'), 'false');

    await notJson.click();
    assert.equal(await notJson.getAttribute('aria-pressed'), 'true');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dead-letter"]').length === 1);
    await list.getByText('Showing 1 of 1 rejected line, reason “Not JSON”').waitFor();
    assert.match(await rows.first().innerText(), /Not JSON/);
    await list.getByRole('button', { name: 'Clear these' }).waitFor();
    // The bars stay whole while filtered.
    await truncated.waitFor();

    // The raw line opens from the keyboard.
    const toggle = rows.first().getByRole('button', { name: /^(Show|Hide) raw/ });
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const raw = list.getByTestId('raw-line');
    assert.equal(await raw.innerText(), `not json ${stamp}`);
    await list.getByText(`The line as sent (${`not json ${stamp}`.length} bytes):`).waitFor();
    await mkdir(OUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUT_DIR, 'ingest.png'), fullPage: true });

    // Pressed again: every reason.
    await notJson.click();
    assert.equal(await notJson.getAttribute('aria-pressed'), 'false');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dead-letter"]').length === 2);
    await list.getByRole('button', { name: 'Clear all' }).waitFor();

    // Delete the truncated one: it goes, and so does its bar.
    const truncatedRow = rows.filter({ hasText: 'Truncated JSON' });
    await truncatedRow.getByRole('button', { name: /^Delete/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dead-letter"]').length === 1);
    await truncated.waitFor({ state: 'detached' });
    await expectFocus(page, 'Rejected lines');

    // A line longer than 16 KiB, read from a file: only its start is kept, and the list says so.
    const long = `not json ${'x'.repeat(20_000)}`;
    await page.getByLabel('Or read a file').setInputFiles({
      name: 'long.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(long),
    });
    await page.getByText('“long.ndjson” is in the box above.').waitFor();
    // Held back a little, so that the sending state can be seen: the button says so and waits.
    const slow = async (route) => {
      await new Promise((r) => setTimeout(r, 500));
      await route.continue();
    };
    await page.route('**/api/v1/ingest', slow);
    await send.click();
    const sending = page.getByRole('button', { name: 'Sending…' });
    await sending.waitFor();
    assert.equal(await sending.isDisabled(), true, 'Send is disabled while sending');
    await page.getByRole('status').filter({ hasText: 'Sending 1 line' }).waitFor();
    await page.getByTestId('ingest-report').getByText('1 line read: 0 accepted, 0 duplicates, 1 rejected').waitFor();
    // Only once the held request went through: unrouting while its handler waits makes it fail.
    await page.unroute('**/api/v1/ingest', slow);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dead-letter"]').length === 2);
    const newest = rows.first();
    await newest.getByRole('button', { name: /^Show raw/ }).click();
    await list.getByText(`(first 16 KiB of ${long.length.toLocaleString('en')} bytes)`).waitFor();

    // Clear all, after the confirmation: the empty state.
    await list.getByRole('button', { name: 'Clear all' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clear every rejected line?' });
    await dialog.getByText('2 lines will be deleted').waitFor();
    await dialog.getByRole('button', { name: 'Clear all' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await list.getByText('No rejected lines: everything sent was read.').waitFor();
    await expectFocus(page, 'Rejected lines');
  });
});

test('an analyst of the hub has no link to the view and is told who may use it', async () => {
  await withPage(async (page) => {
    await logInAndWait(page, 'analyst@demo.example', ADMIN.password);
    await openListening(page);
    // The topics are shown (the units are known) and still there is no link.
    await page.getByRole('navigation', { name: 'Topics' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Ingest posts' }).count(), 0);
    await page.goto(`${BASE}/listening/ingest`);
    await page.getByTestId('ingest-denied').getByText('Only admins and managers of the hub').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).count(), 0);
  });
});
