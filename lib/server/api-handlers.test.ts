/**
 * The handlers against the CDN emulator, in-process: real HTTP, the official SDK, signatures, faults. What the
 * emulator's stats count is what reached "CDN".
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiErrorSchema, createdExportSchema, exportTaskPageSchema, healthSchema } from '@/lib/exports/schemas';
import { appRequest, period, shanghaiMidnight, startHarness, summary, type Harness } from '@/test/bff-harness';
import { openTestStore, type TestStore } from '@/test/store-fixtures';

// Yesterday and the day before in Shanghai, relative to the real clock: the emulator validates against it too.
const detail = { kind: 'detail', type: 'flow', ...period };

const SHORT_READS = { baseMs: 20, capMs: 100, budgetMs: 2500, minAttemptMs: 500, maxAttempts: 4 };
const SHORT_WRITES = { baseMs: 20, capMs: 100, budgetMs: 2500, minAttemptMs: 500, maxAttempts: 3 };

let h: Harness;
// One embedded store for the file: opening PGlite takes a moment, and each test's keys and tasks are its own.
let shared: TestStore;
beforeAll(async () => {
  shared = await openTestStore('embedded');
});
afterAll(async () => {
  await shared.close();
});
const calls = async (action: string) => (await h.stats()).calls[action] ?? 0;
const totalCalls = async () => Object.values((await h.stats()).calls).reduce((a, b) => a + b, 0);

const list = (query: string) => h.handlers.list(appRequest(`/api/exports?${query}`));
const create = (json: unknown, headers: Record<string, string> = {}) =>
  h.handlers.create(appRequest('/api/exports', { json, headers }));
const download = (kind: string, id: string) => h.handlers.download(appRequest(`/api/exports/${kind}/${id}/download`), { kind, id });
const remove = (kind: string, id: string, headers: Record<string, string> = { origin: 'http://localhost:3000' }) =>
  h.handlers.remove(appRequest(`/api/exports/${kind}/${id}`, { method: 'DELETE', headers }), { kind, id });

async function errorOf(res: Response) {
  return apiErrorSchema.parse(await res.json()).error;
}

/** Long enough that a download right after a create finds the task still generating, even on a busy machine. */
const TASK_MS = 1000;

beforeEach(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  h = await startHarness({ store: shared.store, service: { readPolicy: SHORT_READS, writePolicy: SHORT_WRITES }, taskMs: TASK_MS });
});
afterEach(async () => {
  await h.close();
  vi.restoreAllMocks();
});

describe('success paths', () => {
  it.each([
    ['summary', summary],
    ['detail', detail],
  ] as const)('%s: create, list, download, delete', async (kind, body) => {
    const created = await create(body);
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { task, requestId } = createdExportSchema.parse(await created.json());
    expect(task).toMatchObject({ kind, startTime: period.startTime, endTime: period.endTime });
    expect(task.name).toMatch(kind === 'summary' ? /^Usage history / : /^Usage details \(flow\) /);
    expect(requestId).toBeTruthy();

    const listed = exportTaskPageSchema.parse(await (await list(`kind=${kind}`)).json());
    expect(listed).toMatchObject({ kind, page: 1, size: 20, total: 1 });
    expect(listed.tasks[0]).toMatchObject({ id: task.id, status: 'created', downloadable: false });
    expect(JSON.stringify(listed)).not.toMatch(/Signature|_files/);

    const notReady = await download(kind, task.id);
    expect(notReady.status).toBe(409);
    expect((await errorOf(notReady)).code).toBe('TaskNotReady');

    await new Promise((r) => setTimeout(r, TASK_MS + 100));
    const redirect = await download(kind, task.id);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('cache-control')).toBe('no-store');
    const location = redirect.headers.get('location') ?? '';
    expect(location.startsWith(h.emulator.url)).toBe(true);
    const file = await fetch(location);
    expect(file.status).toBe(200);

    expect((await remove(kind, task.id)).status).toBe(204);
    const gone = await remove(kind, task.id);
    expect(gone.status).toBe(404);
    expect(await errorOf(gone)).toMatchObject({ code: 'TaskNotFound', requestId: expect.any(String) });
    expect((await download(kind, task.id)).status).toBe(404);
    expect(exportTaskPageSchema.parse(await (await list(`kind=${kind}`)).json()).total).toBe(0);
  });

  it('creates a detail export for chosen domains or a group, and lists pages', async () => {
    expect((await create({ ...detail, type: 'vas', domains: ['www.example.com'], name: 'Mine', language: 'en-us' })).status).toBe(201);
    expect((await create({ ...detail, group: 'my-group' })).status).toBe(201);
    const page = exportTaskPageSchema.parse(await (await list('kind=detail&page=2&size=1')).json());
    expect(page).toMatchObject({ page: 2, size: 1, total: 2 });
    expect(page.tasks).toHaveLength(1);
    expect(exportTaskPageSchema.parse(await (await list('kind=summary')).json()).total).toBe(0);
  });

  it('answers health with the upstream latency', async () => {
    const res = await h.handlers.health();
    expect(res.status).toBe(200);
    expect(healthSchema.parse(await res.json())).toMatchObject({ status: 'ok', upstream: { reachable: true, latencyMs: expect.any(Number) } });
  });
});

