/**
 * Store suites run against both kinds of store: `describe.each(storeKinds)` and `openTestStore(kind)`. The embedded
 * one lives in a temporary DATA_DIR; the PostgreSQL one in a fresh database on the run's server (postgres-global-setup.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { ActivityEntry } from '@/lib/exports/activity';
import type { NewActivityEntry } from '@/lib/server/store/activity-log';
import { openEmbeddedStore } from '@/lib/server/store/embedded-store';
import { openPostgresStore } from '@/lib/server/store/postgres-store';
import type { Store, StoreKind } from '@/lib/server/store/store';

export const storeKinds: StoreKind[] = ['embedded', 'postgres'];

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'cdn-exports-data-'));
}

/** A new, empty database on the server at `serverUrl`; its URL. */
export async function createDatabase(serverUrl: string): Promise<string> {
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestStore {
  store: Store;
  /** Another store on the same database (a second replica); PostgreSQL only. */
  openReplica(): Promise<Store>;
  close(): Promise<void>;
}

export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'embedded') {
    const dir = tempDataDir();
    const store = await openEmbeddedStore(dir);
    return {
      store,
      openReplica: () => Promise.reject(new Error('the embedded store has one process')),
      async close() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = await createDatabase(inject('postgresUrl'));
  const store = await openPostgresStore(url);
  const replicas: Store[] = [];
  return {
    store,
    async openReplica() {
      const replica = await openPostgresStore(url);
      replicas.push(replica);
      return replica;
    },
    async close() {
      await Promise.all([store, ...replicas].map((s) => s.close()));
    },
  };
}

export const OSCAR = { id: 'u-oscar', name: 'Oscar Operator', email: 'Oscar@Example.com' };

/** An entry as a route handler writes it (Oscar creates a summary task), with `over` on top. */
export function newActivityEntry(over: Partial<NewActivityEntry> = {}): NewActivityEntry {
  return {
    actor: OSCAR,
    role: 'operator',
    action: 'create',
    kind: 'summary',
    taskId: 't-1',
    startTime: '2026-05-01T00:00:00Z',
    endTime: '2026-05-01T23:59:59Z',
    status: 201,
    requestId: 'req-1',
    upstreamRequestId: 'up-1',
    ip: '10.0.0.7',
    ...over,
  };
}

/** The same entry as the store answers it, with `over` on top. */
export function activityEntry(over: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    ...newActivityEntry(),
    id: 'e-1',
    at: '2026-05-01T10:00:00.123Z',
    startTime: '2026-05-01T00:00:00Z',
    endTime: '2026-05-01T23:59:59Z',
    ...over,
  };
}
