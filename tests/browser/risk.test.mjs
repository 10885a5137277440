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

/** A word that appears in no demo record, so a search or a title finds exactly what a test made. */
function marker(prefix = 'mark') {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let s = prefix;
  for (let i = 0; i < 8; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return s;
}

/** A date `days` from today as YYYY-MM-DD, for review and due dates. */
function daysFromNow(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Sets one rating of the risk form (or the review form) by its two selects. */
async function rate(page, idPrefix, likelihood, consequence) {
  await page.locator(`#${idPrefix}-likelihood`).selectOption(String(likelihood));
  await page.locator(`#${idPrefix}-consequence`).selectOption(String(consequence));
}

/** Fills and saves the new-risk form; lands on the new risk's page and returns its id. */
async function addRisk(page, { title, department, inherent, residual, target }) {
  await page.getByTestId('risk-new-page').waitFor();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Category', { exact: true }).selectOption('patient_safety');
  if (department) {
    await page.getByLabel('Register level').selectOption('department');
    await page.getByLabel('Department', { exact: true }).selectOption({ label: department });
  }
  await rate(page, 'risk-inherent', ...inherent);
  await rate(page, 'risk-residual', ...residual);
  await rate(page, 'risk-target', ...target);
  // The live score follows the selects before anything is saved.
  const score = page.getByTestId('risk-residual-score');
  assert.equal(await score.getAttribute('data-score'), String(residual[0] * residual[1]));
  await page.getByLabel('Next review', { exact: true }).fill(daysFromNow(30));
  await page.getByTestId('save-risk').click();
  await page.getByTestId('risk-detail-page').waitFor();
  await page.getByTestId('risk-created').waitFor();
  return Number(new URL(page.url()).pathname.split('/').pop());
}

/** The heat-map button of a cell, once the heat map has loaded. */
async function heatCell(page, likelihood, consequence) {
  const cell = page.getByTestId(`heat-cell-${likelihood}-${consequence}`);
  await page.locator(`[data-testid="heat-cell-${likelihood}-${consequence}"]:not([disabled])`).waitFor();
  return cell;
}

test('a risk added by the quality manager appears on the heat map and its cell lists it', async () => {
  const title = `Delayed sepsis antibiotics ${marker()}`;
  await withPage(env, 'risk-heat-map', async (page, problems) => {
    await login(page, env.baseUrl, 'qm.main');
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-risks').click();
    await page.getByTestId('risk-register-page').waitFor();
    const before = Number(await (await heatCell(page, 4, 4)).getAttribute('data-count'));

    await page.getByTestId('new-risk').click();
    await addRisk(page, { title, department: 'Emergency Department', inherent: [5, 4], residual: [4, 4], target: [2, 4] });
    // Likely × major scores 16: extreme under the default bands, so the risk moves up from the department.
    assert.equal(await page.getByTestId('fact-residual').getAttribute('data-band'), 'extreme');
    assert.match(await page.getByTestId('escalation-banner').innerText(), /Escalated from Emergency Department to the Main Campus register/);

    await page.getByTestId('nav-risks').click();
    await page.getByTestId('risk-register-page').waitFor();
    const cell = await heatCell(page, 4, 4);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="heat-cell-4-4"]')?.getAttribute('data-count') === String(n),
      before + 1,
    );
    assert.equal(await cell.getAttribute('data-band'), 'extreme');

    await cell.click();
    assert.equal(await cell.getAttribute('aria-pressed'), 'true');
    await page.getByTestId('cell-chip').waitFor();
    const row = page.locator(`[data-testid="risk-row"][data-title="${title}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-escalated'), 'true');
    // Only that cell's risks are listed.
    const scores = await page.$$eval('[data-testid="risk-row"]', (rows) => rows.map((r) => r.getAttribute('data-residual-score')));
    assert.ok(scores.length >= 1 && scores.every((s) => s === '16'), `cell rows scored ${scores.join(', ')}`);

    // Another cell lists other risks; clearing the cell lists every one again.
    await page.getByTestId('clear-cell').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="cell-chip"]'));
    assert.equal(await cell.getAttribute('aria-pressed'), 'false');
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('a department manager’s review that makes a risk extreme escalates it to the site register', async () => {
  const title = `Ambulance handover queue ${marker()}`;
  await withPage(env, 'risk-escalation-review', async (page, problems) => {
    await login(page, env.baseUrl, 'manager.ed');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/risks/new`);
    await addRisk(page, { title, inherent: [5, 5], residual: [3, 3], target: [2, 2] });
    assert.equal(await page.getByTestId('escalation-banner').count(), 0);
    assert.equal(await page.getByTestId('fact-residual').getAttribute('data-band'), 'high');

    const review = page.getByTestId('review-form');
    await rate(page, 'review-residual', 5, 4);
    await review.getByLabel('Next review').fill(daysFromNow(14));
    await review.getByLabel('Note (optional)').fill('Corridor waits doubled this month.');
    await page.getByTestId('record-review').click();
    await page.getByTestId('escalation-banner').waitFor();
    assert.match(await page.getByTestId('escalation-banner').innerText(), /Escalated from Emergency Department to the Main Campus register/);
    assert.equal(await page.getByTestId('fact-residual').getAttribute('data-score'), '20');
    assert.equal(await page.getByTestId('review-row').count(), 1);
    await page.getByTestId('risk-trend-chart').waitFor();
    assert.deepEqual(cspViolations(problems), []);
  });
});

