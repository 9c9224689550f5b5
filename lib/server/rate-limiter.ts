import 'server-only';
/**
 * One budget for all of this server's upstream calls, so that CDN_MAX_QPS holds whatever mix of routes and users
 * produces them: at most `ratePerSecond` calls start in any rolling second (a token bucket would let a burst and a
 * second's refill through together, twice the budget). A caller over the budget reserves the first free slot and
 * waits for it (a queue in arrival order, without timers to manage); when the wait would be too long or too many are
 * already waiting, it is refused at once with the time after which trying again makes sense: the route answers 429
 * with Retry-After.
 */
import { BrandedError } from './error-brand';

export class RateLimitedError extends BrandedError('RateLimitedError') {
  constructor(readonly retryAfterMs: number) {
    super('Too many requests to CDN right now.');
  }
}

export interface RateLimiterOptions {
  /** Calls that may start in any rolling second. */
  ratePerSecond: number;
  /** Longest a caller waits for its slot before being refused. */
  maxWaitMs: number;
  /** Most callers waiting at once. */
  maxQueue: number;
  /**
   * Calls one user may start in any rolling second (half of CDN_MAX_QPS with sign-in on, so no one user can use up the budget); unset: no
   * per-user share (AUTH_MODE=none, or calls without a user).
   */
  perUserPerSecond?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const WINDOW_MS = 1000;

export class RateLimiter {
  /**
   * The start times of the last `ratePerSecond` calls granted, as a ring: `slots[next]` is the one granted
   * `ratePerSecond` calls ago, and the next call may start no earlier than a second after it. Reserved starts may lie
   * in the future; they only grow, so the ring stays in order.
   */
  private readonly slots: number[];
  private next = 0;
  private waiting = 0;
  /** Per user, the same ring as `slots` with `perUserPerSecond` places; users idle for a second are forgotten. */
  private readonly users = new Map<string, { slots: number[]; next: number }>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.slots = new Array<number>(options.ratePerSecond).fill(-Infinity);
  }

  /**
   * Resolves when the caller may make one upstream call; throws RateLimitedError when it may not soon. With a
   * `userId` and a per-user share, the call also waits for the user's own slot, so one user cannot spend the budget
   * the others need.
   */
  async acquire(userId?: string): Promise<void> {
    const now = this.now();
    const user = userId !== undefined && this.options.perUserPerSecond ? this.userRing(userId, now) : null;
    const startAt = Math.max(
      now,
      (this.slots[this.next] ?? -Infinity) + WINDOW_MS,
      user ? (user.slots[user.next] ?? -Infinity) + WINDOW_MS : -Infinity,
    );
    const waitMs = startAt - now;
    if (waitMs > 0 && (waitMs > this.options.maxWaitMs || this.waiting >= this.options.maxQueue)) {
      throw new RateLimitedError(Math.max(1000, waitMs));
    }
    this.slots[this.next] = startAt;
    this.next = (this.next + 1) % this.slots.length;
    if (user) {
      user.slots[user.next] = startAt;
      user.next = (user.next + 1) % user.slots.length;
    }
    if (waitMs <= 0) return;
    this.waiting += 1;
    try {
      await this.sleep(waitMs);
    } finally {
      this.waiting -= 1;
    }
  }

  private userRing(userId: string, now: number): { slots: number[]; next: number } {
    let ring = this.users.get(userId);
    if (!ring) {
      if (this.users.size >= 1000) {
        // A user whose newest slot is over a second old has a full share again: forgetting them changes nothing.
        for (const [id, r] of this.users) {
          const newest = r.slots[(r.next + r.slots.length - 1) % r.slots.length] ?? -Infinity;
          if (newest + WINDOW_MS <= now) this.users.delete(id);
        }
      }
      ring = { slots: new Array<number>(this.options.perUserPerSecond ?? 1).fill(-Infinity), next: 0 };
      this.users.set(userId, ring);
    }
    return ring;
  }
}
