// Browser test of Settings against a running server:
//   DANDELION_URL=http://127.0.0.1:18080 node --test tests/e2e/settings.test.mjs
// The demo admin creates a read-only API token that expires in 30 days (the scope is read only
// unless another is chosen, each explained beside the select) and finds it listed with its scope
// and expiry. A fresh user (made through the API as the demo admin: the admin's own password is
// never changed, the other tests log in with it) is logged in in two browsers; in the first they
// change their password (a mismatch is caught before sending, a wrong current password is named
// beside its field), and the second browser is logged out on its next navigation while the first
// stays in. "Log out everywhere" then takes the first to the login page; the old password no
// longer logs in, the new one does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, apiGet, apiSession, BASE, logIn, serverUp, withPage } from './support.mjs';

const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const DAY_MS = 24 * 3600 * 1000;

const path = (page) => new URL(page.url()).pathname;

/** Creates an account at the hub as the demo admin (POST /users); returns the new user. */
async function createUser(user) {
  const admin = await apiSession(ADMIN.email, ADMIN.password);
  const res = await fetch(`${BASE}/api/v1/users`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      Cookie: admin.cookie,
      'X-CSRF-Token': admin.csrf,
    },
    body: JSON.stringify({ email: user.email, name: user.name, password: user.password, unit: 'hub', role: 'analyst' }),
  });
  assert.equal(res.status, 201, `POST /users: ${await res.clone().text()}`);
  return res.json();
}

