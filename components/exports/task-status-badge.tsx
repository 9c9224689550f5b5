import { clsx } from 'clsx';
import { CheckIcon, ClockIcon, Spinner, XIcon } from '@/components/ui/icons';
import type { ExportTask, TaskStatus } from '@/lib/exports/schemas';
import { isGenerating } from '@/lib/exports/task-status';
import { isTakingLong, STATUS_LABEL } from './task-display';
import { useClock } from './use-now';

const STYLES: Record<TaskStatus, string> = {
  created: 'bg-blue-50 text-blue-800 ring-blue-200 dark:bg-blue-950/60 dark:text-blue-200 dark:ring-blue-900',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950/60 dark:text-emerald-200 dark:ring-emerald-900',
  failed: 'bg-red-50 text-red-800 ring-red-200 dark:bg-red-950/60 dark:text-red-200 dark:ring-red-900',
  unknown: 'bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-700',
};

/** Whether a task has been generating for longer than usual; re-renders its caller only when that flips. */
export function useTakingLong(task: Pick<ExportTask, 'status' | 'createdAt'>): boolean {
  return useClock((now) => isTakingLong(task, now));
}

export function TaskStatusBadge({ status, slow }: { status: TaskStatus; slow: boolean }) {
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      <span
        className={clsx(
          'inline-flex h-5 items-center gap-1 rounded-full px-2 text-xs font-medium ring-1 ring-inset',
          STYLES[status],
        )}
      >
        {isGenerating({ status }) ? <Spinner className="size-3" /> : null}
        {status === 'success' ? <CheckIcon className="size-3" /> : null}
        {status === 'failed' ? <XIcon className="size-3" /> : null}
        {STATUS_LABEL[status]}
      </span>
      {slow ? (
        <span className="inline-flex items-center gap-1 text-[11px] leading-3 text-amber-700 dark:text-amber-400">
          <ClockIcon className="size-3" />
          Taking longer than usual
        </span>
      ) : null}
    </span>
  );
}
