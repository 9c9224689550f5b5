import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '@/test/store-fixtures';
import { RateLimitedError } from '../rate-limiter';
import { SharedRateLimiter } from './shared-rate-limiter';
import type { Store } from './store';
import { StoreUnavailableError } from './store-errors';

/** The most grants that fall in any window [t, t + 1000 ms), by the store's clock. */
const mostInAnySecond = (grants: Date[]) => {
  const ms = grants.map((g) => g.getTime()).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < ms.length; j++) {
    while (ms[j]! - ms[i]! >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
};

let budgets = 0;

describe.each(storeKinds)('shared rate limiter (%s store)', (kind) => {
  let t: TestStore;
  let replicaStore: Store;
  beforeAll(async () => {
    t = await openTestStore(kind);
    replicaStore = kind === 'postgres' ? await t.openReplica() : t.store;
  });
  afterAll(() => t.close());

  it('grants at most the budget in any rolling second across two replicas', async () => {
    const budget = `b-${++budgets}`;
    const options = { ratePerSecond: 10, maxWaitMs: 60_000, budget };
    const replicas = [new SharedRateLimiter(t.store, options), new SharedRateLimiter(replicaStore, options)];
    // 36 callers at once, half on each replica: a fixed-window limiter would let 20 through across a window's edge.
    const grants = await Promise.all(Array.from({ length: 36 }, (_, i) => replicas[i % 2]!.acquire()));
    const times = grants.filter((g): g is Date => g !== null);
    expect(times).toHaveLength(36);
    expect(mostInAnySecond(times)).toBe(10);
  });

  it('gives one user at most their share while others still get through', async () => {
    const budget = `b-${++budgets}`;
    const options = { ratePerSecond: 10, perUserPerSecond: 5, maxWaitMs: 60_000, budget };
    const a = new SharedRateLimiter(t.store, options);
    const b = new SharedRateLimiter(replicaStore, options);
    const greedy = Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).acquire('u-greedy'));
    const other = Array.from({ length: 5 }, () => b.acquire('u-other'));
    const greedyTimes = (await Promise.all(greedy)) as Date[];
    const otherTimes = (await Promise.all(other)) as Date[];
    expect(mostInAnySecond(greedyTimes)).toBe(5);
    expect(mostInAnySecond([...greedyTimes, ...otherTimes])).toBeLessThanOrEqual(10);
    // The other user was never held back by the greedy one's share: all five went in the first second.
    expect(mostInAnySecond(otherTimes)).toBe(5);
  });

  it('refuses with RateLimitedError and a retry time when the wait would be too long', async () => {
    const budget = `b-${++budgets}`;
    const limiter = new SharedRateLimiter(t.store, { ratePerSecond: 3, maxWaitMs: 0, budget });
    for (let i = 0; i < 3; i++) await limiter.acquire();
    const refused = await limiter.acquire().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(1000);
    const attempt = await limiter.tryAcquire();
    expect(attempt.granted).toBe(false);
    if (!attempt.granted) expect(attempt.waitMs).toBeLessThanOrEqual(1001);
  });

  it('keeps separate budgets apart', async () => {
    const first = new SharedRateLimiter(t.store, { ratePerSecond: 1, maxWaitMs: 0, budget: `b-${++budgets}` });
    const second = new SharedRateLimiter(replicaStore, { ratePerSecond: 1, maxWaitMs: 0, budget: `b-${++budgets}` });
    await first.acquire();
    await expect(second.acquire()).resolves.toBeInstanceOf(Date);
  });
});

describe('shared rate limiter without its store', () => {
  const downStore = { run: () => Promise.reject(new StoreUnavailableError('connection refused')) } as unknown as Store;

  it('falls back to the given limiter for the same user, so that reads go on and the per-user share holds', async () => {
    const fallbackCalls: (string | undefined)[] = [];
    const limiter = new SharedRateLimiter(downStore, {
      ratePerSecond: 10,
      maxWaitMs: 0,
      fallback: { acquire: async (userId) => void fallbackCalls.push(userId) },
    });
    await expect(limiter.acquire('u-1')).resolves.toBeNull();
    expect(fallbackCalls).toEqual(['u-1']);
  });

  it('says the store is unavailable when there is no fallback', async () => {
    const limiter = new SharedRateLimiter(downStore, { ratePerSecond: 10, maxWaitMs: 0 });
    await expect(limiter.acquire()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
