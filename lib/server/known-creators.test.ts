import { describe, expect, it } from 'vitest';
import { KnownCreators } from './known-creators';

const ada = { name: 'Ada', email: 'ada@example.com' };
const oscar = { name: 'Oscar', email: 'oscar@example.com' };

describe('KnownCreators', () => {
  it('answers what it was told, per kind, and names the rest as unknown', () => {
    const cache = new KnownCreators();
    cache.remember('summary', new Map([['t1', ada]]));
    expect(cache.lookup('summary', ['t1', 't2'])).toEqual({ known: new Map([['t1', ada]]), unknown: ['t2'] });
    expect(cache.lookup('detail', ['t1'])).toEqual({ known: new Map(), unknown: ['t1'] });
  });

  it('keeps at most its capacity, dropping the oldest first', () => {
    const cache = new KnownCreators(2);
    cache.remember('summary', new Map([['t1', ada]]));
    cache.remember('summary', new Map([['t2', oscar]]));
    cache.remember('summary', new Map([['t3', ada]]));
    expect(cache.lookup('summary', ['t1', 't2', 't3']).unknown).toEqual(['t1']);
  });
});