describe('validation happens before any upstream call', () => {
  const bad: [string, unknown, string][] = [
    ['no kind', { ...period }, 'kind'],
    ['unknown kind', { ...period, kind: 'other' }, 'kind'],
    ['bad start', { ...summary, startTime: '2026-13-01T00:00:00Z' }, 'startTime'],
    ['millis', { ...summary, startTime: '2026-11-01T00:00:00.000Z' }, 'startTime'],
    ['end before start', { ...summary, startTime: period.endTime, endTime: period.startTime }, 'endTime'],
    ['more than 31 days', { ...summary, startTime: shanghaiMidnight(-40) }, 'endTime'],
    ['in the future', { ...summary, endTime: shanghaiMidnight(3) }, 'endTime'],
    ['over a year ago', { ...summary, startTime: shanghaiMidnight(-400), endTime: shanghaiMidnight(-399) }, 'startTime'],
    ['unknown field', { ...summary, extra: 1 }, 'extra'],
    ['long name', { ...summary, name: 'x'.repeat(101) }, 'name'],
    ['blank name', { ...summary, name: '   ' }, 'name'],
    ['control chars in name', { ...summary, name: 'a\u0007b' }, 'name'],
    ['half a surrogate pair in name', { ...summary, name: 'a\ud800' }, 'name'],
    ['half a surrogate pair in group', { ...detail, group: '\udfff' }, 'group'],
    ['a field named constructor', { ...summary, constructor: 1 }, 'constructor'],
    ['language', { ...summary, language: 'fr' }, 'language'],
    ['type missing', { ...period, kind: 'detail' }, 'type'],
    ['type wrong', { ...detail, type: 'bandwidth' }, 'type'],
    ['bad domain', { ...detail, domains: ['not a host'] }, 'domains'],
    ['no domains', { ...detail, domains: [] }, 'domains'],
    ['too many domains', { ...detail, domains: Array.from({ length: 101 }, (_, i) => `d${i}.example.com`) }, 'domains'],
    ['domains and group', { ...detail, domains: ['a.example.com'], group: 'g' }, 'group'],
    ['summary with type', { ...summary, type: 'flow' }, 'type'],
    ['null', null, 'body'],
    ['array', [summary], 'body'],
    ['string', 'summary', 'body'],
  ];
  it.each(bad)('create: %s → 400 with fields.%s', async (_label, body, field) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('InvalidInput');
    expect(error.fields).toHaveProperty(field);
    expect(await totalCalls()).toBe(0);
  });

  it('create: bad JSON, wrong content type, huge and empty bodies, bad Idempotency-Key', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      h.handlers.create(new Request('http://localhost:3000/api/exports', { method: 'POST', body, headers: { host: 'localhost:3000', ...headers } }));
    expect((await post('{"kind":', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await post('', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await post(JSON.stringify(summary), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(JSON.stringify(summary), {})).status).toBe(415);
    expect((await post(JSON.stringify({ ...summary, name: 'x'.repeat(100_000) }), { 'content-type': 'application/json' })).status).toBe(413);
    const badKey = await create(summary, { 'idempotency-key': 'x'.repeat(256) });
    expect(badKey.status).toBe(400);
    expect((await errorOf(badKey)).fields).toHaveProperty('Idempotency-Key');
    expect(await totalCalls()).toBe(0);
  });

  it.each([
    ['', 'kind'],
    ['kind=other', 'kind'],
    ['kind=summary&page=0', 'page'],
    ['kind=summary&page=100001', 'page'],
    ['kind=summary&page=1.5', 'page'],
    ['kind=summary&page=-1', 'page'],
    ['kind=summary&page=abc', 'page'],
    ['kind=summary&size=0', 'size'],
    ['kind=summary&size=51', 'size'],
    ['kind=summary&size=1e1', 'size'],
    ['kind=summary&kind=detail', 'kind'],
    ['kind=summary&page=1&page=2', 'page'],
  ])('list ?%s → 400 with fields.%s', async (query, field) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields).toHaveProperty(field);
    expect(await totalCalls()).toBe(0);
  });

  it('delete and download: malformed id → 400, unknown kind → 404, before any call', async () => {
    for (const id of ['a b', 'x'.repeat(65), '../1', '1;2', '%00']) {
      expect((await remove('summary', id)).status, id).toBe(400);
      expect((await download('summary', id)).status, id).toBe(400);
    }
    expect((await remove('other', '1')).status).toBe(404);
    expect((await download('other', '1')).status).toBe(404);
    expect(await totalCalls()).toBe(0);
  });
});

