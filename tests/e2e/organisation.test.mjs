// Browser test of the web UI against a running server:
//   DANDELION_URL=http://127.0.0.1:18080 npm run test:e2e
// It drives Debian's Chromium through playwright-core, logs in as the demo hub admin,
// creates a spoke under the hub, adds a publisher to it, and checks both are listed.
// A screenshot of the Organisation page goes to ${E2E_OUT_DIR || 'build/e2e'}/organisation.png.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ADMIN, BASE, logIn, OUT_DIR, serverUp, withPage } from './support.mjs';

test('the server answers', async () => {
  assert.ok(await serverUp(), `no Dandelion server at ${BASE} (set DANDELION_URL)`);
});

test('a wrong password shows an error and stays on the login page', async () => {
  await withPage(async (page) => {
    await logIn(page, ADMIN.email, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /\S/, 'the error has a message');
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.getByRole('button', { name: 'Log out' }).count(), 0, 'not logged in');
    // The form is usable again for a second try.
    assert.ok(await page.getByRole('button', { name: 'Log in' }).isEnabled());
  });
});

test('a hub admin creates a spoke and adds a publisher to it', async () => {
  await withPage(async (page) => {
    // Ask for the Organisation page first: login must bring us back there.
    await page.goto(`${BASE}/organisation`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/organisation', 'back where we wanted to go');

    // The navigation lists every area.
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const area of ['Overview', 'Organisation', 'Listening', 'Inbox', 'Contacts', 'Publishing', 'Calendar',
      'Education', 'Playbooks', 'Programs', 'Requests', 'Advocacy', 'Community', 'ROI', 'Audit log', 'Settings']) {
      assert.equal(await nav.getByRole('link', { name: area, exact: true }).count(), 1, `nav link ${area}`);
    }

    // Select the hub (the first unit) with the keyboard.
    const tree = page.getByRole('tree', { name: 'Units' });
    const hub = tree.getByRole('treeitem').first();
    await hub.waitFor();
    await hub.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    assert.equal(await hub.getAttribute('aria-selected'), 'true', 'the hub is selected');
    assert.equal(await hub.getAttribute('aria-level'), '1');

    // Create a spoke under the hub.
    const slug = `e2e-${Date.now().toString(36)}`.toLowerCase().slice(0, 32);
    const spokeName = `E2E spoke ${slug.slice(4)}`;
    const spokeForm = page.getByRole('form', { name: 'Create a spoke' });
    await spokeForm.getByLabel('Name').fill(spokeName);
    await spokeForm.getByLabel('Slug').fill(slug);
    await spokeForm.getByRole('button', { name: 'Create spoke' }).click();
    await page.getByRole('status').filter({ hasText: spokeName }).waitFor();

    // It is in the tree, one level below the hub; select it.
    const spoke = tree.getByRole('treeitem', { name: new RegExp(`\\b${slug}\\b`) });
    await spoke.waitFor();
    assert.equal(await spoke.getAttribute('aria-level'), '2');
    await spoke.click();
    assert.equal(await spoke.getAttribute('aria-selected'), 'true', 'the spoke is selected');
    await page.getByRole('heading', { level: 2, name: spokeName, exact: true }).waitFor();
    const members = page.getByRole('table', { name: `Members of ${spokeName}` });
    await page.getByText('Nobody holds a role directly at this unit.').waitFor();

    // Add a new user as publisher of the spoke.
    const email = `${slug}@e2e.example`;
    const userForm = page.getByRole('form', { name: 'Add a user' });
    await userForm.getByLabel('Full name').fill('E2E Publisher');
    await userForm.getByLabel('Email').fill(email);
    await userForm.getByLabel('Initial password').fill('e2e-password-0123');
    await userForm.getByLabel('Role').selectOption('publisher');
    await userForm.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('status').filter({ hasText: email }).waitFor();

    const row = members.getByRole('row').filter({ hasText: email });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.ok(cells.some((c) => c.includes('E2E Publisher')), `name in ${cells}`);
    assert.ok(cells.some((c) => c.trim() === 'publisher'), `role in ${cells}`);
    assert.equal(await row.getByRole('button', { name: /Remove the publisher role/ }).count(), 1);

    // The new user can be given another role through "Give a role" (they are in the user list).
    const giveForm = page.getByRole('form', { name: 'Give a role' });
    const option = giveForm.getByRole('option', { name: new RegExp(email.replace(/[.]/g, '\\.')) });
    await option.waitFor({ state: 'attached' });

    // Screenshot from the top of the page, with the new spoke selected and its member listed.
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).scrollIntoViewIfNeeded();
    await mkdir(OUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUT_DIR, 'organisation.png') });

    // Log out ends the session.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
  });
});
