import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityQuerySchema, type ActivityQuery } from '@/lib/exports/activity';
import { newActivityEntry, openTestStore, storeKinds, type TestStore } from '@/test/store-fixtures';
import { appendActivity, deleteActivityOlderThan, eachActivity, queryActivity } from './activity-log';
import { activityLog } from './schema';

const ada = { id: 'u-ada', name: 'Ada Admin', email: 'ada@example.com' };
const query = (q: Record<string, string> = {}): ActivityQuery => activityQuerySchema.parse(q);

describe.each(storeKinds)('activity log (%s store)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.close());

  it("writes an entry with exactly the contract's fields and reads it back", async () => {
    const written = await appendActivity(t.store, newActivityEntry());
    expect(written).toEqual({
      ...newActivityEntry(),
      id: expect.any(String),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(Object.keys(written).sort()).toEqual([
      'action', 'actor', 'at', 'endTime', 'id', 'ip', 'kind', 'requestId', 'role', 'startTime', 'status', 'taskId', 'upstreamRequestId',
    ]);
    const denied = await appendActivity(
      t.store,
      newActivityEntry({ actor: null, role: null, action: 'denied', kind: null, taskId: null, startTime: null, endTime: null,
        status: 401, code: 'Unauthenticated', upstreamRequestId: undefined, requestId: 'req-2' }),
    );
    expect(denied).toMatchObject({ actor: null, action: 'denied', status: 401, code: 'Unauthenticated' });
    expect(denied).not.toHaveProperty('upstreamRequestId');
    const page = await queryActivity(t.store, query());
    expect(page.entries.map((e) => e.requestId)).toEqual(['req-2', 'req-1']);
    expect(page.entries[1]).toEqual(written);
  });

  it('filters by actor (email in any case, or user id), action, kind and period; pages newest first with a total', async () => {
    for (let i = 0; i < 7; i++) {
      await appendActivity(t.store, newActivityEntry({ actor: ada, role: 'admin', action: 'delete', kind: 'detail', requestId: `ada-${i}` }));
    }
    await appendActivity(t.store, newActivityEntry({ action: 'download', requestId: 'oscar-dl' }));

    const adaPage2 = await queryActivity(t.store, query({ actor: 'ADA@example.com', page: '2', size: '3' }));
    expect(adaPage2).toMatchObject({ page: 2, size: 3, total: 7 });
    expect(adaPage2.entries.map((e) => e.requestId)).toEqual(['ada-3', 'ada-2', 'ada-1']);
    expect((await queryActivity(t.store, query({ actor: 'u-ada' }))).total).toBe(7);
    expect((await queryActivity(t.store, query({ actor: 'u-oscar', action: 'download' }))).entries.map((e) => e.requestId))
      .toEqual(['oscar-dl']);
    expect((await queryActivity(t.store, query({ kind: 'detail', action: 'create' }))).total).toBe(0);

    const all = (await queryActivity(t.store, query({ size: '200' }))).entries;
    const newest = new Date(all[0]!.at);
    const second = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const inWindow = await queryActivity(t.store, query({ from: second(newest), to: second(newest), size: '200' }));
    expect(inWindow.entries.map((e) => e.id)).toContain(all[0]!.id);
    const later = new Date(newest.getTime() + 2000);
    expect((await queryActivity(t.store, query({ from: second(later) }))).total).toBe(0);
    expect((await queryActivity(t.store, query({ to: '2000-01-01T00:00:00Z' }))).total).toBe(0);
  });

  it('walks every matching entry in batches, newest first, without repeats', async () => {
    const seen: string[] = [];
    for await (const e of eachActivity(t.store, { actor: 'u-ada' }, { batchSize: 2 })) seen.push(e.requestId);
    expect(seen).toEqual(['ada-6', 'ada-5', 'ada-4', 'ada-3', 'ada-2', 'ada-1', 'ada-0']);
    const everything = [];
    for await (const e of eachActivity(t.store, {}, { batchSize: 4 })) everything.push(e);
    expect(everything.length).toBe((await queryActivity(t.store, query())).total);
  });

  it('deletes entries older than the retention in batches and keeps the rest', async () => {
    const old = await appendActivity(t.store, newActivityEntry({ requestId: 'old-1' }));
    const older = await appendActivity(t.store, newActivityEntry({ requestId: 'old-2' }));
    const oldish = await appendActivity(t.store, newActivityEntry({ requestId: 'old-3' }));
    await t.store.run((db) =>
      db.update(activityLog).set({ at: sql`now() - interval '401 days'` }).where(sql`${activityLog.id} in (${old.id}, ${older.id}, ${oldish.id})`),
    );
    const before = (await queryActivity(t.store, query())).total;
    expect(await deleteActivityOlderThan(t.store, 400, { batchSize: 2 })).toBe(3);
    expect((await queryActivity(t.store, query())).total).toBe(before - 3);
    expect(await deleteActivityOlderThan(t.store, 400)).toBe(0);
  });
});
