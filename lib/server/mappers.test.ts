import { describe, expect, it } from 'vitest';
import { exportTaskPageSchema } from '@/lib/exports/schemas';
import { vendorCreatedSchema, vendorTaskListSchema } from './cdn-schemas';
import { taskNameFor, toCreatedTask, toTaskPage, type ListOddity } from './mappers';

const SH = 'Asia/Shanghai';
// CDN's own documented example (seed 000), TaskId as a number.
const documented = {
  UsageDataPerPage: {
    Data: {
      DataItem: [
        {
          Status: 'success',
          TaskConfig: { EndTime: '2019-12-30T15:59:59Z', StartTime: '2019-12-29T16:00:00Z' },
          CreateTime: '2019-12-31T08:43:21Z',
          DownloadUrl: 'https://cdn-polaris.example/file.pdf?Signature=abc',
          UpdateTime: '2019-12-31T08:45:02Z',
          TaskId: 11584,
          TaskName: '',
        },
      ],
    },
    PageNumber: 1,
    TotalCount: 1,
    PageSize: 10,
  },
  RequestId: 'FB7EC32A-356A-4B33-BA59-6DB1FFF61FD2',
};

describe('toTaskPage', () => {
  it('maps the documented answer to our page, with the URL kept apart', () => {
    const body = vendorTaskListSchema.parse(documented);
    const mapped = toTaskPage('summary', { page: 1, size: 10 }, body, Date.parse('2026-11-23T02:00:00.123Z'), SH);
    expect(exportTaskPageSchema.parse(mapped.page)).toEqual(mapped.page);
    expect(mapped.page).toEqual({
      kind: 'summary',
      page: 1,
      size: 10,
      total: 1,
      fetchedAt: '2026-11-23T02:00:00Z',
      tasks: [
        {
          id: '11584',
          kind: 'summary',
          name: 'Usage history 2019-12-30',
          status: 'success',
          createdAt: '2019-12-31T08:43:21Z',
          updatedAt: '2019-12-31T08:45:02Z',
          startTime: '2019-12-29T16:00:00Z',
          endTime: '2019-12-30T15:59:59Z',
          downloadable: true,
        },
      ],
    });
    expect(JSON.stringify(mapped.page)).not.toContain('Signature');
    expect(mapped.downloadUrls.get('11584')).toBe('https://cdn-polaris.example/file.pdf?Signature=abc');
    expect(mapped.requestId).toBe('FB7EC32A-356A-4B33-BA59-6DB1FFF61FD2');
  });

  it('accepts an empty page without Data, and counts given as digit strings', () => {
    const body = vendorTaskListSchema.parse({ UsageDataPerPage: { TotalCount: '0', PageNumber: '1', PageSize: '20' } });
    expect(toTaskPage('detail', { page: 1, size: 20 }, body, 0, SH).page.tasks).toEqual([]);
  });

  it('orders newest first and marks only successful tasks with a safe URL downloadable', () => {
    const item = (id: string, status: string, created: string, url?: string) => ({
      TaskId: id,
      TaskName: `t${id}`,
      Status: status,
      CreateTime: created,
      UpdateTime: created,
      ...(url !== undefined ? { DownloadUrl: url } : {}),
      TaskConfig: { StartTime: '2026-10-31T16:00:00Z', EndTime: '2026-11-01T15:59:59Z' },
    });
    const body = vendorTaskListSchema.parse({
      UsageDataPerPage: {
        TotalCount: 5,
        Data: {
          DataItem: [
            item('1', 'success', '2026-11-20T00:00:00Z', 'javascript:alert(1)'),
            item('2', 'created', '2026-11-22T00:00:00Z', ''),
            item('3', 'failed', '2026-11-21T00:00:00Z'),
            item('4', 'success', '2026-11-19T00:00:00Z', 'https://files.example/x'),
            item('5', 'success', '2026-11-18T00:00:00Z', 'http://files.example/x'),
          ],
        },
      },
    });
    const { page } = toTaskPage('detail', { page: 1, size: 20 }, body, 0, SH);
    expect(page.tasks.map((t) => [t.id, t.downloadable])).toEqual([
      ['2', false],
      ['3', false],
      ['1', false],
      ['4', true],
      ['5', false],
    ]);
  });

  it('refuses pages that are not the documented shape', () => {
    for (const bad of [
      { Unexpected: true },
      { UsageDataPerPage: { TotalCount: -1 } },
      { UsageDataPerPage: { TotalCount: 1, Data: { DataItem: 'x' } } },
    ]) {
      expect(vendorTaskListSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('keeps a page with odd items: unknown status shown as such, unreadable items dropped, each oddity reported', () => {
    const good = documented.UsageDataPerPage.Data.DataItem[0]!;
    const body = vendorTaskListSchema.parse({
      RequestId: 'r-odd',
      UsageDataPerPage: {
        TotalCount: 7,
        Data: {
          DataItem: [
            { ...good, TaskId: 'ok-1', CreateTime: '2019-12-31T08:43:27Z' },
            { ...good, TaskId: 'odd-status', Status: 'processing', CreateTime: '2019-12-31T08:43:26Z' },
            { ...good, TaskId: 'no-status', Status: undefined, CreateTime: '2019-12-31T08:43:25Z' },
            { ...good, TaskId: 'odd-name', TaskName: 42, DownloadUrl: 7, CreateTime: '2019-12-31T08:43:24Z' },
            { ...good, TaskId: undefined },
            { ...good, TaskId: '../x' },
            { ...good, TaskId: 'no-period', TaskConfig: { StartTime: 'yesterday' } },
            'not an item',
          ],
        },
      },
    });
    const oddities: ListOddity[] = [];
    const mapped = toTaskPage('detail', { page: 1, size: 20 }, body, 0, SH, { report: (o) => oddities.push(o) });
    expect(exportTaskPageSchema.parse(mapped.page)).toEqual(mapped.page);
    expect(mapped.page.tasks.map((t) => [t.id, t.status, t.downloadable])).toEqual([
      ['ok-1', 'success', true],
      ['odd-status', 'unknown', false],
      ['no-status', 'unknown', false],
      ['odd-name', 'success', false],
    ]);
    expect(mapped.page.tasks[3]!.name).toBe('Usage details 2019-12-30');
    expect(mapped.page.total).toBe(7);
    // An unknown status never lends its URL to a download.
    expect([...mapped.downloadUrls.keys()]).toEqual(['ok-1']);
    expect(oddities).toEqual([
      { kind: 'detail', problem: 'unknownStatus', detail: 'processing' },
      { kind: 'detail', problem: 'unknownStatus', detail: '(none)' },
      { kind: 'detail', problem: 'missingTaskId', detail: 'TaskId' },
      { kind: 'detail', problem: 'missingTaskId', detail: 'TaskId' },
      { kind: 'detail', problem: 'missingTime', detail: 'TaskConfig' },
      { kind: 'detail', problem: 'unreadableItem', detail: 'not an object' },
    ]);
  });
});

describe('toCreatedTask', () => {
  it('takes the id and period from CDN and the name we sent', () => {
    const body = vendorCreatedSchema.parse({ RequestId: 'r1', TaskId: 42, StartTime: '2026-10-31T16:00:00Z', EndTime: '2026-11-01T15:59:59Z' });
    expect(toCreatedTask('detail', { name: 'n', startTime: 'a', endTime: 'b' }, body)).toEqual({
      task: { id: '42', kind: 'detail', name: 'n', startTime: '2026-10-31T16:00:00Z', endTime: '2026-11-01T15:59:59Z' },
      requestId: 'r1',
    });
    expect(vendorCreatedSchema.safeParse({ RequestId: 'r1' }).success).toBe(false);
  });
});

describe('taskNameFor', () => {
  it('uses the given name, or one from the days in the report zone', () => {
    const period = { startTime: '2026-10-31T16:00:00Z', endTime: '2026-11-30T15:59:59Z' };
    expect(taskNameFor({ kind: 'summary', name: 'Mine', ...period }, SH)).toBe('Mine');
    expect(taskNameFor({ kind: 'summary', ...period }, SH)).toBe('Usage history 2026-11-01 – 2026-11-30');
    expect(taskNameFor({ kind: 'detail', type: 'vas', ...period }, SH)).toBe('Usage details (vas) 2026-11-01 – 2026-11-30');
  });
});
