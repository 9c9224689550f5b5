import { describe, expect, it } from 'vitest';
import { fingerprintOf, isValidIdempotencyKey } from './idempotency-keys';

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
