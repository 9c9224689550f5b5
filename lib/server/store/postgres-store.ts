import 'server-only';
/**
 * A PostgreSQL server shared by every replica (DATABASE_URL). A pool of connections that reconnects by itself: a
 * query made while the server is away fails fast with StoreUnavailableError, the next one after it is back succeeds.
 * Notifications use one more connection of their own, which comes back by itself too.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { logAlert } from '../log';
import { NotificationListeners } from './notification-listeners';
import * as schema from './schema';
import { MIGRATIONS_FOLDER, storeQueries, type Store, type StoreDb } from './store';
import { toStoreError } from './store-errors';

/** Two replicas starting together must not both apply the migrations: one waits for the other. */
const MIGRATION_LOCK_KEY = 7_316_453_921;

export interface PostgresStoreOptions {
  poolSize?: number;
  /** How long a query or a new connection may take before it fails as unavailable. */
  timeoutMs?: number;
}

async function migrateOnce(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 10_000,
    query_timeout: timeoutMs,
    application_name: 'cdn-usage-exports',
  });
  // An idle connection that the server drops emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', (error) => logAlert('store.connection.lost', { message: error.message }));
  try {
    await migrateOnce(pool);
  } catch (error) {
    await pool.end();
    throw toStoreError(error);
  }
  const db = drizzle({ client: pool, schema }) as unknown as StoreDb;
  const listeners = new NotificationListeners(url, timeoutMs);

  return {
    kind: 'postgres',
    ...storeQueries(db),
    listen: (channel, listener) => listeners.add(channel, listener),
    async close() {
      await listeners.close();
      await pool.end();
    },
  };
}
