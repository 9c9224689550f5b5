import { describe, expect, it } from 'vitest';
import { DownloadUrlSigner } from './download-urls';
import { FileCache } from './export-files';
import { NonceCache } from './nonce-cache';
import { TokenBuckets } from './rate-limit';
import { TaskStore, type NewTask } from './store';

const spec: NewTask = { family: 'summary', name: '', startMs: 0, endMs: 1000, language: 'en-us', domains: ['a.example.com'] };

describe('TaskStore', () => {
  it('lists newest first, ties broken by id, with the total and paging', () => {
    const store = new TaskStore(1000);
    const a = store.create(spec, 5000, false);
    const b = store.create(spec, 5000, false);
    const c = store.create(spec, 4000, false);
    store.create({ ...spec, family: 'detail', type: 'flow' }, 6000, false);
    expect(store.list('summary', 6000, 1, 20)).toEqual({ total: 3, tasks: [b, a, c] });
    expect(store.list('summary', 6000, 2, 2).tasks).toEqual([c]);
    expect(Number(b.id)).toBe(Number(a.id) + 1);
  });

  it('derives the status from the clock', () => {
    const store = new TaskStore(1000);
    const ok = store.create(spec, 0, false);
    const bad = store.create(spec, 0, true);
    expect(store.stateOf(ok, 999)).toEqual({ status: 'created', updatedMs: 0 });
    expect(store.stateOf(ok, 1000)).toEqual({ status: 'success', updatedMs: 1000 });
    expect(store.stateOf(bad, 5000)).toEqual({ status: 'failed', updatedMs: 1000 });
  });

  it('deletes within a family only, and never reuses ids', () => {
    const store = new TaskStore(0);
    const task = store.create(spec, 0, false);
    expect(store.delete('detail', task.id, 0)).toBe(false);
    expect(store.delete('summary', task.id, 0)).toBe(true);
    expect(store.delete('summary', task.id, 0)).toBe(false);
    store.clear();
    expect(store.create(spec, 0, false).id).not.toBe(task.id);
  });
});

describe('TokenBuckets', () => {
  it('passes a burst, then refills at the given rate, per key', () => {
    const buckets = new TokenBuckets(3, 10);
    expect([1, 2, 3, 4].map(() => buckets.take('k', 0))).toEqual([true, true, true, false]);
    expect(buckets.take('other', 0)).toBe(true);
    expect(buckets.take('k', 99)).toBe(false);
    expect(buckets.take('k', 100)).toBe(true);
    expect(buckets.take('k', 10_000)).toBe(true);
  });
});

describe('NonceCache', () => {
  it('refuses a nonce within the window and forgets it after', () => {
    const nonces = new NonceCache(1000);
    expect(nonces.remember('n', 0)).toBe(true);
    expect(nonces.remember('n', 999)).toBe(false);
    expect(nonces.remember('n', 1000)).toBe(true);
  });
});

describe('DownloadUrlSigner', () => {
  it('signs with a per-instance secret', () => {
    const url = new URL(new DownloadUrlSigner().sign('http://h:1', 'detail', '7', 2_000_000_000));
    expect(new DownloadUrlSigner().check(url.pathname, url.search.slice(1), 0)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('FileCache', () => {
  it('keeps the most recent files within its bounds', () => {
    const cache = new FileCache(2, 10);
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    cache.get('a');
    cache.set('c', Buffer.alloc(4));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
    cache.set('d', Buffer.alloc(11));
    expect(cache.get('d')).toBeUndefined();
  });
});
