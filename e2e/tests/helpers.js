// Shared steps for the playground tests: real UI paths (paste events, the file
// picker, drop events, menus), plus the native CLI for expected outputs.
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const fixtures = path.resolve(here, '../fixtures');
export const shots = path.resolve(here, '../screenshots');
export const KFPC = path.resolve(root, process.env.KFPC || 'build/native/cli/kfpc');

export const fixture = (name) => fs.readFileSync(path.join(fixtures, name), 'utf8');

// Collects page errors, CSP violations and dialogs; a test asserts it stays empty.
export function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const t = m.text();
    if (/Content Security Policy|Refused to/i.test(t)) problems.push(`csp: ${t}`);
  });
  page.on('dialog', async (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
  return problems;
}

// Waits until the core answered for the current text (no analysis pending).
export async function settled(page) {
  await expect(page.locator('body')).toHaveAttribute('data-core', 'ready');
  await page.waitForFunction(() => {
    const app = window.kfpPlayground;
    return app && document.body.dataset.analysis === 'done' && !app.analyzeSoonPending() && !document.querySelector('.dag-canvas.busy');
  });
}

export async function open(page, url = '/') {
  await page.goto(url);
  await settled(page);
}

// Closes every tab: the page keeps one empty untitled file.
export async function closeAll(page) {
  for (;;) {
    const n = await page.locator('#tabs .tab').count();
    const empty = n === 1 && (await page.evaluate(() => window.kfpPlayground.editor.text(0))) === '';
    if (empty) break;
    await page.locator('#tabs .tab').first().hover();
    await page.locator('#tabs .tab .tab-close').first().click();
  }
}

// A real paste: a ClipboardEvent with text/plain on the editor's content.
export async function pasteIntoEditor(page, text) {
  await page.locator('.cm-content').click();
  await page.locator('.cm-content').evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

// New file tab, then paste into it.
export async function pasteNewFile(page, text) {
  await page.click('#btn-new');
  await pasteIntoEditor(page, text);
}

export async function editorFiles(page) {
  return page.evaluate(() => window.kfpPlayground.editor.files());
}

export async function drawnIds(page, root = page) {
  const nodes = await root.locator('svg.dag g.node').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
  const groups = await root.locator('svg.dag g.group').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
  const edges = await root.locator('svg.dag g.edge').evaluateAll((els) => els.map((e) => `${e.dataset.from} -> ${e.dataset.to}`).sort());
  return { nodes, groups, edges };
}

// Runs the native CLI on files written to a temp dir under the same names.
export function kfpc(args, files) {
  const r = kfpcRun(args, files);
  if (r.status !== 0 && r.status !== 1) throw new Error(`kfpc ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout; // 1 = findings; the output is still written
}

// {status, stdout, stderr} of the native CLI on files written under the same names.
export function kfpcRun(args, files) {
  if (!fs.existsSync(KFPC)) throw new Error(`kfpc not found at ${KFPC} (set KFPC or build the native CLI)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-e2e-'));
  const paths = files.map((f) => {
    const p = path.join(dir, f.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.text);
    return f.path;
  });
  try {
    const stdout = execFileSync(KFPC, [...args, ...paths], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    if (typeof e.status === 'number') return { status: e.status, stdout: String(e.stdout ?? ''), stderr: String(e.stderr ?? '') };
    throw e;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function shot(page, name) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

// A v1 graph pipeline of n Multiply tasks in a chain, each taking the previous
// product, plus one mismatched argument (a String output into a Float input)
// near the start: multiply.component.yaml and describe.component.yaml beside it.
export function chainPipeline(n) {
  let y = 'name: Long chain\ninputs:\n- {name: n, type: Float, default: \'2\'}\nimplementation:\n  graph:\n    tasks:\n';
  y += '      describe:\n        componentRef: {name: Describe}\n        arguments:\n          value: {graphInput: {inputName: n}}\n';
  for (let i = 0; i < n; i++) {
    const x = i === 0 ? '{taskOutput: {taskId: describe, outputName: text}}' : `{taskOutput: {taskId: m${i - 1}, outputName: product}}`;
    y += `      m${i}:\n        componentRef: {name: Multiply}\n        arguments:\n          x: ${x}\n          y: {graphInput: {inputName: n}}\n`;
  }
  return y;
}
