import { describe, expect, it } from 'vitest';
import { ListCache } from './list-cache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ListCache', () => {
  it('shares one call among concurrent identical requests and reuses its answer within the ttl', async () => {
    let t = 0;
    const cache = new ListCache<'summary' | 'detail', string>(2000, { now: () => t });
    let calls = 0;
    const pending = deferred<string>();
    const fetch = () => {
      calls++;
      return pending.promise;
    };
    const all = Promise.all(Array.from({ length: 100 }, () => cache.get('summary', '1:20', fetch)));
    pending.resolve('page');
    expect(await all).toEqual(Array(100).fill('page'));
    expect(calls).toBe(1);
    t = 1999;
    expect(await cache.get('summary', '1:20', async () => 'new')).toBe('page');
    t = 2000;
    expect(await cache.get('summary', '1:20', async () => 'new')).toBe('new');
  });

  it('never mixes kinds or pages', async () => {
    const cache = new ListCache<'summary' | 'detail', string>(2000);
    expect(await cache.get('summary', '1:20', async () => 's1')).toBe('s1');
    expect(await cache.get('detail', '1:20', async () => 'd1')).toBe('d1');
    expect(await cache.get('summary', '2:20', async () => 's2')).toBe('s2');
    expect(await cache.get('summary', '1:50', async () => 's1-50')).toBe('s1-50');
    expect(await cache.get('summary', '1:20', async () => 'x')).toBe('s1');
  });

  it('drops a kind on invalidate, including a call in flight, but not the other kind', async () => {
    const cache = new ListCache<'summary' | 'detail', string>(2000);
    await cache.get('detail', '1:20', async () => 'd-old');
    const inFlight = deferred<string>();
    const before = cache.get('summary', '1:20', () => inFlight.promise);
    cache.invalidate('summary');
    const after = cache.get('summary', '1:20', async () => 'fresh');
    inFlight.resolve('stale');
    expect(await before).toBe('stale');
    expect(await after).toBe('fresh');
    // The stale answer was not stored over the fresh one.
    expect(await cache.get('summary', '1:20', async () => 'x')).toBe('fresh');
    expect(await cache.get('detail', '1:20', async () => 'x')).toBe('d-old');
  });

  it('shares a failure among those who waited together but does not keep it', async () => {
    const cache = new ListCache<'summary' | 'detail', string>(2000);
    const failing = deferred<string>();
    const a = cache.get('summary', 'k', () => failing.promise);
    const b = cache.get('summary', 'k', async () => 'not called');
    failing.reject(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await expect(b).rejects.toThrow('down');
    expect(await cache.get('summary', 'k', async () => 'ok')).toBe('ok');
  });

  it('honours a caller’s shorter maximum age, and a ttl of 0 turns reuse off but keeps coalescing', async () => {
    let t = 0;
    const cache = new ListCache<'summary' | 'detail', string>(2000, { now: () => t });
    await cache.get('summary', 'k', async () => 'a');
    t = 10;
    expect(await cache.get('summary', 'k', async () => 'b', 0)).toBe('b');

    const off = new ListCache<'summary' | 'detail', string>(0);
    const gate = deferred<string>();
    let calls = 0;
    const both = Promise.all([off.get('summary', 'k', () => (calls++, gate.promise)), off.get('summary', 'k', () => (calls++, gate.promise))]);
    gate.resolve('v');
    await both;
    expect(calls).toBe(1);
    expect(await off.get('summary', 'k', async () => 'w')).toBe('w');
  });

  it('stays bounded', async () => {
    const cache = new ListCache<'summary' | 'detail', number>(60_000, { maxEntries: 10 });
    for (let i = 0; i < 50; i++) await cache.get('summary', String(i), async () => i);
    expect(cache.size()).toBeLessThanOrEqual(11);
  });
});
