// Submitting from the page to the mock KFP API / Argo Server
// (tests/mock_api/server.mjs, which checks every request against KFP's
// swagger). Real UI paths: the Settings dialog, the Submit dialog, its typed
// run form. Every request the browser makes is recorded to prove the token
// only ever goes to the configured endpoint.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { open, closeAll, pasteIntoEditor, pasteNewFile, settled, watch, shot, root } from './helpers.js';
import { startMock, haveSwagger } from '../../tests/submit/mock.mjs';

test.skip(!haveSwagger, 'KFP swagger not found (../shared/corpus absent)');

const TOKEN = 'e2e-TOKEN-7f3c9d';
const SETTINGS_KEY = 'kfp-playground:submit-settings:v1';
const data = (name) => fs.readFileSync(path.join(root, 'tests/data/submit', name), 'utf8');

async function loadTyped(page) {
  await open(page);
  await closeAll(page);
  await pasteIntoEditor(page, data('train.component.yaml'));
  await pasteNewFile(page, data('train.pipeline.yaml'));
  await settled(page);
}

async function configure(page, { endpoint, auth = 'none', token = '', target = 'kfp', namespace = '', timeout = '30' }) {
  await page.click('#btn-settings');
  const d = page.locator('#settings-dialog');
  await expect(d).toBeVisible();
  await d.locator('#settings-target').selectOption(target);
  await d.locator('#settings-endpoint').fill(endpoint);
  await d.locator('#settings-namespace').fill(namespace);
  await d.locator('#settings-auth').selectOption(auth);
  if (auth === 'token') await d.locator('#settings-token').fill(token);
  await d.locator('#settings-timeout').fill(timeout);
  await d.locator('#settings-save').click();
  await expect(d).toHaveCount(0);
}

async function openSubmit(page) {
  await page.click('#btn-submit');
  await expect(page.locator('#submit-dialog')).toBeVisible();
  return page.locator('#submit-dialog');
}

// Every request of the page and its workers: url, headers, body.
function recordRequests(context) {
  const seen = [];
  context.on('request', (r) => seen.push({ url: r.url(), method: r.method(), headers: r.headers(), body: r.postData() || '' }));
  return seen;
}

test('upload, run with typed parameters, see the run id; the token stays with the endpoint', async ({ page, context }) => {
  const problems = watch(page);
  const seen = recordRequests(context);
  await loadTyped(page);
  const origin = new URL(page.url()).origin;
  const mock = await startMock(['--token', TOKEN, '--cors', origin]);
  try {
    await configure(page, { endpoint: mock.base, auth: 'token', token: TOKEN });
    const d = await openSubmit(page);
    await expect(d.locator('#submit-target')).toContainText(mock.base);
    await expect(d.locator('#submit-pipeline-name')).toHaveValue('Train pipeline');
    await d.locator('#submit-mode').selectOption('run');
    await d.locator('#submit-experiment').fill('nightly');
    // The form comes from the pipeline's typed inputs.
    await expect(d.locator('#submit-params .param-type')).toHaveText(['integer', 'float', 'boolean', 'string']);
    await d.locator('[data-param="epochs"]').fill('5');
    await d.locator('[data-param="rate"]').fill('0.5');
    await d.locator('[data-param="shuffle"]').selectOption('false');
    await d.locator('#submit-go').click();
    await expect(d.locator('#submit-run-id')).toHaveText(/^r-\d+$/);
    const runId = await d.locator('#submit-run-id').textContent();
    await expect(d.locator('#submit-run-link')).toHaveAttribute('href', `${mock.base}/#/runs/details/${runId}`);
    await shot(page, 'submit-run');
    const state = await mock.state();
    expect(state.experiments.map((e) => e.display_name)).toEqual(['nightly']);
    expect(state.runs[0].runtime_config.parameters).toEqual({ epochs: 5, rate: 0.5, shuffle: false });

    // A recurring run from the same form: the pipeline exists, so a new version is uploaded.
    await d.locator('#submit-mode').selectOption('recurring');
    await d.locator('#submit-cron').fill('0 30 2 * * *');
    await d.locator('#submit-go').click();
    await expect(d.locator('#submit-recurring-id')).toHaveText(/^rr-\d+$/);
    const after = await mock.state();
    expect(after.versions).toHaveLength(2);
    // "Load experiments" offers the existing ones.
    await d.locator('#submit-load-experiments').click();
    await expect(d.locator('#submit-experiments option')).toHaveCount(1);
    expect(await d.locator('#submit-experiments option').getAttribute('value')).toBe('nightly');
    expect(after.recurring[0].trigger.cron_schedule.cron).toBe('0 30 2 * * *');

    // The server saw the token on every API request, and no cookies.
    const got = await mock.requests();
    const api = got.filter((q) => q.method !== 'OPTIONS' && q.url !== '/');
    expect(api.length).toBeGreaterThanOrEqual(11);
    for (const q of api) {
      expect(q.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(q.headers.cookie).toBeUndefined();
    }
    // Not in the URL, a share link, other storage keys, the page text, or any request to another host.
    await page.locator('#submit-dialog footer button', { hasText: 'Close' }).click();
    expect(page.url()).not.toContain(TOKEN);
    await page.click('#btn-share');
    expect(await page.locator('#share-url').inputValue()).not.toContain(TOKEN);
    await page.keyboard.press('Escape');
    const storage = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
    expect(storage[SETTINGS_KEY]).toContain(TOKEN);
    for (const [k, v] of Object.entries(storage)) if (k !== SETTINGS_KEY) expect(`${k}=${v}`).not.toContain(TOKEN);
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(TOKEN);
    const mockOrigin = new URL(mock.base).origin;
    const elsewhere = seen.filter((r) => new URL(r.url).origin !== mockOrigin);
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const r of elsewhere) expect(JSON.stringify(r)).not.toContain(TOKEN);
    for (const r of seen.filter((x) => new URL(x.url).origin === mockOrigin)) {
      expect(r.url).not.toContain(TOKEN);
      expect(r.body).not.toContain(TOKEN);
    }
    expect(problems).toEqual([]);
  } finally {
    mock.stop();
  }
});

