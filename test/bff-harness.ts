/**
 * For the integration tests of lib/server: the CDN emulator in-process on a free port, and this server's handlers
 * wired to it exactly as in production (official SDK, credentials chain, limiter, cache, sign-in, the record's store),
 * minus Next.js. Sign-in defaults to AUTH_MODE=none; `proxy` mode with PROXY_SECRET makes it easy to be several users
 * (`asUser`). The store defaults to a fresh embedded one; pass `store` to share one (or a PostgreSQL one) across tests.
 */
import { emulatorControl, type EmulatorControl } from '@/emulator/control-client';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createApiHandlers, type ApiHandlers } from '@/lib/server/api-handlers';
import { createCdnClient, createSdkClient } from '@/lib/server/cdn-client';
import { parseConfig, type ServerConfig } from '@/lib/server/config';
import { createCredential } from '@/lib/server/credentials';
import { downloadUrlPolicy } from '@/lib/server/download-url';
import { createExportsService, type ExportsService, type ExportsServiceDeps } from '@/lib/server/exports-service';
import { parseAuthConfig } from '@/lib/server/auth/auth-config';
import { createAuth, type Auth } from '@/lib/server/auth/auth-service';
import { RateLimiter } from '@/lib/server/rate-limiter';
import { IdempotencyRecords } from '@/lib/server/store/idempotency-records';
import type { Store } from '@/lib/server/store/store';
import { openTestStore } from './store-fixtures';

/** The proxy secret of `proxyAuthEnv`. */
/** Two whole days in Asia/Shanghai ending at its last midnight, as UTC: a period every create rule accepts. */
const DAY = 86_400_000;
export const shanghaiMidnight = (offsetDays: number) => {
  const now = Date.now() + 8 * 3600_000;
  const midnight = Math.floor(now / DAY) * DAY - 8 * 3600_000;
  return new Date(midnight + offsetDays * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
};
export const period = { startTime: shanghaiMidnight(-2), endTime: new Date(Date.parse(shanghaiMidnight(0)) - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
export const summary = { kind: 'summary', ...period };

export const PROXY_SECRET = 'a-test-proxy-secret-that-is-long-enough-0123456789';
/** AUTH_MODE=proxy with the shared secret and the contract's three groups. */
export const proxyAuthEnv = {
  AUTH_MODE: 'proxy',
  AUTH_PROXY_SECRET: PROXY_SECRET,
  ROLE_ADMIN_GROUPS: 'cdn-admins',
  ROLE_OPERATOR_GROUPS: 'cdn-operators',
  ROLE_VIEWER_GROUPS: 'cdn-viewers',
};

/** The headers a proxy in front sends for a signed-in user (proxy mode). */
export function asUser(user: string, group: 'cdn-admins' | 'cdn-operators' | 'cdn-viewers' | 'none', email = `${user}@example.com`): Record<string, string> {
  return {
    'x-auth-proxy-secret': PROXY_SECRET,
    'x-forwarded-user': user,
    'x-forwarded-email': email,
    'x-forwarded-groups': group,
  };
}

export const TEST_KEY_ID = 'unit-test-key-id';
export const TEST_KEY_SECRET = 'unit-test-key-secret';

export interface Harness extends Pick<EmulatorControl, 'stats' | 'fault' | 'reset'> {
  emulator: RunningEmulator;
  config: ServerConfig;
  service: ExportsService;
  handlers: ApiHandlers;
  limiter: RateLimiter;
  store: Store;
  auth: Auth;
  idempotency: IdempotencyRecords;
  appUrl: string;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    env?: Record<string, string>;
    taskMs?: number;
    service?: Partial<ExportsServiceDeps>;
    limiter?: ConstructorParameters<typeof RateLimiter>[0];
    /** The secret this server signs with; the emulator always expects TEST_KEY_SECRET. */
    clientSecret?: string;
    /** Sign-in's environment; default AUTH_MODE=none. */
    authEnv?: Record<string, string>;
    /** The record's store; default a fresh embedded one, closed by close(). */
    store?: Store;
    idempotencyWaitMs?: number;
    /** The handlers' clock; default Date.now. */
    now?: () => number;
  } = {},
): Promise<Harness> {
  const emulator = await startEmulator({
    port: 0,
    accessKeyId: TEST_KEY_ID,
    accessKeySecret: TEST_KEY_SECRET,
    taskMs: options.taskMs ?? 200,
  });
  // The SDK reads the default credentials chain, as in production; the environment is its first source.
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = TEST_KEY_ID;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = options.clientSecret ?? TEST_KEY_SECRET;
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
  const config = parseConfig({ CDN_ENDPOINT: emulator.url, CDN_READ_TIMEOUT_MS: '1500', CDN_CONNECT_TIMEOUT_MS: '1000', ...options.env });
  const limiter = new RateLimiter(
    options.limiter ?? { ratePerSecond: config.maxQps, maxWaitMs: 2000, maxQueue: config.maxQps * 2 },
  );
  const downloadPolicy = downloadUrlPolicy(config.cdn.url, config.downloadHosts);
  const service = createExportsService({
    client: createCdnClient(createSdkClient(config, createCredential()), config.reportTimeZone, { downloadPolicy }),
    downloadPolicy,
    limiter,
    timeZone: config.reportTimeZone,
    listCacheMs: config.listCacheMs,
    readTimeoutMs: config.readTimeoutMs,
    ...options.service,
  });
  const own = options.store ? null : await openTestStore('embedded');
  const store = options.store ?? own!.store;
  const idempotency = new IdempotencyRecords(store);
  const auth = createAuth(parseAuthConfig(options.authEnv ?? { AUTH_MODE: 'none' }));
  const handlers = createApiHandlers({
    config: () => config,
    services: () => ({ exports: service, store, idempotency }),
    auth: () => auth,
    idempotencyWaitMs: options.idempotencyWaitMs,
    now: options.now,
  });

  const control = emulatorControl(emulator.url);
  return {
    emulator,
    config,
    service,
    handlers,
    limiter,
    store,
    auth,
    idempotency,
    appUrl: 'http://localhost:3000',
    stats: control.stats,
    fault: control.fault,
    reset: control.reset,
    async close() {
      await emulator.close();
      await own?.close();
    },
  };
}

/** A request as the browser on the dashboard's own page would send it. */
export function appRequest(path: string, init: RequestInit & { json?: unknown } = {}): Request {
  const { json, headers, ...rest } = init;
  const h = new Headers(headers);
  h.set('host', 'localhost:3000');
  if (json !== undefined) {
    h.set('content-type', 'application/json');
    if (!h.has('origin') && !h.has('referer')) h.set('origin', 'http://localhost:3000');
  }
  const body = json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? 'POST' } : {};
  return new Request(`http://localhost:3000${path}`, { ...rest, headers: h, ...body });
}
