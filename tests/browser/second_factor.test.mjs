// The second factor in the browser: an administrator sets up an authenticator app from the QR page's key,
// signs in again with a code the test computes (RFC 6238, as the app would), signs in with a recovery code,
// and requires a second factor of organisation-wide roles, whose next sign-in may then only enrol.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { cspViolations, login, startEnvironment, withPage } from './harness.mjs';

let env;
before(async () => {
  env = await startEnvironment();
});
after(async () => {
  await env?.stop();
});

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP with SHA-1 on an RFC 6238 time step. */
function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// The server accepts each step once and one step of drift either way: a code of the step after the last one
// given, or, when that is too far ahead, the next step's code once it comes.
const lastStep = new Map();
async function freshCode(secret) {
  for (;;) {
    const now = Math.floor(Date.now() / 30000);
    const step = Math.max(now, (lastStep.get(secret) ?? now - 1) + 1);
    if (step <= now + 1) {
      lastStep.set(secret, step);
      return totp(secret, step);
    }
    await new Promise((r) => setTimeout(r, 30000 - (Date.now() % 30000) + 100));
  }
}

let secret = '';
let recoveryCodes = [];

test('an administrator sets up an authenticator app and signs in with its code', async () => {
  await withPage(env, 'second-factor-enrol', async (page, problems) => {
    await login(page, env.baseUrl, 'admin');
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-account-security').click();
    await page.getByTestId('enrol-start').click();
    await page.getByTestId('enrol-qr').waitFor();
    secret = (await page.getByTestId('enrol-secret').innerText()).replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await page.getByLabel('Code from the app').fill(await freshCode(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    recoveryCodes = (await codes.locator('code').allInnerTexts()).map((c) => c.trim());
    assert.equal(recoveryCodes.length, 10);
    await page.getByTestId('recovery-codes-saved').click();
    assert.equal(await page.getByTestId('recovery-codes-left').innerText(), '10 of 10');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-form').waitFor();

    // The password alone opens nothing: the second step asks for the code. The code that confirmed the
    // enrolment is spent, so a later step's is given.
    await login(page, env.baseUrl, 'admin');
    await page.getByTestId('second-factor-form').waitFor();
    await page.getByLabel('Authenticator code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('second-factor-error').getByText('The code is not correct.', { exact: false }).waitFor();
    await page.getByLabel('Authenticator code').fill(await freshCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('home-page').waitFor();
    assert.deepEqual(cspViolations(problems), []);
  });
});

test('a recovery code signs in once', async () => {
  assert.ok(recoveryCodes.length, 'the enrolment test ran first');
  await withPage(env, 'second-factor-recovery', async (page) => {
    await login(page, env.baseUrl, 'admin');
    await page.getByTestId('second-factor-switch').click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0].toLowerCase());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${env.baseUrl}/account/security`);
    await page.getByText('9 of 10').waitFor();
  });
});

test('requiring a second factor leaves an unenrolled executive only the enrolment page', async () => {
  await withPage(env, 'second-factor-required', async (page) => {
    await login(page, env.baseUrl, 'admin');
    await page.getByTestId('second-factor-form').waitFor();
    await page.getByLabel('Authenticator code').fill(await freshCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-security-settings').click();
    await page.getByTestId('require-second-factor').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('security-settings-saved').waitFor();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-form').waitFor();

    await login(page, env.baseUrl, 'exec');
    await page.getByTestId('account-security-page').waitFor();
    await page.getByTestId('second-factor-required').waitFor();
    assert.equal(new URL(page.url()).pathname, '/account/security');
    assert.equal(await page.getByTestId('nav-incidents').count(), 0);
    await page.goto(`${env.baseUrl}/incidents`);
    await page.getByTestId('second-factor-required').waitFor();

    await page.getByTestId('enrol-start').click();
    const execSecret = (await page.getByTestId('enrol-secret').innerText()).replace(/\s/g, '');
    await page.getByLabel('Code from the app').fill(await freshCode(execSecret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('recovery-codes-saved').click();
    await page.getByTestId('nav-home').waitFor();
  });
});
