// Quality indicators in the browser: the executive dashboard and its drill-down, an indicator's SPC chart with
// its limits and signals, a CAPA opened from a signal of concern, the workbench preview and a CSV import.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { cspViolations, login, startEnvironment, withPage } from './harness.mjs';

let env;
before(async () => {
  env = await startEnvironment();
});
after(async () => {
  await env?.stop();
});

/** GET through the signed-in page, so the session cookie goes along. */
async function getJson(page, p) {
  return page.evaluate(async (url) => {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return res.json();
  }, p);
}

/** The figure of each tile on the dashboard now shown, by indicator code. */
async function tileValues(page) {
  return page.locator('[data-testid="indicator-tile"]').evaluateAll((tiles) =>
    Object.fromEntries(tiles.map((t) => [t.dataset.code, t.querySelector('[data-testid="tile-value"]').textContent.trim()])),
  );
}

function differs(a, b) {
  return Object.keys(a).some((code) => code in b && a[code] !== b[code]);
}

async function showScope(page, label, scope) {
  await page.getByLabel('Show', { exact: true }).selectOption({ label });
  await page.locator(`[data-testid="dashboard-body"][data-scope="${scope}"]`).waitFor();
  await page.locator('[data-testid="dashboard-body"][aria-busy="false"]').waitFor();
}

test('the executive dashboard shows every IOM aim with icons and sparklines, and drills down to a site and a department', async () => {
  await withPage(env, 'indicators-dashboard', async (page, problems) => {
    await login(page, env.baseUrl, 'cqo');
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-quality-dashboard').click();
    await page.getByTestId('executive-dashboard-page').waitFor();
    await page.locator('[data-testid="dashboard-body"][data-scope="organisation"]').waitFor();

    const domains = page.getByTestId('domain-section');
    assert.equal(await domains.count(), 6, 'the six IOM aims');
    for (let i = 0; i < 6; i++) {
      const d = domains.nth(i);
      const tiles = await d.getByTestId('indicator-tile').count();
      assert.ok(tiles >= 1, `aim ${await d.getAttribute('data-domain')} has tiles`);
    }
    const tiles = page.getByTestId('indicator-tile');
    const n = await tiles.count();
    assert.ok(n >= 20, `the catalogue has at least 20 indicators on the dashboard (got ${n})`);
    // Every tile carries its variation icon with a text label; the assurance reading is written out too.
    const labels = await page.locator('[data-testid="variation-icon"] svg').evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label')));
    assert.equal(labels.length, n, 'one variation icon per tile');
    assert.ok(labels.every((l) => l && l.length > 3), 'each icon has its label');
    assert.equal(await page.getByTestId('assurance-icon').count(), n);
    // Sparklines are drawn (ECharts puts a canvas in each).
    const sparks = page.getByTestId('sparkline');
    assert.ok((await sparks.count()) >= n / 2, 'most tiles have a trend line');
    await sparks.first().locator('canvas').waitFor();
    assert.ok(Number(await sparks.first().getAttribute('data-points')) >= 12, 'a sparkline spans months of data');
    const orgValues = await tileValues(page);

    const org = await getJson(page, '/api/v1/org');
    const site = org.sites.find((s) => s.code === 'MAIN') ?? org.sites[0];
    await showScope(page, site.name, `site:${site.id}`);
    assert.equal((await page.getByTestId('dashboard-scope-name').innerText()).trim(), site.name);
    const siteValues = await tileValues(page);
    assert.ok(differs(orgValues, siteValues), 'the site figures differ from the organisation figures');

    const department = site.departments.find((d) => d.code === 'MED') ?? site.departments[0];
    await showScope(page, department.name, `department:${department.id}`);
    const deptValues = await tileValues(page);
    assert.ok(differs(siteValues, deptValues), 'the department figures differ from the site figures');
    const crumbs = page.getByTestId('dashboard-breadcrumb');
    await crumbs.getByRole('link', { name: site.name }).waitFor();

    // A tile opens its indicator at the same scope.
    const first = tiles.first();
    const code = await first.getAttribute('data-code');
    await first.getByTestId('indicator-tile-link').click();
    await page.getByTestId('indicator-detail-page').waitFor();
    const url = new URL(page.url());
    assert.equal(url.pathname, `/indicators/${code}`);
    assert.equal(url.searchParams.get('scope'), `department:${department.id}`);
    assert.deepEqual(cspViolations(problems), []);
  });
});

