import { describe, expect, it } from 'vitest';
import { IdempotencyKeyReusedError, IdempotencyStore, fingerprintOf, isValidIdempotencyKey } from './idempotency-store';

const ok = (id: string) => async () => ({ answer: { status: 201, body: { id } }, keep: true });

describe('IdempotencyStore', () => {
  it('replays the first answer for the same key and body', async () => {
    const store = new IdempotencyStore();
    let runs = 0;
    const work = async () => ({ answer: { status: 201, body: { id: String(++runs) } }, keep: true });
    const first = await store.run('k', 'f', work);
    const second = await store.run('k', 'f', work);
    expect(first).toEqual({ answer: { status: 201, body: { id: '1' } }, replayed: false });
    expect(second).toEqual({ answer: { status: 201, body: { id: '1' } }, replayed: true });
    expect(runs).toBe(1);
  });

  it('refuses the same key with a different body, in flight or done', async () => {
    const store = new IdempotencyStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = store.run('k', 'f1', async () => {
      await gate;
      return { answer: { status: 201, body: {} }, keep: true };
    });
    await expect(store.run('k', 'f2', ok('x'))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    release();
    await first;
    await expect(store.run('k', 'f2', ok('x'))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('makes a concurrent request with the same key wait for the first one’s answer', async () => {
    const store = new IdempotencyStore();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = async () => {
      runs++;
      await gate;
      return { answer: { status: 201, body: { id: 'only' } }, keep: true };
    };
    const all = Promise.all([store.run('k', 'f', work), store.run('k', 'f', work), store.run('k', 'f', work)]);
    release();
    const answers = await all;
    expect(runs).toBe(1);
    expect(answers.map((a) => a.answer.body)).toEqual([{ id: 'only' }, { id: 'only' }, { id: 'only' }]);
  });

  it('forgets answers it is told not to keep, and failures', async () => {
    const store = new IdempotencyStore();
    await store.run('k', 'f', async () => ({ answer: { status: 429, body: {} }, keep: false }));
    expect((await store.run('k', 'f', ok('2'))).replayed).toBe(false);
    const s2 = new IdempotencyStore();
    await expect(s2.run('k', 'f', async () => { throw new Error('bug'); })).rejects.toThrow('bug');
    expect((await s2.run('k', 'f', ok('3'))).answer.body).toEqual({ id: '3' });
  });

  it('keeps keys for the ttl (at least 10 minutes by default) and then forgets them', async () => {
    let t = 0;
    const store = new IdempotencyStore({ now: () => t });
    await store.run('k', 'f', ok('1'));
    t = 10 * 60_000;
    expect((await store.run('k', 'f', ok('2'))).answer.body).toEqual({ id: '1' });
    t = 15 * 60_000 + 1;
    expect((await store.run('k', 'f', ok('2'))).answer.body).toEqual({ id: '2' });
  });

  it('stays within its size bound, evicting the oldest finished keys', async () => {
    const store = new IdempotencyStore({ maxEntries: 100 });
    for (let i = 0; i < 1000; i++) await store.run(`k${i}`, 'f', ok(String(i)));
    expect(store.size()).toBeLessThanOrEqual(100);
    expect((await store.run('k999', 'f', ok('new'))).replayed).toBe(true);
  });
});

describe('fingerprintOf', () => {
  it('ignores key order, not values', () => {
    expect(fingerprintOf({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(fingerprintOf({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
    expect(fingerprintOf([1, 2])).not.toBe(fingerprintOf([2, 1]));
  });
});

describe('isValidIdempotencyKey', () => {
  it('accepts 1-255 printable characters', () => {
    for (const key of ['a', '550e8400-e29b-41d4-a716-446655440000', 'x'.repeat(255), 'with space inside']) {
      expect(isValidIdempotencyKey(key), key).toBe(true);
    }
    for (const key of ['', 'x'.repeat(256), 'tab\there', 'nul\u0000', 'ünïcode', ' leading', 'trailing ']) {
      expect(isValidIdempotencyKey(key), key).toBe(false);
    }
  });
});
