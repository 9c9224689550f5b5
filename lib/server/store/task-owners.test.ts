import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '@/test/store-fixtures';
import { creatorsOf, liveTaskIds, markTaskDeleted, ownerOf, recordCreatedTask } from './task-owners';

const oscar = { id: 'u-oscar', name: 'Oscar Operator', email: 'oscar@example.com' };
const ada = { id: 'u-ada', name: 'Ada Admin', email: 'ada@example.com' };
const period = { startTime: '2026-05-01T00:00:00Z', endTime: '2026-05-01T23:59:59Z' };

describe.each(storeKinds)('task owners (%s store)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.close());

  it('records the creator of each task and answers a list page in one call', async () => {
    await recordCreatedTask(t.store, { kind: 'summary', taskId: 's-1', name: 'May', ...period, createdBy: oscar });
    await recordCreatedTask(t.store, { kind: 'summary', taskId: 's-2', name: 'May', ...period, createdBy: ada });
    await recordCreatedTask(t.store, { kind: 'detail', taskId: 's-1', name: 'May', ...period, createdBy: ada });

    const creators = await creatorsOf(t.store, 'summary', ['s-1', 's-2', 'outside-1', 's-1']);
    expect(creators).toEqual(
      new Map([
        ['s-1', { name: oscar.name, email: oscar.email }],
        ['s-2', { name: ada.name, email: ada.email }],
      ]),
    );
    expect(await creatorsOf(t.store, 'summary', [])).toEqual(new Map());
    expect(await ownerOf(t.store, 'summary', 's-1')).toEqual(oscar);
    expect(await ownerOf(t.store, 'detail', 's-1')).toEqual(ada);
    expect(await ownerOf(t.store, 'summary', 'outside-1')).toBeNull();
  });

  it('keeps the first creator when the same task is recorded twice', async () => {
    expect(await recordCreatedTask(t.store, { kind: 'summary', taskId: 'twice', name: 'A', ...period, createdBy: oscar })).toBe(true);
    expect(await recordCreatedTask(t.store, { kind: 'summary', taskId: 'twice', name: 'B', ...period, createdBy: ada })).toBe(false);
    expect(await ownerOf(t.store, 'summary', 'twice')).toEqual(oscar);
  });

  it('marks a deleted task, which keeps its creator but is no longer live', async () => {
    await recordCreatedTask(t.store, { kind: 'detail', taskId: 'gone', name: 'X', ...period, createdBy: oscar });
    await recordCreatedTask(t.store, { kind: 'detail', taskId: 'kept', name: 'Y', ...period, createdBy: oscar });
    expect(await markTaskDeleted(t.store, 'detail', 'gone')).toBe(true);
    expect(await markTaskDeleted(t.store, 'detail', 'never-recorded')).toBe(false);
    expect(await ownerOf(t.store, 'detail', 'gone')).toEqual(oscar);
    expect(await liveTaskIds(t.store, 'detail', ['gone', 'kept', 'never-recorded'])).toEqual(new Set(['kept']));
  });
});
