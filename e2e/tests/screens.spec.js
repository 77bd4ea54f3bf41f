// Screenshots of the main views into e2e/screenshots/ (ignored by git), each
// after checking the view actually shows what it should.
import { test, expect } from '@playwright/test';
import { open, settled, shot, watch } from './helpers.js';

test('main views', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(page.locator('svg.dag g.node.task')).not.toHaveCount(0);
  await shot(page, 'split-sample');

  await page.selectOption('#samples', 'average');
  await settled(page);
  await expect(page.locator('svg.dag g.node[data-id="task:divide"]')).toHaveCount(1);
  await page.locator('svg.dag g.node[data-id="task:divide"]').click();
  await expect(page.locator('#inspector')).toBeVisible();
  await shot(page, 'inspector');

  await page.selectOption('#samples', 'coin_flip');
  await settled(page);
  await page.click('.view-switch [data-view="graph"]');
  await expect(page.locator('.pane-edit')).toBeHidden();
  await shot(page, 'graph-coin-flip');

  await page.selectOption('#samples', 'exit_handler');
  await settled(page);
  await expect(page.locator('svg.dag g.group-exit-handler')).not.toHaveCount(0);
  await shot(page, 'graph-exit-handler');

  await page.click('.view-switch [data-view="editor"]');
  await expect(page.locator('.pane-graph')).toBeHidden();
  await shot(page, 'editor-only');

  await page.click('.view-switch [data-view="split"]');
  await page.click('#btn-share');
  await shot(page, 'share-dialog');
  expect(problems).toEqual([]);
});