/** A department-level chart with a signal of concern, found through the API as the page would show it. */
async function findConcern(page) {
  const org = await getJson(page, '/api/v1/org');
  const { items } = await getJson(page, '/api/v1/indicators');
  const departments = org.sites.flatMap((s) => s.departments);
  for (const d of departments) {
    for (const ind of items) {
      let chart;
      try {
        chart = await getJson(page, `/api/v1/indicators/${ind.code}/chart?scope=department:${d.id}`);
      } catch {
        continue; // a chart that does not fit this department's data
      }
      const signal = chart.signals.find((s) => s.reading === 'concern');
      if (signal) return { code: ind.code, name: ind.name, department: d, chart, signal };
    }
  }
  return null;
}

test('an SPC chart shows its limits and signals, and a signal of concern opens a CAPA in one click', async () => {
  await withPage(env, 'indicators-spc-capa', async (page, problems) => {
    await login(page, env.baseUrl, 'cqo');
    await page.getByTestId('home-page').waitFor();
    const found = await findConcern(page);
    assert.ok(found, 'the demo data has a special cause of concern in some department');

    await page.goto(`${env.baseUrl}/indicators/${found.code}?scope=department:${found.department.id}`);
    await page.getByTestId('indicator-detail-page').waitFor();
    const figure = page.getByTestId('spc-chart');
    await figure.waitFor();
    await page.getByTestId('spc-chart-canvas').locator('canvas').waitFor();
    assert.equal(Number(await figure.getAttribute('data-points')), found.chart.points.length);

    // The data table beside the chart carries what the canvas shows: values, centre, limits and signals.
    const rows = page.getByTestId('spc-point');
    assert.equal(await rows.count(), found.chart.points.length);
    const points = await rows.evaluateAll((trs) => trs.map((tr) => ({ ...tr.dataset })));
    const limited = points.filter((p) => p.upper !== '' && p.centre !== '');
    assert.ok(limited.length > 0, 'points have a centre line and an upper limit');
    for (const p of limited) assert.ok(Number(p.upper) >= Number(p.centre), `upper limit above the centre in ${p.period}`);
    const signalled = points.filter((p) => p.signal !== '');
    assert.ok(signalled.length >= 1, 'at least one point is a signal');
    assert.ok(points.some((p) => p.period === found.signal.period && p.reading === 'concern'), 'the concern point is marked as one');
    assert.match(await page.getByTestId('spc-chart-summary').innerText(), /special-cause signal/);
    assert.ok(await page.getByTestId('detail-variation-icon').locator('svg[aria-label]').count(), 'the reading has its icon');

    // Exports: the chart as PNG (drawn by ECharts in the browser), the series as CSV, the FHIR MeasureReport.
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    assert.match(png.suggestedFilename(), /\.png$/);
    const csvHref = await page.getByTestId('export-series-csv').getAttribute('href');
    const csv = await page.evaluate(async (h) => (await fetch(h)).text(), csvHref);
    assert.match(csv.split('\n')[0], /^period,start,end,numerator,denominator,value,centre,lower,upper,signal/);
    const report = await getJson(page, await page.getByTestId('export-measure-report').getAttribute('href'));
    assert.equal(report.resourceType, 'MeasureReport');

    // A shift flags each of its points; the table shows the run once, opened from its latest period.
    const row = page.locator('[data-testid="signal-row"][data-reading="concern"]').first();
    await row.getByTestId('open-capa').click();
    await page.getByTestId('capa-detail-page').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/capa\/\d+$/);
    assert.match(await page.getByTestId('capa-source-label').innerText(), /indicator/i);
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('a process change recorded on the chart recalculates the limits from that period, with its reason', async () => {
  const reason = `New discharge bundle ${Date.now().toString(36)}`;
  await withPage(env, 'indicators-annotation', async (page, problems) => {
    await login(page, env.baseUrl, 'analyst');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/indicators/readmission_30d_percent?scope=organisation`);
    await page.getByTestId('spc-chart').waitFor();
    const periods = await page.getByTestId('spc-point').evaluateAll((trs) => trs.map((tr) => tr.dataset.period));
    assert.ok(periods.length >= 24);
    const from = periods[18];
    const panel = page.getByTestId('annotations-panel');
    await panel.getByLabel('Kind', { exact: true }).selectOption('process_change');
    await panel.getByLabel('Period', { exact: true }).selectOption(from);
    await panel.getByLabel('Reason', { exact: true }).fill(reason);
    await panel.getByTestId('annotation-add').click();
    await panel.getByTestId('annotation-done').waitFor();
    const mark = page.locator(`[data-testid="spc-phase-break"][data-period="${from}"]`);
    await mark.waitFor();
    assert.match(await mark.innerText(), new RegExp(reason));
    // The centre line steps at the new phase: the two phases have their own centres.
    const centres = await page.getByTestId('spc-point').evaluateAll((trs) => trs.map((tr) => tr.dataset.centre));
    assert.notEqual(centres[17], centres[18], 'the limits were recalculated from the process change');

    const row = panel.getByTestId('annotation-row').filter({ hasText: reason });
    await row.getByTestId('annotation-delete').click();
    await row.waitFor({ state: 'detached' });
    await mark.waitFor({ state: 'detached' });
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('the workbench previews a definition as an SPC chart', async () => {
  await withPage(env, 'indicators-workbench', async (page, problems) => {
    await login(page, env.baseUrl, 'analyst');
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-indicators').click();
    await page.getByTestId('indicator-catalogue-page').waitFor();
    await page.getByTestId('catalogue-row').first().waitFor();
    assert.ok((await page.getByTestId('catalogue-row').count()) >= 20);
    await page.getByTestId('open-workbench').click();
    await page.getByTestId('indicator-workbench-page').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Inpatient deaths (workbench test)');
    await page.getByTestId('workbench-preview').click();
    const chart = page.getByTestId('preview-chart');
    await chart.waitFor();
    await page.getByTestId('preview-chart-canvas').locator('canvas').waitFor();
    assert.ok(Number(await chart.getAttribute('data-points')) >= 12, 'the preview spans the imported months');
    const centres = await page.getByTestId('spc-point').evaluateAll((trs) => trs.map((tr) => tr.dataset.centre).filter((c) => c !== ''));
    assert.ok(centres.length > 0, 'the preview has a centre line');

    // Saved, it becomes an indicator with its own page and chart.
    const code = `wb_deaths_${Date.now().toString(36)}`;
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByTestId('workbench-save').click();
    await page.getByTestId('indicator-detail-page').waitFor();
    assert.equal(new URL(page.url()).pathname, `/indicators/${code}`);
    await page.getByTestId('spc-chart').waitFor();
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('a CSV import reports its counts and the refused row with its line', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hqms-import-'));
  const file = path.join(dir, 'encounters-small.csv');
  const tag = Date.now().toString(36);
  writeFileSync(
    file,
    [
      'encounter_id,patient_pseudonym,site,department,encounter_class,admitted_at,discharged_at,age_band,sex,ethnicity,payer,primary_diagnosis,procedure_codes,disposition,patient_days,readmitted_30d',
      `T-${tag}-1,P-${tag}-1,MAIN,MED,inpatient,2026-01-03T10:00:00Z,2026-01-06T12:00:00Z,65-74,female,white,public,I50.9,,home,3,0`,
      `T-${tag}-2,P-${tag}-2,MAIN,MED,inpatient,not-a-date,2026-01-07T09:00:00Z,75-84,male,asian,public,J18.9,,home,2,0`,
      `T-${tag}-3,P-${tag}-3,MAIN,MED,inpatient,2026-01-04T08:00:00Z,2026-01-05T08:00:00Z,45-64,female,black,private,K35.8,0DTJ4ZZ,home,1,1`,
      '',
    ].join('\n'),
  );
  try {
    await withPage(env, 'indicators-import', async (page, problems) => {
      await login(page, env.baseUrl, 'analyst');
      await page.getByTestId('home-page').waitFor();
      await page.getByTestId('nav-imports').click();
      await page.getByTestId('imports-page').waitFor();
      await page.getByLabel('Kind of data').selectOption('encounters_csv');
      await page.getByTestId('import-file').setInputFiles(file);
      await page.getByTestId('import-submit').click();
      const report = page.getByTestId('import-report');
      await report.waitFor();
      assert.equal(await report.getAttribute('data-outcome'), 'completed');
      assert.equal(await page.getByTestId('import-count-read').getAttribute('data-count'), '3');
      assert.equal(await page.getByTestId('import-count-inserted').getAttribute('data-count'), '2');
      assert.equal(await page.getByTestId('import-count-rejected').getAttribute('data-count'), '1');
      const problem = report.getByTestId('import-problem');
      assert.equal(await problem.count(), 1);
      assert.equal(await problem.getAttribute('data-line'), '3');
      assert.match(await problem.innerText(), /admitted_at/);
      // The run is in the history, and opens with the same report.
      const history = page.getByTestId('import-history-row').filter({ hasText: 'encounters-small.csv' });
      await history.first().waitFor();
      await history.first().getByTestId('import-open').click();
      await page.getByTestId('import-detail').getByTestId('import-problem').waitFor();
      assert.deepEqual(cspViolations(problems), []);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
