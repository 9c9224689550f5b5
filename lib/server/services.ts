import 'server-only';
/**
 * The composition root: one configuration, one credentials client, one SDK client, one limiter, one list cache, the
 * record's store and its idempotency records per server process. They live on globalThis because a bundler may give
 * each route its own copy of a module, and the limiter's budget and the cache only work if every route shares them.
 * Built on first use, never at import, so that `next build` can load the routes without configuration. app/api's
 * route files delegate to `api`, the route handlers wired to them.
 */
import { createApiHandlers, type HandlerServices } from './api-handlers';
import { getAuth } from './auth/auth-service';
import { createCdnClient, createSdkClient } from './cdn-client';
import { getConfig } from './config';
import { createCredential } from './credentials';
import { createExportsService } from './exports-service';
import { logAlert } from './log';
import { RateLimiter } from './rate-limiter';
import { getStore, IdempotencyRecords, retentionDaysFromEnv, scheduleRecordMaintenance } from './store';

const KEY = Symbol.for('cdn-usage-exports.services');
type Holder = { [KEY]?: HandlerServices };

/** With sign-in on, one user may start at most half of the budget in any second (CONTRACT.md); none in `none` mode. */
function perUserShare(maxQps: number): number | undefined {
  try {
    return getAuth().config.mode === 'none' ? undefined : Math.max(1, Math.floor(maxQps / 2));
  } catch {
    // Sign-in not configured (`next dev` without AUTH_MODE): every route but health refuses anyway.
    return undefined;
  }
}

function buildServices(): HandlerServices {
  const config = getConfig();
  const sdk = createSdkClient(config, createCredential());
  // Waits of up to two seconds: within a read's retry budget, and short enough that a user would rather be told.
  const limiter = new RateLimiter({
    ratePerSecond: config.maxQps,
    maxWaitMs: 2000,
    maxQueue: config.maxQps * 2,
    perUserPerSecond: perUserShare(config.maxQps),
  });
  const store = getStore();
  startRecordMaintenance(store);
  return {
    exports: createExportsService({
      client: createCdnClient(sdk, config.reportTimeZone),
      limiter,
      timeZone: config.reportTimeZone,
      listCacheMs: config.listCacheMs,
      readTimeoutMs: config.readTimeoutMs,
    }),
    store,
    idempotency: new IdempotencyRecords(store),
  };
}

const MAINTENANCE_KEY = Symbol.for('cdn-usage-exports.record-maintenance');

/** Retention of the record, once per process, on an unref'd timer that never blocks a request. */
function startRecordMaintenance(store: ReturnType<typeof getStore>): void {
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
