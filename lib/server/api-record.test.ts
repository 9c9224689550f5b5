/**
 * Sign-in, roles and the record through the route handlers, on both kinds of store: who may do what, who created each
 * task, the activity entry of every create, delete, download and refusal (with this server's X-Request-Id), the
 * activity API and its CSV, creates refused while the store is down, and a restart keeping the entries.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { activityPageSchema } from '@/lib/exports/activity';
import { apiErrorSchema, createdExportSchema, exportTaskPageSchema } from '@/lib/exports/schemas';
import { appRequest, period, asUser, proxyAuthEnv, startHarness, summary, type Harness } from '@/test/bff-harness';
import { openTestStore, storeKinds, tempDataDir, type TestStore } from '@/test/store-fixtures';
import { openEmbeddedStore } from './store/embedded-store';
import { StoreUnavailableError } from './store/store-errors';
import type { Store } from './store/store';
import { queryActivity } from './store';


const ADA = asUser('ada', 'cdn-admins');
const OSCAR = asUser('oscar', 'cdn-operators');
const OLGA = asUser('olga', 'cdn-operators');
const VERA = asUser('vera', 'cdn-viewers');

const errorOf = async (res: Response) => apiErrorSchema.parse(await res.json()).error;

beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(storeKinds)('with sign-in (proxy mode) and the %s store', (kind) => {
  let t: TestStore;
  let h: Harness;
  // One emulator and one store for the suite: CDN's task ids are unique only within one emulator's life.
  beforeAll(async () => {
    t = await openTestStore(kind);
    h = await startHarness({ store: t.store, authEnv: proxyAuthEnv });
  });
  afterAll(async () => {
    await h.close();
    await t.close();
  });

  const list = (headers: Record<string, string>) => h.handlers.list(appRequest('/api/exports?kind=summary', { headers }));
  const create = (headers: Record<string, string>, json: unknown = summary) =>
    h.handlers.create(appRequest('/api/exports', { json, headers }));
  const remove = (headers: Record<string, string>, id: string) =>
    h.handlers.remove(appRequest(`/api/exports/summary/${id}`, { method: 'DELETE', headers: { origin: 'http://localhost:3000', ...headers } }), {
      kind: 'summary',
      id,
    });
  const download = (headers: Record<string, string>, id: string) =>
    h.handlers.download(appRequest(`/api/exports/summary/${id}/download`, { headers }), { kind: 'summary', id });
  const entryOf = async (requestId: string | null) => {
    const page = await queryActivity(h.store, { page: 1, size: 200 });
    return page.entries.find((e) => e.requestId === requestId);
  };

  it('no sign-in → 401 Unauthenticated, recorded as denied, with X-Request-Id', async () => {
    const res = await list({});
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('Unauthenticated');
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await entryOf(requestId)).toMatchObject({ action: 'denied', status: 401, actor: null, code: 'Unauthenticated' });
    // Forged identity headers without the proxy's secret are not believed.
    expect((await list({ 'x-forwarded-user': 'ada', 'x-forwarded-groups': 'cdn-admins' })).status).toBe(401);
  });

  it("records the sign-in routes' refusals (401, 403) as denied, under their own X-Request-Id", async () => {
    const refusing = h.handlers.signInRoute(async () =>
      Response.json({ error: { code: 'SignInFailed', message: 'no' } }, { status: 401, headers: { 'X-Request-Id': 'rid-signin-1' } }),
    );
    expect((await refusing(appRequest('/api/auth/callback?code=x&state=y'))).status).toBe(401);
    expect(await entryOf('rid-signin-1')).toMatchObject({ action: 'denied', status: 401, code: 'SignInFailed', actor: null });
    const fine = h.handlers.signInRoute(async () => new Response(null, { status: 302, headers: { 'X-Request-Id': 'rid-signin-2' } }));
    expect((await fine(appRequest('/api/auth/login'))).status).toBe(302);
    expect(await entryOf('rid-signin-2')).toBeUndefined();
  });

  it('asks who is there before judging the input: no sign-in with a bad body or path is 401, not 400', async () => {
    expect((await create({ origin: 'http://localhost:3000' }, { kind: 'nonsense' })).status).toBe(401);
    expect((await download({}, 'not an id')).status).toBe(401);
    const activity = await h.handlers.activity(appRequest('/api/activity?size=100000'));
    expect(activity.status).toBe(401);
  });

  it("a viewer's POST and DELETE are 403 naming the role needed, recorded, and reach no CDN", async () => {
    const before = (await h.stats()).calls;
    const post = await create(VERA);
    expect(post.status).toBe(403);
    expect(await errorOf(post)).toMatchObject({ code: 'Forbidden', message: expect.stringMatching(/operator role/) });
    const del = await remove(VERA, '1234567890');
    expect(del.status).toBe(403);
    expect(await entryOf(del.headers.get('x-request-id'))).toMatchObject({
      action: 'denied',
      status: 403,
      actor: { id: 'vera', email: 'vera@example.com' },
      role: 'viewer',
      taskId: '1234567890',
    });
    expect((await h.stats()).calls).toEqual(before);
    expect((await list(VERA)).status).toBe(200);
  });

  it('with sign-in on, a POST naming no page (no Origin, no Referer) is refused', async () => {
    const res = await h.handlers.create(
      new Request('http://localhost:3000/api/exports', {
        method: 'POST',
        headers: { ...OSCAR, 'content-type': 'application/json' },
        body: JSON.stringify(summary),
      }),
    );
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('ForbiddenOrigin');
  });

  it('records the creator: lists carry createdBy, the entry has actor, status and ids', async () => {
    const created = await create(OSCAR);
    expect(created.status).toBe(201);
    const { task, requestId: upstreamRequestId } = createdExportSchema.parse(await created.json());
    const entry = await entryOf(created.headers.get('x-request-id'));
    expect(entry).toMatchObject({
      action: 'create',
      status: 201,
      actor: { id: 'oscar', name: 'oscar', email: 'oscar@example.com' },
      role: 'operator',
      kind: 'summary',
      taskId: task.id,
      startTime: period.startTime,
      endTime: period.endTime,
      upstreamRequestId,
      ip: null,
    });
    const listed = exportTaskPageSchema.parse(await (await list(VERA)).json());
    expect(listed.tasks.find((x) => x.id === task.id)?.createdBy).toEqual({ name: 'oscar', email: 'oscar@example.com' });
  });

  it("the page's own list (server-rendered) is the API's list for that user; nothing for a stranger or a user with no role", async () => {
    const created = createdExportSchema.parse(await (await create(OSCAR)).json());
    const query = { kind: 'summary', page: 1, size: 20 } as const;
    const page = await h.handlers.listForPage(appRequest('/', { headers: VERA }), query);
    expect(page).toEqual(exportTaskPageSchema.parse(await (await list(VERA)).json()));
    expect(page?.tasks.find((x) => x.id === created.task.id)?.createdBy).toEqual({ name: 'oscar', email: 'oscar@example.com' });
    const statsBefore = await h.stats();
    expect(await h.handlers.listForPage(appRequest('/'), query)).toBeNull();
    expect(await h.handlers.listForPage(appRequest('/', { headers: asUser('nobody', 'none') }), query)).toBeNull();
    // A refusal here is no request of the user's: nothing is logged and CDN is not asked.
    expect(await h.stats()).toEqual(statsBefore);
  });

  it('a list whose creators were all read before asks the record nothing', async () => {
    expect((await create(OSCAR)).status).toBe(201);
    expect((await list(VERA)).status).toBe(200);
    const run = vi.spyOn(h.store, 'run');
    try {
      const again = exportTaskPageSchema.parse(await (await list(VERA)).json());
      expect(again.tasks[0]?.createdBy).toEqual({ name: 'oscar', email: 'oscar@example.com' });
      expect(run).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
    }
  });

  it('operators delete only their own tasks; admins any; the deletion is recorded', async () => {
    const { task } = createdExportSchema.parse(await (await create(OSCAR)).json());
    const deletes = (await h.stats()).calls.DeleteUserUsageDataExportTask ?? 0;
    const other = await remove(OLGA, task.id);
    expect(other.status).toBe(403);
    expect((await errorOf(other)).message).toMatch(/admin role/);
    expect((await h.stats()).calls.DeleteUserUsageDataExportTask ?? 0).toBe(deletes);

    const own = await remove(OSCAR, task.id);
    expect(own.status).toBe(204);
    expect(await entryOf(own.headers.get('x-request-id'))).toMatchObject({ action: 'delete', status: 204, taskId: task.id, actor: { id: 'oscar' } });

    // A task with no recorded owner (made outside the dashboard): admins only.
    const { task: second } = createdExportSchema.parse(await (await create(ADA)).json());
    expect((await remove(OSCAR, second.id)).status).toBe(403);
    expect((await remove(ADA, second.id)).status).toBe(204);
  });

  it('downloads are recorded with their status', async () => {
    const { task } = createdExportSchema.parse(await (await create(OSCAR)).json());
    const notReady = await download(VERA, task.id);
    expect(notReady.status).toBe(409);
    expect(await entryOf(notReady.headers.get('x-request-id'))).toMatchObject({ action: 'download', status: 409, code: 'TaskNotReady', taskId: task.id });
    await new Promise((r) => setTimeout(r, 250));
    const ok = await download(VERA, task.id);
    expect(ok.status).toBe(302);
    expect(await entryOf(ok.headers.get('x-request-id'))).toMatchObject({ action: 'download', status: 302, actor: { id: 'vera' } });
    // The page's check before a click hands out no URL and logs no download: one click, one entry.
    const check = await h.handlers.download(appRequest(`/api/exports/summary/${task.id}/download?check`, { headers: VERA }), {
      kind: 'summary',
      id: task.id,
    });
    expect(check.status).toBe(204);
    expect(check.headers.get('location')).toBeNull();
    expect(await entryOf(check.headers.get('x-request-id'))).toBeUndefined();
  });

  it('Idempotency-Keys belong to the user who sent them', async () => {
    const key = { 'idempotency-key': `shared-${kind}` };
    const a = createdExportSchema.parse(await (await create({ ...OSCAR, ...key })).json());
    const b = createdExportSchema.parse(await (await create({ ...OLGA, ...key })).json());
    expect(a.task.id).not.toBe(b.task.id);
    const again = await create({ ...OSCAR, ...key });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).task.id).toBe(a.task.id);
  });

  it('activity: admins only, filters checked, newest first, taskExists per entry', async () => {
    const { task } = createdExportSchema.parse(await (await create(OSCAR)).json());
    const forbidden = await h.handlers.activity(appRequest('/api/activity', { headers: OSCAR }));
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).message).toMatch(/admin role/);

    const bad = await h.handlers.activity(appRequest("/api/activity?size=500&action=drop&from=yesterday&actor=x';--", { headers: ADA }));
    expect(bad.status).toBe(400);
    expect(Object.keys((await errorOf(bad)).fields ?? {}).sort()).toEqual(['action', 'actor', 'from', 'size']);

    const page = activityPageSchema.parse(
      await (await h.handlers.activity(appRequest('/api/activity?actor=oscar@example.com&action=create&size=5', { headers: ADA }))).json(),
    );
    expect(page.entries[0]).toMatchObject({ action: 'create', taskId: task.id, taskExists: true });
    const ats = page.entries.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);

    await remove(OSCAR, task.id);
    const after = activityPageSchema.parse(
      await (await h.handlers.activity(appRequest(`/api/activity?actor=oscar&action=create`, { headers: ADA }))).json(),
    );
    expect(after.entries.find((e) => e.taskId === task.id)?.taskExists).toBe(false);
  });

  it('CSV export: a header row, every matching entry, formula cells defused', async () => {
    const evil = { ...asUser('mallory', 'cdn-operators', 'mallory@example.com'), 'x-forwarded-preferred-username': '=HYPERLINK("http://evil")' };
    await create(evil);
    const res = await h.handlers.activityExport(appRequest('/api/activity/export?actor=mallory', { headers: ADA }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,at,actorId,actorName/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect((await h.handlers.activityExport(appRequest('/api/activity/export', { headers: VERA }))).status).toBe(403);
  });
});

/** A store that is down: every operation rejects as the real ones do when the database is away. */
function downStore(kind: Store['kind']): Store {
  const down = () => Promise.reject(new StoreUnavailableError('connection refused'));
  return { kind, run: down, ping: down, notify: down, listen: down, close: async () => undefined };
}

