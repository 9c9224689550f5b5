import type { DetailType, ExportKind } from './schemas';
import { formatDayRange, type DayRange } from './time-range';

const KIND_LABEL: Record<ExportKind, string> = { summary: 'Usage history', detail: 'Usage details' };

/**
 * The name a task gets when the user gives none: what it holds and the days it covers, so that a list of tasks reads
 * well in CDN's console too. Always within the 100-character limit.
 */
export function defaultTaskName(kind: ExportKind, days: DayRange, type?: DetailType): string {
  const what = kind === 'detail' && type ? `${KIND_LABEL[kind]} (${type})` : KIND_LABEL[kind];
  return `${what} ${formatDayRange(days)}`;
}
