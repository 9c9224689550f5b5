import { describe, expect, it } from 'vitest';
import { DataDirLockedError, isUnavailable, StoreUnavailableError, toStoreError } from './store-errors';

const pgError = (code: string, message = 'pg says no') => Object.assign(new Error(message), { code });

describe('store errors', () => {
  it('counts connection failures and server shutdowns as "unavailable"', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('08006'),
      pgError('53300', 'too many connections'),
      new Error('PGlite is closed'),
    ]) {
      expect(isUnavailable(error)).toBe(true);
      const mapped = toStoreError(error);
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect(mapped).toMatchObject({ code: 'StoreUnavailable' });
    }
  });

  it("looks through the query layer's wrapping to the driver's error", () => {
    const wrapped = new Error('Failed query: insert …', { cause: pgError('57P01') });
    expect(toStoreError(wrapped)).toBeInstanceOf(StoreUnavailableError);
    const bug = new Error('Failed query: selec 1', { cause: pgError('42601', 'syntax error') });
    expect(toStoreError(bug)).toBe(bug);
  });

  it('leaves our own bugs and data errors as they are: those are 500s, not outages', () => {
    const typeError = new TypeError('x is undefined');
    expect(toStoreError(typeError)).toBe(typeError);
    const unique = pgError('23505', 'duplicate key');
    expect(toStoreError(unique)).toBe(unique);
    const locked = new DataDirLockedError('/data');
    expect(toStoreError(locked)).toBe(locked);
  });
});
