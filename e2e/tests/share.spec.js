// Share links and the embed page.
import { test, expect } from '@playwright/test';
import { open, closeAll, pasteIntoEditor, pasteNewFile, editorFiles, drawnIds, fixture, settled, watch, shot } from './helpers.js';

async function pasteMismatch(page) {
  await closeAll(page);
  await pasteIntoEditor(page, fixture('multiply.component.yaml'));
  await pasteNewFile(page, fixture('describe.component.yaml'));
  await pasteNewFile(page, fixture('mismatch.pipeline.yaml'));
  await settled(page);
}

async function shareUrl(page) {
  await page.click('#btn-share');
  const url = await page.locator('#share-url').inputValue();
  await page.keyboard.press('Escape');
  return url;
}

test('a share link opened in a fresh browser restores the files and the DAG', async ({ page, browser }) => {
  await open(page);
  await pasteMismatch(page);
  await page.locator('svg.dag g.node[data-id="task:describe"]').click();
  await page.click('.view-switch [data-view="graph"]');
  const files = await editorFiles(page);
  const drawn = await drawnIds(page);
  const url = await shareUrl(page);
  expect(url).toMatch(/#z1:[A-Za-z0-9_-]+$/);
  await expect(page.locator('#share-length')).toBeHidden(); // dialog closed

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const fresh = await ctx.newPage();
  const problems = watch(fresh);
  await fresh.goto(url);
  await settled(fresh);
  expect(await editorFiles(fresh)).toEqual(files);
  expect(await drawnIds(fresh)).toEqual(drawn);
  await expect(fresh.locator('svg.dag g.edge.mismatch')).toHaveCount(1);
  await expect(fresh.locator('#workspace')).toHaveAttribute('data-view', 'graph');
  await expect(fresh.locator('#inspector .insp-title')).toHaveText('describe');
  const active = await fresh.evaluate(() => window.kfpPlayground.editor.active);
  expect(active).toBe(2);
  expect(problems).toEqual([]);
  await ctx.close();
});

test('the URL fragment follows edits (debounced replaceState, no history entries)', async ({ page }) => {
  await open(page);
  const before = await page.evaluate(() => history.length);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# edited');
  await page.waitForFunction(() => location.hash.startsWith('#z1:') && window.kfpPlayground.linkWritten === location.hash.slice(1));
  await page.waitForTimeout(900);
  const url = page.url();
  expect(await page.evaluate(() => history.length)).toBe(before);
  const fresh = await page.context().browser().newContext();
  const p2 = await fresh.newPage();
  await p2.goto(url);
  await settled(p2);
  const files = await editorFiles(p2);
  expect(files.some((f) => f.text.endsWith('# edited'))).toBe(true);
  await fresh.close();
});

test('a long link warns and offers a file download instead', async ({ page }) => {
  await open(page);
  await page.selectOption('#samples', 'loops_and_conditions');
  await settled(page);
  await page.click('#btn-share');
  await expect(page.locator('#share-warning')).toBeVisible();
  await expect(page.locator('#share-length')).toHaveClass(/warn/);
  await shot(page, 'share-long-link');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#share-download')]);
  expect(dl.suggestedFilename()).toBe('kfp-playground.json');
});

// Waits until the page has written the fragment of what it shows now (not
// still the one from before the last edit: the write is debounced), so a
// later navigation cannot race with it.
async function linkSettled(page) {
  // expect.poll + evaluate, because waitForFunction takes an async
  // predicate's promise itself as a truthy answer.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const app = window.kfpPlayground;
        if (!location.hash.startsWith('#z1:') || app.linkWritten !== location.hash.slice(1)) return false;
        return (await app.encodeCurrent()) === location.hash.slice(1);
      }),
    )
    .toBe(true);
}

test('a broken link says why and keeps the saved files', async ({ page }) => {
  await open(page);
  await pasteNewFile(page, 'name: kept\n');
  await settled(page);
  await linkSettled(page);
  await page.goto('/#z1:AAAA-this-is-not-deflate'); // same document: a hashchange
  await expect(page.locator('#banner')).toContainText('This link could not be opened');
  await page.reload();
  await settled(page);
  await expect(page.locator('#banner')).toContainText('This link could not be opened');
  const files = await editorFiles(page);
  expect(files.some((f) => f.text === 'name: kept\n')).toBe(true);
});

test('a link pasted into the address bar of an open tab opens it and keeps the previous files', async ({ page }) => {
  await open(page);
  await pasteMismatch(page);
  await linkSettled(page);
  const link = await page.evaluate(() => location.hash);
  const files = await editorFiles(page);
  await closeAll(page);
  await pasteIntoEditor(page, 'name: other\n');
  await settled(page);
  await linkSettled(page);
  await page.goto(`/${link}`);
  await expect(page.locator('#banner')).toContainText('Opened a shared link');
  await settled(page);
  expect(await editorFiles(page)).toEqual(files);
  await expect(page.locator('svg.dag g.edge.mismatch')).toHaveCount(1);
  await page.locator('#banner button.link').click();
  await settled(page);
  expect((await editorFiles(page)).some((f) => f.text === 'name: other\n')).toBe(true);
});

test('the embed page draws the graph read-only from the link and from ?src=', async ({ page, browser }) => {
  await open(page);
  await pasteMismatch(page);
  const drawn = await drawnIds(page);
  await page.click('#btn-embed');
  const snippet = await page.locator('#embed-snippet').inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html#z1:[A-Za-z0-9_-]+" /);
  const src = /src="([^"]+)"/.exec(snippet)[1];

  const ctx = await browser.newContext({ viewport: { width: 900, height: 500 } });
  const embed = await ctx.newPage();
  const problems = watch(embed);
  await embed.goto(src);
  await expect(embed.locator('body')).toHaveAttribute('data-state', 'ready');
  expect(await drawnIds(embed)).toEqual(drawn);
  await expect(embed.locator('svg.dag g.edge.mismatch')).toHaveCount(1);
  await expect(embed.locator('.cm-editor')).toHaveCount(0); // no editor on this page
  // Fit to frame: the drawing lies inside the viewport.
  const box = await embed.locator('svg.dag g.viewport').boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(901);
  await shot(embed, 'embed');

  // Inside an iframe, as the snippet is meant to be used.
  const host = await ctx.newPage();
  await host.goto('/samples/index.json'); // same origin, any page
  await host.setContent(`<!doctype html><body style="margin:0">${snippet}</body>`);
  const frame = host.frameLocator('iframe');
  await expect(frame.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(frame.locator('svg.dag g.node')).toHaveCount(drawn.nodes.length);

  // ?src= with a same-origin YAML file.
  await embed.goto('/embed.html?src=samples/ir/pipeline_with_task_final_status.yaml');
  await expect(embed.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(embed.locator('svg.dag g.group, svg.dag g.group-collapsed')).not.toHaveCount(0);
  expect(problems).toEqual([]);
  await ctx.close();
});
