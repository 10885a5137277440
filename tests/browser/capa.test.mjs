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

/** A word that appears in no demo record, so a search finds exactly the CAPA carrying it. */
function marker() {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let s = 'capa';
  for (let i = 0; i < 10; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return s;
}

/** A local calendar date `offset` days from today, as the date inputs take it. */
function day(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** GET through the signed-in page, so the session cookie goes along. */
async function getJson(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    return res.json();
  }, path);
}

/** Chooses a person in the picker labelled `label` within `scope` (the page or a part of it). */
async function pickPerson(page, scope, label, search, name) {
  const box = scope.getByRole('combobox', { name: label });
  await box.fill(search);
  await page.getByRole('option', { name: new RegExp(name) }).click();
  assert.equal(await box.inputValue(), name);
}

async function waitForState(page, state) {
  await page.locator(`[data-testid="capa-state"][data-state="${state}"]`).waitFor();
}

/**
 * Fills /capa/new as the signed-in user and creates the CAPA in the Emergency Department with one action.
 * Answers {id, reference} once the detail page shows.
 */
async function createCapa(page, { title, owner, due = day(30), withCheck = true }) {
  await page.getByTestId('nav-capa').click();
  await page.getByTestId('capa-board-page').waitFor();
  await page.getByTestId('new-capa').click();
  await page.getByTestId('capa-new-page').waitFor();
  await page.getByLabel('Department', { exact: true }).selectOption({ label: 'Emergency Department' });
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Problem statement', { exact: true }).fill('Two patients received the wrong diet after a bed move.');
  await page.getByLabel('Containment (optional)').fill('Diet orders checked on every ward round this week.');
  await page.getByLabel('Root cause', { exact: true }).fill('Diet orders are not carried over when a bed changes.');
  await page.getByTestId('capa-add-action').click();
  await page.getByLabel('Action 1', { exact: true }).fill(`Diet order moves with the bed in the system (${title})`);
  await page.getByLabel('Strength', { exact: true }).selectOption('stronger');
  await pickPerson(page, page, 'Owner', owner.search, owner.name);
  await page.getByLabel('Due', { exact: true }).fill(due);
  if (withCheck) {
    await page.getByLabel('Criterion', { exact: true }).fill('No wrong-diet events in the next two monthly audits.');
    await page.getByLabel('Check on', { exact: true }).fill(day(60));
  }
  await page.getByTestId('capa-create').click();
  await page.getByTestId('capa-detail-page').waitFor();
  await page.getByTestId('capa-created').waitFor();
  await waitForState(page, 'open');
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const reference = (await page.locator('#page-title').innerText()).split(' · ')[0].trim();
  assert.match(reference, /^CAPA-\d{4}-\d+$/);
  return { id, reference };
}

/** As the signed-in user on the CAPA page: mark action 1 with `status` and a note. */
async function recordProgress(page, status, note) {
  const row = page.getByTestId('capa-action').first();
  await row.getByTestId('capa-action-update').click();
  const form = page.getByTestId('capa-progress-form');
  await form.getByLabel('Status of action 1').selectOption(status);
  await form.getByLabel('What was done').fill(note);
  await form.getByTestId('capa-progress-save').click();
  await page.getByTestId('capa-progress-saved').waitFor();
  await page.locator(`[data-testid="capa-action"][data-status="${status}"]`).waitFor();
}

