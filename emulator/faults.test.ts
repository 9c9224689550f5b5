/** Injected faults, the stats and reset, through the control endpoints, as the BFF's tests will use them. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultRegistry, MAX_FAULTS } from './faults';
import { startEmulator, type RunningEmulator } from './server';
import { control, send, utcDay, v2Call, v3Call } from './test-helpers';

const KEY = { accessKeyId: 'fault-key-id', accessKeySecret: 'fault-key-secret' };
const LIST = 'DescribeUserUsageDataExportTask';
const CREATE = 'CreateUserUsageDataExportTask';
const TASK_MS = 150;
const day = utcDay(2);

let emulator: RunningEmulator;
let base = '';

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...KEY, taskMs: TASK_MS });
  base = emulator.url;
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(async () => {
  await control(base, '/_emulator/reset', 'POST');
});

const list = () => send(v3Call(base, KEY, LIST));
const create = () => send(v3Call(base, KEY, CREATE, { StartTime: day.StartTime, EndTime: day.EndTime }));
const fault = (body: unknown) => control(base, '/_emulator/faults', 'POST', body);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ListBody {
  UsageDataPerPage: { TotalCount: number; Data: { DataItem: { TaskId: string; Status: string; DownloadUrl: string; CreateTime: string; UpdateTime: string }[] } };
}

describe('fault modes', () => {
  it('throttle answers Throttling (503)', async () => {
    expect((await fault({ mode: 'throttle', count: 1 })).status).toBe(201);
    const answer = await list();
    expect(answer.status).toBe(503);
    expect(answer.body.Code).toBe('Throttling');
    expect((await list()).status).toBe(200);
  });

  it('error500 answers InternalError (500) and does not carry the request out', async () => {
    await fault({ mode: 'error500', action: CREATE, count: 1 });
    const answer = await create();
    expect([answer.status, answer.body.Code]).toEqual([500, 'InternalError']);
    expect(((await list()).body as unknown as ListBody).UsageDataPerPage.TotalCount).toBe(0);
  });

  it('unavailable answers ServiceUnavailable (503)', async () => {
    await fault({ mode: 'unavailable', count: 1 });
    const answer = await list();
    expect([answer.status, answer.body.Code]).toEqual([503, 'ServiceUnavailable']);
  });

  it('reset closes the connection without an answer', async () => {
    await fault({ mode: 'reset', count: 1 });
    await expect(list()).rejects.toThrow(/fetch failed/);
    expect((await list()).status).toBe(200);
  });

  it('timeout carries the request out but never answers', async () => {
    await fault({ mode: 'timeout', action: CREATE, count: 1 });
    const request = v3Call(base, KEY, CREATE, { StartTime: day.StartTime, EndTime: day.EndTime });
    const started = Date.now();
    await expect(fetch(request.url, { ...request.init, signal: AbortSignal.timeout(400) })).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    // The create did happen: the nastiest case for a client.
    const listed = (await list()).body as unknown as ListBody;
    expect(listed.UsageDataPerPage.TotalCount).toBe(1);
  });

  it('malformed answers 200 with a body that is not the documented shape, by turns unexpected JSON and truncated JSON', async () => {
    await fault({ mode: 'malformed', count: 2 });
    const bodies: string[] = [];
    for (let i = 0; i < 2; i++) {
      const request = v3Call(base, KEY, LIST);
      const res = await fetch(request.url, request.init);
      expect(res.status).toBe(200);
      bodies.push(await res.text());
    }
    expect(JSON.parse(bodies[0] ?? '')).toEqual({ Unexpected: true });
    expect(() => JSON.parse(bodies[1] ?? '')).toThrow();
    expect((await list()).body).toHaveProperty('UsageDataPerPage');
  });

  it('slow answers correctly after delayMs', async () => {
    await fault({ mode: 'slow', delayMs: 300, count: 1 });
    const started = Date.now();
    const answer = await list();
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(answer.body).toHaveProperty('UsageDataPerPage');
  });

  it('taskFails makes new tasks end as failed, without a URL, and counts creations only', async () => {
    await fault({ mode: 'taskFails', count: 1 });
    await list();
    const doomed = await create();
    const fine = await create();
    const early = (await list()).body as unknown as ListBody;
    expect(early.UsageDataPerPage.Data.DataItem.map((i) => i.Status)).toEqual(['created', 'created']);
    await sleep(TASK_MS + 50);
    const items = ((await list()).body as unknown as ListBody).UsageDataPerPage.Data.DataItem;
    const byId = new Map(items.map((i) => [i.TaskId, i]));
    expect(byId.get(String(doomed.body.TaskId))).toMatchObject({ Status: 'failed', DownloadUrl: '' });
    expect(byId.get(String(fine.body.TaskId))?.Status).toBe('success');
    const failed = byId.get(String(doomed.body.TaskId));
    expect(Date.parse(failed?.UpdateTime ?? '')).toBeGreaterThanOrEqual(Date.parse(failed?.CreateTime ?? ''));
  });
});

describe('fault scope', () => {
  it('applies only to its action when one is named', async () => {
    await fault({ mode: 'error500', action: CREATE });
    expect((await list()).status).toBe(200);
    expect((await create()).status).toBe(500);
    expect((await create()).status).toBe(500);
  });

  it('lasts until cleared without a count', async () => {
    await fault({ mode: 'unavailable' });
    for (let i = 0; i < 3; i++) expect((await list()).status).toBe(503);
    expect((await control(base, '/_emulator/faults', 'DELETE')).status).toBe(200);
    expect((await list()).status).toBe(200);
  });

  it('adds a new fault to those already set; the oldest applies first', async () => {
    await fault({ mode: 'throttle', count: 1 });
    await fault({ mode: 'error500', count: 1 });
    expect((await control(base, '/_emulator/faults')).body.faults).toHaveLength(2);
    expect((await list()).body.Code).toBe('Throttling');
    expect((await list()).body.Code).toBe('InternalError');
    expect((await list()).status).toBe(200);
  });

  it('hits a share of calls with a rate', async () => {
    await fault({ mode: 'error500', rate: 0 });
    for (let i = 0; i < 5; i++) expect((await list()).status).toBe(200);
    await control(base, '/_emulator/faults', 'DELETE');
    await fault({ mode: 'error500', rate: 1 });
    expect((await list()).status).toBe(500);
  });

  it('never applies to the control endpoints', async () => {
    await fault({ mode: 'reset' });
    expect((await control(base, '/_emulator/stats')).status).toBe(200);
    expect((await control(base, '/_emulator/faults')).status).toBe(200);
  });

  it('applies after authentication: a badly signed call is refused as such and does not use the fault', async () => {
    await fault({ mode: 'error500', count: 1 });
    const bad = await send(v2Call(base, 'GET', { ...KEY, accessKeySecret: 'wrong' }, LIST));
    expect(bad.body.Code).toBe('SignatureDoesNotMatch');
    expect((await list()).status).toBe(500);
  });

  it('refuses an invalid fault with 400', async () => {
    for (const body of [{ mode: 'explode' }, { mode: 'throttle', count: 0 }, { mode: 'throttle', rate: 2 }, { mode: 'throttle', action: 'Nope' }, { mode: 'slow', delayMs: -1 }, { mode: 'throttle', extra: 1 }]) {
      const answer = await fault(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'InvalidFault' } });
    }
    const res = await fetch(`${base}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'not json' });
    expect(res.status).toBe(400);
  });

  it('takes state-changing requests only as application/json, which no web page can send without a preflight', async () => {
    const simple: RequestInit[] = [
      { method: 'POST', body: JSON.stringify({ mode: 'error500' }), headers: { 'content-type': 'text/plain' } },
      { method: 'POST', body: 'mode=error500', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { method: 'POST' },
    ];
    for (const init of simple) {
      const faultRes = await fetch(`${base}/_emulator/faults`, init);
      expect(faultRes.status).toBe(415);
      expect(await faultRes.json()).toMatchObject({ error: { code: 'UnsupportedMediaType' } });
    }
    await create();
    const resetRes = await fetch(`${base}/_emulator/reset`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '' });
    expect(resetRes.status).toBe(415);
    expect((await control(base, '/_emulator/faults')).body).toEqual({ faults: [] });
    expect(((await list()).body as unknown as ListBody).UsageDataPerPage.TotalCount).toBe(1);
    const jsonReset = await fetch(`${base}/_emulator/reset`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(jsonReset.status).toBe(200);
  });

  it('holds at most MAX_FAULTS faults at once', async () => {
    for (let i = 0; i < MAX_FAULTS; i++) expect((await fault({ mode: 'slow', action: CREATE, count: 1 })).status).toBe(201);
    const over = await fault({ mode: 'slow', action: CREATE, count: 1 });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ error: { code: 'TooManyFaults' } });
    expect((await control(base, '/_emulator/faults')).body.faults).toHaveLength(MAX_FAULTS);
    await control(base, '/_emulator/faults', 'DELETE');
    expect((await fault({ mode: 'slow', action: CREATE, count: 1 })).status).toBe(201);
  });
});

describe('stats and reset', () => {
  it('counts every recognised call, whatever became of it, and every error code answered', async () => {
    await list();
    await create();
    await send(v2Call(base, 'GET', { ...KEY, accessKeySecret: 'wrong' }, LIST));
    await send(v3Call(base, KEY, 'DescribeCdnDomainDetail'));
    await fault({ mode: 'unavailable', count: 1 });
    await list();
    await fault({ mode: 'reset', count: 1 });
    await expect(list()).rejects.toThrow();
    await send(v3Call(base, KEY, 'DeleteUserUsageDataExportTask', { TaskId: 'x' }));
    const { calls, errors } = (await control(base, '/_emulator/stats')).body as Record<string, unknown>;
    expect({ calls, errors }).toEqual({
      calls: { [LIST]: 4, [CREATE]: 1, DeleteUserUsageDataExportTask: 1 },
      errors: { SignatureDoesNotMatch: 1, 'InvalidAction.NotFound': 1, ServiceUnavailable: 1, 'InvalidTaskId.Malformed': 1 },
    });
  });

  it('reset forgets tasks, counters, faults and nonces', async () => {
    await create();
    await fault({ mode: 'error500', action: CREATE });
    const replayable = v2Call(base, 'GET', KEY, LIST, {}, { nonce: 'reset-nonce' });
    expect((await send(replayable)).status).toBe(200);

    expect((await control(base, '/_emulator/reset', 'POST')).status).toBe(200);
    expect((await control(base, '/_emulator/stats')).body).toEqual({
      calls: {},
      errors: {},
      busiestSecond: { total: 0, byAction: {} },
    });
    expect((await control(base, '/_emulator/faults')).body).toEqual({ faults: [] });
    expect((await send(replayable)).status).toBe(200);
    expect(((await list()).body as unknown as ListBody).UsageDataPerPage.TotalCount).toBe(0);
  });

  it('answers unknown control paths with 404 and wrong methods with 405', async () => {
    expect((await control(base, '/_emulator/nothing')).status).toBe(404);
    expect((await control(base, '/_emulator/stats', 'POST')).status).toBe(405);
  });
});

describe('closing', () => {
  it('close() ends connections held open by a timeout fault', async () => {
    const own = await startEmulator({ port: 0, ...KEY });
    await control(own.url, '/_emulator/faults', 'POST', { mode: 'timeout' });
    const request = v3Call(own.url, KEY, LIST);
    const pending = fetch(request.url, request.init).then(
      () => 'answered',
      () => 'failed',
    );
    await sleep(100);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('close() does not wait for a slow answer', async () => {
    const own = await startEmulator({ port: 0, ...KEY });
    await control(own.url, '/_emulator/faults', 'POST', { mode: 'slow', delayMs: 60_000 });
    const request = v3Call(own.url, KEY, LIST);
    const pending = fetch(request.url, request.init).catch(() => undefined);
    await sleep(100);
    const started = Date.now();
    await own.close();
    await pending;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('FaultRegistry', () => {
  it('draws rates from its random source', () => {
    const draws = [0.1, 0.9, 0.4];
    const registry = new FaultRegistry(() => draws.shift() ?? 1);
    registry.add({ mode: 'error500', rate: 0.5 });
    expect(registry.takeAnswerFault('DescribeUserUsageDataExportTask')?.mode).toBe('error500');
    expect(registry.takeAnswerFault('DescribeUserUsageDataExportTask')).toBeUndefined();
    expect(registry.takeAnswerFault('DescribeUserUsageDataExportTask')?.mode).toBe('error500');
  });

  it('spends a counted fault on hits only and keeps taskFails for creations', () => {
    const registry = new FaultRegistry();
    registry.add({ mode: 'taskFails', count: 1 });
    expect(registry.takeAnswerFault('CreateUserUsageDataExportTask')).toBeUndefined();
    expect(registry.takeTaskFailure('DescribeUserUsageDataExportTask')).toBe(false);
    expect(registry.takeTaskFailure('CreateUsageDetailDataExportTask')).toBe(true);
    expect(registry.takeTaskFailure('CreateUsageDetailDataExportTask')).toBe(false);
    expect(registry.list()).toEqual([]);
  });
});
