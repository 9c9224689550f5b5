import 'server-only';
/**
 * `Idempotency-Key` records in the store, shared by every replica: a retry that lands on another replica
 * waits for or replays the first answer. A claim is leased: while its request works, `keepAlive` renews the lease;
 * a claim whose lease ran out belongs to a process that died, and the next request with the same key and body takes
 * it over (told when the first attempt began, so that it can apply the contract's "may exist" rules).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { HttpAnswer } from '../api-response';
import { logAlert } from '../log';
import { idempotencyRecords } from './schema';
import { rowsOf, type Store } from './store';

export interface IdempotencyKeyRef {
  userId: string;
  key: string;
}

/** What a successful claim hands back: the proof of ownership for complete/release/renew. */
export interface IdempotencyClaim extends IdempotencyKeyRef {
  token: string;
}

export type ClaimOutcome =
  | { state: 'claimed'; claim: IdempotencyClaim; takenOver: null | { startedAt: Date } }
  | { state: 'replay'; answer: HttpAnswer; startedAt: Date; completedAt: Date }
  | { state: 'mismatch' }
  | { state: 'inFlight'; startedAt: Date };

export interface IdempotencyRecordOptions {
  /** How long a kept answer is replayed; the contract promises at least 10 minutes. */
  ttlMs?: number;
  /** How long an in-flight claim holds without renewal before another request may take it over. */
  leaseMs?: number;
}

interface ExistingRow {
  fingerprint: string;
  state: string;
  answer: HttpAnswer | null;
  started_at: Date;
  completed_at: Date | null;
  expired: boolean;
  lease_over: boolean;
}

const interval = (ms: number) => sql`make_interval(secs => ${ms / 1000})`;
const keyIs = (ref: IdempotencyKeyRef) =>
  and(eq(idempotencyRecords.userId, ref.userId), eq(idempotencyRecords.key, ref.key));
const ownedBy = (claim: IdempotencyClaim) =>
  and(keyIs(claim), eq(idempotencyRecords.owner, claim.token), eq(idempotencyRecords.state, 'inFlight'));

export class IdempotencyRecords {
  private readonly ttlMs: number;
  readonly leaseMs: number;

