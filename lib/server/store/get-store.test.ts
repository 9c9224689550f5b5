import { describe, expect, it } from 'vitest';
import { lazyStore, storeSettingsFromEnv } from './get-store';
import type { Store } from './store';
import { DataDirLockedError, StoreUnavailableError } from './store-errors';

describe('storeSettingsFromEnv', () => {
  it('chooses PostgreSQL with DATABASE_URL, else PGlite under DATA_DIR (default ./data)', () => {
    expect(storeSettingsFromEnv({})).toEqual({ kind: 'embedded', location: './data' });
    expect(storeSettingsFromEnv({ DATA_DIR: '/var/lib/exports', DATABASE_URL: ' ' })).toEqual({
      kind: 'embedded',
      location: '/var/lib/exports',
    });
    expect(storeSettingsFromEnv({ DATABASE_URL: 'postgres://u@db:5432/exports' })).toEqual({
      kind: 'postgres',
      location: 'postgres://u@db:5432/exports',
    });
    expect(() => storeSettingsFromEnv({ DATABASE_URL: 'mysql://db/x' })).toThrow(/DATABASE_URL/);
  });
});

describe('lazyStore', () => {
  const fakeStore = { kind: 'embedded', run: async (work: (db: never) => unknown) => work(undefined as never), close: async () => {} };

  it('opens nothing until first used, then opens once', async () => {
    let opens = 0;
    const store = lazyStore({ kind: 'embedded', location: './x' }, async () => {
      opens += 1;
      return fakeStore as unknown as Store;
    });
    expect(store.kind).toBe('embedded');
    expect(opens).toBe(0);
    await Promise.all([store.run(async () => 1), store.run(async () => 2)]);
    expect(opens).toBe(1);
  });

  it('tries to open again after an open failed because the database was away', async () => {
    let opens = 0;
    const store = lazyStore({ kind: 'postgres', location: 'postgres://x' }, async () => {
      opens += 1;
      if (opens === 1) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return fakeStore as unknown as Store;
    });
    await expect(store.run(async () => 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.run(async () => 2)).resolves.toBe(2);
  });

  it('passes on a locked DATA_DIR as it is', async () => {
    const store = lazyStore({ kind: 'embedded', location: './x' }, async () => {
      throw new DataDirLockedError('/x');
    });
    await expect(store.ping()).rejects.toBeInstanceOf(DataDirLockedError);
  });
});
