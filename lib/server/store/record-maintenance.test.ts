import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newActivityEntry, openTestStore, storeKinds, type TestStore } from '@/test/store-fixtures';
import { appendActivity, queryActivity } from './activity-log';
import { IdempotencyRecords } from './idempotency-records';
import { retentionDaysFromEnv, scheduleRecordMaintenance } from './record-maintenance';
import { activityLog, idempotencyRecords } from './schema';
import type { Store } from './store';
import { StoreUnavailableError } from './store-errors';

const newEntry = (requestId: string) =>
  newActivityEntry({ actor: null, role: null, action: 'denied', kind: null, taskId: null, startTime: null, endTime: null,
    status: 401, requestId, upstreamRequestId: undefined, ip: null });

describe('retentionDaysFromEnv', () => {
  it('defaults to 400 days and refuses anything but a whole number of days', () => {
    expect(retentionDaysFromEnv({})).toBe(400);
    expect(retentionDaysFromEnv({ AUDIT_RETENTION_DAYS: ' ' })).toBe(400);
    expect(retentionDaysFromEnv({ AUDIT_RETENTION_DAYS: '30' })).toBe(30);
    for (const bad of ['0', '-1', '1.5', 'forever', '99999']) {
      expect(() => retentionDaysFromEnv({ AUDIT_RETENTION_DAYS: bad })).toThrow(/AUDIT_RETENTION_DAYS/);
    }
  });
});

describe.each(storeKinds)('record maintenance (%s store)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.close());

  it('deletes old activity and expired idempotency records, and keeps the rest', async () => {
    const old = await appendActivity(t.store, newEntry('old'));
    await appendActivity(t.store, newEntry('recent'));
    await t.store.run((db) =>
      db.update(activityLog).set({ at: sql`now() - interval '31 days'` }).where(sql`${activityLog.id} = ${old.id}`),
    );
    const records = new IdempotencyRecords(t.store);
    const claimed = await records.claim({ userId: 'u', key: 'k' }, 'fp');
    if (claimed.state === 'claimed') await records.complete(claimed.claim, { status: 201, body: {} });
    await t.store.run((db) => db.update(idempotencyRecords).set({ expiresAt: sql`now() - interval '1 second'` }));

    const schedule = scheduleRecordMaintenance(t.store, { retentionDays: 30 });
    try {
      expect(await schedule.runNow()).toEqual({ activityDeleted: 1, idempotencyDeleted: 1 });
    } finally {
      schedule.stop();
    }
    const left = await queryActivity(t.store, { page: 1, size: 50 });
    expect(left.entries.map((e) => e.requestId)).toEqual(['recent']);
  });
});

describe('record maintenance without its store', () => {
  it('skips a run while the store is away, without throwing', async () => {
    const down = { run: () => Promise.reject(new StoreUnavailableError('gone')) } as unknown as Store;
    const schedule = scheduleRecordMaintenance(down, { retentionDays: 30 });
    try {
      await expect(schedule.runNow()).resolves.toBeNull();
    } finally {
      schedule.stop();
    }
  });
});
