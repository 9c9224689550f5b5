import 'server-only';
/**
 * From CDN's vocabulary (UsageDataPerPage.Data.DataItem, TaskConfig, Status …) to ours (ExportTask). Vendor field
 * names stop here. Download URLs are kept apart from the tasks so that a list answer can never leak one.
 */
import type { DetailType, ExportKind, ExportTask, ExportTaskPage } from '@/lib/exports/schemas';
import { defaultTaskName } from '@/lib/exports/task-name';
import { toIsoUtcSeconds, utcToDayRange } from '@/lib/exports/time-range';
import type { VendorCreated, VendorTaskItem, VendorTaskList } from './cdn-schemas';

/** A page of tasks as this server keeps it: the public page plus, apart, the download URL of each finished task. */
export interface TaskPageWithUrls {
  page: ExportTaskPage;
  /** Task id → the download URL CDN handed out with this page. Never sent to the browser as part of a list. */
  downloadUrls: ReadonlyMap<string, string>;
  requestId: string | undefined;
}

export interface CreatedTask {
  task: { id: string; kind: ExportKind; name: string; startTime: string; endTime: string };
  requestId: string | undefined;
}

/** Only URLs a browser can follow safely are ever passed on; a `javascript:` or `data:` URL is CDN's bug, not ours. */
export function isSafeDownloadUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const iso = (value: string) => toIsoUtcSeconds(Date.parse(value));

function toExportTask(kind: ExportKind, item: VendorTaskItem, timeZone: string): ExportTask {
  const startTime = iso(item.TaskConfig.StartTime);
  const endTime = iso(item.TaskConfig.EndTime);
  const name = item.TaskName?.trim();
  return {
    id: item.TaskId,
    kind,
    // Tasks made in CDN's console may have no name; the period says what they hold.
    name: name ? name : defaultTaskName(kind, utcToDayRange({ startTime, endTime }, timeZone)),
    status: item.Status,
    createdAt: iso(item.CreateTime),
    updatedAt: iso(item.UpdateTime ?? item.CreateTime),
    startTime,
    endTime,
    downloadable: item.Status === 'success' && item.DownloadUrl !== undefined && isSafeDownloadUrl(item.DownloadUrl),
  };
}

export function toTaskPage(
  kind: ExportKind,
  request: { page: number; size: number },
  body: VendorTaskList,
  fetchedAt: number,
  timeZone: string,
): TaskPageWithUrls {
  const items = body.UsageDataPerPage.Data?.DataItem ?? [];
  const downloadUrls = new Map<string, string>();
  for (const item of items) {
    if (item.Status === 'success' && item.DownloadUrl) downloadUrls.set(item.TaskId, item.DownloadUrl);
  }
  const tasks = items
    .map((item) => toExportTask(kind, item, timeZone))
    // CDN lists newest first; sorting again keeps that promise even if it ever does not.
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return {
    page: {
      kind,
      page: request.page,
      size: request.size,
      total: body.UsageDataPerPage.TotalCount,
      fetchedAt: toIsoUtcSeconds(fetchedAt),
      tasks,
    },
    downloadUrls,
    requestId: body.RequestId,
  };
}

export function toCreatedTask(
  kind: ExportKind,
  sent: { name: string; startTime: string; endTime: string },
  body: VendorCreated,
): CreatedTask {
  return {
    task: {
      id: body.TaskId,
      kind,
      name: sent.name,
      startTime: body.StartTime ? iso(body.StartTime) : sent.startTime,
      endTime: body.EndTime ? iso(body.EndTime) : sent.endTime,
    },
    requestId: body.RequestId,
  };
}

/** The name a new task gets: the user's, or one from its days in the report zone. */
export function taskNameFor(
  input: { kind: ExportKind; name?: string; startTime: string; endTime: string; type?: DetailType },
  timeZone: string,
): string {
  if (input.name) return input.name;
  const days = utcToDayRange({ startTime: input.startTime, endTime: input.endTime }, timeZone);
  return defaultTaskName(input.kind, days, input.kind === 'detail' ? input.type : undefined);
}