describe('tasks the record has no creator for (made outside the dashboard)', () => {
  /** A harness whose clock is `aheadMs` ahead of CDN's, with one task made at CDN without the dashboard. */
  async function withOutsideTask(aheadMs: number, check: (h: Harness, outsideId: string) => Promise<void>): Promise<void> {
    const h = await startHarness({ now: () => Date.now() + aheadMs });
    try {
      const outside = await h.service.create({ kind: 'summary', startTime: period.startTime, endTime: period.endTime });
      await check(h, outside.task.id);
    } finally {
      await h.close();
    }
  }
  const list = async (h: Harness) =>
    exportTaskPageSchema.parse(await (await h.handlers.list(appRequest('/api/exports?kind=summary'))).json());

  it('the store is asked about them once, not at every list; a task created here is named without asking', async () => {
    // An hour ahead: every task CDN lists looks old enough that its create has recorded its creator, if any.
    await withOutsideTask(3_600_000, async (h, outsideId) => {
      const run = vi.spyOn(h.store, 'run');
      expect((await list(h)).tasks.find((t) => t.id === outsideId)?.createdBy).toBeNull();
      expect(run).toHaveBeenCalledTimes(1);
      expect((await list(h)).tasks.find((t) => t.id === outsideId)?.createdBy).toBeNull();
      expect(run).toHaveBeenCalledTimes(1);

      const created = createdExportSchema.parse(await (await h.handlers.create(appRequest('/api/exports', { json: summary }))).json());
      run.mockClear();
      const page = await list(h);
      expect(page.tasks.find((t) => t.id === created.task.id)?.createdBy).toEqual({ name: 'anonymous', email: null });
      expect(run).not.toHaveBeenCalled();
    });
  });

  it('a task made a moment ago is asked about at every list: another replica may still be recording its creator', async () => {
    await withOutsideTask(0, async (h) => {
      const run = vi.spyOn(h.store, 'run');
      for (let i = 0; i < 2; i += 1) await list(h);
      expect(run).toHaveBeenCalledTimes(2);
    });
  });
});

