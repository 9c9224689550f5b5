import { describe, expect, it } from 'vitest';
import { SubmissionKeys } from './submission-keys';

function keys() {
  let n = 0;
  return new SubmissionKeys(() => `key-${++n}`);
}

describe('SubmissionKeys', () => {
  const body = { kind: 'summary', startTime: 'a', endTime: 'b' };

  it('reuses the key of a body whose outcome is unknown', () => {
    const k = keys();
    expect(k.keyFor(body)).toBe('key-1');
    k.settle(body, true);
    expect(k.keyFor({ ...body })).toBe('key-1');
  });
  it('retires a key once the answer is definite', () => {
    const k = keys();
    k.keyFor(body);
    k.settle(body, false);
    expect(k.keyFor(body)).toBe('key-2');
  });
  it('gives a different body its own key', () => {
    const k = keys();
    expect(k.keyFor(body)).toBe('key-1');
    expect(k.keyFor({ ...body, endTime: 'c' })).toBe('key-2');
  });
  it('uses random UUIDs by default', () => {
    expect(new SubmissionKeys().keyFor(body)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