/** The failure modes top to bottom, as the worksheet shows them. */
async function modeOrder(page) {
  return page.$$eval('[data-testid="fm-row"]', (rows) => rows.map((r) => r.getAttribute('data-mode')));
}

async function waitForOrder(page, expected) {
  try {
    await page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll('[data-testid="fm-row"]')].map((r) => r.getAttribute('data-mode'))) === JSON.stringify(want),
      expected,
    );
  } catch (err) {
    err.message += `\nworksheet order: ${JSON.stringify(await modeOrder(page))}`;
    throw err;
  }
}

/** Types a failure mode into the worksheet's add row with the keyboard only: Tab between cells, Enter adds. */
async function typeFailureMode(page, { mode, effects, causes, s, o, d }) {
  await page.locator('#fm-new-mode').focus();
  await page.keyboard.type(mode);
  await page.keyboard.press('Tab');
  await page.keyboard.type(effects);
  await page.keyboard.press('Tab');
  await page.keyboard.type(causes);
  await page.keyboard.press('Tab'); // prevention controls
  await page.keyboard.press('Tab'); // detection controls
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(s));
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(o));
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(d));
  await page.keyboard.press('Enter');
}

test('an FMEA worksheet orders failure modes by RPN and re-scores the top one', async () => {
  const title = `Blood transfusion bedside check ${marker()}`;
  const wrongUnit = 'Wrong unit hung';
  const noScan = 'Wristband not scanned';
  const lateObs = 'Observations recorded late';
  await withPage(env, 'fmea-worksheet', async (page, problems) => {
    await login(page, env.baseUrl, 'qm.main');
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-fmea').click();
    await page.getByTestId('fmea-list-page').waitFor();
    await page.getByTestId('new-fmea').click();
    const form = page.getByTestId('fmea-new-form');
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Department').selectOption({ label: 'Emergency Department' });
    await form.getByLabel('Process and its boundaries').fill('From collecting the unit at the fridge to the first observations.');
    await form.getByLabel('Step 1', { exact: true }).fill('Collect the unit');
    await page.getByTestId('add-step').click();
    await form.getByLabel('Step 2', { exact: true }).fill('Check the patient at the bedside');
    await page.getByTestId('create-fmea').click();
    await page.getByTestId('fmea-worksheet-page').waitFor();
    await page.getByTestId('fmea-grid').waitFor();

    await typeFailureMode(page, { mode: wrongUnit, effects: 'Haemolytic reaction', causes: 'Two units in one fridge', s: 10, o: 8, d: 7 });
    await page.locator(`[data-testid="fm-row"][data-mode="${wrongUnit}"]`).waitFor();
    await page.getByTestId('new-stepId').selectOption({ label: '2. Check the patient at the bedside' });
    await typeFailureMode(page, { mode: lateObs, effects: 'Reaction noticed late', causes: 'Busy shift', s: 2, o: 2, d: 2 });
    await page.locator(`[data-testid="fm-row"][data-mode="${lateObs}"]`).waitFor();
    await typeFailureMode(page, { mode: noScan, effects: 'Wrong patient transfused', causes: 'Scanner out of charge', s: 6, o: 5, d: 5 });

    // Highest RPN first: 560, 150, 8.
    await waitForOrder(page, [wrongUnit, noScan, lateObs]);
    const rpns = await page.$$eval('[data-testid="fm-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-rpn'))));
    assert.deepEqual(rpns, [560, 150, 8]);
    const row = (mode) => page.locator(`[data-testid="fm-row"][data-mode="${mode}"]`);
    assert.equal(await row(wrongUnit).getByTestId('ap-badge').getAttribute('data-ap'), 'high');
    assert.match(await row(wrongUnit).getByTestId('ap-badge').innerText(), /^H/);
    assert.equal(await row(lateObs).getByTestId('ap-badge').getAttribute('data-ap'), 'low');
    assert.match(await row(lateObs).getByTestId('ap-badge').innerText(), /^L/);
    const middle = await row(noScan).getByTestId('ap-badge').getAttribute('data-ap');
    assert.match(await row(noScan).getByTestId('ap-badge').innerText(), new RegExp(`^${{ high: 'H', medium: 'M', low: 'L' }[middle]}`));
    await page.waitForFunction(() => document.querySelector('[data-testid="summary-count"]')?.textContent?.trim() === '3');

    // S, O and D take 1 to 10 only: 11 is refused on the cell and nothing is sent; Escape drops the edit.
    await row(noScan).locator('td[data-col="severity"]').click();
    const severity = page.getByLabel(`Severity for ${noScan}`, { exact: true });
    assert.equal(await severity.evaluate((el) => el === document.activeElement), true);
    await page.keyboard.type('11');
    await row(noScan).getByTestId('cell-error').waitFor();
    await page.keyboard.press('Enter');
    assert.equal(await row(noScan).getAttribute('class').then((c) => c?.includes('row-editing')), true);
    await page.keyboard.press('Escape');
    await page.waitForFunction((m) => !document.querySelector(`[data-testid="fm-row"][data-mode="${m}"]`)?.classList.contains('row-editing'), noScan);
    assert.equal(await row(noScan).getAttribute('data-rpn'), '150');

    // Arrow keys move between cells when not editing.
    const focusedCol = () => page.evaluate(() => document.activeElement?.getAttribute('data-col'));
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedCol(), 'occurrence');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focusedCol(), 'severity');

    // Re-score the top row after its action: RPN 560 → 40, and it drops below the next one.
    await row(wrongUnit).locator('td[data-col="actionTaken"]').click();
    await page.keyboard.type('Single-unit collection and barcode check at the bedside');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.waitForFunction((m) => document.querySelector(`[data-testid="fm-row"][data-mode="${m}"]`)?.getAttribute('data-revised-rpn') === '40', wrongUnit);
    assert.equal((await row(wrongUnit).getByTestId('revised-rpn').innerText()).trim(), '40');
    assert.match(await row(wrongUnit).getByTestId('rpn-reduction').innerText(), /^520\b/);
    await waitForOrder(page, [noScan, wrongUnit, lateObs]);
    assert.match(await page.getByTestId('summary-rpn').innerText(), /718 → 198/);
    await page.getByTestId('fmea-pareto').waitFor();

    // Saved, not just drawn: a fresh load shows the same order and re-score.
    await page.reload();
    await page.getByTestId('fmea-grid').waitFor();
    await waitForOrder(page, [noScan, wrongUnit, lateObs]);
    assert.equal(await row(wrongUnit).getAttribute('data-revised-rpn'), '40');

    // The recommended action becomes a CAPA from its row.
    await row(noScan).locator('td[data-col="recommendedAction"]').click();
    await page.keyboard.type('Charge the scanners at every shift change');
    await page.keyboard.press('Enter');
    const makeCapa = row(noScan).getByTestId('make-capa');
    await page.locator(`[data-testid="fm-row"][data-mode="${noScan}"] [data-testid="make-capa"]:not([disabled])`).waitFor();
    await makeCapa.click();
    const link = row(noScan).getByTestId('capa-link');
    await link.waitFor();
    assert.match(await link.innerText(), /^CAPA-\d{4}-\d+/);
    assert.match(await page.getByTestId('capa-made').innerText(), /CAPA-\d{4}-\d+ created/);

    // A row changed in another tab since this one loaded is not overwritten: it is marked, and reloads.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.getByTestId('fmea-grid').waitFor();
    await other.locator(`[data-testid="fm-row"][data-mode="${lateObs}"] td[data-col="effects"]`).click();
    await other.keyboard.type('Transfusion reaction noticed at the next round');
    await other.keyboard.press('Enter');
    await other.waitForFunction((m) => document.querySelector(`[data-testid="fm-row"][data-mode="${m}"] td[data-col="effects"]`)?.getAttribute('data-value') === 'Transfusion reaction noticed at the next round', lateObs);
    await other.close();
    await row(lateObs).locator('td[data-col="effects"]').click();
    await page.keyboard.type('Stale edit');
    await page.keyboard.press('Enter');
    await page.getByTestId('row-conflict').waitFor();
    await page.getByTestId('reload-row').click();
    await page.waitForFunction((m) => document.querySelector(`[data-testid="fm-row"][data-mode="${m}"] td[data-col="effects"]`)?.getAttribute('data-value') === 'Transfusion reaction noticed at the next round', lateObs);
    assert.equal(await page.getByTestId('row-conflict').count(), 0);
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('the quality manager moves the band edges and the heat map re-bands', async () => {
  await withPage(env, 'risk-bands', async (page, problems) => {
    await login(page, env.baseUrl, 'cqo');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/risks`);
    await page.getByTestId('risk-register-page').waitFor();
    const cell = await heatCell(page, 4, 4);
    assert.equal(await cell.getAttribute('data-band'), 'extreme');

    await page.getByText('Band settings').click();
    const panel = page.getByTestId('band-settings');
    // Edges out of order are refused field by field and nothing changes.
    await panel.getByLabel('Moderate from score').fill('9');
    await page.getByTestId('save-bands').click();
    await panel.locator('.field-error').first().waitFor();
    assert.equal(await cell.getAttribute('data-band'), 'extreme');

    await panel.getByLabel('Moderate from score').fill('4');
    await panel.getByLabel('Extreme from score').fill('17');
    await page.getByTestId('save-bands').click();
    await page.getByTestId('bands-saved').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="heat-cell-4-4"]')?.getAttribute('data-band') === 'high');
    assert.equal(await page.getByTestId('heat-cell-4-5').getAttribute('data-band'), 'extreme');
    assert.deepEqual(cspViolations(problems), []);
  });
});
