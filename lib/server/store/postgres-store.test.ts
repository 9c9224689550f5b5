import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '@/scripts/postgres-server.mjs';
import { createDatabase } from '@/test/store-fixtures';
import { appendActivity, queryActivity } from './activity-log';
import { notifyChanged, onChanged } from './change-notifications';
import type { ExportKind } from '@/lib/exports/schemas';
import { lazyStore } from './get-store';
import { openPostgresStore } from './postgres-store';
import type { Store } from './store';
import { StoreUnavailableError } from './store-errors';

const entry = (requestId: string) => ({
  actor: null, role: null, action: 'denied' as const, kind: null, taskId: null, status: 403, requestId, ip: null,
});

/** Tries `work` until it succeeds: the pool reconnects by itself, each try is one short call. */
async function eventually<T>(work: () => Promise<T>, tries = 100): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= tries || !(error instanceof StoreUnavailableError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

// A server of its own: this suite stops and starts it.
describe('PostgreSQL store when the database goes away', () => {
  let server: PostgresServer;
  let url: string;
  beforeAll(async () => {
    server = await startPostgres();
    url = await createDatabase(server.url);
  });
  afterAll(() => server?.stop());

  it('rejects with StoreUnavailableError while the server is down and recovers by itself, losing nothing', async () => {
    const store = await openPostgresStore(url, { timeoutMs: 2000 });
    const heard: (ExportKind | null)[] = [];
    await onChanged(store, (kind) => heard.push(kind));
    try {
      await appendActivity(store, entry('before'));
      await server.pause();

      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(appendActivity(store, entry('while-down'))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(queryActivity(store, { page: 1, size: 50 })).rejects.toMatchObject({ code: 'StoreUnavailable' });

      await server.resume();
      await eventually(() => store.ping());
      await appendActivity(store, entry('after'));
      const page = await queryActivity(store, { page: 1, size: 50 });
      expect(page.entries.map((e) => e.requestId)).toEqual(['after', 'before']);

      // The listening connection came back too, and said that notifications may have been missed meanwhile.
      await eventually(async () => {
        if (!heard.includes(null)) throw new StoreUnavailableError('not yet reconnected');
      });
      await notifyChanged(store, 'detail');
      await eventually(async () => {
        if (!heard.includes('detail')) throw new StoreUnavailableError('not yet heard');
      });
    } finally {
      await store.close();
    }
  }, 90_000);

  it('opens on first use, and tries again on the next call when the server was down at the first', async () => {
    await server.pause();
    const store: Store = lazyStore({ kind: 'postgres', location: url });
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await server.resume();
      await eventually(() => store.ping());
      expect(store.kind).toBe('postgres');
      await appendActivity(store, entry('lazy'));
    } finally {
      await store.close();
    }
  }, 90_000);

  it('applies the migrations once when several replicas start together', async () => {
    const fresh = await createDatabase(server.url);
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(fresh)));
    try {
      await appendActivity(stores[2]!, entry('replica-3'));
      expect((await queryActivity(stores[0]!, { page: 1, size: 50 })).total).toBe(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
