import 'server-only';
/**
 * Retries with capped exponential backoff and full jitter (AWS's "Exponential Backoff And Jitter"): the delay before
 * retry n is uniform in [0, min(cap, base·2^(n-1))], so that many servers that failed together do not retry together.
 * Every attempt gets a deadline from a total budget, so a read with all of its retries answers within the budget
 * (the API answers within 10 s) however the upstream misbehaves.
 */

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** All attempts and the waits between them fit in this. */
  budgetMs: number;
  /** A retry is not started unless at least this much of the budget is left for it. */
  minAttemptMs: number;
  maxAttempts: number;
}

/** Reads: under the API's 10 s with room for the answer's own way back. */
export const READ_RETRY_POLICY: RetryPolicy = { baseMs: 100, capMs: 2000, budgetMs: 9500, minAttemptMs: 2000, maxAttempts: 6 };

/** Writes retry only on clear refusals (see exports-service.ts), which come back fast; fewer, same budget. */
export const WRITE_RETRY_POLICY: RetryPolicy = { baseMs: 200, capMs: 2000, budgetMs: 9500, minAttemptMs: 2000, maxAttempts: 4 };

/** The wait before retry number `retry` (1 for the first retry). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const realRetryDeps: RetryDeps = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface RetryDecision {
  retry: boolean;
  /** The upstream asked for at least this wait (a Throttling answer's hint). */
  minDelayMs?: number;
}

/**
 * Runs `attempt` until it succeeds, `decide` says the failure is final, or the budget or attempt count runs out; then
 * throws the last failure. `attempt` receives its number (from 1) and the time it may take.
 */
export async function withRetries<T>(
  attempt: (n: number, timeLeftMs: number) => Promise<T>,
  decide: (error: unknown) => RetryDecision,
  policy: RetryPolicy,
  deps: RetryDeps = realRetryDeps,
): Promise<T> {
  const start = deps.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n, Math.max(0, policy.budgetMs - (deps.now() - start)));
    } catch (error) {
      const decision = decide(error);
      if (!decision.retry || n >= policy.maxAttempts) throw error;
      // The upstream's own Retry-After is honoured in full, past the backoff's cap, as long as the budget holds it;
      // when it does not, the failure goes back now (its hint becomes the 429's Retry-After).
      const delay = Math.max(backoffDelay(n, policy, deps.random), decision.minDelayMs ?? 0);
      const leftAfterDelay = policy.budgetMs - (deps.now() - start) - delay;
      if (leftAfterDelay < policy.minAttemptMs) throw error;
      await deps.sleep(delay);
    }
  }
}
