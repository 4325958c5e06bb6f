// Browser test of the shared components (web/src/components) on the pages that use them:
//   DANDELION_URL=http://127.0.0.1:18080 node --test tests/e2e/components.test.mjs
// The data table of the audit log sorts from the keyboard and says so with aria-sort; the dialog
// of Settings keeps the focus inside (Tab wraps), closes on Escape and gives the focus back; the
// toast is announced in the live region.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, BASE, logIn, serverUp, withPage } from './support.mjs';

test('the server answers', async () => {
  assert.ok(await serverUp(), `no Dandelion server at ${BASE} (set DANDELION_URL)`);
});

test('a data table sorts from the keyboard, with aria-sort on the sorted column', async () => {
  await withPage(async (page) => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log', exact: true }).click();
    const table = page.getByRole('table', { name: 'Entries' });
    await table.waitFor();
    const ids = async () => (await table.locator('tbody > tr:first-child > td:first-child').allInnerTexts()).map(Number);
    const header = table.getByRole('columnheader', { name: '#' });
    assert.equal(await header.getAttribute('aria-sort'), null, 'not sorted at first: the server’s order');
    const serverOrder = await ids();

    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    const desc = await ids();
    assert.deepEqual(desc, [...serverOrder].sort((a, b) => b - a));

    await page.keyboard.press('Space');
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await ids(), [...desc].reverse());

    // Another column takes the sort over.
    const who = table.getByRole('columnheader', { name: 'Action' });
    await who.getByRole('button').click();
    assert.equal(await who.getAttribute('aria-sort'), 'ascending');
    assert.equal(await header.getAttribute('aria-sort'), null);
  });
});

test('a dialog keeps the focus, closes on Escape and gives the focus back', async () => {
  await withPage(async (page) => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
    const name = `e2e dialog ${Date.now().toString(36)}`;
    await page.getByLabel('Token name').fill(name);
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('status').filter({ hasText: `Token “${name}” created` }).waitFor();

    const revoke = page.getByRole('button', { name: `Revoke token ${name}` });
    await revoke.click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this token?' });
    await dialog.waitFor();
    const inDialog = () => dialog.evaluate((d) => d.contains(document.activeElement));
    assert.ok(await inDialog(), 'the focus moved into the dialog');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await inDialog(), `Tab ${i + 1} stayed in the dialog`);
    }
    await page.keyboard.press('Shift+Tab');
    assert.ok(await inDialog(), 'Shift+Tab stayed in the dialog');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.ok(await revoke.evaluate((b) => b === document.activeElement), 'the focus is back on the button that opened it');

    // Revoke it for real, which is announced.
    await revoke.click();
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('status').filter({ hasText: `Token “${name}” revoked` }).waitFor();
    await revoke.waitFor({ state: 'detached' });
  });
});
