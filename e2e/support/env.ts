/**
 * Where the browser tests find the servers that playwright.config.ts starts. Ports differ from `npm run dev`'s
 * (3000, 4100, 4300) so that tests can run while a developer's dashboard is open.
 */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4101);
export const APP_URL = `http://localhost:${APP_PORT}`;
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
/**
 * The second server on the same build, in `oidc` mode, for the sign-in specs (`e2e/signin-*.spec.ts`). Its default
 * follows E2E_APP_PORT (and the provider's follows E2E_EMULATOR_PORT), so runs given other ports never share these.
 */
export const OIDC_APP_PORT = Number(process.env.E2E_OIDC_APP_PORT ?? APP_PORT + 2);
export const OIDC_APP_URL = `http://localhost:${OIDC_APP_PORT}`;
/** The development OpenID Connect provider (scripts/dev-oidc-provider.ts) that the `oidc` server signs in through. */
export const DEV_OIDC_PORT = Number(process.env.E2E_DEV_OIDC_PORT ?? EMULATOR_PORT + 101);
export const DEV_OIDC_URL = `http://127.0.0.1:${DEV_OIDC_PORT}`;
/** The provider's client for the tests (the provider's CLI reads OIDC_CLIENT_ID / OIDC_CLIENT_SECRET). */
export const E2E_OIDC_CLIENT_ID = 'cdn-usage-exports-e2e';
export const E2E_OIDC_CLIENT_SECRET = 'e2e-client-secret-not-for-production';
/** Fixed for the test run (at least 32 characters, as the sign-in's configuration check wants); tests only. */
export const E2E_SESSION_SECRET = 'e2e-session-secret-not-for-production-0123456789';
/** Short, so that tests watch tasks finish without waiting long; long enough to see "generating". */
export const EMULATOR_TASK_MS = 3000;
export const EMULATOR_KEY_ID = 'e2e-key-id';
export const EMULATOR_KEY_SECRET = 'e2e-key-secret-not-for-production';
/** The production build the tests run, searched for secrets by the bundle test. */
export const NEXT_DIST_DIR = process.env.NEXT_DIST_DIR || '.next';
/** A second server of the same build in AUTH_MODE=proxy (shared secret), for the sign-in and roles API tests. */
export const PROXY_APP_PORT = APP_PORT + 1;
export const PROXY_APP_URL = `http://localhost:${PROXY_APP_PORT}`;
export const E2E_PROXY_SECRET = 'e2e-proxy-secret-0123456789-abcdefghijklmnop';
