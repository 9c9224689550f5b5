/**
 * Each of the emulator's fault modes, through the production build, mapped to the status and error code of lib/server/error-mapping.ts; and
 * the rule that a create without an answer is never sent twice.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { detail, errorOf, summary, unusedPages, upstreamCalls } from './support/api';
import { emulator, type FaultMode } from './support/emulator';

const unusedPage = unusedPages(20_000);

async function listFresh(request: APIRequestContext, kind = 'summary') {
  return request.get(`/api/exports?kind=${kind}&page=${unusedPage()}`);
}

test.beforeEach(async () => {
  await emulator.reset();
  await emulator.clearFaults();
});

test.afterEach(async () => {
  await emulator.clearFaults();
});

test.describe('fault modes on reads', () => {
  test('throttle → retried, then 429 with Retry-After and the upstream code', async ({ request }) => {
    await emulator.fault({ action: 'DescribeUserUsageDataExportTask', mode: 'throttle', count: 2 });
    expect((await listFresh(request)).status()).toBe(200);
    expect(await upstreamCalls('DescribeUserUsageDataExportTask')).toBe(3);

    await emulator.fault({ action: 'DescribeUserUsageDataExportTask', mode: 'throttle' });
    const started = Date.now();
    const res = await listFresh(request);
    expect(res.status()).toBe(429);
    expect(Number(res.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await errorOf(res)).toMatchObject({ code: 'Throttling', requestId: expect.any(String) });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  const cases: [FaultMode, number, string][] = [
    ['error500', 502, 'InternalError'],
    ['unavailable', 503, 'ServiceUnavailable'],
    ['reset', 503, 'UpstreamUnavailable'],
    ['malformed', 502, 'UpstreamMalformed'],
  ];
  for (const [mode, status, code] of cases) {
    test(`${mode} → ${status} ${code}`, async ({ request }) => {
      await emulator.fault({ mode });
      const res = await listFresh(request, 'detail');
      expect(res.status()).toBe(status);
      expect((await errorOf(res)).code).toBe(code);
      expect(res.headers()['cache-control']).toBe('no-store');
    });
  }

  test('timeout → 504 within the 10 s read budget', async ({ request }) => {
    await emulator.fault({ action: 'DescribeUserUsageDataExportTask', mode: 'timeout' });
    const started = Date.now();
    const res = await listFresh(request);
    expect(res.status()).toBe(504);
    expect((await errorOf(res)).code).toBe('UpstreamTimeout');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('one transient failure is retried away', async ({ request }) => {
    for (const mode of ['error500', 'unavailable', 'reset', 'timeout'] as const) {
      await emulator.fault({ action: 'DescribeUserUsageDataExportTask', mode, count: 1 });
      expect((await listFresh(request)).status(), mode).toBe(200);
    }
  });

  test('slow → answered', async ({ request }) => {
    await emulator.fault({ mode: 'slow', delayMs: 1500 });
    expect((await listFresh(request)).status()).toBe(200);
    expect((await request.post('/api/exports', { data: summary })).status()).toBe(201);
  });

  test('taskFails → the task ends failed, and its download is 409 TaskFailed', async ({ request }) => {
    await emulator.fault({ mode: 'taskFails', count: 1 });
    const created = await request.post('/api/exports', { data: detail });
    expect(created.status()).toBe(201);
    const { task } = (await created.json()) as { task: { id: string } };
    await expect
      .poll(async () => (await (await request.get('/api/exports?kind=detail')).json()).tasks[0]?.status, { timeout: 15_000 })
      .toBe('failed');
    const res = await request.get(`/api/exports/detail/${task.id}/download`, { maxRedirects: 0 });
    expect(res.status()).toBe(409);
    expect((await errorOf(res)).code).toBe('TaskFailed');
  });
});

test.describe('creates', () => {
  test('a create that timed out is never sent again: 504, one upstream call, one task', async ({ request }) => {
    await emulator.fault({ action: 'CreateUserUsageDataExportTask', mode: 'timeout' });
    const res = await request.post('/api/exports', { data: summary });
    expect(res.status()).toBe(504);
    expect(await errorOf(res)).toMatchObject({ code: 'UpstreamTimeout', message: expect.stringMatching(/may have been created/) });
    expect(await upstreamCalls('CreateUserUsageDataExportTask')).toBe(1);
    const listed = await (await request.get('/api/exports?kind=summary')).json();
    expect(listed.total).toBe(1);
  });

  test('a create whose connection was reset: 503, one upstream call', async ({ request }) => {
    await emulator.fault({ action: 'CreateUsageDetailDataExportTask', mode: 'reset' });
    const res = await request.post('/api/exports', { data: detail });
    expect(res.status()).toBe(503);
    expect((await errorOf(res)).message).toMatch(/may have been created/);
    expect(await upstreamCalls('CreateUsageDetailDataExportTask')).toBe(1);
  });

  test('a create refused with Throttling is retried; one that keeps being refused is 429', async ({ request }) => {
    await emulator.fault({ action: 'CreateUserUsageDataExportTask', mode: 'throttle', count: 1 });
    expect((await request.post('/api/exports', { data: summary })).status()).toBe(201);
    expect(await upstreamCalls('CreateUserUsageDataExportTask')).toBe(2);

    await emulator.fault({ action: 'CreateUserUsageDataExportTask', mode: 'throttle' });
    const res = await request.post('/api/exports', { data: summary });
    expect(res.status()).toBe(429);
    expect(Number(res.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  test('InternalError on a create → 502, not retried', async ({ request }) => {
    await emulator.fault({ action: 'CreateUserUsageDataExportTask', mode: 'error500' });
    const res = await request.post('/api/exports', { data: summary });
    expect(res.status()).toBe(502);
    expect(await errorOf(res)).toMatchObject({ code: 'InternalError', requestId: expect.any(String) });
    expect(await upstreamCalls('CreateUserUsageDataExportTask')).toBe(1);
  });

  test('a delete that CDN answers with InvalidTaskId.Malformed is our own 404, with its RequestId', async ({ request }) => {
    // CDN answers an id it does not have, well-formed or not, as malformed; only CDN can say, so the call is made.
    const del = await request.delete('/api/exports/summary/abc');
    expect(del.status()).toBe(404);
    expect(await errorOf(del)).toMatchObject({ code: 'TaskNotFound', requestId: expect.any(String) });
    expect(await upstreamCalls('DeleteUserUsageDataExportTask')).toBe(1);
  });

  test('a timed-out create retried with its Idempotency-Key answers the task CDN made: one task', async ({ request }) => {
    await emulator.fault({ action: 'CreateUserUsageDataExportTask', mode: 'timeout', count: 1 });
    const headers = { 'idempotency-key': `timeout-${Date.now()}` };
    const first = await request.post('/api/exports', { data: summary, headers });
    expect(first.status()).toBe(504);
    expect((await errorOf(first)).message).toMatch(/may have been created.*same Idempotency-Key/);
    const second = await request.post('/api/exports', { data: summary, headers });
    expect(second.status()).toBe(201);
    expect(await upstreamCalls('CreateUserUsageDataExportTask')).toBe(1);
    expect((await (await request.get('/api/exports?kind=summary')).json()).total).toBe(1);
  });
});

test.describe('deletes', () => {
  test('faults on delete map like the rest', async ({ request }) => {
    const { task } = (await (await request.post('/api/exports', { data: summary })).json()) as { task: { id: string } };
    await emulator.fault({ action: 'DeleteUserUsageDataExportTask', mode: 'unavailable', count: 1 });
    expect((await request.delete(`/api/exports/summary/${task.id}`)).status()).toBe(503);
    await emulator.fault({ action: 'DeleteUserUsageDataExportTask', mode: 'throttle', count: 1 });
    expect((await request.delete(`/api/exports/summary/${task.id}`)).status()).toBe(204);
  });
});

test.describe('health', () => {
  test('an upstream that answers with an error is reachable', async ({ request }) => {
    await emulator.fault({ mode: 'unavailable' });
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', upstream: { reachable: true } });
  });

  for (const mode of ['reset', 'timeout'] as const) {
    test(`no answer (${mode}) → 503 unavailable`, async ({ request }) => {
      await emulator.fault({ mode });
      const res = await request.get('/api/health');
      expect(res.status()).toBe(503);
      expect(await res.json()).toEqual({
        status: 'unavailable',
        upstream: { reachable: false, latencyMs: null },
        store: { kind: 'embedded', ok: true },
      });
    });
  }
});
