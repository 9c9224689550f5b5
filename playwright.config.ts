import { defineConfig } from '@playwright/test';
import {
  APP_PORT,
  APP_URL,
  EMULATOR_KEY_ID,
  EMULATOR_KEY_SECRET,
  EMULATOR_PORT,
  EMULATOR_TASK_MS,
  EMULATOR_URL,
  NEXT_DIST_DIR,
} from './e2e/support/env';
import { findChromium } from './scripts/chromium-path.mjs';

/**
 * Browser and HTTP tests against a production build of the app and the CDN emulator. One worker: the emulator's
 * faults and counters are global, and tests read them.
 */
const serverEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
  ALIBABA_CLOUD_ACCESS_KEY_ID: EMULATOR_KEY_ID,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: EMULATOR_KEY_SECRET,
  CDN_EMULATOR_ACCESS_KEY_ID: EMULATOR_KEY_ID,
  CDN_EMULATOR_ACCESS_KEY_SECRET: EMULATOR_KEY_SECRET,
  CDN_EMULATOR_PORT: String(EMULATOR_PORT),
  CDN_EMULATOR_TASK_MS: String(EMULATOR_TASK_MS),
  CDN_ENDPOINT: EMULATOR_URL,
  PORT: String(APP_PORT),
  // Short upstream timeouts keep the fault tests quick; the retry budget still fits inside them.
  NEXT_DIST_DIR: NEXT_DIST_DIR,
  CDN_READ_TIMEOUT_MS: '4000',
};

export default defineConfig({
  testDir: './e2e',
  // The README's screenshot is taken on request (`npm run screenshot`), not by every test run.
  testIgnore: process.env.UPDATE_SCREENSHOT ? [] : ['**/readme-screenshot.spec.ts'],
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
      ],
    },
  },
  webServer: [
    {
      command: 'npx tsx emulator/main.ts',
      url: `${EMULATOR_URL}/_emulator/stats`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'npx next build && npx next start',
      url: `${APP_URL}/api/health`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 300_000,
      // The app logs one JSON line per CDN call; in a test run that is noise. Its stderr still shows.
      stdout: 'ignore',
    },
  ],
});
