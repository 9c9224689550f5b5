import { describe, expect, it } from 'vitest';
import { boundedCache } from './bounded-cache';

describe('boundedCache', () => {
  it('computes a key once and answers it from memory after', () => {
    const cache = boundedCache<number>(10);
    let computed = 0;
    const compute = () => {
      computed += 1;
      return 42;
    };
    expect(cache('a', compute)).toBe(42);
    expect(cache('a', compute)).toBe(42);
    expect(computed).toBe(1);
  });

  it('starts afresh when full, so it never holds more than its bound', () => {
    const cache = boundedCache<string>(2);
    const computedKeys: string[] = [];
    const get = (key: string) => cache(key, () => (computedKeys.push(key), key.toUpperCase()));
    get('a');
    get('b');
    get('c'); // full: a and b are dropped
    get('c');
    get('a');
    expect(computedKeys).toEqual(['a', 'b', 'c', 'a']);
  });
});
