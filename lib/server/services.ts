import 'server-only';
/**
 * The composition root: one configuration, one credentials client, one SDK client, one limiter, one list cache, the
 * record's store and its idempotency records per server process. They live on globalThis because a bundler may give
 * each route its own copy of a module, and the limiter's budget and the cache only work if every route shares them.
 * Built on first use, never at import, so that `next build` can load the routes without configuration. app/api's
 * route files delegate to `api`, the route handlers wired to them.
 */
import { createApiHandlers, type HandlerServices } from './api-handlers';
import { AuthConfigError, getAuthConfig } from './auth/auth-config';
import { getAuth } from './auth/auth-service';
import { createCdnClient, createSdkClient } from './cdn-client';
import { storeChangeFeed } from './change-feed';
import { getConfig, type ServerConfig } from './config';
import { createCredential } from './credentials';
import { downloadUrlPolicy } from './download-url';
import { createExportsService, type CallLimiter } from './exports-service';
import { logAlert } from './log';
import { RateLimiter } from './rate-limiter';
import {
  getStore,
  IdempotencyRecords,
  retentionDaysFromEnv,
  scheduleRecordMaintenance,
  SharedRateLimiter,
  storeSettingsFromEnv,
  type Store,
} from './store';

const KEY = Symbol.for('cdn-usage-exports.services');
type Holder = { [KEY]?: HandlerServices };

/** Waits of up to two seconds: within a read's retry budget, and short enough that a user would rather be told. */
const LIMITER_MAX_WAIT_MS = 2000;

/** One user's share of the budget: half of it with sign-in (oidc, proxy), none without (AUTH_MODE=none). */
function perUserShare(maxQps: number): number | undefined {
  try {
    return getAuthConfig().mode === 'none' ? undefined : Math.max(1, Math.floor(maxQps / 2));
  } catch (error) {
    // A broken sign-in configuration stops the server at start (startup-check.ts) and refuses every request.
    if (error instanceof AuthConfigError) return undefined;
    throw error;
  }
}

/**
 * With DATABASE_URL, CDN_MAX_QPS is the whole deployment's budget, kept in PostgreSQL by the store's clock; while the
 * store is down each replica falls back to its own budget. Without it, this process's budget.
 */
function buildLimiter(config: ServerConfig, store: Store): CallLimiter {
  const perUserPerSecond = perUserShare(config.maxQps);
  const local = new RateLimiter({
    ratePerSecond: config.maxQps,
    maxWaitMs: LIMITER_MAX_WAIT_MS,
    maxQueue: config.maxQps * 2,
    perUserPerSecond,
  });
  if (storeSettingsFromEnv().kind !== 'postgres') return local;
  return new SharedRateLimiter(store, {
    ratePerSecond: config.maxQps,
    perUserPerSecond: perUserPerSecond ?? null,
    maxWaitMs: LIMITER_MAX_WAIT_MS,
    fallback: local,
  });
}

function buildServices(): HandlerServices {
  const config = getConfig();
  const sdk = createSdkClient(config, createCredential());
  const downloadPolicy = downloadUrlPolicy(config.cdn.url, config.downloadHosts);
  const store = getStore();
  startRecordMaintenance(store);
  return {
    exports: createExportsService({
      client: createCdnClient(sdk, config.reportTimeZone, { downloadPolicy }),
      limiter: buildLimiter(config, store),
      timeZone: config.reportTimeZone,
      listCacheMs: config.listCacheMs,
      readTimeoutMs: config.readTimeoutMs,
      downloadPolicy,
      // Replicas drop each other's cached list pages; on the embedded store only this process hears it, harmlessly.
      changes: storeChangeFeed(store),
    }),
    store,
    idempotency: new IdempotencyRecords(store),
  };
}

const MAINTENANCE_KEY = Symbol.for('cdn-usage-exports.record-maintenance');

/** Retention of the record, once per process, on an unref'd timer that never blocks a request. */
function startRecordMaintenance(store: Store): void {
  const holder = globalThis as { [MAINTENANCE_KEY]?: true };
  if (holder[MAINTENANCE_KEY]) return;
  holder[MAINTENANCE_KEY] = true;
  try {
    scheduleRecordMaintenance(store, { retentionDays: retentionDaysFromEnv() });
  } catch (error) {
    logAlert('store.maintenance.not-started', { message: error instanceof Error ? error.message : String(error) });
  }
}

export function getServices(): HandlerServices {
  const holder = globalThis as Holder;
  holder[KEY] ??= buildServices();
  return holder[KEY];
}

export const api = createApiHandlers({ config: getConfig, services: getServices, auth: getAuth });
