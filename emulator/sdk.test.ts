/**
 * The official SDK against the emulator, in both of its signing modes: if these pass, the dashboard's real client
 * code talks to the emulator exactly as it will talk to cdn.aliyuncs.com.
 */
import CdnModule, * as $Cdn from '@alicloud/cdn20180510';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOMAINS } from './config';
import { startEmulator, type RunningEmulator } from './server';
import { utcDay } from './test-helpers';
import { intervalCount } from './usage-data';

// A CommonJS package with `exports.default = Client`: depending on the loader, the default import is the class itself
// or the module object around it.
const Client = ((CdnModule as unknown as { default?: typeof CdnModule }).default ?? CdnModule) as typeof CdnModule;
type CdnClient = InstanceType<typeof CdnModule>;

const KEY = { accessKeyId: 'sdk-test-key-id', accessKeySecret: 'sdk-test-key-secret' };
const TASK_MS = 300;

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...KEY, taskMs: TASK_MS });
});

afterAll(async () => {
  await emulator.close();
});

function client(mode: 'v3' | 'v2', key: { accessKeyId: string; accessKeySecret: string } = KEY): CdnClient {
  const config = new $OpenApiUtil.Config({
    ...key,
    endpoint: `127.0.0.1:${emulator.port}`,
    protocol: 'http',
    readTimeout: 5000,
    connectTimeout: 2000,
    ...(mode === 'v2' ? { signatureAlgorithm: 'v2' } : {}),
  });
  return new Client(config);
}

interface SdkError {
  code: string;
  statusCode: number;
  data: Record<string, unknown>;
}

