/**
 * Two replicas' exports services on one PostgreSQL: a create or delete on one drops the other's cached
 * list pages at once, and both spend one CDN_MAX_QPS budget. The upstream is a counting fake: what matters here is
 * which calls reach it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportKind } from '@/lib/exports/schemas';
import { openTestStore, type TestStore } from '@/test/store-fixtures';
import type { CdnClient } from './cdn-client';
import { storeChangeFeed } from './change-feed';
import { createExportsService } from './exports-service';
import { RateLimitedError, RateLimiter } from './rate-limiter';
import { SharedRateLimiter, type Store } from './store';

function countingClient() {
  const calls: string[] = [];
  const client: CdnClient = {
    async listTasks(query) {
      calls.push(`list:${query.kind}:${query.page}`);
      return {
        page: { kind: query.kind, page: query.page, size: query.size, total: 0, fetchedAt: '2026-11-20T00:00:00Z', tasks: [] },
        downloadUrls: new Map(),
        requestId: undefined,
      };
    },
    async createTask(input) {
      calls.push(`create:${input.kind}`);
      return { task: { id: 'new-1', kind: input.kind, name: input.name, startTime: input.startTime, endTime: input.endTime }, requestId: undefined };
    },
    async deleteTask(task) {
      calls.push(`delete:${task.kind}`);
      return { requestId: undefined };
    },
  };
  return { client, calls };
}

let budgets = 0;

function replicaService(store: Store, options: { listCacheMs?: number; ratePerSecond?: number; budget?: string } = {}) {
  const upstream = countingClient();
  const ratePerSecond = options.ratePerSecond ?? 50;
  const service = createExportsService({
    client: upstream.client,
    limiter: new SharedRateLimiter(store, {
      ratePerSecond,
      maxWaitMs: 0,
      budget: options.budget ?? `feed-${++budgets}`,
      fallback: new RateLimiter({ ratePerSecond, maxWaitMs: 0, maxQueue: 0 }),
    }),
    timeZone: 'Asia/Shanghai',
    listCacheMs: options.listCacheMs ?? 60_000,
    readTimeoutMs: 1500,
    changes: storeChangeFeed(store),
  });
  return { service, calls: upstream.calls };
}

const summaryPage = { kind: 'summary' as ExportKind, page: 1, size: 20 };
const period = { startTime: '2026-11-18T16:00:00Z', endTime: '2026-11-19T15:59:59Z' };

describe('two replicas on one PostgreSQL', () => {
  let t: TestStore;
  let other: Store;
  beforeAll(async () => {
    t = await openTestStore('postgres');
    other = await t.openReplica();
  });
  afterAll(() => t.close());

  it('a create or delete on one replica drops the cached list pages of the other at once', async () => {
    const a = replicaService(t.store);
    const b = replicaService(other);
    // Let both LISTENs start before anything changes.
    await vi.waitFor(async () => expect(await listening(t.store)).toBeGreaterThanOrEqual(2));

    await b.service.list(summaryPage);
    await b.service.list(summaryPage);
    await b.service.list({ ...summaryPage, kind: 'detail' });
    expect(b.calls).toEqual(['list:summary:1', 'list:detail:1']);

    await a.service.create({ kind: 'summary', ...period });
    // B's summary page goes at once (well within its 60 s cache), its detail page stays.
    await vi.waitFor(async () => {
      await b.service.list(summaryPage);
      expect(b.calls.filter((c) => c === 'list:summary:1')).toHaveLength(2);
    });
    await b.service.list({ ...summaryPage, kind: 'detail' });
    expect(b.calls.filter((c) => c === 'list:detail:1')).toHaveLength(1);

    await a.service.remove('detail', 'task-1');
    await vi.waitFor(async () => {
      await b.service.list({ ...summaryPage, kind: 'detail' });
      expect(b.calls.filter((c) => c === 'list:detail:1')).toHaveLength(2);
    });
  });

  it('both replicas spend one budget of upstream calls', async () => {
    const budget = `shared-${++budgets}`;
    const a = replicaService(t.store, { listCacheMs: 0, ratePerSecond: 2, budget });
    const b = replicaService(other, { listCacheMs: 0, ratePerSecond: 2, budget });
    await a.service.list(summaryPage);
    await b.service.list(summaryPage);
    // Each replica alone has spent one of two: with separate budgets this third call would go through.
    await expect(a.service.list(summaryPage)).rejects.toBeInstanceOf(RateLimitedError);
    expect([...a.calls, ...b.calls]).toHaveLength(2);
  });
});

/** How many connections LISTEN on the store's database (pg_listening_channels is per session; count backends). */
async function listening(store: Store): Promise<number> {
  const { sql } = await import('drizzle-orm');
  const rows = await store.run((db) =>
    db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen %'`),
  );
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}
