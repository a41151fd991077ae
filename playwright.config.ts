import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's chromium (never a downloaded browser). Both builds of `npm test` are
 * served by scripts/serve.ts, a plain static server: `dist/` at the root and `dist-base/` under
 * /ckr-ref/, so every test runs against the real files as a static host would serve them.
 */
const ROOT_PORT = 4400;
const SUB_PORT = 4401;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
  },
  projects: [
    { name: 'root', testIgnore: /subpath\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${ROOT_PORT}/` } },
    { name: 'subpath', testMatch: /subpath\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${SUB_PORT}/ckr-ref/` } },
  ],
  webServer: [
    { command: `node scripts/serve.ts dist --port ${ROOT_PORT}`, url: `http://127.0.0.1:${ROOT_PORT}/`, reuseExistingServer: !process.env.CI },
    { command: `node scripts/serve.ts dist-base --port ${SUB_PORT} --base /ckr-ref/`, url: `http://127.0.0.1:${SUB_PORT}/ckr-ref/`, reuseExistingServer: !process.env.CI },
  ],
});
