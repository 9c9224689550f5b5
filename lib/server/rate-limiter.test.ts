import { describe, expect, it } from 'vitest';
import { RateLimitedError, RateLimiter } from './rate-limiter';

/** Time moves only when callers sleep; every grant is recorded with the time it was granted. */
function limiterWithClock(options: { ratePerSecond: number; burst: number; maxWaitMs: number; maxQueue: number }) {
  let t = 0;
  const limiter = new RateLimiter({
    ...options,
    now: () => t,
    sleep: async (ms) => {
      // Sleepers wake in deadline order: model that by advancing to the latest requested deadline.
      t = Math.max(t, start + ms);
    },
  });
  let start = 0;
  return {
    limiter,
    async acquireAt(now: number) {
      t = Math.max(t, now);
      start = t;
      await limiter.acquire();
      return t;
    },
  };
}

describe('RateLimiter', () => {
  it('passes a burst up to its size at once, then one call per 1/rate seconds', async () => {
    const { acquireAt } = limiterWithClock({ ratePerSecond: 50, burst: 50, maxWaitMs: 60_000, maxQueue: 1000 });
    const grants: number[] = [];
    for (let i = 0; i < 200; i++) grants.push(await acquireAt(0));
    expect(grants.slice(0, 50).every((g) => g === 0)).toBe(true);
    // The other 150 need 150 tokens at 50 per second: the last one is granted after 3 s.
    expect(grants[199]).toBeCloseTo(3000, 0);
    // In any window of one second, at most burst + rate calls are granted.
    for (const from of [0, 500, 1000, 2000]) {
      const inWindow = grants.filter((g) => g >= from && g < from + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(100);
    }
  });

  it('holds the budget under a concurrent burst (measured in tokens, not wall time)', async () => {
    const limiter = new RateLimiter({ ratePerSecond: 50, burst: 50, maxWaitMs: 60_000, maxQueue: 1000, now: () => 0, sleep: async () => undefined });
    await Promise.all(Array.from({ length: 200 }, () => limiter.acquire()));
    // 150 calls went over the burst: they were made to wait for tokens that the clock has not yet produced.
    expect(limiter.available()).toBe(-150);
  });

  it('refuses at once, with a Retry-After, when the wait would be too long or the queue is full', async () => {
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 1, maxWaitMs: 500, maxQueue: 3, now: () => 0, sleep: () => new Promise(() => undefined) });
    await limiter.acquire();
    // Waits of 100, 200, 300 ms are queued; the fourth would be within maxWait but the queue is full.
    void limiter.acquire();
    void limiter.acquire();
    void limiter.acquire();
    const refused = await limiter.acquire().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(1000);

    const slow = new RateLimiter({ ratePerSecond: 1, burst: 1, maxWaitMs: 500, maxQueue: 100, now: () => 0 });
    await slow.acquire();
    await expect(slow.acquire()).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('refills with time, never above the burst', async () => {
    let t = 0;
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 5, maxWaitMs: 0, maxQueue: 0, now: () => t });
    for (let i = 0; i < 5; i++) await limiter.acquire();
    await expect(limiter.acquire()).rejects.toBeInstanceOf(RateLimitedError);
    t = 100;
    await limiter.acquire();
    t = 60_000;
    expect(limiter.available()).toBe(5);
  });
});
