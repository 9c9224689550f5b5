/**
 * Remembers signature nonces for the gateway's replay window, so a captured request cannot be sent twice.
 */
export class NonceCache {
  // Insertion order is arrival order, so the oldest entries are always at the front and pruning stops early.
  private readonly seenAt = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** Whether the nonce was used within the window, without recording it. */
  has(key: string, nowMs: number): boolean {
    this.prune(nowMs);
    return this.seenAt.has(key);
  }

  /** Records the nonce; `false` when it was already used within the window. */
  remember(key: string, nowMs: number): boolean {
    this.prune(nowMs);
    if (this.seenAt.has(key)) return false;
    this.seenAt.set(key, nowMs);
    return true;
  }

  clear(): void {
    this.seenAt.clear();
  }

  private prune(nowMs: number): void {
    for (const [key, at] of this.seenAt) {
      if (nowMs - at < this.windowMs) break;
      this.seenAt.delete(key);
    }
  }
}
