// Playwright against Debian's Chromium (never a downloaded browser), with the
// built page (web/dist) served by python's http.server on 127.0.0.1.
// Run through scripts/test_web.sh, which builds the page first.
import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const port = Number(process.env.E2E_PORT || 8137);

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 45_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS || 2),
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    viewport: { width: 1440, height: 860 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ${JSON.stringify(path.join(root, 'web/dist'))}`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1', // e.g. a dev server already on the port
    timeout: 20_000,
    stdout: 'ignore',
    stderr: 'ignore',
  },
});
