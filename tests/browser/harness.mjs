// Starts a real hqms server on a fresh demo database and a headless Debian Chromium for the browser tests.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = path.join(here, 'artifacts');
export const DEMO_PASSWORD = 'Quality-Demo-2026';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function requireAbsEnv(name) {
  const v = process.env[name];
  if (!v || !path.isAbsolute(v)) throw new Error(`${name} must be set to an absolute path (got ${JSON.stringify(v)})`);
  return v;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(baseUrl, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hqms serve exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`hqms did not become ready within ${timeoutMs / 1000} s`);
}

/**
 * Starts server + browser. The returned stop() must be called from an after() hook; it is also wired to
 * process exit so a crashed run never leaves a server behind.
 */
function runDemo(bin, db) {
  const demo = spawnSync(bin, ['demo', '--db', db], { encoding: 'utf8', timeout: 120_000 });
  if (demo.status !== 0) throw new Error(`hqms demo failed (${demo.status}): ${demo.stderr || demo.stdout}`);
}

/**
 * A fresh demo hospital in `db` (with its key file beside it). `make test-browser` names a folder in
 * HQMS_TEST_CACHE where the first test file builds the demo once (15 s under ASan); every file then starts
 * from a copy, as its changes must not reach the next. Without it each file builds its own.
 */
function freshDemo(bin, db) {
  const cache = process.env.HQMS_TEST_CACHE;
  if (!cache) return runDemo(bin, db);
  const built = path.join(cache, 'browser-demo.db');
  // The test files run one at a time (--test-concurrency=1), so no two build it at once; the mark is written
  // only when the demo is whole.
  if (!existsSync(`${built}.ready`)) {
    runDemo(bin, built);
    writeFileSync(`${built}.ready`, '');
  }
  copyFileSync(built, db);
  if (existsSync(`${built}-wal`)) copyFileSync(`${built}-wal`, `${db}-wal`);
  copyFileSync(`${built}.keys`, `${db}.keys`);
  chmodSync(`${db}.keys`, 0o600);
}

export async function startEnvironment() {
  const bin = requireAbsEnv('HQMS_BIN');
  const webRoot = requireAbsEnv('HQMS_WEB_ROOT');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'hqms-browser-'));
  const db = path.join(tmp, 'demo.db');
  const logFile = path.join(tmp, 'server.log');
  let server = null;
  let browser = null;
  let stopped = false;

  const killServer = () => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  };
  process.on('exit', killServer);

  async function stop() {
    if (stopped) return;
    stopped = true;
    try {
      if (browser) await browser.close().catch(() => undefined);
      if (server && server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        const timer = setTimeout(killServer, 5000);
        await exited;
        clearTimeout(timer);
      }
    } finally {
      process.off('exit', killServer);
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  try {
    freshDemo(bin, db);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const log = openSync(logFile, 'a');
    server = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', webRoot], {
      stdio: ['ignore', log, log],
    });
    await waitReady(baseUrl, server, 30_000);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    return { baseUrl, browser, stop, serverLog: () => readFileSync(logFile, 'utf8') };
  } catch (err) {
    const logText = (() => {
      try {
        return readFileSync(logFile, 'utf8').slice(-4000);
      } catch {
        return '';
      }
    })();
    await stop();
    if (logText) err.message += `\n--- server log ---\n${logText}`;
    throw err;
  }
}

/**
 * Runs `fn` with a page in its own fresh browser context. On failure it saves a screenshot and the
 * server log to artifacts/. Console errors (including CSP violations) are collected in `problems`.
 */
export async function withPage(env, name, fn) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(String(err)));
  try {
    await fn(page, problems);
  } catch (err) {
    const safe = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `${safe}.png`), fullPage: true }).catch(() => undefined);
    try {
      writeFileSync(path.join(ARTIFACTS, `${safe}.server.log`), env.serverLog());
      writeFileSync(path.join(ARTIFACTS, `${safe}.console.txt`), problems.join('\n'));
    } catch {
      // diagnostics are best effort
    }
    throw err;
  } finally {
    await context.close();
  }
}

export async function login(page, baseUrl, username, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Console errors that indicate the app broke the server's Content-Security-Policy. */
export function cspViolations(problems) {
  return problems.filter((p) => /Content Security Policy/i.test(p));
}
