import 'server-only';
/**
 * One token bucket for all of this server's upstream calls, so that CDN_MAX_QPS holds whatever mix of routes and
 * users produces them. A caller that finds the bucket empty reserves the next token and waits for it (a queue in
 * arrival order, without timers to manage); when the wait would be too long or too many are already waiting, it is
 * refused at once with the time after which trying again makes sense: the route answers 429 with Retry-After.
 */
import { brandOf, hasBrand } from './error-brand';

const RATE_LIMITED_BRAND = brandOf('RateLimitedError');
export class RateLimitedError extends Error {
  readonly [RATE_LIMITED_BRAND] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, RATE_LIMITED_BRAND);
  }
  override name = 'RateLimitedError';
  constructor(readonly retryAfterMs: number) {
    super('Too many requests to CDN right now.');
  }
}

export interface RateLimiterOptions {
  /** Tokens per second. */
  ratePerSecond: number;
  /** Tokens the bucket holds when full: the largest burst allowed at once. */
  burst: number;
  /** Longest a caller waits for its token before being refused. */
  maxWaitMs: number;
  /** Most callers waiting at once. */
  maxQueue: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RateLimiter {
  private tokens: number;
  private updatedAt: number;
  private waiting = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.tokens = options.burst;
    this.updatedAt = this.now();
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.options.ratePerSecond);
    this.updatedAt = now;
  }

  /** Tokens available now (negative while callers wait for reserved ones). For tests and logs. */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Resolves when the caller may make one upstream call; throws RateLimitedError when it may not soon. */
  async acquire(): Promise<void> {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return;
    }
    // The wait until this caller's token: the deficit, including every earlier reservation, refilled at the rate.
    const waitMs = ((1 - this.tokens) / this.options.ratePerSecond) * 1000;
    if (waitMs > this.options.maxWaitMs || this.waiting >= this.options.maxQueue) {
      throw new RateLimitedError(Math.max(1000, waitMs));
    }
    this.tokens -= 1;
    this.waiting += 1;
    try {
      await this.sleep(waitMs);
    } finally {
      this.waiting -= 1;
    }
  }
}