describe('origin check', () => {
  it('refuses cross-origin creates and deletes before any call', async () => {
    const crossSite: Record<string, string>[] = [{ origin: 'http://evil.example' }, { origin: 'null' }, { referer: 'http://evil.example/page' }];
    for (const headers of crossSite) {
      const res = await create(summary, headers);
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('ForbiddenOrigin');
      expect((await remove('summary', '1', headers)).status).toBe(403);
    }
    expect(await totalCalls()).toBe(0);
  });

  it('lets same-origin and header-less requests through', async () => {
    expect((await create(summary, { origin: 'http://localhost:3000' })).status).toBe(201);
    const noHeaders = new Request('http://localhost:3000/api/exports', {
      method: 'POST',
      body: JSON.stringify(summary),
      headers: { host: 'localhost:3000', 'content-type': 'application/json' },
    });
    expect((await h.handlers.create(noHeaders)).status).toBe(201);
  });
});

describe('upstream faults', () => {
  it('throttle on reads is retried, then 429 with Retry-After', async () => {
    await h.fault({ action: 'DescribeUserUsageDataExportTask', mode: 'throttle', count: 2 });
    expect((await list('kind=summary')).status).toBe(200);
    expect(await calls('DescribeUserUsageDataExportTask')).toBe(3);

    await h.fault({ action: 'DescribeUserUsageDataExportTask', mode: 'throttle' });
    const res = await list('kind=summary&size=10');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorOf(res)).toMatchObject({ code: 'Throttling', requestId: expect.any(String) });
    expect(await calls('DescribeUserUsageDataExportTask')).toBe(3 + SHORT_READS.maxAttempts);
  });

  it.each([
    ['error500', 502, 'InternalError'],
    ['unavailable', 503, 'ServiceUnavailable'],
    ['reset', 503, 'UpstreamUnavailable'],
    ['timeout', 504, 'UpstreamTimeout'],
    ['malformed', 502, 'UpstreamMalformed'],
  ] as const)('%s on a list → %i %s', async (mode, status, code) => {
    await h.fault({ mode });
    const res = await list('kind=detail');
    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await errorOf(res)).code).toBe(code);
  });

  it('a transient fault on a read is retried away', async () => {
    for (const mode of ['error500', 'unavailable', 'reset', 'timeout'] as const) {
      await h.fault({ action: 'DescribeUserUsageDetailDataExportTask', mode, count: 1 });
      const res = await list(`kind=detail&size=${mode.length}`);
      expect(res.status, mode).toBe(200);
    }
  });

  it('slow answers within the timeout are fine', async () => {
    await h.fault({ mode: 'slow', delayMs: 300 });
    expect((await list('kind=summary')).status).toBe(200);
    expect((await create(summary)).status).toBe(201);
  });

  it('taskFails: the task ends failed and its download is 409 TaskFailed', async () => {
    await h.fault({ mode: 'taskFails', count: 1 });
    const { task } = createdExportSchema.parse(await (await create(summary)).json());
    await new Promise((r) => setTimeout(r, TASK_MS + 100));
    const listed = exportTaskPageSchema.parse(await (await list('kind=summary')).json());
    expect(listed.tasks[0]).toMatchObject({ id: task.id, status: 'failed', downloadable: false });
    const res = await download('summary', task.id);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('TaskFailed');
  });

  it('a create that timed out is not sent again, and the user is told to check the list', async () => {
    await h.fault({ action: 'CreateUserUsageDataExportTask', mode: 'timeout' });
    const res = await create(summary);
    expect(res.status).toBe(504);
    expect(await errorOf(res)).toMatchObject({ code: 'UpstreamTimeout', message: expect.stringMatching(/may have been created/) });
    expect(await calls('CreateUserUsageDataExportTask')).toBe(1);
    const listed = exportTaskPageSchema.parse(await (await list('kind=summary')).json());
    expect(listed.total).toBe(1);
  });

  it('a create whose connection was reset is not sent again either', async () => {
    await h.fault({ action: 'CreateUsageDetailDataExportTask', mode: 'reset' });
    const res = await create(detail);
    expect(res.status).toBe(503);
    expect((await errorOf(res)).message).toMatch(/may have been created/);
    expect(await calls('CreateUsageDetailDataExportTask')).toBe(1);
  });

  it('a create refused with Throttling is retried, since nothing happened', async () => {
    await h.fault({ action: 'CreateUserUsageDataExportTask', mode: 'throttle', count: 1 });
    expect((await create(summary)).status).toBe(201);
    expect(await calls('CreateUserUsageDataExportTask')).toBe(2);
    await h.fault({ action: 'CreateUserUsageDataExportTask', mode: 'error500', count: 1 });
    expect((await create(summary)).status).toBe(502);
    expect(await calls('CreateUserUsageDataExportTask')).toBe(3);
  });

  it('a malformed create answer is 502, not retried', async () => {
    await h.fault({ action: 'CreateUserUsageDataExportTask', mode: 'malformed', count: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await create(summary);
      expect(res.status).toBe(502);
      expect((await errorOf(res)).code).toBe('UpstreamMalformed');
    }
    expect(await calls('CreateUserUsageDataExportTask')).toBe(2);
  });

  it('health: reachable when CDN answers, even with an error; unavailable without an answer', async () => {
    await h.fault({ mode: 'unavailable', count: 1 });
    expect(await (await h.handlers.health()).json()).toMatchObject({ status: 'ok', upstream: { reachable: true } });
    await h.fault({ mode: 'malformed', count: 1 });
    expect((await h.handlers.health()).status).toBe(200);
    for (const mode of ['reset', 'timeout'] as const) {
      await h.fault({ mode, count: 1 });
      const res = await h.handlers.health();
      expect(res.status, mode).toBe(503);
      expect(healthSchema.parse(await res.json())).toEqual({ status: 'unavailable', upstream: { reachable: false, latencyMs: null }, store: { kind: 'embedded', ok: true } });
    }
    await h.close();
    expect((await h.handlers.health()).status).toBe(503);
    const refused = await list('kind=summary');
    expect(refused.status).toBe(503);
    expect((await errorOf(refused)).code).toBe('UpstreamUnavailable');
  });
});