  constructor(
    private readonly store: Store,
    options: IdempotencyRecordOptions = {},
  ) {
    this.ttlMs = Math.max(options.ttlMs ?? 15 * 60_000, 10 * 60_000);
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  /** One short transaction: claims the key, or says why not. */
  async claim(ref: IdempotencyKeyRef, fingerprint: string): Promise<ClaimOutcome> {
    const token = randomUUID();
    const claim: IdempotencyClaim = { ...ref, token };
    const fresh = {
      fingerprint,
      state: 'inFlight',
      owner: token,
      answer: null,
      startedAt: sql`now()`,
      completedAt: null,
      leaseUntil: sql`now() + ${interval(this.leaseMs)}`,
      expiresAt: sql`now() + ${interval(this.ttlMs)}`,
    };
    return this.store.run((db) =>
      db.transaction(async (tx) => {
        const inserted = await tx
          .insert(idempotencyRecords)
          .values({ userId: ref.userId, key: ref.key, ...fresh })
          .onConflictDoNothing()
          .returning({ owner: idempotencyRecords.owner });
        if (inserted.length > 0) return { state: 'claimed', claim, takenOver: null };

        const [row] = await rowsOf<ExistingRow>(
          tx,
          sql`select fingerprint, state, answer, started_at, completed_at,
                     expires_at <= now() as expired, lease_until <= now() as lease_over
              from ${idempotencyRecords}
              where user_id = ${ref.userId} and key = ${ref.key} for update`,
        );
        // Released between our insert and this read: the key is free again; the caller's next claim takes it.
        if (!row) return { state: 'inFlight', startedAt: new Date() };
        if (row.expired) {
          await tx.update(idempotencyRecords).set(fresh).where(keyIs(ref));
          return { state: 'claimed', claim, takenOver: null };
        }
        if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
        if (row.state === 'done' && row.answer) {
          return { state: 'replay', answer: row.answer, startedAt: new Date(row.started_at), completedAt: new Date(row.completed_at ?? row.started_at) };
        }
        if (row.lease_over) {
          await tx.update(idempotencyRecords).set(fresh).where(keyIs(ref));
          return { state: 'claimed', claim, takenOver: { startedAt: new Date(row.started_at) } };
        }
        return { state: 'inFlight', startedAt: new Date(row.started_at) };
      }),
    );
  }

  /**
   * Claims the key, waiting while another request (on any replica) works on it, until it completes (a replay), is
   * released or its owner's lease runs out (claimed), or `timeoutMs` passes ('timeout').
   */
  async claimOrWait(
    ref: IdempotencyKeyRef,
    fingerprint: string,
    options: { timeoutMs: number; pollMs?: number; sleep?: (ms: number) => Promise<void> },
  ): Promise<ClaimOutcome | { state: 'timeout' }> {
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const deadline = Date.now() + options.timeoutMs;
    let pollMs = options.pollMs ?? 50;
    for (;;) {
      const outcome = await this.claim(ref, fingerprint);
      if (outcome.state !== 'inFlight') return outcome;
      const left = deadline - Date.now();
      if (left <= 0) return { state: 'timeout' };
      await sleep(Math.min(pollMs, left));
      pollMs = Math.min(pollMs * 2, 500);
    }
  }

  /**
   * Takes a key back whose kept answer says "outcome unknown" (CDN may or may not have made the task), so that one
   * request resolves it: the row becomes this request's in-flight claim again, keeping when the first attempt began.
   * null when another request took it first (or it changed): the caller claims or waits again.
   */
  async retake(ref: IdempotencyKeyRef, fingerprint: string, seenCompletedAt: Date): Promise<IdempotencyClaim | null> {
    const token = randomUUID();
    const rows = await this.store.run((db) =>
      db
        .update(idempotencyRecords)
        .set({ state: 'inFlight', owner: token, leaseUntil: sql`now() + ${interval(this.leaseMs)}` })
        .where(
          and(
            keyIs(ref),
            eq(idempotencyRecords.state, 'done'),
            eq(idempotencyRecords.fingerprint, fingerprint),
            eq(idempotencyRecords.completedAt, seenCompletedAt),
          ),
        )
        .returning({ key: idempotencyRecords.key }),
    );
    return rows.length > 0 ? { ...ref, token } : null;
  }

  /** Keeps the answer for replays; false when the claim was lost (taken over after its lease ran out). */
  async complete(claim: IdempotencyClaim, answer: HttpAnswer): Promise<boolean> {
    const rows = await this.store.run((db) =>
      db
        .update(idempotencyRecords)
        .set({
          state: 'done',
          answer,
          completedAt: sql`now()`,
          leaseUntil: sql`now()`,
          expiresAt: sql`now() + ${interval(this.ttlMs)}`,
        })
        .where(ownedBy(claim))
        .returning({ key: idempotencyRecords.key }),
    );
    return rows.length > 0;
  }

  /** Forgets the claim after a clear refusal, so that the same key may really try again. */
  async release(claim: IdempotencyClaim): Promise<void> {
    await this.store.run((db) => db.delete(idempotencyRecords).where(ownedBy(claim)));
  }

  /** Extends the claim's lease; false when it was lost. */
  async renew(claim: IdempotencyClaim): Promise<boolean> {
    const rows = await this.store.run((db) =>
      db
        .update(idempotencyRecords)
        .set({ leaseUntil: sql`now() + ${interval(this.leaseMs)}` })
        .where(ownedBy(claim))
        .returning({ key: idempotencyRecords.key }),
    );
    return rows.length > 0;
  }

  /** Renews the lease every third of it until `stop()`; a failed renewal is logged, the next one tries again. */
  keepAlive(claim: IdempotencyClaim): () => void {
    const timer = setInterval(() => {
      this.renew(claim).catch((error: unknown) =>
        logAlert('store.idempotency.renew', { message: error instanceof Error ? error.message : String(error) }),
      );
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Deletes expired records (kept answers past their time, claims of processes long dead), in small batches. */
  async deleteExpired(options: { batchSize?: number } = {}): Promise<number> {
    const batchSize = options.batchSize ?? 500;
    let deleted = 0;
    for (;;) {
      const rows = await this.store.run((db) =>
        rowsOf<{ key: string }>(
          db,
          sql`delete from ${idempotencyRecords} where (user_id, key) in (
                select user_id, key from ${idempotencyRecords}
                where expires_at <= now() and lease_until <= now() limit ${batchSize})
              returning key`,
        ),
      );
      deleted += rows.length;
      if (rows.length < batchSize) return deleted;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
