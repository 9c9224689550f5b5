import 'server-only';
/**
 * From CDN's vocabulary (UsageDataPerPage.Data.DataItem, TaskConfig, Status …) to ours (ExportTask). Vendor field
 * names stop here. Download URLs are kept apart from the tasks so that a list answer can never leak one.
 */
import type { CreatedExport, DetailType, ExportKind, ExportTask, ExportTaskPage, TaskStatus } from '@/lib/exports/schemas';
import { defaultTaskName } from '@/lib/exports/task-name';
import { toIsoUtcSeconds, utcToDayRange } from '@/lib/exports/time-range';
import type { VendorCreated, VendorTaskItem, VendorTaskList } from './cdn-schemas';
import { checkDownloadUrl, HTTPS_ANYWHERE } from './download-url';

/** A page of tasks as this server keeps it: the public page plus, apart, the download URL of each finished task. */
export interface TaskPageWithUrls {
  page: ExportTaskPage;
  /** Task id → the download URL CDN handed out with this page. Never sent to the browser as part of a list. */
  downloadUrls: ReadonlyMap<string, string>;
  requestId: string | undefined;
}

/** The shared answer's task (CreatedExport), with CDN's request id whether or not it sent one. */
export type CreatedTask = Pick<CreatedExport, 'task'> & { requestId: string | undefined };

/**
 * Something in a list answer that the mapper had to work around: an item without what a row needs (dropped), or a
 * status this server does not know (shown as `unknown`). Safe to log: it never carries a download URL.
 */
export interface ListOddity {
  kind: ExportKind;
  problem: 'unreadableItem' | 'missingTaskId' | 'missingTime' | 'unknownStatus';
  /** The field or the status word; bounded, so that a misbehaving upstream cannot fill a log line. */
  detail: string;
}

export interface TaskPageOptions {
  /** Whether a download URL will be passed on (download-url.ts); a task without one is not downloadable. */
  acceptDownloadUrl?: (raw: string | undefined) => boolean;
  /** Told about every oddity of this page (cdn-client.ts logs each distinct one once). */
  report?: (oddity: ListOddity) => void;
}

const KNOWN_STATUSES: ReadonlySet<string> = new Set<TaskStatus>(['created', 'success', 'failed']);
const defaultAccept = (raw: string | undefined) => checkDownloadUrl(raw, HTTPS_ANYWHERE).ok;

const iso = (value: string) => toIsoUtcSeconds(Date.parse(value));

/**
 * One item as a row, or null when it cannot be shown at all: no id (nothing could be downloaded or deleted), or no
 * creation time or period (the wire contract's rows always have them, and the list is ordered by creation).
 */
function toExportTask(kind: ExportKind, item: VendorTaskItem | null, timeZone: string, options: TaskPageOptions): ExportTask | null {
  const report = (problem: ListOddity['problem'], detail: string) => options.report?.({ kind, problem, detail: detail.slice(0, 40) });
  if (item === null) {
    report('unreadableItem', 'not an object');
    return null;
  }
  if (item.TaskId === undefined) {
    report('missingTaskId', 'TaskId');
    return null;
  }
  const created = item.CreateTime ?? item.UpdateTime;
  const start = item.TaskConfig?.StartTime;
  const end = item.TaskConfig?.EndTime;
  if (created === undefined || start === undefined || end === undefined) {
    report('missingTime', created === undefined ? 'CreateTime' : 'TaskConfig');
    return null;
  }
  let status: TaskStatus = 'unknown';
  if (item.Status !== undefined && KNOWN_STATUSES.has(item.Status)) status = item.Status as TaskStatus;
  else report('unknownStatus', item.Status ?? '(none)');
  const startTime = iso(start);
  const endTime = iso(end);
  const name = item.TaskName?.trim();
  const accept = options.acceptDownloadUrl ?? defaultAccept;
  return {
    id: item.TaskId,
    kind,
    // Tasks made in CDN's console may have no name; the period says what they hold.
    name: name ? name : defaultTaskName(kind, utcToDayRange({ startTime, endTime }, timeZone)),
    status,
    createdAt: iso(created),
    updatedAt: iso(item.UpdateTime ?? created),
    startTime,
    endTime,
    downloadable: status === 'success' && accept(item.DownloadUrl),
  };
}

export function toTaskPage(
  kind: ExportKind,
  request: { page: number; size: number },
  body: VendorTaskList,
  fetchedAt: number,
  timeZone: string,
  options: TaskPageOptions = {},
): TaskPageWithUrls {
  const items = body.UsageDataPerPage.Data?.DataItem ?? [];
  const downloadUrls = new Map<string, string>();
  const tasks: ExportTask[] = [];
  for (const item of items) {
    const task = toExportTask(kind, item, timeZone, options);
    if (!task) continue;
    tasks.push(task);
    // Only a finished task's URL is kept; whether it may be passed on is decided when a download asks for it.
    if (task.status === 'success' && item?.DownloadUrl) downloadUrls.set(task.id, item.DownloadUrl);
  }
  // CDN lists newest first; sorting again keeps that promise even if it ever does not.
  tasks.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
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
