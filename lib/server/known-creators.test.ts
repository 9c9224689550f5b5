import { describe, expect, it } from 'vitest';
import { KnownCreators } from './known-creators';

const ada = { name: 'Ada', email: 'ada@example.com' };
const oscar = { name: 'Oscar', email: 'oscar@example.com' };
const NOW = Date.parse('2026-12-01T12:00:00Z');
/** A task CDN made `ageS` seconds before NOW. */
const task = (id: string, ageS = 3600) => ({ id, createdAt: new Date(NOW - ageS * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') });

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

  it('remembers for a minute that the record has no creator for an old task, then asks again', () => {
    const time = clock();
    const cache = new KnownCreators({ now: time.now });
    const outside = task('t9');
    cache.remember('summary', new Map([['t1', ada]]), [task('t1'), outside]);
    expect(cache.lookup('summary', [task('t1'), outside])).toEqual({ known: new Map([['t1', ada]]), unknown: [] });
    time.advance(59_000);
    expect(cache.lookup('summary', [outside]).unknown).toEqual([]);
    time.advance(1_000);
    expect(cache.lookup('summary', [outside]).unknown).toEqual([outside]);
  });

  it('asks again for a young task: another replica may still be recording its creator', () => {
    const cache = new KnownCreators({ now: () => NOW });
    const fresh = task('t5', 20);
    cache.remember('summary', new Map(), [fresh, { id: 't6', createdAt: 'not a time' }]);
    expect(cache.lookup('summary', [fresh, { id: 't6', createdAt: 'not a time' }]).unknown.map((t) => t.id)).toEqual(['t5', 't6']);
    // Past the settling time, the same answer is believed.
    const old = task('t5', 31);
    cache.remember('summary', new Map(), [old]);
    expect(cache.lookup('summary', [old]).unknown).toEqual([]);
  });

  it('a creator recorded here outranks an earlier answer of "none", and is not overwritten by a late one', () => {
    const cache = new KnownCreators({ now: () => NOW });
    const late = task('t7');
    cache.remember('summary', new Map(), [late]);
    cache.remember('summary', new Map([['t7', oscar]]));
    expect(cache.lookup('summary', [late]).known.get('t7')).toEqual(oscar);
    // A store answer read before the record was written arrives after it.
    cache.remember('summary', new Map(), [late]);
    expect(cache.lookup('summary', [late]).known.get('t7')).toEqual(oscar);
  });
});