describe('with the store down', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ store: downStore('postgres') });
  });
  afterEach(async () => {
    await h.close();
  });

  it('creates and deletes are refused with 503 StoreUnavailable and never reach CDN; lists and health say so', async () => {
    const created = await h.handlers.create(appRequest('/api/exports', { json: summary, headers: { 'idempotency-key': 'down-1' } }));
    expect(created.status).toBe(503);
    expect((await errorOf(created)).code).toBe('StoreUnavailable');
    expect(created.headers.get('x-request-id')).toBeTruthy();
    const noKey = await h.handlers.create(appRequest('/api/exports', { json: summary }));
    expect(noKey.status).toBe(503);
    const del = await h.handlers.remove(appRequest('/api/exports/summary/1234567890', { method: 'DELETE' }), { kind: 'summary', id: '1234567890' });
    expect(del.status).toBe(503);
    expect((await h.stats()).calls).toEqual({});

    const listed = await h.handlers.list(appRequest('/api/exports?kind=summary'));
    expect(listed.status).toBe(200);

    const health = await h.handlers.health(appRequest('/api/health'));
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ upstream: { reachable: true }, store: { kind: 'postgres', ok: false } });
  });
});

describe('a restart', () => {
  it('keeps every entry (the same DATA_DIR reopened)', async () => {
    const dir = tempDataDir();
    try {
      let store = await openEmbeddedStore(dir);
      const h = await startHarness({ store });
      const created = await h.handlers.create(appRequest('/api/exports', { json: summary }));
      expect(created.status).toBe(201);
      const { task } = createdExportSchema.parse(await created.json());
      await h.close();
      await store.close();

      store = await openEmbeddedStore(dir);
      const page = await queryActivity(store, { page: 1, size: 50 });
      expect(page.entries).toEqual([
        expect.objectContaining({ action: 'create', status: 201, taskId: task.id, requestId: created.headers.get('x-request-id') }),
      ]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
