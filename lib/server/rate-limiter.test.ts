import { describe, expect, it } from 'vitest';
import { RateLimitedError, RateLimiter } from './rate-limiter';

/** Time moves only when callers sleep; every grant is recorded with the time it was granted. */
function limiterWithClock(options: { ratePerSecond: number; maxWaitMs: number; maxQueue: number }) {
  let t = 0;
  let start = 0;
  const limiter = new RateLimiter({
    ...options,
    now: () => t,
    sleep: async (ms) => {
      // Sleepers wake in deadline order: model that by advancing to the latest requested deadline.
      t = Math.max(t, start + ms);
    },
  });
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

const mostInAnySecond = (grants: number[]) => Math.max(...grants.map((g) => grants.filter((x) => x >= g && x < g + 1000).length));

describe('RateLimiter', () => {
  it('never starts more than the budget in any rolling second, however the calls arrive', async () => {
    const { acquireAt } = limiterWithClock({ ratePerSecond: 50, maxWaitMs: 60_000, maxQueue: 1000 });
    const grants: number[] = [];
    for (let i = 0; i < 200; i++) grants.push(await acquireAt(0));
    expect(grants.slice(0, 50).every((g) => g === 0)).toBe(true);
    expect(grants[50]).toBe(1000);
    expect(grants[199]).toBe(3000);
    expect(mostInAnySecond(grants)).toBe(50);

    // Trickling in at random moments holds the budget just the same.
    const trickle = limiterWithClock({ ratePerSecond: 10, maxWaitMs: 60_000, maxQueue: 1000 });
    const spread: number[] = [];
    let at = 0;
    for (let i = 0; i < 300; i++) spread.push(await trickle.acquireAt((at += Math.floor(Math.random() * 150))));
    expect(mostInAnySecond(spread)).toBeLessThanOrEqual(10);
  });

  it('queues a concurrent burst in arrival order, each caller waiting for its own slot', async () => {
    const waits: number[] = [];
    const limiter = new RateLimiter({
      ratePerSecond: 2,
      maxWaitMs: 60_000,
      maxQueue: 1000,
      now: () => 0,
      sleep: async (ms) => void waits.push(ms),
    });
    await Promise.all(Array.from({ length: 7 }, () => limiter.acquire()));
    expect(waits).toEqual([1000, 1000, 2000, 2000, 3000]);
  });

  it('refuses at once, with a Retry-After, when the wait would be too long or the queue is full', async () => {
    const limiter = new RateLimiter({ ratePerSecond: 1, maxWaitMs: 10_000, maxQueue: 3, now: () => 0, sleep: () => new Promise(() => undefined) });
    await limiter.acquire();
    // Waits of 1, 2 and 3 s are queued; the fourth would be within maxWait but the queue is full.
    void limiter.acquire();
    void limiter.acquire();
    void limiter.acquire();
    const refused = await limiter.acquire().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterMs).toBe(4000);

    const slow = new RateLimiter({ ratePerSecond: 1, maxWaitMs: 500, maxQueue: 100, now: () => 0 });
    await slow.acquire();
    const tooLong = await slow.acquire().catch((e: unknown) => e);
    expect(tooLong).toBeInstanceOf(RateLimitedError);
    expect((tooLong as RateLimitedError).retryAfterMs).toBe(1000);
  });

  it('frees a slot a second after it was used, and a refusal takes no slot', async () => {
    let t = 0;
    const limiter = new RateLimiter({ ratePerSecond: 5, maxWaitMs: 0, maxQueue: 0, now: () => t });
    for (let i = 0; i < 5; i++) await limiter.acquire();
    await expect(limiter.acquire()).rejects.toBeInstanceOf(RateLimitedError);
    t = 999;
    await expect(limiter.acquire()).rejects.toBeInstanceOf(RateLimitedError);
    t = 1000;
    for (let i = 0; i < 5; i++) await limiter.acquire();
    await expect(limiter.acquire()).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe('RateLimiter per-user share', () => {
  it('one user gets at most their share in a second; another user is still served at once', async () => {
    let t = 0;
    const limiter = new RateLimiter({ ratePerSecond: 10, perUserPerSecond: 5, maxWaitMs: 0, maxQueue: 0, now: () => t, sleep: async () => undefined });
    for (let i = 0; i < 5; i++) await limiter.acquire('ada');
    await expect(limiter.acquire('ada')).rejects.toBeInstanceOf(RateLimitedError);
    for (let i = 0; i < 5; i++) await limiter.acquire('oscar');
    await expect(limiter.acquire('oscar')).rejects.toBeInstanceOf(RateLimitedError);
    t = 1000;
    await expect(limiter.acquire('ada')).resolves.toBeUndefined();
  });

  it('without a share (AUTH_MODE=none) one caller may use the whole budget', async () => {
    const limiter = new RateLimiter({ ratePerSecond: 10, maxWaitMs: 0, maxQueue: 0, now: () => 0, sleep: async () => undefined });
    for (let i = 0; i < 10; i++) await limiter.acquire('anonymous');
    await expect(limiter.acquire('anonymous')).rejects.toBeInstanceOf(RateLimitedError);
  });
});
