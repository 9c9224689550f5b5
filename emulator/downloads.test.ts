/** Signed, expiring download URLs and the files behind them, with the emulator on a hand-driven clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './server';
import { send, utcDay, v3Call } from './test-helpers';

const KEY = { accessKeyId: 'dl-key-id', accessKeySecret: 'dl-key-secret' };
const TASK_MS = 5000;
const TTL_S = 60;

let clockMs = Date.now();
let emulator: RunningEmulator;
let summaryUrl = '';
let summaryId = '';
let detailUrl = '';

interface ListBody {
  UsageDataPerPage: { Data: { DataItem: { TaskId: string; Status: string; DownloadUrl: string; UpdateTime: string; CreateTime: string }[] } };
}

async function listed(action: string): Promise<ListBody['UsageDataPerPage']['Data']['DataItem']> {
  const answer = await send(v3Call(emulator.url, KEY, action, {}, { timeMs: clockMs }));
  return (answer.body as unknown as ListBody).UsageDataPerPage.Data.DataItem;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...KEY, taskMs: TASK_MS, urlTtlS: TTL_S, now: () => clockMs });
  const day = utcDay(1, clockMs);
  const created = await send(v3Call(emulator.url, KEY, 'CreateUserUsageDataExportTask', { StartTime: day.StartTime, EndTime: day.EndTime }, { timeMs: clockMs }));
  summaryId = String(created.body.TaskId);
  await send(v3Call(emulator.url, KEY, 'CreateUsageDetailDataExportTask', { StartTime: day.StartTime, EndTime: day.StartTime.replace('T00:00:00Z', 'T01:00:00Z'), Type: 'flow' }, { timeMs: clockMs }));
});

afterAll(async () => {
  await emulator.close();
});

describe('the task lifecycle on the clock', () => {
  it('stays created until taskMs has passed, then turns success with UpdateTime at that moment', async () => {
    clockMs += TASK_MS - 1;
    expect((await listed('DescribeUserUsageDataExportTask'))[0]).toMatchObject({ Status: 'created', DownloadUrl: '' });
    clockMs += 1;
    const [item] = await listed('DescribeUserUsageDataExportTask');
    expect(item?.Status).toBe('success');
    expect(Date.parse(item?.UpdateTime ?? '') - Date.parse(item?.CreateTime ?? '')).toBeGreaterThanOrEqual(TASK_MS - 1000);
    summaryUrl = item?.DownloadUrl ?? '';
    detailUrl = (await listed('DescribeUserUsageDetailDataExportTask'))[0]?.DownloadUrl ?? '';
    expect(summaryUrl).toContain(`/_files/summary/${summaryId}?Expires=${Math.floor(clockMs / 1000) + TTL_S}&Signature=`);
  });
});

describe('download URLs', () => {
  it('serves the file, the same bytes each time', async () => {
    const first = await fetch(summaryUrl);
    expect(first.status).toBe(200);
    const a = Buffer.from(await first.arrayBuffer());
    const second = await fetch(summaryUrl);
    const b = Buffer.from(await second.arrayBuffer());
    expect(b.equals(a)).toBe(true);
    expect(second.headers.get('content-length')).toBe(String(a.length));
    const head = await fetch(summaryUrl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/pdf');
  });

  it('refuses a changed expiry, signature, task id or kind, or anything added, with 403', async () => {
    const url = new URL(summaryUrl);
    const expires = Number(url.searchParams.get('Expires'));
    const variants = [
      summaryUrl.replace(`Expires=${expires}`, `Expires=${expires + 3600}`),
      summaryUrl.replace(/Signature=(.)/, (_m, c: string) => `Signature=${c === 'A' ? 'B' : 'A'}`),
      summaryUrl.replace(`/summary/${summaryId}`, `/summary/${Number(summaryId) + 1}`),
      summaryUrl.replace('/summary/', '/detail/'),
      summaryUrl.replace(/&Signature=[^&]*/, ''),
      summaryUrl.replace(/\?.*$/, ''),
      `${summaryUrl}&response-content-type=text/html`,
      `${summaryUrl}&Expires=${expires + 3600}`,
      summaryUrl.replace('Expires=', 'expires=0&Expires='),
      summaryUrl.replace(`/summary/${summaryId}`, `/summary/%3${summaryId.slice(0, 1)}${summaryId.slice(1)}`),
    ];
    const errorsBefore = await storageErrorCount();
    for (const variant of variants) {
      const res = await fetch(variant);
      expect(res.status, variant).toBe(403);
      expect(await res.text()).toMatch(/<Code>(AccessDenied|SignatureDoesNotMatch)<\/Code>/);
    }
    // `errors` in GET /_emulator/stats counts every error code answered, download refusals too.
    expect((await storageErrorCount()) - errorsBefore).toBe(variants.length);
  });

  async function storageErrorCount(): Promise<number> {
    const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as { errors: Record<string, number> };
    return (stats.errors.AccessDenied ?? 0) + (stats.errors.SignatureDoesNotMatch ?? 0);
  }

  it('hands out a fresh URL with every list answer', async () => {
    clockMs += 2000;
    const [item] = await listed('DescribeUserUsageDataExportTask');
    expect(item?.DownloadUrl).not.toBe(summaryUrl);
    expect((await fetch(item?.DownloadUrl ?? '')).status).toBe(200);
  });

  it('refuses a URL after its expiry with 403', async () => {
    const res = await fetch(detailUrl);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    clockMs += (TTL_S + 1) * 1000;
    const expired = await fetch(detailUrl);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired.');
  });

  it("answers 404 for a deleted task's file", async () => {
    const [item] = await listed('DescribeUserUsageDataExportTask');
    const url = item?.DownloadUrl ?? '';
    const deleted = await send(v3Call(emulator.url, KEY, 'DeleteUserUsageDataExportTask', { TaskId: summaryId }, { timeMs: clockMs }));
    expect(deleted.status).toBe(200);
    expect(Object.keys(deleted.body)).toEqual(['RequestId']);
    const res = await fetch(url);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<Code>NoSuchKey</Code>');
  });

  it('forgets tasks older than three months', async () => {
    expect(await listed('DescribeUserUsageDetailDataExportTask')).toHaveLength(1);
    clockMs += 93 * 86_400_000;
    expect(await listed('DescribeUserUsageDetailDataExportTask')).toHaveLength(0);
  });
});