async function sdkError(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the call to fail');
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// 'v2' really switches the SDK to HMAC-SHA1 (signed query, no Authorization header); 'v3' is its default.
describe.each(['v3', 'v2'] as const)('the official SDK, %s signing', (mode) => {
  const day = utcDay(3);
  const domains = ['a.example.com', 'b.example.com'];
  let cdn: CdnClient;
  let summaryId = '';
  let detailId = '';

  beforeAll(() => {
    cdn = client(mode);
  });

  it('creates a usage-summary export task', async () => {
    const res = await cdn.createUserUsageDataExportTask(
      new $Cdn.CreateUserUsageDataExportTaskRequest({ startTime: day.StartTime, endTime: day.EndTime, taskName: `summary ${mode}`, language: 'en-us' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body?.requestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(res.body?.taskId).toMatch(/^\d+$/);
    expect(res.body?.startTime).toBe(day.StartTime);
    expect(res.body?.endTime).toBe(day.EndTime);
    expect(res.headers?.['x-acs-request-id']).toBe(res.body?.requestId);
    summaryId = res.body?.taskId ?? '';
  });

  it('creates a usage-details export task', async () => {
    const res = await cdn.createUsageDetailDataExportTask(
      new $Cdn.CreateUsageDetailDataExportTaskRequest({
        startTime: day.StartTime,
        endTime: day.EndTime,
        type: 'flow',
        domainNames: domains.join(','),
        taskName: `detail ${mode}`,
        language: 'en-us',
      }),
    );
    expect(res.body?.taskId).toMatch(/^\d+$/);
    detailId = res.body?.taskId ?? '';
  });

  it('lists both, newest first, as created and without a URL', async () => {
    const summaries = await cdn.describeUserUsageDataExportTask(new $Cdn.DescribeUserUsageDataExportTaskRequest({ pageNumber: '1', pageSize: '20' }));
    const page = summaries.body?.usageDataPerPage;
    expect(page?.pageNumber).toBe(1);
    expect(page?.pageSize).toBe(20);
    const item = page?.data?.dataItem?.[0];
    expect(item?.taskId).toBe(summaryId);
    expect(item?.taskName).toBe(`summary ${mode}`);
    expect(item?.status).toBe('created');
    expect(item?.downloadUrl).toBe('');
    expect(item?.createTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(item?.updateTime).toBe(item?.createTime);
    expect(item?.taskConfig?.startTime).toBe(day.StartTime);
    expect(item?.taskConfig?.endTime).toBe(day.EndTime);

    const details = await cdn.describeUserUsageDetailDataExportTask(new $Cdn.DescribeUserUsageDetailDataExportTaskRequest({}));
    expect(details.body?.usageDataPerPage?.data?.dataItem?.[0]?.taskId).toBe(detailId);
    expect(details.body?.usageDataPerPage?.pageSize).toBe(20);
  });

  it('serves the summary as a real PDF once the task succeeds', async () => {
    const item = await until('the summary task to succeed', async () => {
      const res = await cdn.describeUserUsageDataExportTask(new $Cdn.DescribeUserUsageDataExportTaskRequest({}));
      const found = res.body?.usageDataPerPage?.data?.dataItem?.find((i) => i.taskId === summaryId);
      return found?.status === 'success' ? found : undefined;
    });
    expect(item.downloadUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${emulator.port}/_files/summary/${summaryId}\\?Expires=\\d+&Signature=`));
    expect(Date.parse(item.updateTime ?? '')).toBeGreaterThanOrEqual(Date.parse(item.createTime ?? ''));

    const res = await fetch(item.downloadUrl ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="usage-summary_${stamp(day.startMs)}_${stamp(day.endMs)}.pdf"`,
    );
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdf.toString('latin1')).toMatch(/\/Type \/Page\b/);
  });

  it('serves the details as a real XLSX, one row per domain and 5-minute interval', async () => {
    const item = await until('the details task to succeed', async () => {
      const res = await cdn.describeUserUsageDetailDataExportTask(new $Cdn.DescribeUserUsageDetailDataExportTaskRequest({}));
      const found = res.body?.usageDataPerPage?.data?.dataItem?.find((i) => i.taskId === detailId);
      return found?.status === 'success' ? found : undefined;
    });
    const res = await fetch(item.downloadUrl ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="usage-detail-flow_\d{8}T\d{6}Z_\d{8}T\d{6}Z\.xlsx"$/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet).toBeDefined();
    if (!sheet) return;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Domain', 'Time (UTC)', 'Traffic (bytes)', 'Bandwidth (bps)']);
    expect(intervalCount(day.startMs, day.endMs)).toBe(288);
    expect(sheet.actualRowCount).toBe(1 + domains.length * 288);
    const first = sheet.getRow(2).values as unknown[];
    expect(first[1]).toBe('a.example.com');
    expect(first[2]).toBe(new Date(day.startMs).toISOString().slice(0, 19).replace('T', ' '));
    expect(typeof first[3]).toBe('number');
    expect(sheet.getRow(1 + 288 + 1).getCell(1).value).toBe('b.example.com');
  });

  it('deletes both tasks', async () => {
    const deletedSummary = await cdn.deleteUserUsageDataExportTask(new $Cdn.DeleteUserUsageDataExportTaskRequest({ taskId: summaryId }));
    expect(deletedSummary.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    await cdn.deleteUsageDetailDataExportTask(new $Cdn.DeleteUsageDetailDataExportTaskRequest({ taskId: detailId }));

    const summaries = await cdn.describeUserUsageDataExportTask(new $Cdn.DescribeUserUsageDataExportTaskRequest({}));
    expect(summaries.body?.usageDataPerPage?.data?.dataItem?.map((i) => i.taskId)).not.toContain(summaryId);
    const details = await cdn.describeUserUsageDetailDataExportTask(new $Cdn.DescribeUserUsageDetailDataExportTaskRequest({}));
    expect(details.body?.usageDataPerPage?.data?.dataItem?.map((i) => i.taskId)).not.toContain(detailId);

    // A second delete of the same task: CDN has no 404 for it, only the malformed-id answer.
    const again = await sdkError(cdn.deleteUserUsageDataExportTask(new $Cdn.DeleteUserUsageDataExportTaskRequest({ taskId: summaryId })));
    expect({ code: again.code, status: again.statusCode, message: again.data.Message }).toEqual({
      code: 'InvalidTaskId.Malformed',
      status: 400,
      message: 'Specified TaskId is malformed.',
    });
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const error = await sdkError(
      client(mode, { ...KEY, accessKeySecret: 'wrong-secret' }).describeUserUsageDataExportTask(new $Cdn.DescribeUserUsageDataExportTaskRequest({})),
    );
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.statusCode).toBe(400);
    expect(error.data.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(error.data.HostId).toBe(`127.0.0.1:${emulator.port}`);
    expect(error.data.Recommend).toContain('SignatureDoesNotMatch');
  });

  it('refuses an unknown key id with InvalidAccessKeyId.NotFound', async () => {
    const error = await sdkError(
      client(mode, { ...KEY, accessKeyId: 'nobody' }).describeUserUsageDataExportTask(new $Cdn.DescribeUserUsageDataExportTaskRequest({})),
    );
    expect(error.code).toBe('InvalidAccessKeyId.NotFound');
    expect(error.statusCode).toBe(404);
  });
});

describe('validation errors through the SDK', () => {
  let cdn: CdnClient;
  const summary = (startTime: string, endTime: string) =>
    sdkError(cdn.createUserUsageDataExportTask(new $Cdn.CreateUserUsageDataExportTaskRequest({ startTime, endTime })));
  const day = utcDay(5);

  beforeAll(() => {
    cdn = client('v3');
  });

  it('refuses a 32-day range with InvalidTimeRange', async () => {
    const start = utcDay(40);
    const end = new Date(start.startMs + 32 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const error = await summary(start.StartTime, end);
    expect(error.code).toBe('InvalidTimeRange');
    expect(error.statusCode).toBe(400);
    expect(error.data.Message).toBe('Invalid StartTime and EndTime range.');
  });

  it('accepts exactly 31 days', async () => {
    const start = utcDay(40);
    const end = new Date(start.startMs + 31 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const res = await cdn.createUserUsageDataExportTask(new $Cdn.CreateUserUsageDataExportTaskRequest({ startTime: start.StartTime, endTime: end }));
    expect(res.body?.taskId).toMatch(/^\d+$/);
  });

  it('refuses malformed times', async () => {
    expect((await summary('2026-01-01 00:00:00', day.EndTime)).code).toBe('InvalidStartTime.Malformed');
    expect((await summary(day.StartTime, '2026-02-30T00:00:00Z')).code).toBe('InvalidEndTime.Malformed');
    expect((await summary(day.StartTime, '')).code).toBe('MissingTimeParameter');
  });

  it('refuses an end before the start', async () => {
    const error = await summary(day.EndTime, day.StartTime);
    expect(error.code).toBe('InvalidParameterEndTime');
    expect(error.statusCode).toBe(400);
  });

  it('refuses a start older than a year', async () => {
    const old = utcDay(380);
    const error = await summary(old.StartTime, old.EndTime);
    expect(error.code).toBe('InvalidStartTime.ValueNotSupported');
    expect(error.statusCode).toBe(400);
  });

  it('refuses PageSize 51 and PageNumber 0', async () => {
    const size = await sdkError(cdn.describeUserUsageDataExportTask(new $Cdn.DescribeUserUsageDataExportTaskRequest({ pageSize: '51' })));
    expect(size.code).toBe('InvalidParameter');
    expect(size.statusCode).toBe(400);
    const number = await sdkError(cdn.describeUserUsageDetailDataExportTask(new $Cdn.DescribeUserUsageDetailDataExportTaskRequest({ pageNumber: '0' })));
    expect(number.code).toBe('InvalidParameter');
  });

  it('refuses a bad Type, a bad language and a bad domain name', async () => {
    const detail = (fields: Record<string, string>) =>
      sdkError(cdn.createUsageDetailDataExportTask(new $Cdn.CreateUsageDetailDataExportTaskRequest({ startTime: day.StartTime, endTime: day.EndTime, ...fields })));
    expect((await detail({ type: 'bandwidth' })).code).toBe('InvalidParameter');
    expect((await detail({})).code).toBe('InvalidParameter');
    expect((await detail({ type: 'flow', language: 'fr-fr' })).code).toBe('InvalidParameter');
    expect((await detail({ type: 'flow', domainNames: 'a.example.com,not a domain' })).code).toBe('InvalidParameter');
    // CDN writes a wildcard domain with a leading dot; the `*.` spelling is not one of its domain names.
    expect((await detail({ type: 'flow', domainNames: '*.example.org' })).code).toBe('InvalidParameter');
  });

  it('accepts any valid host name and any group', async () => {
    const res = await cdn.createUsageDetailDataExportTask(
      new $Cdn.CreateUsageDetailDataExportTaskRequest({ startTime: day.StartTime, endTime: day.EndTime, type: 'vas', domainNames: 'cdn.whatever.test,.example.org' }),
    );
    expect(res.body?.taskId).toMatch(/^\d+$/);
    const grouped = await cdn.createUsageDetailDataExportTask(
      new $Cdn.CreateUsageDetailDataExportTaskRequest({ startTime: day.StartTime, endTime: day.EndTime, type: 'flow', group: 'my group' }),
    );
    expect(grouped.body?.taskId).toMatch(/^\d+$/);
  });

  it('answers a malformed TaskId and an unknown one alike, as CDN does', async () => {
    const malformed = await sdkError(cdn.deleteUserUsageDataExportTask(new $Cdn.DeleteUserUsageDataExportTaskRequest({ taskId: 'abc' })));
    const unknown = await sdkError(cdn.deleteUsageDetailDataExportTask(new $Cdn.DeleteUsageDetailDataExportTaskRequest({ taskId: '99999999' })));
    for (const error of [malformed, unknown]) {
      expect({ code: error.code, status: error.statusCode, message: error.data.Message }).toEqual({
        code: 'InvalidTaskId.Malformed',
        status: 400,
        message: 'Specified TaskId is malformed.',
      });
    }
    const missing = await sdkError(cdn.deleteUsageDetailDataExportTask(new $Cdn.DeleteUsageDetailDataExportTaskRequest({})));
    expect(missing.code).toBe('MissingParameter');
  });

  it('does not delete a task through the other family', async () => {
    const created = await cdn.createUserUsageDataExportTask(new $Cdn.CreateUserUsageDataExportTaskRequest({ startTime: day.StartTime, endTime: day.EndTime }));
    const error = await sdkError(cdn.deleteUsageDetailDataExportTask(new $Cdn.DeleteUsageDetailDataExportTaskRequest({ taskId: created.body?.taskId ?? '' })));
    expect(error.code).toBe('InvalidTaskId.Malformed');
  });

  it('covers all the account domains when none are named, with Chinese headers for zh-cn', async () => {
    const hour = utcDay(2);
    const end = new Date(hour.startMs + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const created = await cdn.createUsageDetailDataExportTask(
      new $Cdn.CreateUsageDetailDataExportTaskRequest({ startTime: hour.StartTime, endTime: end, type: 'vas', language: 'zh-cn' }),
    );
    const item = await until('the details task to succeed', async () => {
      const res = await cdn.describeUserUsageDetailDataExportTask(new $Cdn.DescribeUserUsageDetailDataExportTaskRequest({}));
      const found = res.body?.usageDataPerPage?.data?.dataItem?.find((i) => i.taskId === created.body?.taskId);
      return found?.status === 'success' ? found : undefined;
    });
    const res = await fetch(item.downloadUrl ?? '');
    expect(res.headers.get('content-disposition')).toContain('usage-detail-vas_');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('域名');
    expect(sheet?.actualRowCount).toBe(1 + DEFAULT_DOMAINS.length * 12);
    const seen = new Set<unknown>();
    sheet?.eachRow((row, n) => {
      if (n > 1) seen.add(row.getCell(1).value);
    });
    expect([...seen]).toEqual([...DEFAULT_DOMAINS]);
  });
});