describe('upstream configuration errors', () => {
  it('wrong keys → 502 with the upstream code, logged loudly without the secret', async () => {
    const other = await startHarness({ store: shared.store, clientSecret: 'wrong-secret-value' });
    try {
      const res = await other.handlers.list(appRequest('/api/exports?kind=summary'));
      expect(res.status).toBe(502);
      expect((await errorOf(res)).code).toBe('SignatureDoesNotMatch');
      const logged = vi.mocked(console.error).mock.calls.map((c) => String(c[0])).join('\n');
      expect(logged).toContain('SignatureDoesNotMatch');
      expect(logged).not.toContain('wrong-secret-value');
      expect(await errorOf(await other.handlers.list(appRequest('/api/exports?kind=summary')))).not.toHaveProperty('message', expect.stringContaining('secret-value'));
    } finally {
      await other.close();
    }
  });
});

describe('idempotency', () => {
  it('same key and body → the first answer, one upstream create', async () => {
    const key = { 'idempotency-key': 'k-1' };
    const first = await create(summary, key);
    const second = await create(summary, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await second.json()).task.id).toBe((await first.json()).task.id);
    expect(await calls('CreateUserUsageDataExportTask')).toBe(1);
  });

  it('same key, different body → 422', async () => {
    await create(summary, { 'idempotency-key': 'k-2' });
    const res = await create({ ...summary, name: 'other' }, { 'idempotency-key': 'k-2' });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('IdempotencyKeyReused');
    expect(await calls('CreateUserUsageDataExportTask')).toBe(1);
  });

  it('concurrent requests with one key → one create, one answer', async () => {
    await h.fault({ action: 'CreateUserUsageDataExportTask', mode: 'slow', delayMs: 200 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => create(detail, { 'idempotency-key': 'k-3' })));
    const ids = await Promise.all(answers.map(async (r) => (await r.json()).task.id));
    expect(new Set(ids).size).toBe(1);
    expect(await calls('CreateUsageDetailDataExportTask')).toBe(1);
  });

  it('a timed-out create, retried with its key, answers the task CDN made: never sent again', async () => {
    await h.fault({ action: 'CreateUserUsageDataExportTask', mode: 'timeout', count: 1 });
    const first = await create(summary, { 'idempotency-key': 'k-4' });
    expect(first.status).toBe(504);
    expect((await errorOf(first)).message).toMatch(/may have been created.*same Idempotency-Key/);
    const second = await create(summary, { 'idempotency-key': 'k-4' });
    expect(second.status).toBe(201);
    const { task } = createdExportSchema.parse(await second.json());
    expect(await calls('CreateUserUsageDataExportTask')).toBe(1);
    const third = await create(summary, { 'idempotency-key': 'k-4' });
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect((await third.json()).task.id).toBe(task.id);
    expect(exportTaskPageSchema.parse(await (await list('kind=summary')).json()).total).toBe(1);
  });

  it('a create answered 200 with an unreadable body is "may exist": the retry finds it, one task', async () => {
    await h.fault({ action: 'CreateUserUsageDataExportTask', mode: 'malformed', count: 1 });
    const first = await create(summary, { 'idempotency-key': 'k-6' });
    expect(first.status).toBe(502);
    expect((await errorOf(first)).message).toMatch(/may have been created/);
    const second = await create(summary, { 'idempotency-key': 'k-6' });
    expect(second.status).toBe(201);
    expect(await calls('CreateUserUsageDataExportTask')).toBe(1);
    expect(exportTaskPageSchema.parse(await (await list('kind=summary')).json()).total).toBe(1);
  });

  it('a dropped connection whose create never happened: the retry sees no task and creates it once', async () => {
    // `reset` drops the connection before the emulator acts: no task exists, and the retry may create it.
    await h.fault({ action: 'CreateUserUsageDataExportTask', mode: 'reset', count: 1 });
    expect((await create(summary, { 'idempotency-key': 'k-7' })).status).toBe(503);
    const second = await create(summary, { 'idempotency-key': 'k-7' });
    expect(second.status).toBe(201);
    expect(await calls('CreateUserUsageDataExportTask')).toBe(2);
    expect(exportTaskPageSchema.parse(await (await list('kind=summary')).json()).total).toBe(1);
  });

  it('while the list cannot be read the retry says OutcomeUnknown, and creates nothing', async () => {
    await h.fault({ action: 'CreateUserUsageDataExportTask', mode: 'timeout', count: 1 });
    expect((await create(summary, { 'idempotency-key': 'k-8' })).status).toBe(504);
    await h.fault({ action: 'DescribeUserUsageDataExportTask', mode: 'unavailable' });
    const second = await create(summary, { 'idempotency-key': 'k-8' });
    expect(second.status).toBe(504);
    expect((await errorOf(second)).code).toBe('OutcomeUnknown');
    expect(await calls('CreateUserUsageDataExportTask')).toBe(1);
  });

  it('a clear refusal is not kept: retrying with the key really retries', async () => {
    await h.fault({ action: 'CreateUserUsageDataExportTask', mode: 'error500', count: 1 });
    expect((await create(summary, { 'idempotency-key': 'k-5' })).status).toBe(502);
    expect((await create(summary, { 'idempotency-key': 'k-5' })).status).toBe(201);
  });
});