async function logInAndWait(page, email, password) {
  await logIn(page, email, password);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function openSettings(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
}

test('the server answers', async () => {
  assert.ok(await serverUp(), `no Dandelion server at ${BASE} (set DANDELION_URL)`);
});

test('a read-only API token is created with an expiry and listed with both', async () => {
  const name = `e2e read ${stamp}`;
  await withPage(async (page) => {
    await logInAndWait(page, ADMIN.email, ADMIN.password);
    await openSettings(page);
    const form = page.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Token name').fill(name);

    // Least privilege unless another scope is chosen; each scope is explained beside the select.
    const scope = form.getByLabel('Scope');
    assert.equal(await scope.inputValue(), 'read', 'read only by default');
    assert.deepEqual(
      (await scope.locator('option').allInnerTexts()).map((t) => t.trim()),
      ['Read only', 'Read and write', 'Ingest only'],
    );
    await form.getByText('GET requests only').waitFor();
    await scope.selectOption('write');
    await form.getByText('except create API tokens').waitFor();
    await scope.selectOption('ingest');
    await form.getByText('POST /api/v1/ingest').waitFor();
    await scope.selectOption('read');

    const expires = form.getByLabel('Expires');
    assert.equal(await expires.inputValue(), '90', '90 days by default');
    assert.deepEqual(
      await expires.locator('option').evaluateAll((os) => os.map((o) => o.value)),
      ['30', '90', '180', '365'],
    );
    await expires.selectOption('30');
    const before = Date.now();
    await form.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('status').filter({ hasText: `Token “${name}” created` }).waitFor();

    // The secret is shown once, as before.
    const secret = await page.getByLabel('Token secret').inputValue();
    assert.ok(secret.length >= 20, 'the secret is shown');

    // The list shows the scope and the expiry date, 30 days on.
    const table = page.getByRole('table', { name: 'API tokens' });
    const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
    const scopeCol = headers.indexOf('Scope');
    const expiresCol = headers.indexOf('Expires');
    assert.ok(scopeCol >= 0 && expiresCol >= 0, `Scope and Expires columns in ${headers}`);
    const row = table.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    const cells = row.getByRole('cell');
    assert.equal((await cells.nth(scopeCol).innerText()).trim(), 'Read only');
    const expiry = cells.nth(expiresCol);
    const text = (await expiry.innerText()).trim();
    assert.match(text, /\d/, `an expiry date: "${text}"`);
    assert.doesNotMatch(text, /expired/i, 'not expired');
    const iso = await expiry.locator('time').getAttribute('datetime');
    const days = (Date.parse(iso) - before) / DAY_MS;
    assert.ok(days > 29.9 && days < 30.1, `expires in 30 days (${days.toFixed(3)} days, ${iso})`);

    // The server keeps what the form sent; the secret works for reading.
    const admin = await apiSession(ADMIN.email, ADMIN.password);
    const listed = (await apiGet(admin, '/api/v1/auth/tokens')).items.find((t) => t.name === name);
    assert.ok(listed, 'the token is listed by the API');
    assert.equal(listed.scope, 'read');
    assert.equal(listed.expires_at, iso);
    const read = await fetch(`${BASE}/api/v1/units`, { headers: { Accept: 'application/json', Authorization: `Bearer ${secret}` } });
    assert.equal(read.status, 200, 'the read-only token reads');

    // Tidy up.
    await page.getByRole('button', { name: `Revoke token ${name}` }).click();
    await page.getByRole('dialog', { name: 'Revoke this token?' }).getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('status').filter({ hasText: `Token “${name}” revoked` }).waitFor();
  });
});

test('a password change logs out the other sessions; "Log out everywhere" ends this one too', async () => {
  const user = {
    email: `pw-${stamp}@e2e.example`,
    name: 'Petra Wendt',
    password: `e2e-first-${stamp}`,
    next: `e2e-second-${stamp}`,
  };
  await createUser(user);

  await withPage(async (first) => {
    await withPage(async (second) => {
      // Logged in in two browsers.
      await logInAndWait(second, user.email, user.password);
      await logInAndWait(first, user.email, user.password);
      await openSettings(first);

      const form = first.getByRole('form', { name: 'Change password' });
      const current = form.getByLabel('Current password');
      const next = form.getByLabel('New password', { exact: true });
      const confirm = form.getByLabel('Confirm new password');
      const submit = form.getByRole('button', { name: 'Change password' });
      await form.getByText('10 to 200 characters').waitFor();

      // The confirmation must match: caught before anything is sent.
      await current.fill(user.password);
      await next.fill(user.next);
      await confirm.fill(`${user.next}x`);
      await submit.click();
      await form.getByText('The two new passwords do not match.').waitFor();
      assert.equal(await confirm.getAttribute('aria-invalid'), 'true');

      // A wrong current password: the server names the field, shown beside it.
      await current.fill('not-my-password');
      await confirm.fill(user.next);
      await submit.click();
      await form.getByText('The current password is not right.').waitFor();
      assert.equal(await current.getAttribute('aria-invalid'), 'true');
      assert.equal(await confirm.getAttribute('aria-invalid'), null);

      // The right one: changed, the fields cleared.
      await current.fill(user.password);
      await submit.click();
      await form
        .getByRole('status')
        .filter({ hasText: 'Password changed. Your other sessions have been logged out.' })
        .waitFor();
      for (const input of [current, next, confirm]) assert.equal(await input.inputValue(), '', 'the field is cleared');

      // The other browser is logged out on its next navigation, with the "session ended" notice.
      await openSettingsLink(second);
      await second.getByRole('heading', { name: 'Log in' }).waitFor();
      assert.equal(path(second), '/login');
      await second.getByText('Your session has ended. Please log in again.').waitFor();

      // This browser stays logged in.
      await first.reload();
      await first.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      assert.equal(await first.getByRole('button', { name: 'Log out', exact: true }).count(), 1);
    });

    // "Log out everywhere" asks first; cancelling changes nothing.
    const sessions = first.getByRole('region', { name: 'Sessions' });
    await sessions.getByText('Ends your sessions in every browser, this one included. API tokens keep working: revoke them above.').waitFor();
    await sessions.getByRole('button', { name: 'Log out everywhere' }).click();
    const dialog = first.getByRole('dialog', { name: 'Log out everywhere?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(path(first), '/settings');

    await sessions.getByRole('button', { name: 'Log out everywhere' }).click();
    await dialog.getByRole('button', { name: 'Log out everywhere' }).click();
    await first.getByRole('heading', { name: 'Log in' }).waitFor();
    assert.equal(path(first), '/login');
    assert.equal(await first.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status)), 401, 'the session is gone');

    // The old password no longer logs in; the new one does.
    await logIn(first, user.email, user.password);
    await first.getByRole('alert').waitFor();
    assert.equal(path(first), '/login');
    assert.equal(await first.getByRole('button', { name: 'Log out' }).count(), 0, 'not logged in with the old password');
    await logInAndWait(first, user.email, user.next);
  });
});

/** A navigation inside the app (no page load): the page's next request finds the session gone. */
async function openSettingsLink(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
}
