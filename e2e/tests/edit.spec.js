// Editing: paste files -> the DAG; type mismatches on edges and in the
// editor; exports byte-identical to the native CLI.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { open, closeAll, pasteIntoEditor, pasteNewFile, editorFiles, drawnIds, fixture, kfpc, kfpcRun, watch, settled, shot } from './helpers.js';

async function pasteCube(page) {
  await closeAll(page);
  await pasteIntoEditor(page, fixture('multiply.component.yaml'));
  await pasteNewFile(page, fixture('cube.pipeline.yaml'));
  await settled(page);
}

test('pasting a component and a pipeline draws the pipeline', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await pasteCube(page);
  const files = await editorFiles(page);
  expect(files.map((f) => f.text)).toEqual([fixture('multiply.component.yaml'), fixture('cube.pipeline.yaml')]);

  const drawn = await drawnIds(page);
  expect(drawn.nodes).toEqual(['in:n', 'out:cube', 'task:cube', 'task:square']);
  expect(drawn.edges).toEqual([
    'in:n -> task:cube',
    'in:n -> task:square', // x
    'in:n -> task:square', // y
    'task:cube -> out:cube',
    'task:square -> task:cube',
  ]);
  // Ports are named and typed as KFP types them.
  const square = page.locator('svg.dag g.node[data-id="task:square"]');
  await expect(square.locator('g.port.in')).toHaveCount(2);
  await expect(square.locator('g.port.in[data-port="x"] text.port-type')).toHaveText('NUMBER_DOUBLE');
  await expect(square.locator('g.port.out[data-port="product"]')).toHaveCount(1);
  // The page draws exactly what the CLI's graph JSON says.
  const cli = JSON.parse(kfpc(['graph', '--format', 'json'], files));
  const p = cli.pipelines.find((x) => x.file === files[1].path);
  expect(drawn.nodes).toEqual(p.nodes.filter((n) => n.kind !== 'group').map((n) => n.id).sort());
  expect(drawn.edges).toEqual(p.edges.map((e) => `${e.from.node} -> ${e.to.node}`).sort());
  await expect(page.locator('#problem-list .problem.error')).toHaveCount(0);

  // Clicking a node shows its details and jumps the editor to it.
  await square.click();
  await expect(page.locator('#inspector')).toBeVisible();
  await expect(page.locator('#inspector .insp-title')).toHaveText('square');
  await expect(page.locator('#inspector code.image')).toHaveText('python:3.11-slim');
  await expect(page.locator('#inspector table.ports').first()).toContainText('pipeline input n');
  const sel = await page.evaluate(() => {
    const v = window.kfpPlayground.editor.view;
    const r = v.state.selection.main;
    return { line: v.state.doc.lineAt(r.from).number, file: window.kfpPlayground.editor.paths[window.kfpPlayground.editor.active] };
  });
  expect(sel.file).toBe(files[1].path);
  const keyLine = fixture('cube.pipeline.yaml').split('\n').findIndex((l) => l.trim() === 'square:') + 1;
  expect([keyLine, keyLine + 1]).toContain(sel.line); // the task as written: its key or its body
  expect(problems).toEqual([]);
});

test('a type-mismatched edge is red with KFP\'s message, and the editor marks the argument', async ({ page }) => {
  await open(page);
  await closeAll(page);
  await pasteIntoEditor(page, fixture('multiply.component.yaml'));
  await pasteNewFile(page, fixture('describe.component.yaml'));
  await pasteNewFile(page, fixture('mismatch.pipeline.yaml'));
  await settled(page);

  const bad = page.locator('svg.dag g.edge.mismatch');
  await expect(bad).toHaveCount(1);
  await expect(bad).toHaveAttribute('data-from', 'task:describe');
  await expect(bad).toHaveAttribute('data-to', 'task:multiply');
  const stroke = await bad.locator('path.edge-line').evaluate((el) => getComputedStyle(el).stroke);
  expect(stroke).toBe('rgb(207, 34, 46)');
  const diag = await page.evaluate(() => window.kfpPlayground.result.diagnostics.find((d) => d.code === 'type-mismatch'));
  expect(diag).toBeTruthy();
  expect(diag.message).toContain("Argument type 'STRING' is incompatible with the input type 'NUMBER_DOUBLE'");
  await expect(bad.locator('title')).toContainText(diag.message);

  // The editor underlines the argument on its line and puts a marker in the gutter.
  const text = fixture('mismatch.pipeline.yaml');
  const argLine = text.split('\n').findIndex((l) => l.includes('x: {taskOutput: {taskId: describe')) + 1;
  expect(diag.line).toBe(argLine);
  const marked = page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') });
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText('taskOutput: {taskId: describe');
  await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
  // The problem list shows line:col and jumps there.
  const item = page.locator('#problem-list .problem.error', { hasText: 'incompatible' });
  await expect(item.locator('.loc')).toHaveText(`${diag.file}:${diag.line}:${diag.column}`);
  // Clicking the red edge's label moves the editor to the argument.
  await page.locator('svg.dag g.edge-label.mismatch').click();
  const at = await page.evaluate(() => {
    const v = window.kfpPlayground.editor.view;
    return v.state.doc.lineAt(v.state.selection.main.from).number;
  });
  expect(at).toBe(argLine);
  await shot(page, 'mismatch');
});

