/**
 * How a task reads in the table: status words, periods and times in the report time zone, the pager's summary, and
 * which tasks just finished. Kept free of React so that it can be tested in plain node.
 */
import type { ExportTask, TaskStatus } from '@/lib/exports/schemas';
import { isGenerating } from '@/lib/exports/task-status';
import { boundedCache } from '@/lib/exports/bounded-cache';
import { formatDayRange, utcToDayRange } from '@/lib/exports/time-range';

export const STATUS_LABEL: Record<TaskStatus, string> = {
  created: 'Generating',
  success: 'Ready',
  failed: 'Failed',
  // A status CDN reported that this dashboard does not know (lib/exports/schemas.ts).
  unknown: 'Unknown',
};

/** CDN usually finishes in minutes; past this a task is flagged so nobody waits on it silently. */
const SLOW_TASK_MS = 30 * 60 * 1000;

export function isTakingLong(task: Pick<ExportTask, 'status' | 'createdAt'>, now: number): boolean {
  return isGenerating(task) && now - Date.parse(task.createdAt) >= SLOW_TASK_MS;
}

export function periodLabel(task: Pick<ExportTask, 'startTime' | 'endTime'>, timeZone: string): string {
  return formatDayRange(utcToDayRange(task, timeZone));
}

/**
 * The "Created by" cell: the creator's name; "outside the dashboard" when the record has none (made in CDN's console
 * or before the record began); "…" while a task just created here waits for the list to say.
 */
export function creatorLabel(task: Pick<ExportTask, 'createdBy'>): string {
  if (task.createdBy === undefined) return '…';
  return task.createdBy === null ? 'outside the dashboard' : task.createdBy.name;
}

/** One formatter per zone, like the days' (lib/exports/time-range.ts). */
const exactFormats = boundedCache<Intl.DateTimeFormat>(16);
/** Every row shows the same few times poll after poll: each is formatted once, not on every render. */
const exactTimes = boundedCache<string>(2000);

/** The exact time, in the report time zone, for a `title`: `yyyy-MM-dd HH:mm:ss (zone)`. */
export function exactTime(iso: string, timeZone: string): string {
  return exactTimes(`${timeZone}|${iso}`, () => formatExactTime(iso, timeZone));
}

function formatExactTime(iso: string, timeZone: string): string {
  const formatter = exactFormats(
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
  );
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of formatter.formatToParts(Date.parse(iso))) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second} (${timeZone})`;
}

const MINUTE_MS = 60_000;
/** Made on first use, not when the module loads: building an Intl formatter is slow, and page start-up is busy. */
let relativeFormat: Intl.RelativeTimeFormat | undefined;

/** The largest unit that keeps the number above zero, rounded, as date-fns's formatDistanceStrict picks it. */
function distance(ms: number): [number, Intl.RelativeTimeFormatUnit] {
  const minutes = ms / MINUTE_MS;
  if (minutes < 1) return [Math.round(ms / 1000), 'second'];
  if (minutes < 60) return [Math.round(minutes), 'minute'];
  if (minutes < 24 * 60) return [Math.round(minutes / 60), 'hour'];
  if (minutes < 30 * 24 * 60) return [Math.round(minutes / (24 * 60)), 'day'];
  if (minutes < 365 * 24 * 60) return [Math.round(minutes / (30 * 24 * 60)), 'month'];
  return [Math.round(minutes / (365 * 24 * 60)), 'year'];
}

/**
 * "3 minutes ago". A time slightly ahead of this browser's clock (the server's clock differs a little) reads as
 * "just now" rather than "in 2 seconds".
 */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  if (now - then < 10_000) return 'just now';
  const [amount, unit] = distance(now - then);
  relativeFormat ??= new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  return relativeFormat.format(-amount, unit);
}

/** "Updated 5 s ago", compact because it changes every second. */
export function updatedAgo(fetchedAt: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(fetchedAt)) / 1000));
  if (Number.isNaN(seconds)) return 'Updated';
  if (seconds < 60) return `Updated ${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `Updated ${minutes} min ago`;
  return `Updated ${Math.floor(minutes / 60)} h ago`;
}

export function lastPage(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** "41–57 of 57". */
export function pageSummary(page: number, size: number, total: number, shown: number): string {
  if (total === 0 || shown === 0) return `0 of ${total}`;
  const first = (page - 1) * size + 1;
  return `${first}–${first + shown - 1} of ${total}`;
}

export interface StatusChanges {
  ready: ExportTask[];
  failed: ExportTask[];
}

/**
 * Tasks that were generating when last seen and have now finished. Tasks seen for the first time are not news:
 * opening the page must not announce every old task.
 */
export function finishedSince(previous: ReadonlyMap<string, TaskStatus>, tasks: readonly ExportTask[]): StatusChanges {
  const changes: StatusChanges = { ready: [], failed: [] };
  for (const task of tasks) {
    const before = previous.get(task.id);
    if (before === undefined || !isGenerating({ status: before })) continue;
    if (task.status === 'success') changes.ready.push(task);
    else if (task.status === 'failed') changes.failed.push(task);
  }
  return changes;
}
