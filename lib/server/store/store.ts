import 'server-only';
/**
 * The record's database, embedded (PGlite under DATA_DIR) or a PostgreSQL server (DATABASE_URL), behind one interface.
 * Callers outside this folder use the repositories (task-owners.ts, activity-log.ts, …), whose every function is one
 * short statement or one short transaction: no caller can hold a transaction open across a CDN call.
 */
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';
import { toStoreError } from './store-errors';

export type StoreKind = 'embedded' | 'postgres';
export type StoreDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A notification listener; `null` means "notifications may have been missed" (the listening connection came back). */
export type NotificationListener = (payload: string | null) => void;

export interface Store {
  readonly kind: StoreKind;
  /**
   * Runs one short piece of database work (for the repositories in this folder). Connection failures reject with
   * StoreUnavailableError; the next call tries again (the pool reconnects).
   */
  run<T>(work: (db: StoreDb) => Promise<T>): Promise<T>;
  /** Resolves when the database answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  notify(channel: string, payload: string): Promise<void>;
  /** Resolves with an unsubscribe function once listening. */
  listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The committed migrations, applied at open on both kinds of store. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib', 'server', 'store', 'migrations');

/** The rows of a raw SQL statement, whichever driver ran it (both answer `{ rows }`). */
export async function rowsOf<T>(db: StoreDb, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** `run`, `ping` and `notify` on a drizzle database, the same for both kinds of store (failures as toStoreError). */
export function storeQueries(db: StoreDb): Pick<Store, 'run' | 'ping' | 'notify'> {
  const run = async <T>(work: (db: StoreDb) => Promise<T>): Promise<T> => {
    try {
      return await work(db);
    } catch (error) {
      throw toStoreError(error);
    }
  };
  return {
    run,
    async ping() {
      await run((d) => d.execute(sql`select 1`));
    },
    async notify(channel, payload) {
      await run((d) => d.execute(sql`select pg_notify(${channel}, ${payload})`));
    },
  };
}
