import 'server-only';
/**
 * The composition root: one configuration, one credentials client, one SDK client, one limiter, one list cache and
 * one idempotency store per server process. They live on globalThis because a bundler may give each route its own
 * copy of a module, and the limiter's budget and the cache only work if every route shares them. Built on first use,
 * never at import, so that `next build` can load the routes without configuration. app/api's route files delegate
 * to `api`, the route handlers wired to them.
 */
import { createApiHandlers } from './api-handlers';
import { createCdnClient, createSdkClient } from './cdn-client';
import { getConfig } from './config';
import { createCredential } from './credentials';
import { createExportsService, type ExportsService } from './exports-service';
import { IdempotencyStore } from './idempotency-store';
import { RateLimiter } from './rate-limiter';

interface Services {
  exports: ExportsService;
  idempotency: IdempotencyStore;
}

const KEY = Symbol.for('cdn-usage-exports.services');
type Holder = { [KEY]?: Services };

function buildServices(): Services {
  const config = getConfig();
  const sdk = createSdkClient(config, createCredential());
  // Waits of up to two seconds: within a read's retry budget, and short enough that a user would rather be told.
  const limiter = new RateLimiter({ ratePerSecond: config.maxQps, maxWaitMs: 2000, maxQueue: config.maxQps * 2 });
  return {
    exports: createExportsService({
      client: createCdnClient(sdk, config.reportTimeZone),
      limiter,
      timeZone: config.reportTimeZone,
      listCacheMs: config.listCacheMs,
      readTimeoutMs: config.readTimeoutMs,
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
