import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import {
  APP_PORT,
  APP_URL,
  DEV_OIDC_PORT,
  DEV_OIDC_URL,
  E2E_OIDC_CLIENT_ID,
  E2E_OIDC_CLIENT_SECRET,
  E2E_SESSION_SECRET,
  EMULATOR_KEY_ID,
  EMULATOR_KEY_SECRET,
  EMULATOR_PORT,
  EMULATOR_TASK_MS,
  EMULATOR_URL,
  NEXT_DIST_DIR,
  OIDC_APP_PORT,
  OIDC_APP_URL,
  E2E_PROXY_SECRET,
  PROXY_APP_PORT,
  PROXY_APP_URL,
} from './e2e/support/env';
import { findChromium } from './scripts/chromium-path.mjs';

/**
 * Browser and HTTP tests against a production build of the app and the CDN emulator. One worker: the emulator's
 * faults and counters are global, and tests read them.
 *
 * Three servers run the same build: the one most specs use, with AUTH_MODE=none (identity is beside their point); one
 * in `proxy` mode (shared secret) for the sign-in and roles API specs (e2e/api-auth-record.spec.ts); and one in `oidc`
 * mode that signs in through the development provider, for the sign-in specs (`e2e/signin-*.spec.ts`, the `sign-in`
 * project). Each keeps its record in its own new temporary DATA_DIR.
 */
// Made once, in the main process; the workers inherit the environment, so they see the same folders.
process.env.E2E_DATA_ROOT ??= mkdtempSync(join(tmpdir(), 'cdn-exports-e2e-'));
const dataRoot = process.env.E2E_DATA_ROOT;

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
  AUTH_MODE: 'none',
  DATA_DIR: join(dataRoot, 'none'),
};

/** The same build in proxy mode, for the sign-in and roles API specs (e2e/api-auth-record.spec.ts). */
const proxyServerEnv = {
  ...serverEnv,
  PORT: String(PROXY_APP_PORT),
  DATA_DIR: join(dataRoot, 'proxy'),
  AUTH_MODE: 'proxy',
  AUTH_PROXY_SECRET: E2E_PROXY_SECRET,
  ROLE_ADMIN_GROUPS: 'cdn-admins',
  ROLE_OPERATOR_GROUPS: 'cdn-operators',
  ROLE_VIEWER_GROUPS: 'cdn-viewers',
};

/** The `oidc`-mode server: the development provider's users and groups, as `npm run dev` has them. */
const oidcServerEnv = {
  ...serverEnv,
  PORT: String(OIDC_APP_PORT),
  DATA_DIR: join(dataRoot, 'oidc'),
  AUTH_MODE: 'oidc',
  OIDC_ISSUER: DEV_OIDC_URL,
  OIDC_CLIENT_ID: E2E_OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT_SECRET,
  SESSION_SECRET: E2E_SESSION_SECRET,
  APP_ORIGIN: OIDC_APP_URL,
  ROLE_ADMIN_GROUPS: 'cdn-admins',
  ROLE_OPERATOR_GROUPS: 'cdn-operators',
  ROLE_VIEWER_GROUPS: 'cdn-viewers',
};

const SIGN_IN_SPECS = '**/signin-*.spec.ts';
// The README's screenshot is taken on request (`npm run screenshot`), not by every test run.
const onRequest = process.env.UPDATE_SCREENSHOT ? [] : ['**/readme-screenshot.spec.ts'];

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
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
  projects: [
    { name: 'dashboard', testIgnore: [SIGN_IN_SPECS, ...onRequest], use: { baseURL: APP_URL } },
    { name: 'sign-in', testMatch: SIGN_IN_SPECS, use: { baseURL: OIDC_APP_URL } },
  ],
  // Started one after another, in this order: the `oidc` server reuses the build the first app server made.
  webServer: [
    {
      command: 'npx tsx emulator/main.ts',
      url: `${EMULATOR_URL}/_emulator/stats`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node --import tsx scripts/dev-oidc-provider.ts',
      url: `${DEV_OIDC_URL}/.well-known/openid-configuration`,
      env: { ...oidcServerEnv, DEV_OIDC_PORT: String(DEV_OIDC_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
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
    {
      command: 'npx next start',
      url: `${PROXY_APP_URL}/api/health`,
      env: proxyServerEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: 'npx next start',
      url: `${OIDC_APP_URL}/api/health`,
      env: oidcServerEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
  ],
});
