// Untrusted input: markup in names, descriptions and values renders as text
// and runs nothing; the CSP forbids inline script and eval.
import { test, expect } from '@playwright/test';
import { open, closeAll, pasteIntoEditor, fixture, settled, watch, shot } from './helpers.js';

test('names holding <img onerror> and <script> render as text and run nothing', async ({ page, browser }) => {
  const problems = watch(page);
  await open(page);
  await closeAll(page);
  await pasteIntoEditor(page, fixture('xss.pipeline.yaml'));
  await settled(page);

  // Whatever the core said about these names, every place that shows them got text.
  const svgText = await page.locator('svg.dag').evaluate((el) => el.textContent).catch(() => '');
  const panel = await page.locator('#problem-list').textContent();
  expect(svgText + panel).toContain('<');
  const graph = await page.evaluate(() => window.kfpPlayground.result.graph);
  if (graph.pipelines.length) {
    expect(svgText).toContain('<script>alert(4)</script>');
    await page.locator('svg.dag g.node.task').first().click();
    await expect(page.locator('#inspector')).toContainText('"><img src=x onerror=alert(8)>');
  }
  // No element was created from the data.
  for (const sel of ['img', 'iframe', 'script:not([src])', 'svg [onload]', '[onerror]', 'a[href^="javascript"]', 'b']) {
    await expect(page.locator(`#workspace ${sel}, #inspector ${sel}`)).toHaveCount(0);
  }
  // Share the files and open them in the embed page too.
  await page.click('#btn-embed');
  const src = /src="([^"]+)"/.exec(await page.locator('#embed-snippet').inputValue())[1];
  const ctx = await browser.newContext();
  const embed = await ctx.newPage();
  const problems2 = watch(embed);
  await embed.goto(src);
  await expect(embed.locator('body')).toHaveAttribute('data-state', /ready|error/);
  await expect(embed.locator('main img, main iframe, main [onerror], main [onload]')).toHaveCount(0);
  await embed.waitForTimeout(300);
  expect(await embed.evaluate(() => window.__xss)).toBeUndefined();
  expect(problems2).toEqual([]);
  await ctx.close();

  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(problems).toEqual([]);
  await page.keyboard.press('Escape');
  await shot(page, 'untrusted-names');
});

test('the Content-Security-Policy forbids inline script and eval', async ({ page }) => {
  await open(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-inline' ;");
  expect(/script-src[^;]*'unsafe-(inline|eval)'/.test(csp)).toBe(false);
  // Code run by the page itself (a string timer is eval to CSP) and an inline
  // <script> element: both must be refused, with a violation report.
  const result = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    window.__evalRan = false;
    window.__inlineRan = false;
    setTimeout('window.__evalRan = true', 0);
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 200));
    return { evalRan: window.__evalRan, inlineRan: window.__inlineRan, violations };
  });
  expect(result.evalRan).toBe(false);
  const inlineRan = result.inlineRan;
  expect(result.violations.some((v) => v.startsWith('script-src') && v.endsWith('eval'))).toBe(true);
  expect(result.violations.some((v) => v.startsWith('script-src') && v.endsWith('inline'))).toBe(true);
  expect(inlineRan).toBe(false);
});
