import 'server-only';
/**
 * The server's one store, chosen by the environment: DATABASE_URL (postgres://…) -> that PostgreSQL server; otherwise
 * PGlite under DATA_DIR (default ./data). Nothing is opened at import (nor during `next build`): the first operation
 * opens it, or `openStore()` at start-up, so that a locked DATA_DIR stops the server with one line.
 */
import { sql } from 'drizzle-orm';
import { openEmbeddedStore } from './embedded-store';
import { openPostgresStore } from './postgres-store';
import type { Store, StoreKind } from './store';
import { toStoreError } from './store-errors';

export interface StoreSettings {
  kind: StoreKind;
  /** DATA_DIR for the embedded store, DATABASE_URL for PostgreSQL. */
  location: string;
}

export function storeSettingsFromEnv(env: Record<string, string | undefined> = process.env): StoreSettings {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL.');
    return { kind: 'postgres', location: url };
  }
  return { kind: 'embedded', location: env.DATA_DIR?.trim() || './data' };
}

/**
 * A store that opens itself on first use. A failed open (PostgreSQL away at start) is tried again by the next call;
 * a locked DATA_DIR is not (DataDirLockedError every time).
 */
export function lazyStore(settings: StoreSettings, open?: () => Promise<Store>): Store {
  const doOpen =
    open ??
    (() => (settings.kind === 'postgres' ? openPostgresStore(settings.location) : openEmbeddedStore(settings.location)));
  let opening: Promise<Store> | null = null;
  const ready = (): Promise<Store> => {
    opening ??= doOpen().catch((error: unknown) => {
      opening = null;
      throw toStoreError(error);
    });
    return opening;
  };
  return {
    kind: settings.kind,
    run: async (work) => (await ready()).run(work),
    ping: async () => (await ready()).run((db) => db.execute(sql`select 1`)).then(() => undefined),
    notify: async (channel, payload) => (await ready()).notify(channel, payload),
    listen: async (channel, listener) => (await ready()).listen(channel, listener),
    async close() {
      const current = opening;
      opening = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}

const GLOBAL_KEY = Symbol.for('cdn-usage-exports.store');
type WithStore = typeof globalThis & { [GLOBAL_KEY]?: Store };

/** The process's store (kept on globalThis: Next may evaluate this module more than once, see error-brand.ts). */
export function getStore(): Store {
  const holder = globalThis as WithStore;
  holder[GLOBAL_KEY] ??= lazyStore(storeSettingsFromEnv());
  return holder[GLOBAL_KEY];
}

/** Opens the process's store now (at start-up): rejects with DataDirLockedError or StoreUnavailableError. */
export async function openStore(): Promise<Store> {
  const store = getStore();
  await store.ping();
  return store;
}
