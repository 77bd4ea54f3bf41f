// Editing: paste files -> the DAG; type mismatches on edges and in the
// editor; exports byte-identical to the native CLI.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { open, closeAll, pasteIntoEditor, pasteNewFile, editorFiles, drawnIds, fixture, kfpc, watch, settled, shot } from './helpers.js';

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

test('exported IR and Argo YAML equal `kfpc compile` output byte for byte', async ({ page }) => {
  await open(page);
  await pasteCube(page);
  const files = await editorFiles(page);
  for (const target of ['ir', 'argo']) {
    await page.click('#menu-export .menu-button');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${target}-download"]`)]);
    expect(dl.suggestedFilename()).toBe(`cube.${target}.yaml`); // named after the pipeline
    const got = fs.readFileSync(await dl.path(), 'utf8');
    const want = kfpc(['compile', '--to', target], files);
    expect(want.length).toBeGreaterThan(100);
    expect(got).toBe(want);
  }
  // Copy puts the same text on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('#menu-export .menu-button');
  await page.click('[data-export="ir-copy"]');
  await expect(page.locator('#toast')).toContainText('Copied IR YAML');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toBe(kfpc(['compile', '--to', 'ir'], files));
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