// Clicks an export item; returns the downloaded text, or null after the page
// reported a refusal (error toast) instead of downloading.
async function exportText(page, item) {
  await page.click('#menu-export .menu-button');
  const dl = page.waitForEvent('download', { timeout: 20_000 }).catch(() => null);
  await page.click(`[data-export="${item}"]`);
  const outcome = await Promise.race([dl, page.locator('#toast.error').waitFor({ timeout: 20_000 }).then(() => 'refused')]);
  if (outcome === 'refused' || outcome === null) return null;
  return { name: outcome.suggestedFilename(), text: fs.readFileSync(await outcome.path(), 'utf8') };
}

// The page's export must be exactly what the CLI does with the same files:
// the same bytes when it compiles, a refusal (with the CLI's message) when it refuses.
async function expectSameAsCli(page, target, files, name) {
  const cli = kfpcRun(['compile', '--to', target], files);
  const got = await exportText(page, `${target}-download`);
  if (cli.status === 0 || (cli.status === 1 && cli.stdout)) {
    expect(got, `the page refused what kfpc compiled:\n${cli.stderr}`).not.toBeNull();
    expect(got.name).toBe(`${name}.${target}.yaml`); // named after the pipeline
    expect(cli.stdout.length).toBeGreaterThan(100);
    expect(got.text).toBe(cli.stdout);
    return true;
  }
  expect(got, 'the page downloaded what kfpc refused').toBeNull();
  const firstError = /error\[[^\]]+\]: ([^\n]+)/.exec(cli.stderr);
  if (firstError) await expect(page.locator('#toast')).toContainText(firstError[1]);
  await page.locator('#toast').evaluate((t) => { t.hidden = true; t.className = 'toast'; });
  return false;
}

test('exported IR and Argo YAML equal `kfpc compile` output byte for byte', async ({ page }) => {
  await open(page);
  // v1 component + graph pipeline, pasted.
  await pasteCube(page);
  const files = await editorFiles(page);
  expect(await expectSameAsCli(page, 'ir', files, 'cube')).toBe(true);
  await expectSameAsCli(page, 'argo', files, 'cube');
  // A compiled IR pipeline with control flow: both targets compile.
  await page.selectOption('#samples', 'loops_and_conditions');
  await settled(page);
  const ir = await editorFiles(page);
  const name = 'pipeline-with-loops-and-conditions-multi-layers';
  expect(await expectSameAsCli(page, 'ir', ir, name)).toBe(true);
  expect(await expectSameAsCli(page, 'argo', ir, name)).toBe(true);
  // Copy puts the same text on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('#menu-export .menu-button');
  await page.click('[data-export="argo-copy"]');
  await expect(page.locator('#toast')).toContainText('Copied Argo YAML');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toBe(kfpc(['compile', '--to', 'argo'], ir));
});

test('graph exports as SVG and PNG', async ({ page }) => {
  await open(page);
  await pasteCube(page);
  await page.click('#menu-export .menu-button');
  const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="svg"]')]);
  const svg = fs.readFileSync(await svgDl.path(), 'utf8');
  expect(svg).toMatch(/^<\?xml/);
  expect(svg).toContain('<style>');
  expect(svg).toContain('data-id="task:square"');
  expect(svg).not.toContain('transform="translate(0,0) scale');
  await page.click('#menu-export .menu-button');
  const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="png"]')]);
  const png = fs.readFileSync(await pngDl.path());
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.length).toBeGreaterThan(5000);
});

test('control-flow groups collapse and expand', async ({ page }) => {
  await open(page);
  await page.selectOption('#samples', 'loops_and_conditions');
  await settled(page);
  const groups = page.locator('svg.dag g.group');
  const n = await groups.count();
  expect(n).toBeGreaterThan(1);
  const first = await groups.first().getAttribute('data-id');
  const inner = await page.evaluate((id) => window.kfpPlayground.dag.pipeline.nodes.filter((x) => x.parent === id).length, first);
  expect(inner).toBeGreaterThan(0);
  await shot(page, 'ir-groups');
  await page.locator(`svg.dag g.group[data-id="${first}"] [data-toggle]`).first().click();
  await expect(page.locator(`svg.dag g.group-collapsed[data-id="${first}"]`)).toHaveCount(1);
  await expect(page.locator('svg.dag g.group')).toHaveCount(n - 1 - (await page.evaluate((id) => {
    // nested groups disappear with their collapsed ancestor
    const nodes = window.kfpPlayground.dag.pipeline.nodes;
    const under = (x) => { let p = x.parent; while (p) { if (p === id) return true; p = nodes.find((m) => m.id === p)?.parent; } return false; };
    return nodes.filter((x) => x.kind === 'group' && under(x)).length;
  }, first)));
  await page.locator(`svg.dag g.group-collapsed[data-id="${first}"] [data-toggle]`).click();
  await expect(page.locator('svg.dag g.group')).toHaveCount(n);
});
