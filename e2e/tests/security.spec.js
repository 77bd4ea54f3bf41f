// Untrusted input: markup in names, descriptions and values renders as text
// and runs nothing; the CSP forbids inline script and eval.
import zlib from 'node:zlib';
import { test, expect } from '@playwright/test';
import { open, closeAll, pasteIntoEditor, pasteNewFile, editorFiles, fixture, settled, watch, shot } from './helpers.js';

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

// ---------- every other way data reaches the page ----------
// A share link is built here the way the page builds one (deflate-raw + base64url),
// so the tests can put anything into it, including what the page would never write.
const fragmentOf = (state) => 'z1:' + zlib.deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url');

// Nothing created from data: no element that can run script or navigate.
async function noInjectedElements(page, scope = 'body') {
  for (const sel of ['img', 'iframe', 'object', 'embed', 'script:not([src])', '[onerror]', '[onload]', '[onclick]',
    'a[href^="javascript" i]', 'a[href^="data:" i]', 'b', 'i:not(.sw)']) { // i.sw: the legend's swatches
    await expect(page.locator(`${scope} ${sel}`), sel).toHaveCount(0);
  }
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
}

test('a share link with markup in file names, texts, the selection and the version runs nothing', async ({ page }) => {
  const problems = watch(page);
  const names = ['<img src=x onerror="window.__xss=11">.yaml', '"><svg onload="window.__xss=12">.yaml'];
  const frag = fragmentOf({
    v: 1,
    files: [
      { path: names[0], text: fixture('xss.pipeline.yaml') },
      { path: names[1], text: "name: '<script>window.__xss=13</script>'\n  bad: [indent\n" },
    ],
    active: 1,
    view: 'split',
    selection: '<img src=x onerror="window.__xss=14">',
  });
  await page.goto(`/#${frag}`);
  await settled(page);
  // File names are shown as text on the tabs, markup and all.
  await expect(page.locator('#tabs .tab')).toHaveCount(2);
  const tabs = (await page.locator('#tabs').textContent()) || '';
  expect(tabs).toContain('<img src=x onerror="window.__xss=11">');
  expect(tabs).toContain('"><svg onload="window.__xss=12">');
  // The second file's YAML error shows in the problem list with its name.
  await expect(page.locator('#problem-list')).toContainText('<svg onload=');
  await page.waitForTimeout(300);
  await noInjectedElements(page, '#workspace');
  await noInjectedElements(page, 'header');
  await noInjectedElements(page, '#banner');
  expect(problems).toEqual([]);

  // A version field holding markup: refused, and the banner quotes it as text.
  const bad = fragmentOf({ v: '<svg onload=__xss=1>', files: [{ path: 'a.yaml', text: 'name: a\n' }] });
  await page.goto(`/#${bad}`);
  await page.reload();
  await settled(page);
  await expect(page.locator('#banner')).toContainText('This link could not be opened: unknown state version <svg onload=__xss=1>');
  await noInjectedElements(page, '#banner');
  expect(problems).toEqual([]);
});

test('diagnostic messages quoting markup from the YAML render as text', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await closeAll(page);
  await pasteIntoEditor(page, [
    "name: '<img src=x onerror=\"window.__xss=21\">'",
    'implementation:',
    '  graph:',
    '    tasks:',
    '      t1:',
    "        componentRef: {name: '<img src=x onerror=\"window.__xss=22\">'}",
    '        arguments:',
    "          '<svg onload=\"window.__xss=23\">': {taskOutput: {taskId: '<b>nope</b>', outputName: '<i>x</i>'}}",
    '',
  ].join('\n'));
  await settled(page);
  // The core's messages echo these names (see kfpc validate): shown verbatim.
  await expect(page.locator('#problem-list')).toContainText("taskOutput refers to task '<b>nope</b>'");
  await expect(page.locator('#problem-list')).toContainText('<img src=x onerror="window.__xss=22">');
  await page.waitForTimeout(300);
  await noInjectedElements(page, '#workspace');
  expect(problems).toEqual([]);
});

test('a file opened from disk with markup in its name runs nothing', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  const name = '<img src=x onerror="window.__xss=31">.yaml';
  await page.setInputFiles('#file-input', { name, mimeType: 'text/yaml', buffer: Buffer.from(fixture('xss.pipeline.yaml')) });
  await expect(page.locator('#tabs')).toContainText(name);
  await settled(page);
  await noInjectedElements(page, '#workspace');
  expect(problems).toEqual([]);
});

