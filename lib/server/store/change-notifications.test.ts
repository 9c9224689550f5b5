import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportKind } from '@/lib/exports/schemas';
import { openTestStore, storeKinds, type TestStore } from '@/test/store-fixtures';
import { notifyChanged, onChanged } from './change-notifications';
import type { Store } from './store';

/** Resolves with the next `count` kinds the listener hears. */
function hear(store: Store, count: number) {
  const heard: (ExportKind | null)[] = [];
  let done: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const listening = onChanged(store, (kind) => {
    heard.push(kind);
    if (heard.length === count) done();
  });
  return { listening, heard: all.then(() => heard) };
}

describe.each(storeKinds)('change notifications (%s store)', (kind) => {
  let t: TestStore;
  let replica: Store;
  beforeAll(async () => {
    t = await openTestStore(kind);
    replica = kind === 'postgres' ? await t.openReplica() : t.store;
  });
  afterAll(() => t.close());

  it('tells every listener, on every replica, which kind changed', async () => {
    const here = hear(t.store, 2);
    const there = hear(replica, 2);
    const stop = [await here.listening, await there.listening];
    await notifyChanged(t.store, 'summary');
    await notifyChanged(replica, 'detail');
    expect(await here.heard).toEqual(['summary', 'detail']);
    expect(await there.heard).toEqual(['summary', 'detail']);
    await Promise.all(stop.map((s) => s()));
  });

  it('stops telling a listener that unsubscribed', async () => {
    const heard: (ExportKind | null)[] = [];
    const stop = await onChanged(replica, (k) => heard.push(k));
    await stop();
    const still = hear(replica, 1);
    await still.listening;
    await notifyChanged(t.store, 'detail');
    expect(await still.heard).toEqual(['detail']);
    expect(heard).toEqual([]);
  });

  it('turns an unknown payload into "anything may have changed"', async () => {
    const next = hear(replica, 1);
    await next.listening;
    await t.store.notify('cdn_exports_changed', 'everything');
    expect(await next.heard).toEqual([null]);
  });
});
