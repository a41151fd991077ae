import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Fuzz and whole-reference tests do bounded work; the default 5 s is too tight on a busy 2-core box.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'cli',
          include: ['tests/cli/**/*.test.ts'],
          // Each worker gets its own SoftHSM2 token directory; keep the pool small (2 cores).
          pool: 'forks',
          maxWorkers: 2,
          // bin.js runs a command's bundle when it is fresh: build them first, so the tests run what users run.
          globalSetup: ['tests/cli/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
