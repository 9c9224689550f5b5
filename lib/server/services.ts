import 'server-only';
/**
 * The composition root: one configuration, one credentials client, one SDK client, one limiter, one list cache and
 * one idempotency store per server process. They live on globalThis because a bundler may give each route its own
 * copy of a module, and the limiter's budget and the cache only work if every route shares them. Built on first use,
 * never at import, so that `next build` can load the routes without configuration. app/api's route files delegate
 * to `api`, the route handlers wired to them.
 */
import { createApiHandlers } from './api-handlers';
import { AuthConfigError, getAuthConfig } from './auth/auth-config';
import { createCdnClient, createSdkClient } from './cdn-client';
import { storeChangeFeed } from './change-feed';
import { getConfig, type ServerConfig } from './config';
import { createCredential } from './credentials';
import { downloadUrlPolicy } from './download-url';
import { createExportsService, type CallLimiter, type ExportsService } from './exports-service';
import { IdempotencyStore } from './idempotency-store';
import { RateLimiter } from './rate-limiter';
import { getStore, SharedRateLimiter, storeSettingsFromEnv } from './store';

interface Services {
  exports: ExportsService;
  idempotency: IdempotencyStore;
}

const KEY = Symbol.for('cdn-usage-exports.services');
type Holder = { [KEY]?: Services };

/** Waits of up to two seconds: within a read's retry budget, and short enough that a user would rather be told. */
const LIMITER_MAX_WAIT_MS = 2000;

/** One user's share of the budget: half of it with sign-in (oidc, proxy), none without (AUTH_MODE=none). */
function perUserShare(maxQps: number): number | null {
  try {
    return getAuthConfig().mode === 'none' ? null : Math.max(1, Math.floor(maxQps / 2));
  } catch (error) {
    // A broken sign-in configuration stops the server at start (startup-check.ts) and refuses every request.
    if (error instanceof AuthConfigError) return null;
    throw error;
  }
}

/**
 * With DATABASE_URL, CDN_MAX_QPS is the whole deployment's budget, kept in PostgreSQL by the store's clock; while the
 * store is down each replica falls back to its own budget. Without it, this process's budget.
 */
function buildLimiter(config: ServerConfig): CallLimiter {
  const local = new RateLimiter({ ratePerSecond: config.maxQps, maxWaitMs: LIMITER_MAX_WAIT_MS, maxQueue: config.maxQps * 2 });
  if (storeSettingsFromEnv().kind !== 'postgres') return local;
  return new SharedRateLimiter(getStore(), {
    ratePerSecond: config.maxQps,
    perUserPerSecond: perUserShare(config.maxQps),
    maxWaitMs: LIMITER_MAX_WAIT_MS,
    fallback: local,
  });
}

function buildServices(): Services {
  const config = getConfig();
  const sdk = createSdkClient(config, createCredential());
  const downloadPolicy = downloadUrlPolicy(config.cdn.url, config.downloadHosts);
  return {
    exports: createExportsService({
      client: createCdnClient(sdk, config.reportTimeZone, { downloadPolicy }),
      limiter: buildLimiter(config),
      timeZone: config.reportTimeZone,
      listCacheMs: config.listCacheMs,
      readTimeoutMs: config.readTimeoutMs,
      downloadPolicy,
      // Replicas drop each other's cached list pages; on the embedded store only this process hears it, harmlessly.
      changes: storeChangeFeed(getStore()),
    }),
    idempotency: new IdempotencyStore(),
  };
}

export function getServices(): Services {
  const holder = globalThis as Holder;
  holder[KEY] ??= buildServices();
  return holder[KEY];
}

export const api = createApiHandlers({ config: getConfig, services: getServices });
