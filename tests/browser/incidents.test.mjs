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

/** A word that appears in no demo report, so a full-text search finds exactly the report carrying it. */
function marker() {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let s = 'mark';
  for (let i = 0; i < 10; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return s;
}

/** Answers every category question the form shows: the first offered choice, or a short text. */
async function answerCategoryQuestions(page) {
  const box = page.getByTestId('category-fields');
  if ((await box.count()) === 0) return;
  const selects = box.locator('select');
  for (let i = 0; i < (await selects.count()); i++) await selects.nth(i).selectOption({ index: 1 });
  const inputs = box.locator('input');
  for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill('Not known');
}

/**
 * Fills and sends the report form that is on the page (signed in or anonymous). Returns nothing; the caller
 * waits for its own confirmation.
 */
async function fillReport(page, { category = 'fall', harm, duration, text, department }) {
  await page.getByTestId('incident-report-form').waitFor();
  await page.getByRole('radio', { name: 'Incident', exact: true }).check();
  await page.getByLabel('Category', { exact: true }).selectOption(category);
  await answerCategoryQuestions(page);
  await page.getByRole('radio', { name: harm, exact: true }).check();
  if (duration) await page.getByRole('radio', { name: duration, exact: true }).check();
  const dept = page.getByLabel('Department', { exact: true });
  if (department || !(await dept.inputValue())) await dept.selectOption({ label: department ?? 'Emergency Department' });
  await page.getByLabel('Location (optional)').fill('Bay 3, bed 12');
  await page.getByLabel('Patient identifier (optional)').fill('MRN-448812');
  await page.getByLabel('Patient name (optional)').fill('Test Patient');
  await page.getByLabel('What happened', { exact: true }).fill(`Patient found on the floor beside the bed. ${text}`);
  await page.getByLabel('Immediate actions taken (optional)').fill('Checked for injury, doctor informed, bed lowered.');
  await page.getByTestId('submit-report').click();
}

/** nurse.ed reports an event through the form; returns its reference and id. */
async function reportAsNurse(harm, duration, text) {
  let result;
  await withPage(env, `nurse-reports-${harm}`, async (page) => {
    await login(page, env.baseUrl, 'nurse.ed');
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-report').click();
    await fillReport(page, { harm, duration, text });
    await page.getByTestId('report-submitted').waitFor();
    const reference = (await page.getByTestId('report-reference').innerText()).trim();
    const href = await page.getByRole('link', { name: 'View this report' }).getAttribute('href');
    result = { reference, id: Number(href.split('/').pop()) };
  });
  return result;
}

test('a nurse reports a fall in under a minute and sees it under My reports', async () => {
  await withPage(env, 'nurse-reports-fall', async (page, problems) => {
    const started = Date.now();
    await login(page, env.baseUrl, 'nurse.ed');
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-report').click();
    await page.getByTestId('incident-report-page').waitFor();
    // The department defaults to the nurse's home department and the time to now.
    assert.notEqual(await page.getByLabel('Department', { exact: true }).inputValue(), '');
    assert.notEqual(await page.getByLabel('When it happened').inputValue(), '');

    await fillReport(page, { harm: 'Mild harm', duration: 'Temporary', text: marker() });
    await page.getByTestId('report-submitted').waitFor();
    const reference = (await page.getByTestId('report-reference').innerText()).trim();
    assert.match(reference, /\S/);

    await page.getByTestId('go-my-reports').click();
    await page.getByTestId('incident-table').waitFor();
    assert.equal(await page.getByRole('tab', { name: 'My reports' }).getAttribute('aria-selected'), 'true');
    await page.locator(`[data-testid="incident-row"][data-reference="${reference}"]`).waitFor();
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 60_000, `reporting took ${elapsed} ms`);
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('an anonymous report needs no sign-in and its follow-up code shows the state', async () => {
  await withPage(env, 'anonymous-report', async (page, problems) => {
    await page.goto(`${env.baseUrl}/login`);
    await page.getByTestId('report-anonymously').click();
    await page.getByTestId('anonymous-report-page').waitFor();
    assert.equal(new URL(page.url()).pathname, '/report');

    // A full page load of /report must not be sent to the sign-in page either.
    await page.goto(`${env.baseUrl}/report`);
    await page.getByTestId('anonymous-report-page').waitFor();
    assert.equal(new URL(page.url()).pathname, '/report');

    await fillReport(page, { harm: 'Mild harm', duration: 'Temporary', text: marker(), department: 'Emergency Department' });
    await page.getByTestId('anonymous-receipt').waitFor();
    const code = (await page.getByTestId('followup-code').innerText()).trim();
    assert.ok(code.length >= 6, `follow-up code ${JSON.stringify(code)}`);
    assert.match(await page.getByTestId('anonymous-receipt-page').innerText(), /Write this code down/);

    await page.getByRole('link', { name: 'Check on a report or answer a question' }).click();
    await page.getByTestId('followup-page').waitFor();
    await page.getByLabel('Follow-up code').fill(code);
    await page.getByRole('button', { name: 'Show my report' }).click();
    await page.getByTestId('followup-state').waitFor();
    assert.equal((await page.getByTestId('followup-state').innerText()).trim(), 'Submitted');
    assert.equal(new URL(page.url()).pathname, '/report/follow-up');
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('the patient safety officer triages a severe-harm report from the triage queue and flags it sentinel', async () => {
  const word = marker();
  const { reference } = await reportAsNurse('Severe harm', 'Permanent', word);

  await withPage(env, 'triage-sentinel', async (page, problems) => {
    await login(page, env.baseUrl, 'pso.main');
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-incidents').click();
    await page.getByRole('tab', { name: 'Triage' }).click();
    await page.getByLabel('Search', { exact: true }).fill(word);
    const row = page.locator(`[data-testid="incident-row"][data-reference="${reference}"]`);
    await row.waitFor();
    await row.getByRole('link', { name: reference }).click();

    const panel = page.getByTestId('triage-panel');
    await panel.waitFor();
    await panel.getByLabel('Severity').selectOption('major');
    // The handler is found by name in the people directory, which is open to the PSO without users.read.
    const handler = panel.getByRole('combobox', { name: 'Handler' });
    await handler.fill('Osei');
    await panel.getByRole('option', { name: /Daniel Osei/ }).click();
    assert.equal(await handler.inputValue(), 'Daniel Osei');
    await panel.getByLabel('Flag as a sentinel event').check();
    await panel.getByTestId('save-triage').click();
    await panel.getByTestId('triage-saved').waitFor();
    assert.equal((await page.getByTestId('incident-handler').innerText()).trim(), 'Daniel Osei');

    const due = page.getByTestId('analysis-due');
    await due.waitFor();
    assert.match(await due.innerText(), /(Analysis due|analysis was due) \S/);
    assert.match(await page.getByTestId('sentinel-status').innerText(), /Sentinel event/);
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('an investigation gets two fishbone causes that the diagram shows after saving', async () => {
  const { id } = await reportAsNurse('Moderate harm', 'Temporary', marker());
  const causes = ['Night shift understaffed', 'Bed rails left down'];

  await withPage(env, 'investigation-fishbone', async (page, problems) => {
    await login(page, env.baseUrl, 'pso.main');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/incidents/${id}`);
    await page.getByTestId('incident-detail-page').waitFor();
    // Triage first, so the report is accepted for investigation whatever its starting state allows.
    const panel = page.getByTestId('triage-panel');
    if ((await panel.count()) > 0) {
      await panel.getByLabel('Severity').selectOption('moderate');
      await panel.getByTestId('save-triage').click();
      await panel.getByTestId('triage-saved').waitFor();
    }

    await page.getByTestId('start-investigation').click();
    await page.getByTestId('confirm-start-investigation').click();
    await page.getByTestId('investigation-page').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/investigations\/\d+$/);

    const category = page.locator('#inv-new-cause-category');
    const text = page.locator('#inv-new-cause-text');
    for (const [i, cause] of causes.entries()) {
      await category.selectOption({ index: i });
      await text.fill(cause);
      await page.getByTestId('add-cause').click();
    }
    assert.equal(await page.getByTestId('cause-row').count(), 2);
    await page.getByTestId('save-investigation').click();
    await page.getByTestId('investigation-saved').waitFor();

    const fishbone = page.locator('svg.fishbone');
    assert.equal(await fishbone.getAttribute('role'), 'img');
    assert.match((await fishbone.getAttribute('aria-label')) ?? '', /2 causes/);
    for (const cause of causes) assert.ok((await fishbone.textContent()).includes(cause), `fishbone shows “${cause}”`);

    // Saved, not just drawn: a fresh load shows the same causes.
    await page.reload();
    await page.getByTestId('investigation-page').waitFor();
    const reloaded = await page.locator('svg.fishbone').textContent();
    for (const cause of causes) assert.ok(reloaded.includes(cause), `after reload the fishbone shows “${cause}”`);
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('the learning page draws the Pareto chart and the monthly grid', async () => {
  // Make sure the period holds at least one event, whatever ran before.
  await reportAsNurse('Mild harm', 'Temporary', marker());
  await withPage(env, 'learning-pareto', async (page, problems) => {
    await login(page, env.baseUrl, 'pso.main');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/incidents/learning`);
    await page.getByTestId('learning-page').waitFor();
    await page.locator('[data-testid="pareto-chart"] canvas').waitFor();
    await page.getByTestId('pareto-table').waitFor();
    await page.getByTestId('monthly-grid').waitFor();
    assert.ok((await page.getByTestId('pareto-table').locator('tbody tr').count()) >= 1);
    assert.deepEqual(cspViolations(problems), []);
  });
});
