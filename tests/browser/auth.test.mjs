import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cspViolations, login, startEnvironment, withPage } from './harness.mjs';

let env;
before(async () => {
  env = await startEnvironment();
});
after(async () => {
  await env?.stop();
});

test('admin signs in and sees the home page', async () => {
  await withPage(env, 'admin-home', async (page, problems) => {
    await login(page, env.baseUrl, 'admin');
    await page.getByTestId('home-page').waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Good (morning|afternoon|evening), /);
    assert.match(await page.getByTestId('org-name').innerText(), /St Brigid's University Hospital/);
    assert.match(await page.getByTestId('my-roles').innerText(), /Administrator/i);
    // The work sections come from /me/work; with no items each shows its empty text.
    await page.locator('.work-section').first().waitFor();
    await page.getByTestId('nav-users').waitFor();
    await page.getByTestId('nav-audit').waitFor();
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('a wrong password shows an error and stays on the sign-in page', async () => {
  await withPage(env, 'wrong-password', async (page) => {
    await login(page, env.baseUrl, 'admin', 'not-the-right-password');
    const error = page.getByTestId('login-error');
    await error.getByText('The username or password is incorrect.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.getByTestId('home-page').count(), 0);
  });
});

test('opening a page without a session redirects to sign in and back afterwards', async () => {
  await withPage(env, 'redirect-to-login', async (page) => {
    await page.goto(`${env.baseUrl}/admin/users`);
    await page.getByTestId('login-form').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('Quality-Demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('users-table').waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin/users');
  });
});

test('signing out returns to the sign-in page and ends the session', async () => {
  await withPage(env, 'sign-out', async (page) => {
    await login(page, env.baseUrl, 'admin');
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-form').waitFor();
    await page.goto(`${env.baseUrl}/`);
    await page.getByTestId('login-form').waitFor();
  });
});
