import { describe, expect, it } from 'vitest';
import { ABSENT_FOR_MS, KnownCreators, SETTLE_MS } from './known-creators';

const ada = { name: 'Ada', email: 'ada@example.com' };
const oscar = { name: 'Oscar', email: 'oscar@example.com' };
const NOW = Date.parse('2026-12-01T12:00:00Z');
/** A task CDN made `ageMs` before NOW. */
const task = (id: string, ageMs = 3_600_000) => ({ id, createdAt: new Date(NOW - ageMs).toISOString().replace(/\.\d{3}Z$/, 'Z') });
/** The store was asked about `tasks` at NOW. */
const askedNow = (...tasks: { id: string; createdAt: string }[]) => ({ tasks, at: NOW });

function clock() {
  let now = NOW;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('KnownCreators', () => {
  it('answers what it was told, per kind, and names the rest as unknown', () => {
    const cache = new KnownCreators({ now: () => NOW });
    cache.remember('summary', new Map([['t1', ada]]));
    expect(cache.lookup('summary', [task('t1'), task('t2')])).toEqual({ known: new Map([['t1', ada]]), unknown: [task('t2')] });
    expect(cache.lookup('detail', [task('t1')])).toEqual({ known: new Map(), unknown: [task('t1')] });
  });

  it('keeps at most its capacity, dropping the oldest first', () => {
    const cache = new KnownCreators({ capacity: 2, now: () => NOW });
    cache.remember('summary', new Map([['t1', ada]]));
    cache.remember('summary', new Map([['t2', oscar]]));
    cache.remember('summary', new Map([['t3', ada]]));
    expect(cache.lookup('summary', [task('t1'), task('t2'), task('t3')]).unknown).toEqual([task('t1')]);
  });

  it('remembers for a while that the record has no creator for an old task, then asks again', () => {
    const time = clock();
    const cache = new KnownCreators({ now: time.now });
    const outside = task('t9');
    cache.remember('summary', new Map([['t1', ada]]), askedNow(task('t1'), outside));
    expect(cache.lookup('summary', [task('t1'), outside])).toEqual({ known: new Map([['t1', ada]]), unknown: [] });
    time.advance(ABSENT_FOR_MS - 1);
    expect(cache.lookup('summary', [outside]).unknown).toEqual([]);
    time.advance(1);
    expect(cache.lookup('summary', [outside]).unknown).toEqual([outside]);
  });

  it('asks again for a young task: the create that made it may still be recording its creator', () => {
    const cache = new KnownCreators({ now: () => NOW });
    const young = task('t5', SETTLE_MS - 1000);
    const unreadable = { id: 't6', createdAt: 'not a time' };
    cache.remember('summary', new Map(), askedNow(young, unreadable));
    expect(cache.lookup('summary', [young, unreadable]).unknown).toEqual([young, unreadable]);
    // Past the settling time, the same answer is believed.
    const settled = task('t5', SETTLE_MS);
    cache.remember('summary', new Map(), askedNow(settled));
    expect(cache.lookup('summary', [settled]).unknown).toEqual([]);
  });

  it("judges a task's age when the store was asked, not when it answered", () => {
    const time = clock();
    const cache = new KnownCreators({ now: time.now });
    const young = task('t8', SETTLE_MS - 1000);
    // Asked while the task was young; the answer (read before another replica's record landed) comes 10 s later.
    time.advance(10_000);
    cache.remember('summary', new Map(), askedNow(young));
    expect(cache.lookup('summary', [young]).unknown).toEqual([young]);
  });

  it('a creator recorded here outranks an earlier answer of "none", and is not overwritten by a late one', () => {
    const cache = new KnownCreators({ now: () => NOW });
    const late = task('t7');
    cache.remember('summary', new Map(), askedNow(late));
    cache.remember('summary', new Map([['t7', oscar]]));
    expect(cache.lookup('summary', [late]).known.get('t7')).toEqual(oscar);
    // A store answer read before the record was written arrives after it.
    cache.remember('summary', new Map(), askedNow(late));
    expect(cache.lookup('summary', [late]).known.get('t7')).toEqual(oscar);
  });
});
