import { describe, expect, it } from 'vitest';
import { READ_RETRY_POLICY, backoffDelay, withRetries, type RetryDeps } from './retry-policy';

/** A clock that only moves when the code under test sleeps (or an attempt says it took time). */
function manualClock() {
  let t = 0;
  const sleeps: number[] = [];
  const deps: RetryDeps = {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    random: () => 0.999,
  };
  return { deps, sleeps, advance: (ms: number) => (t += ms), now: () => t };
}

/** The waits of a read that is throttled once (the upstream asking for `minDelayMs`) and then succeeds. */
async function sleepsAfterOneThrottle(minDelayMs: number): Promise<number[]> {
  const clock = manualClock();
  clock.deps.random = () => 0;
  let calls = 0;
  await withRetries(
    async () => {
      if (++calls === 1) throw new Error('throttled');
      return 1;
    },
    () => ({ retry: true, minDelayMs }),
    READ_RETRY_POLICY,
    clock.deps,
  );
  return clock.sleeps;
}

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    const max = (n: number) => backoffDelay(n, READ_RETRY_POLICY, () => 0.999999);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(max)).toEqual([99, 199, 399, 799, 1599, 1999, 1999, 1999]);
    expect(backoffDelay(3, READ_RETRY_POLICY, () => 0)).toBe(0);
    for (let i = 0; i < 1000; i++) {
      const d = backoffDelay(1 + (i % 10), READ_RETRY_POLICY);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(READ_RETRY_POLICY.capMs);
    }
  });
});

describe('withRetries', () => {
  it('returns the first success', async () => {
    const clock = manualClock();
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw new Error('transient');
        return 'ok';
      },
      () => ({ retry: true }),
      READ_RETRY_POLICY,
      clock.deps,
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('stops at once on a final failure', async () => {
    const clock = manualClock();
    let calls = 0;
    await expect(
      withRetries(async () => { calls++; throw new Error('final'); }, () => ({ retry: false }), READ_RETRY_POLICY, clock.deps),
    ).rejects.toThrow('final');
    expect(calls).toBe(1);
  });

  it('keeps every attempt and wait within the budget, even when each attempt times out', async () => {
    const clock = manualClock();
    const budgets: number[] = [];
    await expect(
      withRetries(
        async (_n, timeLeft) => {
          budgets.push(timeLeft);
          clock.advance(Math.min(4000, timeLeft)); // an attempt that runs into its timeout
          throw new Error('timeout');
        },
        () => ({ retry: true }),
        READ_RETRY_POLICY,
        clock.deps,
      ),
    ).rejects.toThrow('timeout');
    expect(clock.now()).toBeLessThanOrEqual(READ_RETRY_POLICY.budgetMs);
    expect(clock.now()).toBeLessThan(10_000);
    expect(budgets[0]).toBe(READ_RETRY_POLICY.budgetMs);
    expect(budgets.length).toBe(2);
  });

  it('gives up after maxAttempts when failures are fast', async () => {
    const clock = manualClock();
    let calls = 0;
    await expect(
      withRetries(async () => { calls++; throw new Error('throttled'); }, () => ({ retry: true }), READ_RETRY_POLICY, clock.deps),
    ).rejects.toThrow();
    expect(calls).toBe(READ_RETRY_POLICY.maxAttempts);
    expect(clock.now()).toBeLessThan(READ_RETRY_POLICY.budgetMs);
  });

  it('waits at least as long as the upstream asked', async () => {
    expect(await sleepsAfterOneThrottle(1500)).toEqual([1500]);
  });

  it('honours a Retry-After longer than the backoff cap while the budget holds it, and gives up at once when not', async () => {
    expect(await sleepsAfterOneThrottle(5000)).toEqual([5000]);

    const late = manualClock();
    const failure = new Error('throttled for long');
    await expect(
      withRetries(() => Promise.reject(failure), () => ({ retry: true, minDelayMs: 8000 }), READ_RETRY_POLICY, late.deps),
    ).rejects.toBe(failure);
    expect(late.sleeps).toEqual([]);
  });
});
