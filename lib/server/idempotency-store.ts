import 'server-only';
/**
 * `Idempotency-Key` for creates: a client that did not get an answer (a dropped connection, a double click) sends
 * the same request again with the same key and gets the first answer instead of a second task. In memory: one
 * server process, one user's dashboard; a restart forgets the keys, which is acceptable for a convenience against
 * duplicates (CDN itself has no idempotency to lean on).
 *
 * What is kept: successes, and failures after which the task may exist (no answer from CDN). Replaying those is
 * what prevents a duplicate. Clear refusals (validation, throttling, CDN down before it got the request) are not
 * kept, so that trying again with the same key really tries again.
 */
import { createHash } from 'node:crypto';
import type { HttpAnswer } from './api-response';
import { BrandedError } from './error-brand';

export class IdempotencyKeyReusedError extends BrandedError('IdempotencyKeyReusedError') {
  constructor() {
    super('This Idempotency-Key was already used with a different request body. Use a new key for a new request.');
  }
}

interface Entry {
  fingerprint: string;
  promise: Promise<HttpAnswer>;
  /** Set when the answer is in and kept; the entry is forgotten after this. */
  expiresAt?: number;
}

/** 1-255 printable ASCII characters, as the draft standard and Stripe-style clients use (UUIDs, ULIDs, …). */
export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/.test(key);
}

/** The same JSON value gives the same fingerprint whatever the order of its object keys. */
export function fingerprintOf(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canonical(value)) ?? 'undefined').digest('hex');
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {
    // A key is honoured for at least 10 minutes; a little more covers a client's slow retry loop.
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * The answer for this key: a replay of the first one, the first one's once it is in (when it is still in
   * flight), or a new one from `work`. `work` says whether its answer is to be kept for replays.
   */
  async run(
    key: string,
    fingerprint: string,
    work: () => Promise<{ answer: HttpAnswer; keep: boolean }>,
  ): Promise<{ answer: HttpAnswer; replayed: boolean }> {
    const existing = this.entries.get(key);
    if (existing && (existing.expiresAt === undefined || existing.expiresAt > this.now())) {
      if (existing.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      return { answer: await existing.promise, replayed: true };
    }
    if (existing) this.entries.delete(key);

    const entry: Entry = {
      fingerprint,
      promise: work().then(
        ({ answer, keep }) => {
          if (this.entries.get(key) === entry) {
            if (keep) entry.expiresAt = this.now() + this.ttlMs;
            else this.entries.delete(key);
          }
          return answer;
        },
        (error: unknown) => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
          throw error;
        },
      ),
    };
    this.entries.set(key, entry);
    this.prune();
    return { answer: await entry.promise, replayed: false };
  }

  /**
   * Walks from the oldest entry: drops expired ones, and while over the bound also the oldest finished ones; stops at
   * the first live entry once within the bound. Keys expire in about the order they were made, so this stays cheap.
   * Requests in flight are never dropped.
   */
  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(key);
      else if (this.entries.size <= this.maxEntries) break;
      else if (entry.expiresAt !== undefined) this.entries.delete(key);
    }
  }

  size(): number {
    return this.entries.size;
  }
}
