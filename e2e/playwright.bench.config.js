// Benchmarks in Chromium (not tests): the same server and browser as the e2e
// tests, one worker so nothing else competes for the CPU. scripts/bench.sh runs it.
import base from './playwright.config.js';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: /.*\.bench\.js$/,
  timeout: 900_000,
  workers: 1,
  fullyParallel: false,
});