test('a wrong token is a clear 401; settings are checked before saving', async ({ page }) => {
  await loadTyped(page);
  const mock = await startMock(['--token', TOKEN]);
  try {
    // A URL with a password in it is refused.
    await page.click('#btn-settings');
    await page.locator('#settings-endpoint').fill('http://user:pw@127.0.0.1:1');
    await page.locator('#settings-save').click();
    await expect(page.locator('#settings-problems')).toContainText('no user name or password');
    await page.keyboard.press('Escape');

    await configure(page, { endpoint: mock.base, auth: 'token', token: 'wrong-token-123' });
    const d = await openSubmit(page);
    await d.locator('#submit-go').click();
    const err = d.locator('#submit-error');
    await expect(err).toHaveAttribute('data-code', 'unauthorized');
    await expect(err).toContainText('401 Unauthorized');
    await expect(err).toContainText('request has no valid bearer token');
    await expect(err).toContainText('Settings');
    await expect(err).not.toContainText('wrong-token-123');
    await shot(page, 'submit-401');
  } finally {
    mock.stop();
  }
});

test('a bad integer parameter is refused by the core before anything is sent; override is explicit', async ({ page }) => {
  await loadTyped(page);
  const origin = new URL(page.url()).origin;
  const mock = await startMock(['--cors', origin]);
  try {
    await configure(page, { endpoint: mock.base });
    const d = await openSubmit(page);
    await d.locator('#submit-mode').selectOption('run');
    await d.locator('[data-param="epochs"]').fill('ten');
    await d.locator('#submit-go').click();
    await expect(d.locator('#submit-problems')).toContainText("value 'ten' for input 'epochs' is not a valid NUMBER_INTEGER");
    await expect(d.locator('#submit-error')).toHaveAttribute('data-code', 'validation');
    await expect(d.locator('#submit-force-row')).toBeVisible();
    expect(await mock.requests()).toEqual([]);
    // Only an explicit override sends it (epochs is then left out).
    await d.locator('#submit-force').check();
    await d.locator('#submit-go').click();
    await expect(d.locator('#submit-run-id')).toHaveText(/^r-\d+$/);
    expect((await mock.state()).runs[0].runtime_config.parameters).toEqual({});
  } finally {
    mock.stop();
  }
});

