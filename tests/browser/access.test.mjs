import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { login, startEnvironment, withPage } from './harness.mjs';

let env;
before(async () => {
  env = await startEnvironment();
});
after(async () => {
  await env?.stop();
});

test('a staff reporter has no admin navigation and is denied /admin/users', async () => {
  await withPage(env, 'staff-reporter-denied', async (page) => {
    await login(page, env.baseUrl, 'nurse.ed');
    await page.getByTestId('home-page').waitFor();
    assert.equal(await page.getByTestId('nav-users').count(), 0);
    assert.equal(await page.getByTestId('nav-audit').count(), 0);
    await page.getByTestId('nav-home').waitFor();

    // A full page load, so the denial must come from the API's 403, not from hidden navigation.
    await page.goto(`${env.baseUrl}/admin/users`);
    const forbidden = page.getByTestId('forbidden-page');
    await forbidden.waitFor();
    assert.equal(await forbidden.getByRole('heading', { level: 1 }).innerText(), 'You do not have access to this page');
    assert.equal(await page.getByTestId('users-table').count(), 0);
  });
});

test('an unknown path shows the not-found page', async () => {
  await withPage(env, 'not-found', async (page) => {
    await login(page, env.baseUrl, 'nurse.ed');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/no/such/page`);
    await page.getByTestId('not-found-page').waitFor();
  });
});
