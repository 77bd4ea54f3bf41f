// Getting files in (file picker, drop) and never losing them (reload, bad YAML).
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { open, closeAll, pasteIntoEditor, editorFiles, drawnIds, fixture, fixtures, settled, shot } from './helpers.js';

test('upload with the file picker opens each file in a tab', async ({ page }) => {
  await open(page);
  await closeAll(page);
  await page.setInputFiles('#file-input', [path.join(fixtures, 'multiply.component.yaml'), path.join(fixtures, 'cube.pipeline.yaml')]);
  await settled(page);
  const files = await editorFiles(page);
  expect(files.map((f) => f.path)).toEqual(['multiply.component.yaml', 'cube.pipeline.yaml']);
  expect(files.find((f) => f.path === 'cube.pipeline.yaml').text).toBe(fixture('cube.pipeline.yaml'));
  await expect(page.locator('#tabs .tab.active .tab-name')).toHaveText('cube.pipeline.yaml');
  await expect(page.locator('#tabs .tab[data-path="multiply.component.yaml"] .kind')).toHaveText('component');
  expect((await drawnIds(page)).nodes).toContain('task:square');
});

test('dropping files on the page (even on the editor) opens them as tabs', async ({ page }) => {
  await open(page);
  await closeAll(page);
  const payload = [
    { name: 'multiply.component.yaml', text: fixture('multiply.component.yaml') },
    { name: 'cube.pipeline.yaml', text: fixture('cube.pipeline.yaml') },
  ];
  const dt = await page.evaluateHandle((items) => {
    const d = new DataTransfer();
    for (const it of items) d.items.add(new File([it.text], it.name, { type: 'application/x-yaml' }));
    return d;
  }, payload);
  const target = page.locator('.cm-content');
  await target.dispatchEvent('dragenter', { dataTransfer: dt });
  await expect(page.locator('#drop-overlay')).toBeVisible();
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
  await expect(page.locator('#drop-overlay')).toBeHidden();
  await settled(page);
  const files = await editorFiles(page);
  expect(files).toEqual([
    { path: 'multiply.component.yaml', text: payload[0].text },
    { path: 'cube.pipeline.yaml', text: payload[1].text },
  ]);
  // (toEqual above also proves the editor did not insert the dropped text anywhere.)
  expect((await drawnIds(page)).nodes).toEqual(['in:n', 'out:cube', 'task:cube', 'task:square']);
});

test('reload keeps the text, even right after typing', async ({ page }) => {
  await open(page);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# note typed just before reload');
  await page.waitForTimeout(450); // saved to localStorage (300 ms), URL fragment not yet rewritten (700 ms)
  const before = await editorFiles(page);
  await page.reload();
  await settled(page);
  expect(await editorFiles(page)).toEqual(before);
  // And once the fragment caught up, a reload gives the same.
  await page.waitForTimeout(1000);
  await page.reload();
  await settled(page);
  expect(await editorFiles(page)).toEqual(before);
});

test('bad YAML shows line:col and keeps the text (also across a reload)', async ({ page }) => {
  await open(page);
  await closeAll(page);
  const bad = fixture('bad.yaml');
  await pasteIntoEditor(page, bad);
  await settled(page);
  const first = page.locator('#problem-list .problem.error').first();
  await expect(first).toBeVisible();
  const loc = await first.locator('.loc').textContent();
  expect(loc).toMatch(/^untitled-1\.yaml:\d+:\d+$/);
  const [, line, col] = loc.split(':').map(Number);
  const d = await page.evaluate(() => window.kfpPlayground.result.diagnostics.find((x) => x.severity === 'error'));
  expect([d.line, d.column]).toEqual([line, col]);
  expect(line).toBeGreaterThanOrEqual(3);
  expect(line).toBeLessThanOrEqual(4);
  await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).not.toHaveCount(0);
  await shot(page, 'bad-yaml');
  expect((await editorFiles(page))[0].text).toBe(bad);
  await page.waitForTimeout(400);
  await page.reload();
  await settled(page);
  expect((await editorFiles(page))[0].text).toBe(bad);
  await expect(page.locator('#problem-list .problem.error').first().locator('.loc')).toHaveText(loc);
});