test('javascript: and data: URLs are never followed or linked', async ({ page }) => {
  const problems = watch(page);
  // The embed page fetches ?src= only over http(s).
  for (const src of ['javascript:window.__xss=41', 'JaVaScRiPt:window.__xss=42', 'data:text/yaml,name:%20x']) {
    await page.goto(`/embed.html?src=${encodeURIComponent(src)}`);
    await expect(page.locator('body')).toHaveAttribute('data-state', 'error');
    await expect(page.locator('body')).toContainText('only http(s) sources are allowed');
    await noInjectedElements(page, 'main');
    expect(await page.evaluate(() => location.protocol)).toBe('http:');
  }
  // URLs inside YAML values stay text in the page: no link to them anywhere.
  await open(page);
  await closeAll(page);
  await pasteIntoEditor(page, [
    'name: links',
    'description: javascript:window.__xss=43',
    'inputs:',
    '- {name: url, type: String, default: "javascript:window.__xss=44"}',
    'implementation: {container: {image: "javascript:alert(45)", command: [echo, {inputValue: url}]}}',
    '',
  ].join('\n'));
  await settled(page);
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of hrefs) expect(href).not.toMatch(/^\s*(javascript|data|vbscript):/i);
  await noInjectedElements(page, 'body');
  expect(problems).toEqual([]);
});

test('oversized and inflating fragments are refused before decoding, and the page stays usable', async ({ page, browser }) => {
  const problems = watch(page);
  await open(page);
  await pasteNewFile(page, 'name: kept\n');
  await settled(page);
  await page.waitForTimeout(400);
  // Near Chromium's 2 MiB URL limit (the page's own 3,000,000-character cap
  // lies above it, so the browser refuses longer links itself): garbage that
  // does not inflate, refused with a banner, the saved files kept.
  // Each link opens in a new tab of the same browser (same saved files): the
  // first tab's debounced replaceState can then never overwrite the link.
  const openLink = async (fragment) => {
    const tab = await page.context().newPage();
    const own = watch(tab);
    await tab.goto(`/#${fragment}`);
    await settled(tab);
    return { tab, own };
  };
  const garbage = await openLink('z1:' + 'A'.repeat(1_900_000));
  await expect(garbage.tab.locator('#banner')).toContainText('This link could not be opened');
  expect((await editorFiles(garbage.tab)).some((f) => f.text === 'name: kept\n')).toBe(true);
  await garbage.tab.close();
  // A small link that inflates to 64 MB (a deflate bomb): stopped at the 8 MB cap.
  const bomb = 'z1:' + zlib.deflateRawSync(Buffer.alloc(64 << 20, 0x20), { level: 9 }).toString('base64url');
  expect(bomb.length).toBeLessThan(200_000);
  const t0 = Date.now();
  const bombed = await openLink(bomb);
  await expect(bombed.tab.locator('#banner')).toContainText('the link inflates to too much data');
  expect(Date.now() - t0).toBeLessThan(10_000);
  // Still usable: typing is analysed as before.
  await pasteNewFile(bombed.tab, 'name: [\n');
  await settled(bombed.tab);
  await expect(bombed.tab.locator('#problem-list')).not.toBeEmpty();
  expect(problems).toEqual([]);
  expect(garbage.own).toEqual([]);
  expect(bombed.own).toEqual([]);

  // The embed page refuses both too, with a message instead of a graph.
  const ctx = await browser.newContext();
  const embed = await ctx.newPage();
  for (const f of ['z1:' + 'A'.repeat(1_900_000), bomb]) {
    await embed.goto(`/embed.html#${f}`);
    await expect(embed.locator('body')).toHaveAttribute('data-state', 'error');
  }
  await ctx.close();
});

test('the embed page has the same CSP: no inline script, no eval', async ({ page }) => {
  await page.goto('/embed.html');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(/script-src[^;]*'unsafe-(inline|eval)'/.test(csp)).toBe(false);
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("object-src 'none'");
  // As on the main page: code run by the page itself (a string timer is eval
  // to CSP; a direct eval() inside page.evaluate is DevTools code, which CSP
  // does not govern) and an inline <script> element must both be refused.
  const r = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    window.__evalRan = false;
    window.__inlineRan = false;
    setTimeout('window.__evalRan = true', 0);
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    await new Promise((res) => setTimeout(res, 200));
    return { evalRan: window.__evalRan, inlineRan: window.__inlineRan, violations };
  });
  expect(r.evalRan).toBe(false);
  expect(r.inlineRan).toBe(false);
  expect(r.violations.some((v) => v.startsWith('script-src') && v.endsWith('eval'))).toBe(true);
  expect(r.violations.some((v) => v.startsWith('script-src') && v.endsWith('inline'))).toBe(true);
});
