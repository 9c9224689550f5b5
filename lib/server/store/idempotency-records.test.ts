import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '@/test/store-fixtures';
import { IdempotencyRecords } from './idempotency-records';
import { idempotencyRecords } from './schema';
import type { Store } from './store';

const answer = { status: 201, body: { task: { id: 't-1' } }, headers: { 'X-Request-Id': 'req-1' } };
let n = 0;
const freshKey = (userId = 'u-1') => ({ userId, key: `key-${++n}` });

/** Makes a claim's lease run out now, as if its owner had died and stopped renewing it. */
const expireLease = (store: Store, ref: { userId: string; key: string }) =>
  store.run((db) =>
    db.update(idempotencyRecords).set({ leaseUntil: sql`now() - interval '1 second'` })
      .where(sql`user_id = ${ref.userId} and key = ${ref.key}`),
  );

describe.each(storeKinds)('idempotency records (%s store)', (kind) => {
  let t: TestStore;
  let records: IdempotencyRecords;
  /** The other replica's view: a second connection pool on the same database (PostgreSQL), the same store otherwise. */
  let other: IdempotencyRecords;
  beforeAll(async () => {
    t = await openTestStore(kind);
    records = new IdempotencyRecords(t.store);
    other = new IdempotencyRecords(kind === 'postgres' ? await t.openReplica() : t.store);
  });
  afterAll(() => t.close());

  it('claims a new key, then replays its kept answer to a retry on another replica', async () => {
    const ref = freshKey();
    const first = await records.claim(ref, 'fp-a');
    expect(first).toMatchObject({ state: 'claimed', takenOver: null });
    if (first.state !== 'claimed') return;
    expect(await other.claim(ref, 'fp-a')).toMatchObject({ state: 'inFlight' });
    expect(await records.complete(first.claim, answer)).toBe(true);
    const replay = await other.claim(ref, 'fp-a');
    expect(replay).toMatchObject({ state: 'replay', answer });
  });

  it('refuses the same key with a different body, in flight or done', async () => {
    const ref = freshKey();
    const first = await records.claim(ref, 'fp-a');
    expect(await other.claim(ref, 'fp-b')).toEqual({ state: 'mismatch' });
    if (first.state === 'claimed') await records.complete(first.claim, answer);
    expect(await other.claim(ref, 'fp-b')).toEqual({ state: 'mismatch' });
  });

  it('keeps keys per user', async () => {
    const mine = freshKey('u-mine');
    const theirs = { ...mine, userId: 'u-theirs' };
    expect((await records.claim(mine, 'fp-a')).state).toBe('claimed');
    expect((await other.claim(theirs, 'fp-b')).state).toBe('claimed');
  });

  it('frees a released key for a real second try', async () => {
    const ref = freshKey();
    const first = await records.claim(ref, 'fp-a');
    if (first.state !== 'claimed') throw new Error('expected a claim');
    await records.release(first.claim);
    expect(await other.claim(ref, 'fp-b')).toMatchObject({ state: 'claimed', takenOver: null });
  });

  it('lets a waiting retry on another replica get the answer once the first completes', async () => {
    const ref = freshKey();
    const first = await records.claim(ref, 'fp-a');
    if (first.state !== 'claimed') throw new Error('expected a claim');
    let polls = 0;
    const waited = other.claimOrWait(ref, 'fp-a', {
      timeoutMs: 60_000,
      sleep: async () => {
        polls += 1;
        if (polls === 2) await records.complete(first.claim, answer);
      },
    });
    expect(await waited).toMatchObject({ state: 'replay', answer });
    expect(polls).toBe(2);
  });

  it('gives up waiting after the timeout', async () => {
    const ref = freshKey();
    await records.claim(ref, 'fp-a');
    expect(await other.claimOrWait(ref, 'fp-a', { timeoutMs: 0 })).toEqual({ state: 'timeout' });
  });

  it('hands the key of a dead owner (lease run out) to the next request, saying when the first attempt began', async () => {
    const ref = freshKey();
    const first = await records.claim(ref, 'fp-a');
    if (first.state !== 'claimed') throw new Error('expected a claim');
    await expireLease(t.store, ref);
    const second = await other.claim(ref, 'fp-a');
    expect(second).toMatchObject({ state: 'claimed', takenOver: { startedAt: expect.any(Date) } });
    // The dead owner, were it to come back, can no longer complete or release what is now another's.
    expect(await records.complete(first.claim, answer)).toBe(false);
    expect(await records.renew(first.claim)).toBe(false);
    await records.release(first.claim);
    expect(await records.claim(ref, 'fp-a')).toMatchObject({ state: 'inFlight' });
    // A different body is still refused, even on a dead owner's key.
    await expireLease(t.store, ref);
    expect(await records.claim(ref, 'fp-z')).toEqual({ state: 'mismatch' });
  });

  it('renews a live lease so that nobody takes it over', async () => {
    const ref = freshKey();
    const first = await records.claim(ref, 'fp-a');
    if (first.state !== 'claimed') throw new Error('expected a claim');
    await expireLease(t.store, ref);
    expect(await records.renew(first.claim)).toBe(true);
    expect(await other.claim(ref, 'fp-a')).toMatchObject({ state: 'inFlight' });
  });

  it('deletes expired records and lets their key be claimed afresh', async () => {
    const ref = freshKey();
    const first = await records.claim(ref, 'fp-a');
    if (first.state !== 'claimed') throw new Error('expected a claim');
    await records.complete(first.claim, answer);
    await t.store.run((db) =>
      db.update(idempotencyRecords).set({ expiresAt: sql`now() - interval '1 second'` })
        .where(sql`user_id = ${ref.userId} and key = ${ref.key}`),
    );
    expect(await other.claim(ref, 'fp-b')).toMatchObject({ state: 'claimed' });
    const gone = freshKey();
    const g = await records.claim(gone, 'fp');
    if (g.state === 'claimed') await records.complete(g.claim, answer);
    await t.store.run((db) =>
      db.update(idempotencyRecords).set({ expiresAt: sql`now() - interval '1 second'` })
        .where(sql`user_id = ${gone.userId} and key = ${gone.key}`),
    );
    expect(await records.deleteExpired({ batchSize: 1 })).toBeGreaterThanOrEqual(1);
    expect((await records.claim(gone, 'fp-new')).state).toBe('claimed');
  });

  it('keeps answers at least ten minutes whatever it is told', async () => {
    const short = new IdempotencyRecords(t.store, { ttlMs: 1000 });
    const ref = freshKey();
    const first = await short.claim(ref, 'fp-a');
    if (first.state !== 'claimed') throw new Error('expected a claim');
    await short.complete(first.claim, answer);
    const [row] = await t.store.run((db) =>
      db.select({ left: sql<number>`extract(epoch from expires_at - now())::float8` }).from(idempotencyRecords)
        .where(sql`user_id = ${ref.userId} and key = ${ref.key}`),
    );
    expect(row!.left).toBeGreaterThanOrEqual(599);
  });

  it('gives one claim to many simultaneous requests with the same key on two replicas', async () => {
    const ref = freshKey();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? records : other).claim(ref, 'fp-a')),
    );
    expect(outcomes.filter((o) => o.state === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.state === 'inFlight')).toHaveLength(9);
  });
});
