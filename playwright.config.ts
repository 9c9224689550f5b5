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
  E2E_PROXY_SECRET,
  PROXY_APP_PORT,
  PROXY_APP_URL,
} from './e2e/support/env';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  // The existing specs are about exports, not identity: no sign-in, and a record of their own (emptied at start).
  AUTH_MODE: 'none',
  DATA_DIR: path.join(tmpdir(), `cdn-exports-e2e-data-${APP_PORT}`),
};
/** The same build in proxy mode, for the sign-in and roles API specs (e2e/api-auth-record.spec.ts). */
const proxyServerEnv = {
  ...serverEnv,
  PORT: String(PROXY_APP_PORT),
  AUTH_MODE: 'proxy',
  AUTH_PROXY_SECRET: E2E_PROXY_SECRET,
  ROLE_ADMIN_GROUPS: 'cdn-admins',
  ROLE_OPERATOR_GROUPS: 'cdn-operators',
  ROLE_VIEWER_GROUPS: 'cdn-viewers',
  DATA_DIR: path.join(tmpdir(), `cdn-exports-e2e-data-${PROXY_APP_PORT}`),
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
      command: `rm -rf "${serverEnv.DATA_DIR}" && npx next build && npx next start`,
      url: `${APP_URL}/api/health`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 300_000,
      // The app logs one JSON line per CDN call; in a test run that is noise. Its stderr still shows.
      stdout: 'ignore',
    },
    {
      // Started after the build above is served: the same build, another port, AUTH_MODE=proxy.
      command: `rm -rf "${proxyServerEnv.DATA_DIR}" && npx next start`,
      url: `${PROXY_APP_URL}/api/health`,
      env: proxyServerEnv,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
    },
  ],
});
