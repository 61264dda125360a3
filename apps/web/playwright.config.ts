import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { emulatorControlKey, emulatorPort } from './e2e/emulator.ts';

// Overridable so a second run on the same machine (a CI check beside a developer's) cannot collide.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

// Playwright loads this file in the runner and again in each worker: create the database
// directory once (the workers inherit the runner's environment) so every run starts empty.
process.env.CH_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'ch-web-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  // Specs share one server and one database, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // A Salesforce flow is a dozen page loads, popups and API calls on a two-core machine that also
  // runs the server, the worker and the emulator: 60 s bounds a hang without cutting a slow pass.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download is not available here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // The whole product: the API serves the built SPA (run `pnpm --filter @ch/web build` first).
    command: 'node --import tsx ../api/src/main.ts',
    cwd: import.meta.dirname,
    // Ready, not merely alive: /healthz answers while boot is still migrating and seeding.
    url: `${baseURL}/readyz`,
    // Never attach to a stray server on this port: its database would not be this run's.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      DATA_DIR: process.env.CH_E2E_DATA_DIR,
      SEED_DEMO: '1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      APP_ORIGIN: baseURL,
      // No SALESFORCE_CLIENT_ID: the API starts the Salesforce emulator, here on a fixed port
      // with a known control key so specs can ask it which tokens it issued and revoked.
      SALESFORCE_EMULATOR_PORT: String(emulatorPort),
      SALESFORCE_EMULATOR_CONTROL_KEY: emulatorControlKey,
      // Failures come fast here: no in-run retries and a short back-off, so five failed runs in a
      // row (the circuit breaker) take seconds, not minutes.
      SYNC_REQUEST_RETRIES: '0',
      SYNC_FAILURE_BACKOFF_MS: '200',
    },
  },
});
