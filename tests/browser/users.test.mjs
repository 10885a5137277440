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

test('admin creates a user with a grant and finds the create entry in the audit trail', async () => {
  const username = `qa.${Date.now().toString(36)}`;
  await withPage(env, 'create-user-audit', async (page, problems) => {
    await login(page, env.baseUrl, 'admin');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('new-user').click();

    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Display name').fill('Quinn Analyst');
    await page.getByLabel('Email').fill(`${username}@example.org`);
    await page.getByLabel('Initial password').fill('Harbour-Lantern-4821');
    await page.getByLabel('Home department').selectOption({ label: 'Emergency Department' });
    await page.getByTestId('new-add-grant').click();
    await page.getByLabel('Role', { exact: true }).selectOption('quality_analyst');
    await page.getByLabel('Scope', { exact: true }).selectOption({ label: 'Department — Emergency Department' });
    await page.getByTestId('create-user').click();

    await page.getByTestId('user-created').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/admin\/users\/\d+$/);
    assert.equal(await page.getByLabel('Role', { exact: true }).inputValue(), 'quality_analyst');

    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await page.getByLabel('Action').selectOption('create');
    // Wait until the filtered list has replaced the unfiltered one.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="audit-row"]')];
      return rows.length > 0 && rows.every((r) => r.getAttribute('data-action') === 'create');
    });
    assert.equal(await page.getByLabel('Action').inputValue(), 'create');
    const row = page.getByTestId('audit-row').filter({ hasText: username });
    await row.first().waitFor();
    assert.equal(await row.first().getAttribute('data-action'), 'create');
    assert.match(await row.first().innerText(), /admin/);

    await row.first().getByRole('button').click();
    const diff = page.getByTestId('json-diff');
    await diff.waitFor();
    assert.match(await diff.innerText(), new RegExp(username.replace('.', '\\.')));
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('creating a user with a taken username shows the error at the username field', async () => {
  await withPage(env, 'duplicate-username', async (page) => {
    await login(page, env.baseUrl, 'admin');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/admin/users/new`);
    await page.getByLabel('Username').fill('nurse.ed');
    await page.getByLabel('Display name').fill('Duplicate Nurse');
    await page.getByLabel('Email').fill('dup@example.org');
    await page.getByLabel('Initial password').fill('Harbour-Lantern-4821');
    await page.getByTestId('create-user').click();
    await page.getByTestId('new-username-error').waitFor();
    assert.match(await page.getByTestId('new-username-error').innerText(), /already taken/);
  });
});

test('admin verifies the audit chain, sees its last signed checkpoint and the activity chart', async () => {
  await withPage(env, 'verify-chain', async (page, problems) => {
    await login(page, env.baseUrl, 'admin');
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-audit').click();
    // The server checkpoints the demo's trail as it starts, with the key it made beside the database.
    await page.getByTestId('audit-checkpoint').getByText(/Last checkpoint: entry #\d+, signed .* with key [0-9a-f]{16} — verified\./).waitFor();
    await page.locator('[data-testid="activity-chart"] canvas').waitFor();
    await page.getByTestId('verify-chain').click();
    await page.getByTestId('verify-result').getByText(/Audit chain intact/).waitFor();
    assert.deepEqual(cspViolations(problems), []);
  });
});

// Issue 12, finding 2: a site administrator sees, but is not offered to change, someone at their site who also
// holds an organisation-wide role.
test('a site administrator is not offered to manage someone with a wider role', async () => {
  const username = `qm.wide.${Date.now().toString(36)}`;
  let userId;
  await withPage(env, 'create-wide-user', async (page) => {
    await login(page, env.baseUrl, 'admin');
    await page.getByTestId('home-page').waitFor();
    const created = await page.evaluate(async (name) => {
      const session = await (await fetch('/api/v1/auth/session')).json();
      const org = await (await fetch('/api/v1/org')).json();
      const north = org.sites.find((s) => s.code === 'NORTH');
      const ward = north.departments.find((d) => d.code === 'NMED');
      const res = await fetch('/api/v1/users', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({
          username: name,
          displayName: 'Wide Quality Manager',
          password: 'Harbour-Lantern-4821',
          homeDepartmentId: ward.id,
          grants: [{ role: 'quality_manager', scope: { type: 'organisation', id: org.id } }],
        }),
      });
      return { status: res.status, body: await res.json() };
    }, username);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    userId = created.body.id;
  });
  await withPage(env, 'site-admin-wide-user', async (page) => {
    await login(page, env.baseUrl, 'admin.north');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/admin/users/${userId}`);
    await page.getByTestId('user-beyond-scope').waitFor();
    assert.match(await page.getByTestId('user-beyond-scope').innerText(), /role beyond your own scope/);
    assert.equal(await page.getByTestId('user-password-form').count(), 0);
    assert.equal(await page.getByTestId('user-edit-form').count(), 0);
  });
});
