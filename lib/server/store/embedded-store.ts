import 'server-only';
/**
 * The embedded store: PGlite (PostgreSQL compiled to WebAssembly) in DATA_DIR/pglite, locked against a second process.
 * PGlite runs one query at a time in this process, so transactions must stay short (they do: see store.ts).
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';
import { MIGRATIONS_FOLDER, storeQueries, type Store, type StoreDb } from './store';

export async function openEmbeddedStore(dataDir: string, options: { lockStaleMs?: number } = {}): Promise<Store> {
  const lock = await lockDataDir(dataDir, { staleMs: options.lockStaleMs });
  let client: PGlite;
  try {
    client = await PGlite.create(path.join(path.resolve(dataDir), 'pglite'));
    const db = drizzle({ client, schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await lock.release();
    throw error;
  }
  const db = drizzle({ client, schema }) as unknown as StoreDb;
  let closed = false;

  return {
    kind: 'embedded',
    ...storeQueries(db),
    async listen(channel, listener) {
      const unlisten = await client.listen(channel, (payload) => listener(payload));
      return async () => {
        if (!closed) await unlisten();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
      await lock.release();
    },
  };
}
