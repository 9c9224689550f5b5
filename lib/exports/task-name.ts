import { KIND_LABELS } from './kind-labels';
import type { DetailType, ExportKind } from './schemas';
import { formatDayRange, type DayRange } from './time-range';

/**
 * The name a task gets when the user gives none: what it holds and the days it covers, so that a list of tasks reads
 * well in CDN's console too. Always within the 100-character limit.
 */
export function defaultTaskName(kind: ExportKind, days: DayRange, type?: DetailType): string {
  const { name } = KIND_LABELS[kind];
  const what = kind === 'detail' && type ? `${name} (${type})` : name;
  return `${what} ${formatDayRange(days)}`;
}
