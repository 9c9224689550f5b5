/**
 * The service's flow control: a token bucket per access key and action (CDN documents 100 calls per second for each
 * operation and account). A bucket starts full, so a burst of `capacity` calls passes at once.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
  ) {}

  /** Takes one token; `false` when the bucket is empty (the call is throttled). */
  take(key: string, nowMs: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, atMs: nowMs };
    // A clock that steps backwards (tests' fake clocks) must not drain the bucket.
    const elapsedS = Math.max(0, nowMs - bucket.atMs) / 1000;
    bucket.tokens = Math.min(this.capacity, bucket.tokens + elapsedS * this.refillPerSecond);
    bucket.atMs = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}
