/**
 * Where the browser tests find the servers that playwright.config.ts starts. Ports differ from `npm run dev`'s
 * (3000, 4100) so that tests can run while a developer's dashboard is open.
 */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4101);
export const APP_URL = `http://localhost:${APP_PORT}`;
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
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
