import 'server-only';
/**
 * CDN_MAX_QPS for the whole deployment (issue 12): every replica asks the store before each upstream call, and at most
 * `ratePerSecond` calls start in ANY rolling second (not fixed windows, which let twice the budget through across an
 * edge), and one user at most `perUserPerSecond` of them. The store's clock decides (clock_timestamp(), taken under
 * the budget's advisory lock), so replicas with skewed clocks agree. The same interface as the in-process
 * RateLimiter (rate-limiter.ts): `acquire()` resolves when the call may start, waits up to `maxWaitMs` for a slot,
 * or throws RateLimitedError so that the route answers 429 with Retry-After.
 *
 * Why it holds: calls are granted one at a time under the lock, each only while fewer than the budget started in the
 * second before it; were N+1 starts within some second, the last of them would have seen the other N.
 */
import { sql } from 'drizzle-orm';
import { RateLimitedError } from '../rate-limiter';
import { rowsOf, type Store } from './store';
import { StoreUnavailableError } from './store-errors';

export interface SharedRateLimiterOptions {
  /** Calls that may start in any rolling second, across all replicas. */
  ratePerSecond: number;
  /** Calls one user may start in any rolling second; null for no per-user share (AUTH_MODE=none). */
  perUserPerSecond?: number | null;
  /** Longest a caller waits for its slot before being refused. */
  maxWaitMs: number;
  /** The budget's name: limiters with the same name share it. */
  budget?: string;
  /** Used while the store is unavailable, so that lists and downloads go on (e.g. the in-process RateLimiter). */
  fallback?: { acquire(userId?: string): Promise<void> };
  sleep?: (ms: number) => Promise<void>;
}

export type AttemptResult = { granted: true; at: Date } | { granted: false; waitMs: number };

interface AttemptRow {
  granted_at: Date | null;
  global_wait_ms: number | null;
  user_wait_ms: number | null;
}

export class SharedRateLimiter {
  private readonly budget: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly options: SharedRateLimiterOptions,
  ) {
    this.budget = options.budget ?? 'cdn';
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** One short transaction: takes a slot now, or says how long until one may be free. */
  async tryAcquire(userId?: string | null): Promise<AttemptResult> {
    const budget = this.budget;
    const limit = this.options.ratePerSecond;
    const userLimit = userId ? (this.options.perUserPerSecond ?? null) : null;
    const [row] = await this.store.run((db) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rate-limit:${budget}`}, 0))`);
        await tx.execute(sql`delete from rate_limit_calls
          where budget = ${budget} and at < clock_timestamp() - interval '2 seconds'`);
        // The limit-th newest call of the last second (of the budget, of the user): while it exists the budget is
        // spent, and it leaves the window one second after it started.
        return rowsOf<AttemptRow>(
          tx,
          sql`with clock as materialized (select clock_timestamp() as now),
            g as (select at from rate_limit_calls, clock
                  where budget = ${budget} and at > clock.now - interval '1 second'
                  order by at desc offset ${limit - 1} limit 1),
            u as (select at from rate_limit_calls, clock
                  where ${userLimit !== null} and budget = ${budget} and user_id = ${userId ?? null}
                    and at > clock.now - interval '1 second'
                  order by at desc offset ${Math.max(0, (userLimit ?? 1) - 1)} limit 1),
            ins as (insert into rate_limit_calls (budget, user_id, at)
                    select ${budget}, ${userId ?? null}, clock.now from clock
                    where not exists (select 1 from g) and not exists (select 1 from u)
                    returning at)
          select (select at from ins) as granted_at,
            (select ceil(extract(epoch from g.at + interval '1 second' - clock.now) * 1000)::float8 from g, clock)
              as global_wait_ms,
            (select ceil(extract(epoch from u.at + interval '1 second' - clock.now) * 1000)::float8 from u, clock)
              as user_wait_ms`,
        );
      }),
    );
    if (row?.granted_at) return { granted: true, at: new Date(row.granted_at) };
    const waitMs = Math.max(row?.global_wait_ms ?? 0, row?.user_wait_ms ?? 0, 0) + 1;
    return { granted: false, waitMs };
  }

  /**
   * Resolves when the caller may make one upstream call, with the store's time of the grant (null when the fallback
   * granted it); throws RateLimitedError when it may not soon.
   */
  async acquire(userId?: string | null): Promise<Date | null> {
    const started = Date.now();
    for (;;) {
      let attempt: AttemptResult;
      try {
        attempt = await this.tryAcquire(userId);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || !this.options.fallback) throw error;
        await this.options.fallback.acquire(userId ?? undefined);
        return null;
      }
      if (attempt.granted) return attempt.at;
      const waited = Date.now() - started;
      if (waited + attempt.waitMs > this.options.maxWaitMs) throw new RateLimitedError(Math.max(1000, attempt.waitMs));
      await this.sleep(attempt.waitMs);
    }
  }
}