describe('coalescing and cache', () => {
  it('100 concurrent identical lists cost one upstream call; other pages and kinds are separate', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, () => list('kind=summary&page=1&size=20')));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(await calls('DescribeUserUsageDataExportTask')).toBe(1);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(new Set(bodies.map((b) => b.fetchedAt)).size).toBe(1);

    await Promise.all([list('kind=summary&page=2'), list('kind=summary&size=10'), list('kind=detail')]);
    expect(await calls('DescribeUserUsageDataExportTask')).toBe(3);
    expect(await calls('DescribeUserUsageDetailDataExportTask')).toBe(1);
  });

  it('a create or delete shows in the next list at once', async () => {
    expect(exportTaskPageSchema.parse(await (await list('kind=summary')).json()).total).toBe(0);
    const { task } = createdExportSchema.parse(await (await create(summary)).json());
    expect(exportTaskPageSchema.parse(await (await list('kind=summary')).json()).total).toBe(1);
    await remove('summary', task.id);
    expect(exportTaskPageSchema.parse(await (await list('kind=summary')).json()).total).toBe(0);
  });

  it('a download URL is never older than the list cache', async () => {
    const { task } = createdExportSchema.parse(await (await create(summary)).json());
    await new Promise((r) => setTimeout(r, TASK_MS + 100));
    const first = (await download('summary', task.id)).headers.get('location');
    expect(await download('summary', task.id).then((r) => r.headers.get('location'))).toBe(first);
    const before = await calls('DescribeUserUsageDataExportTask');
    await new Promise((r) => setTimeout(r, h.config.listCacheMs + 50));
    await download('summary', task.id);
    expect(await calls('DescribeUserUsageDataExportTask')).toBe(before + 1);
  });
});

describe('rate limit', () => {
  it('answers 429 RateLimited with Retry-After when the shared budget is exhausted', async () => {
    await h.close();
    h = await startHarness({ store: shared.store, limiter: { ratePerSecond: 2, maxWaitMs: 100, maxQueue: 1 } });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => list(`kind=summary&page=${i + 1}`)));
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await errorOf(limited[0] as Response)).code).toBe('RateLimited');
    expect(await calls('DescribeUserUsageDataExportTask')).toBeLessThanOrEqual(3);
  });
});