test('a CORS refusal says what the server must allow; an unreachable endpoint says so', async ({ page }) => {
  await loadTyped(page);
  const mock = await startMock(['--token', TOKEN, '--cors', 'https://somewhere-else.example']);
  try {
    await configure(page, { endpoint: mock.base, auth: 'token', token: TOKEN });
    let d = await openSubmit(page);
    await d.locator('#submit-go').click();
    const err = d.locator('#submit-error');
    await expect(err).toHaveAttribute('data-code', 'cors');
    await expect(err).toContainText('Access-Control-Allow-Origin');
    await expect(err).toContainText(`this page's origin (${new URL(page.url()).origin})`);
    await expect(err).toContainText('kfpc submit');
    await shot(page, 'submit-cors');
    // The preflight was refused, so the token never reached the server.
    const got = await mock.requests();
    expect(got.some((q) => q.method === 'OPTIONS')).toBe(true);
    expect(got.filter((q) => q.headers.authorization)).toEqual([]);
    await page.locator('#submit-dialog footer button', { hasText: 'Close' }).click();

    await configure(page, { endpoint: 'http://127.0.0.1:9' });
    d = await openSubmit(page);
    await d.locator('#submit-go').click();
    await expect(d.locator('#submit-error')).toHaveAttribute('data-code', 'unreachable');
    await expect(d.locator('#submit-error')).toContainText('cannot reach http://127.0.0.1:9');
  } finally {
    mock.stop();
  }
});

test('submit to an Argo Server, with server-side lint', async ({ page }) => {
  await loadTyped(page);
  const origin = new URL(page.url()).origin;
  const mock = await startMock(['--cors', origin]);
  try {
    await configure(page, { endpoint: mock.base, target: 'argo', namespace: 'team-a' });
    const d = await openSubmit(page);
    await expect(d.locator('#submit-lint')).toBeChecked();
    await d.locator('#submit-go').click();
    await expect(d.locator('#submit-workflow')).toHaveText(/^train-pipeline-/);
    await expect(d.locator('#submit-lint-result')).toHaveText('ok');
    const got = (await mock.requests()).filter((q) => q.method === 'POST');
    expect(got.map((q) => q.url)).toEqual(['/api/v1/workflows/team-a/lint', '/api/v1/workflows/team-a']);
    expect(JSON.parse(got[1].body).workflow.kind).toBe('Workflow');
  } finally {
    mock.stop();
  }
});

test('a server that does not answer in time is a timeout', async ({ page }) => {
  await loadTyped(page);
  const mock = await startMock(['--delay', '5000']);
  try {
    await configure(page, { endpoint: mock.base, timeout: '1' });
    const d = await openSubmit(page);
    await d.locator('#submit-go').click();
    await expect(d.locator('#submit-error')).toHaveAttribute('data-code', 'timeout');
    await expect(d.locator('#submit-error')).toContainText('no answer from');
  } finally {
    mock.stop();
  }
});

test('"use browser cookies" sends the cookies and no token; token mode sends no cookies', async ({ page }) => {
  await loadTyped(page);
  const origin = new URL(page.url()).origin;
  const mock = await startMock(['--cors', origin]);
  try {
    // Cookies ignore ports: one set here is a cookie of the mock's host too.
    await page.evaluate(() => (document.cookie = 'gateway_session=c00kie; path=/'));
    await configure(page, { endpoint: mock.base, auth: 'cookies' });
    let d = await openSubmit(page);
    await d.locator('#submit-go').click();
    await expect(d.locator('#submit-pipeline-id-result')).toHaveText(/^p-\d+$/);
    let api = (await mock.requests()).filter((q) => q.method !== 'OPTIONS');
    expect(api.length).toBeGreaterThan(0);
    for (const q of api) {
      expect(q.headers.cookie).toContain('gateway_session=c00kie');
      expect(q.headers.authorization).toBeUndefined();
    }
    await page.locator('#submit-dialog footer button', { hasText: 'Close' }).click();

    await configure(page, { endpoint: mock.base, auth: 'token', token: TOKEN });
    const before = api.length;
    d = await openSubmit(page);
    await d.locator('#submit-go').click();
    await expect(d.locator('#submit-version-id')).toHaveText(/^v-\d+$/);
    api = (await mock.requests()).filter((q) => q.method !== 'OPTIONS').slice(before);
    expect(api.length).toBeGreaterThan(0);
    for (const q of api) {
      expect(q.headers.cookie).toBeUndefined();
      expect(q.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
  } finally {
    mock.stop();
  }
});
