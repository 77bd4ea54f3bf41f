// The DAG layout from the core (core/layout/, no elkjs) and the Python
// function picker.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { open, closeAll, fixtures, settled, watch, shot } from './helpers.js';

// Boxes of everything drawn, in SVG user units: nodes (tasks, io, collapsed
// groups) from their translate + box, open groups from their rect; edges as
// their path's first and last points.
async function geometry(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.dag');
    const nodes = window.kfpPlayground.dag.pipeline.nodes;
    const parent = new Map(nodes.map((n) => [n.id, n.parent]));
    const boxes = {};
    for (const g of svg.querySelectorAll('g.node')) {
      const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute('transform'));
      const r = g.querySelector('rect.node-box:not(.stacked), rect.io-box');
      boxes[g.dataset.id] = { x: +m[1], y: +m[2], w: +r.getAttribute('width'), h: +r.getAttribute('height'), group: false };
    }
    for (const g of svg.querySelectorAll('g.group')) {
      const r = g.querySelector('rect.group-box');
      boxes[g.dataset.id] = { x: +r.getAttribute('x'), y: +r.getAttribute('y'), w: +r.getAttribute('width'), h: +r.getAttribute('height'), group: true };
    }
    const edges = [...svg.querySelectorAll('g.edge path.edge-line')].map((p) => {
      const nums = p.getAttribute('d').match(/-?[\d.]+(e-?\d+)?/g).map(Number);
      return { from: p.parentElement.dataset.from, to: p.parentElement.dataset.to, x0: nums[0], y0: nums[1], x1: nums[nums.length - 2], y1: nums[nums.length - 1] };
    });
    return { boxes, edges, parent: Object.fromEntries(parent) };
  });
}

const overlap = (a, b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;

function checkLayout({ boxes, edges, parent }) {
  const ids = Object.keys(boxes);
  expect(ids.length).toBeGreaterThan(2);
  // Drawn nodes of the same container never overlap; children are inside their open group.
  for (let i = 0; i < ids.length; i++) {
    const a = ids[i];
    const pa = parent[a] ?? null;
    if (pa && boxes[pa]) expect(inside(boxes[a], boxes[pa]), `${a} inside ${pa}`).toBe(true);
    for (let j = i + 1; j < ids.length; j++) {
      const b = ids[j];
      if ((parent[b] ?? null) !== pa) continue;
      expect(overlap(boxes[a], boxes[b]), `${a} overlaps ${b}`).toBe(false);
    }
  }
  // Edges leave their source on its right side and enter their target on its
  // left side: the layout runs left to right.
  expect(edges.length).toBeGreaterThan(1);
  for (const e of edges) {
    const s = boxes[e.from];
    const t = boxes[e.to];
    if (!s || !t || s.group || t.group) continue;
    expect(Math.abs(e.x0 - (s.x + s.w)), `${e.from} -> ${e.to} starts at the source`).toBeLessThan(1);
    expect(Math.abs(e.x1 - t.x), `${e.from} -> ${e.to} ends at the target`).toBeLessThan(12); // minus the arrow head
    expect(e.x1).toBeGreaterThan(e.x0);
  }
}

test('control-flow clusters are laid out by the core: nested, no overlaps, edges left to right', async ({ page }) => {
  const problems = watch(page);
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await open(page);
  await page.selectOption('#samples', 'loops_and_conditions');
  await settled(page);
  const open1 = await geometry(page);
  expect(Object.values(open1.boxes).filter((b) => b.group).length).toBeGreaterThan(1);
  checkLayout(open1);
  await shot(page, 'layout-clusters');
  // Collapse the outermost groups: each becomes one node, still no overlaps.
  await page.click('[data-graph="collapse"]');
  await settled(page);
  const closed = await geometry(page);
  expect(Object.values(closed.boxes).filter((b) => b.group).length).toBe(0);
  expect(await page.locator('svg.dag g.group-collapsed').count()).toBeGreaterThan(0);
  checkLayout(closed);
  await page.click('[data-graph="expand"]');
  await settled(page);
  checkLayout(await geometry(page));
  // Labels sit on their edges, and no elk worker was ever loaded.
  await expect(page.locator('svg.dag g.edge-label')).not.toHaveCount(0);
  expect(requested.filter((u) => /elk/i.test(u))).toEqual([]);
  expect(problems).toEqual([]);
});

test('the function picker chooses the pipeline of a .py file with several, and share links keep it', async ({ page, browser }) => {
  const problems = watch(page);
  await open(page);
  await closeAll(page);
  await page.setInputFiles('#file-input', [path.join(fixtures, 'two_pipelines.py')]);
  await settled(page);
  // Two pipelines and no choice: the core says so, the picker offers both.
  await expect(page.locator('#function-select')).toBeVisible();
  const options = await page.locator('#function-select option').evaluateAll((els) => els.map((e) => e.value));
  expect(options).toEqual(expect.arrayContaining(['', 'small', 'big']));
  await expect(page.locator('#problem-list')).toContainText('several pipelines');
  await page.selectOption('#function-select', 'big');
  await settled(page);
  await expect(page.locator('svg.dag g.node.task')).toHaveCount(3);
  await expect(page.locator('#problem-list')).not.toContainText('several pipelines');
  await page.selectOption('#function-select', 'small');
  await settled(page);
  await expect(page.locator('svg.dag g.node.task')).toHaveCount(1);
  await page.selectOption('#function-select', 'big');
  await settled(page);
  // The choice travels in the share link.
  await page.click('#btn-share');
  const url = await page.locator('#share-url').inputValue();
  await page.keyboard.press('Escape');
  const ctx = await browser.newContext();
  const fresh = await ctx.newPage();
  await fresh.goto(url);
  await settled(fresh);
  await expect(fresh.locator('#function-select')).toHaveValue('big');
  await expect(fresh.locator('svg.dag g.node.task')).toHaveCount(3);
  await ctx.close();
  expect(problems).toEqual([]);
});