test('a CAPA is raised from an investigation action and links back to the investigation', async () => {
  const what = `Bed-move checklist enforced by the system ${marker()}`;
  await withPage(env, 'capa-from-investigation', async (page, problems) => {
    await login(page, env.baseUrl, 'pso.main');
    await page.getByTestId('home-page').waitFor();
    // A demo investigation still in progress that the PSO may edit.
    const list = await getJson(page, '/api/v1/investigations?state=in_progress&limit=50');
    let investigation = null;
    for (const item of list.items) {
      const full = await getJson(page, `/api/v1/investigations/${item.id}`);
      if (full.can.edit) {
        investigation = full;
        break;
      }
    }
    assert.ok(investigation, 'the demo has an investigation in progress pso.main may edit');

    await page.goto(`${env.baseUrl}/investigations/${investigation.id}`);
    await page.getByTestId('investigation-page').waitFor();
    const plan = page.getByTestId('inv-actions');
    await plan.getByRole('button', { name: 'Add action', exact: true }).click();
    const row = plan.locator('li.action-row').last();
    const n = await plan.locator('li.action-row').count();
    await row.getByLabel(`Action ${n}`, { exact: true }).fill(what);
    await pickPerson(page, row, 'Owner', 'Gonzalez', 'Maria Gonzalez');
    await row.getByLabel('Due', { exact: true }).fill(day(45));
    await row.getByLabel('Strength', { exact: true }).selectOption('stronger');
    // Unsaved: raising a CAPA waits for the save, since it changes the investigation.
    assert.equal(await row.getByTestId('inv-action-create-capa').count(), 0, 'an unsaved action has no Create CAPA button');
    await page.getByTestId('save-investigation').click();
    await page.getByTestId('investigation-saved').waitFor();

    const saved = plan.locator('li.action-row').nth(n - 1);
    assert.equal(await saved.getByLabel(`Action ${n}`, { exact: true }).inputValue(), what);
    await saved.getByTestId('inv-action-create-capa').click();

    await page.getByTestId('capa-detail-page').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/capa\/\d+$/);
    const capaId = Number(new URL(page.url()).pathname.split('/').pop());
    await waitForState(page, 'open');
    const link = page.getByTestId('capa-investigation-link');
    assert.equal(await link.getAttribute('href'), `/investigations/${investigation.id}`);
    assert.equal((await link.innerText()).trim(), investigation.reference);
    assert.match(await page.getByTestId('capa-source-label').innerText(), /investigation/i);
    const action = page.getByTestId('capa-action').first();
    assert.ok((await action.innerText()).includes(what), 'the plan item is the first action');
    assert.ok((await action.innerText()).includes('Maria Gonzalez'), 'with its owner');
    const reference = (await page.locator('#page-title').innerText()).split(' · ')[0].trim();

    // Back on the investigation the item now links to its CAPA instead of offering another.
    await link.click();
    await page.getByTestId('investigation-page').waitFor();
    const linked = page.getByTestId('inv-actions').locator('li.action-row').nth(n - 1).getByTestId('inv-action-capa');
    await linked.getByRole('link', { name: reference }).waitFor();
    assert.equal(await linked.getByRole('link').getAttribute('href'), `/capa/${capaId}`);
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('a CAPA runs to closed: planned, the owner finishes the action with evidence, verified effective', async () => {
  const title = `Wrong diet after bed moves ${marker()}`;
  let capa;
  await withPage(env, 'capa-create-and-plan', async (page, problems) => {
    await login(page, env.baseUrl, 'qm.main');
    await page.getByTestId('home-page').waitFor();
    capa = await createCapa(page, { title, owner: { search: 'Byrne', name: 'Aoife Byrne' } });
    await page.getByTestId('capa-move-planned').click();
    await waitForState(page, 'planned');
    assert.deepEqual(cspViolations(problems), []);
  });

  // The action owner is a staff nurse without CAPA rights: she reads the CAPA and reports on her own action.
  await withPage(env, 'capa-owner-progress', async (page, problems) => {
    await login(page, env.baseUrl, 'nurse.ed');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/capa/${capa.id}`);
    await page.getByTestId('capa-detail-page').waitFor();
    assert.equal(await page.getByTestId('capa-save').count(), 0, 'the owner cannot edit the record');
    assert.equal(await page.getByTestId('capa-transitions').count(), 0, 'nor move it on');
    await recordProgress(page, 'done', 'Ward system now carries the diet order with the bed; tested on 12 moves.');
    // Recording work on a planned CAPA starts it.
    await waitForState(page, 'in_progress');
    const actionId = await page.getByTestId('capa-action').first().getAttribute('data-action-id');
    await page.locator(`#capa-evidence-${actionId}`).setInputFiles({ name: 'bed-move-test.txt', mimeType: 'text/plain', buffer: Buffer.from('12 of 12 bed moves kept the diet order.\n') });
    await page.getByTestId('capa-evidence-submit').click();
    const evidence = page.getByTestId('capa-evidence-list').getByRole('link', { name: 'bed-move-test.txt' });
    await evidence.waitFor();
    assert.match(await evidence.getAttribute('href'), new RegExp(`^/api/v1/capa/${capa.id}/evidence/\\d+$`));
    assert.deepEqual(cspViolations(problems), []);
  });

  await withPage(env, 'capa-verify-effective', async (page, problems) => {
    await login(page, env.baseUrl, 'qm.main');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/capa/${capa.id}`);
    await page.getByTestId('capa-detail-page').waitFor();
    await waitForState(page, 'in_progress');
    assert.match(await page.getByTestId('capa-action-note').innerText(), /carries the diet order/);
    await page.getByTestId('capa-move-awaiting_verification').click();
    await waitForState(page, 'awaiting_verification');

    const panel = page.getByTestId('capa-effectiveness');
    await panel.waitFor();
    assert.equal(await page.getByTestId('capa-verify-owner-note').count(), 0, 'qm.main owns no action');
    await panel.getByRole('radio', { name: 'Effective', exact: true }).check();
    await panel.getByLabel('Evidence', { exact: true }).fill('Audits in two months found no wrong-diet events after 140 bed moves.');
    await panel.getByTestId('capa-eff-submit').click();
    await waitForState(page, 'closed');
    await page.locator('[data-testid="capa-check"][data-result="effective"]').waitFor();
    assert.equal(await page.getByTestId('capa-effectiveness').count(), 0);
    assert.match(await page.getByTestId('capa-stepper').locator('[aria-current="step"]').innerText(), /Closed/);

    // The board shows it among the recently closed, and the list finds it by its title.
    await page.getByTestId('nav-capa').click();
    await page.getByTestId('capa-board-page').waitFor();
    await page.getByLabel('Search', { exact: true }).fill(title);
    // The search is debounced; it shows in the address once applied.
    await page.waitForFunction(() => new URLSearchParams(location.search).has('q'));
    const card = page.getByTestId('capa-column-closed').locator(`[data-testid="capa-card"][data-reference="${capa.reference}"]`);
    await card.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="capa-card"]').length === 1);
    // Cards are links: the keyboard opens them.
    await card.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('capa-detail-page').waitFor();
    assert.equal(new URL(page.url()).pathname, `/capa/${capa.id}`);
    await page.goBack();
    await page.getByTestId('capa-board-page').waitFor();
    await page.getByTestId('capa-view-list').click();
    const row = page.locator(`[data-testid="capa-row"][data-reference="${capa.reference}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /Closed/);
    assert.match(await page.getByTestId('export-csv').getAttribute('href'), /^\/api\/v1\/capa\/export\?format=csv&.*q=/);
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('closure is refused to a manager who owns an action, and a blocked step says what is missing', async () => {
  const title = `Self-verified CAPA ${marker()}`;
  await withPage(env, 'capa-owner-cannot-close', async (page, problems) => {
    await login(page, env.baseUrl, 'qm.main');
    await page.getByTestId('home-page').waitFor();
    // No effectiveness check yet: planning is refused and the summary names the missing fields.
    const capa = await createCapa(page, { title, owner: { search: 'Gonzalez', name: 'Maria Gonzalez' }, withCheck: false });
    await page.getByTestId('capa-move-planned').click();
    const blocked = page.getByTestId('capa-transitions').getByTestId('error-summary');
    await blocked.waitFor();
    assert.match(await blocked.innerText(), /Effectiveness criterion/);
    await waitForState(page, 'open');

    await page.getByLabel('Criterion', { exact: true }).fill('Zero wrong-diet events in the next audit.');
    await page.getByLabel('Check on', { exact: true }).fill(day(60));
    await page.getByTestId('capa-save').click();
    await page.getByTestId('capa-saved').waitFor();
    await page.getByTestId('capa-move-planned').click();
    await waitForState(page, 'planned');

    await recordProgress(page, 'done', 'Done by the quality manager herself.');
    await waitForState(page, 'in_progress');
    await page.getByTestId('capa-move-awaiting_verification').click();
    await waitForState(page, 'awaiting_verification');

    const panel = page.getByTestId('capa-effectiveness');
    await page.getByTestId('capa-verify-owner-note').waitFor();
    await panel.getByRole('radio', { name: 'Effective', exact: true }).check();
    await panel.getByLabel('Evidence', { exact: true }).fill('I checked my own work.');
    await panel.getByTestId('capa-eff-submit').click();
    const refused = page.getByTestId('capa-verify-refused');
    await refused.waitFor();
    assert.match(await refused.innerText(), /other than the action owner/i);

    await page.reload();
    await page.getByTestId('capa-detail-page').waitFor();
    await waitForState(page, 'awaiting_verification');
    assert.equal(await page.getByTestId('capa-check').count(), 0, 'no check was recorded');
    const stored = await getJson(page, `/api/v1/capa/${capa.id}`);
    assert.equal(stored.state, 'awaiting_verification');
    assert.equal(stored.can.verify, false);
    assert.deepEqual(cspViolations(problems), []);
  });
});

test("an overdue action shows on its owner's and the department manager's home page and in the owner's digest", async () => {
  const title = `Overdue diet CAPA ${marker()}`;
  let capa;
  await withPage(env, 'capa-overdue-create', async (page) => {
    await login(page, env.baseUrl, 'qm.main');
    await page.getByTestId('home-page').waitFor();
    capa = await createCapa(page, { title, owner: { search: 'Byrne', name: 'Aoife Byrne' }, due: day(-3) });
    await page.locator('[data-testid="capa-action"][data-overdue="true"]').waitFor();
  });

  // The daily digest runs once a day on its own; the chief quality officer runs it now so it holds this CAPA.
  await withPage(env, 'capa-overdue-digest', async (page) => {
    await login(page, env.baseUrl, 'cqo');
    await page.getByTestId('home-page').waitFor();
    const run = await page.evaluate(async () => {
      const session = await (await fetch('/api/v1/auth/session')).json();
      const res = await fetch('/api/v1/capa/digests', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: '{}',
      });
      return { status: res.status, body: await res.json() };
    });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.ok(run.body.items >= 1);
  });

  await withPage(env, 'capa-digest-read', async (page, problems) => {
    await login(page, env.baseUrl, 'nurse.ed');
    await page.getByTestId('home-page').waitFor();
    const inbox = await getJson(page, '/api/v1/me/notifications');
    const digest = inbox.items.find((n) => n.items.some((i) => i.capaReference === capa.reference));
    assert.ok(digest, "today's digest lists the overdue action");
    const note = page.locator(`[data-testid="notification"][data-notification-id="${digest.id}"]`);
    await note.waitFor();
    assert.equal(await note.getAttribute('data-read'), null);
    await note.getByTestId('notification-mark-read').click();
    await page.locator(`[data-testid="notification"][data-notification-id="${digest.id}"][data-read="true"]`).waitFor();
    // Read on the server, not only on the screen.
    await page.reload();
    await page.locator(`[data-testid="notification"][data-notification-id="${digest.id}"][data-read="true"]`).waitFor();
    assert.equal(await note.getByTestId('notification-mark-read').count(), 0);
    assert.deepEqual(cspViolations(problems), []);
  });

  for (const [user, section] of [
    ['nurse.ed', 'overdue-own'],
    ['manager.ed', 'overdue-team'],
  ]) {
    await withPage(env, `capa-overdue-home-${user}`, async (page, problems) => {
      await login(page, env.baseUrl, user);
      await page.getByTestId('home-page').waitFor();
      const item = page.getByTestId(section).locator(`[data-testid="overdue-item"][data-capa-reference="${capa.reference}"]`);
      await item.waitFor();
      assert.match(await item.innerText(), /\d+ days? overdue/);
      await item.getByRole('link').click();
      await page.getByTestId('capa-detail-page').waitFor();
      assert.equal(new URL(page.url()).pathname, `/capa/${capa.id}`);
      assert.deepEqual(cspViolations(problems), []);
    });
  }

  await withPage(env, 'capa-ageing', async (page, problems) => {
    await login(page, env.baseUrl, 'qm.main');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/capa/ageing`);
    const row = page.getByTestId('capa-ageing-row').filter({ hasText: 'Emergency Department' });
    await row.waitFor();
    assert.match(await page.getByTestId('capa-ageing-summary').innerText(), /open CAPAs/);
    assert.deepEqual(cspViolations(problems), []);
  });
});
