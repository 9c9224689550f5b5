import 'server-only';
/**
 * Lists are the hot path: every open dashboard polls one. Identical requests in flight share one upstream call, and
 * its answer is reused for a short while (CDN_LIST_CACHE_MS), so a hundred dashboards on the same page cost about one
 * call per interval. Entries are keyed by everything that shapes the answer (kind, page, size), so no caller ever
 * sees another kind's or page's data. A create or delete of a kind drops that kind's entries, including calls still
 * in flight: whoever asks after the change gets a fresh answer, while those who asked before it keep the one they
 * were waiting for.
 */

interface Entry<T> {
  generation: number;
  promise: Promise<T>;
  /** Set when the answer arrived; the entry is fresh until fetchedAt + ttl. */
  fetchedAt?: number;
}

export class ListCache<K extends string, T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly generations = new Map<K, number>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(
    private readonly ttlMs: number,
    options: { now?: () => number; maxEntries?: number } = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.maxEntries = options.maxEntries ?? 1000;
  }

  private generation(kind: K): number {
    return this.generations.get(kind) ?? 0;
  }

  /**
   * The cached answer for (kind, key) if fresh, the one in flight if any, or a new call of `fetch`.
   * `maxAgeMs` lets a caller demand an answer younger than the ttl.
   */
  get(kind: K, key: string, fetch: () => Promise<T>, maxAgeMs: number = this.ttlMs): Promise<T> {
    const id = `${kind}\u0000${key}`;
    const existing = this.entries.get(id);
    if (existing) {
      if (existing.fetchedAt === undefined) return existing.promise;
      if (this.now() - existing.fetchedAt < Math.min(maxAgeMs, this.ttlMs)) return existing.promise;
      this.entries.delete(id);
    }
    const generation = this.generation(kind);
    const entry: Entry<T> = {
      generation,
      promise: fetch().then(
        (value) => {
          // Keep it only if nothing of this kind changed meanwhile and reuse is enabled at all.
          if (this.entries.get(id) === entry && entry.generation === this.generation(kind) && this.ttlMs > 0) {
            entry.fetchedAt = this.now();
          } else if (this.entries.get(id) === entry) {
            this.entries.delete(id);
          }
          return value;
        },
        (error: unknown) => {
          // Failures are shared by those who waited together, never kept for later callers.
          if (this.entries.get(id) === entry) this.entries.delete(id);
          throw error;
        },
      ),
    };
    this.entries.set(id, entry);
    this.prune();
    return entry.promise;
  }

  /** Forget every answer and call in flight of this kind. */
  invalidate(kind: K): void {
    this.generations.set(kind, this.generation(kind) + 1);
    const prefix = `${kind}\u0000`;
    for (const id of [...this.entries.keys()]) if (id.startsWith(prefix)) this.entries.delete(id);
  }

  /** Keeps memory bounded when callers walk many pages: stale entries go first, then the oldest. */
  private prune(): void {
    if (this.entries.size <= this.maxEntries) return;
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (entry.fetchedAt !== undefined && now - entry.fetchedAt >= this.ttlMs) this.entries.delete(id);
    }
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries) break;
      if (entry.fetchedAt !== undefined) this.entries.delete(id);
    }
  }

  size(): number {
    return this.entries.size;
  }
}
